/* The lesson loader: a table of malformed lessons, each with the error kind
 * and line it must give; files that are folders, unreadable, too big or
 * hold a NUL; and the things that must load (CRLF, a BOM, long lines,
 * continuation lines, inline comments), the tokenizers and the narration
 * placeholders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "lesson/lesson.h"
#include "lesson/template.h"
#include "session/narration.h"

#define HEAD "[lesson]\ntitle.zh = 标题\ntitle.en = Title\n"
#define CHARS "source_tokens = chars\n"
#define DATA "[data]\npair = 机器 | machine\npair = 学习 | learning\n"

typedef struct {
    const char *text;
    LessonErrorKind kind;
    int line;
    const char *says; /* a part of the message, or NULL */
} Bad;

static const Bad bad[] = {
    /* keys and sections */
    {HEAD "hiden = 8\n" CHARS DATA, LESSON_ERR_KEY, 4, "did you mean 'hidden'"},
    {HEAD CHARS "[dta]\npair = 机器 | m\n", LESSON_ERR_SECTION, 5,
     "did you mean [data]"},
    {HEAD CHARS "[fruit]\n" DATA, LESSON_ERR_SECTION, 5, "unknown section"},
    {HEAD CHARS "[data]\npairs = 机器 | m\n", LESSON_ERR_KEY, 6,
     "did you mean 'pair'"},
    {HEAD CHARS DATA "[narration]\nencoder.fr = x\n", LESSON_ERR_KEY, 9,
     "encoder.fr"},
    {HEAD CHARS DATA "[narration]\nencodr.en = x\n", LESSON_ERR_KEY, 9,
     "did you mean 'encoder.en'"},
    {"[lesson]\ntitle.zh = 标题\n" CHARS DATA, LESSON_ERR_MISSING, 1,
     "title.en"},
    {CHARS DATA, LESSON_ERR_SYNTAX, 1, "before any [section]"},
    {"; only a comment\n" DATA, LESSON_ERR_MISSING, 0, "no [lesson]"},
    {HEAD CHARS, LESSON_ERR_MISSING, 0, "no [data]"},
    {HEAD CHARS "[data]\n", LESSON_ERR_MISSING, 5, "[data] has no"},
    {HEAD "hidden = 8\n" CHARS "hidden = 9\n" DATA, LESSON_ERR_DUPLICATE, 6,
     "line 4"},
    {HEAD "title.en = Again\n" CHARS DATA, LESSON_ERR_DUPLICATE, 4, NULL},
    /* numbers and names */
    {HEAD "hidden = abc\n" CHARS DATA, LESSON_ERR_VALUE, 4, "whole number"},
    {HEAD "hidden = 33\n" CHARS DATA, LESSON_ERR_VALUE, 4, "1 to 32"},
    {HEAD "embed = 0\n" CHARS DATA, LESSON_ERR_VALUE, 4, "out of range"},
    {HEAD "epochs = 0\n" CHARS DATA, LESSON_ERR_VALUE, 4, NULL},
    {HEAD "epochs = 100001\n" CHARS DATA, LESSON_ERR_VALUE, 4, NULL},
    {HEAD "epochs = 12x\n" CHARS DATA, LESSON_ERR_VALUE, 4, NULL},
    {HEAD "learning_rate = 0\n" CHARS DATA, LESSON_ERR_VALUE, 4, NULL},
    {HEAD "learning_rate = nan\n" CHARS DATA, LESSON_ERR_VALUE, 4, NULL},
    {HEAD "unk_rate = 0.9\n" CHARS DATA, LESSON_ERR_VALUE, 4, NULL},
    {HEAD "seed = -1\n" CHARS DATA, LESSON_ERR_VALUE, 4, NULL},
    {HEAD "variant = both\n" CHARS DATA, LESSON_ERR_VALUE, 4, "'init'"},
    {HEAD "context = first\n" CHARS DATA, LESSON_ERR_VALUE, 4, "'mean'"},
    {HEAD "source_tokens = words\n" DATA, LESSON_ERR_VALUE, 4, "'chars'"},
    {HEAD "max_len = 1\n" CHARS DATA, LESSON_ERR_VALUE, 4, "longest target"},
    {HEAD "title.zh = \n", LESSON_ERR_DUPLICATE, 4, NULL},
    {"[lesson]\ntitle.zh =\ntitle.en = T\n" CHARS DATA, LESSON_ERR_VALUE, 2,
     "empty"},
    /* pairs */
    {HEAD CHARS "[data]\npair = 机器 machine\n", LESSON_ERR_PAIR, 6, "'|'"},
    {HEAD CHARS "[data]\npair = 机器 | m\npair = 学习 |\n", LESSON_ERR_PAIR,
     7, "target side"},
    {HEAD CHARS "[data]\npair =  | machine\n", LESSON_ERR_PAIR, 6,
     "source side"},
    {HEAD CHARS "[data]\npair = 机 | a | b\n", LESSON_ERR_PAIR, 6, "one '|'"},
    {HEAD CHARS "[data]\npair = 机 | <eos>\n", LESSON_ERR_PAIR, 6, "reserved"},
    {HEAD CHARS DATA "pair = 机器 | robot\n", LESSON_ERR_PAIR, 8, "line 6"},
    {HEAD CHARS "[data]\npair = 一二三四五六七八九十一二三四五六七八九十一二三"
                "四五六七八九十一二三 | x\n",
     LESSON_ERR_PAIR, 6, "more than 32"},
    {HEAD CHARS DATA "[test]\npair = 机人 | machine\n", LESSON_ERR_INPUT, 9,
     "'人'"},
    /* the input */
    {HEAD CHARS DATA "[input]\nsource = 学机器人\n", LESSON_ERR_INPUT, 9,
     "'人'"},
    {HEAD CHARS DATA "[input]\nsource =\n", LESSON_ERR_VALUE, 9, "empty"},
    /* narration */
    {HEAD CHARS DATA "[narration]\nencoder.en = reads {tokn}\n",
     LESSON_ERR_PLACEHOLDER, 9, "{tokn}"},
    {HEAD CHARS DATA "[narration]\noverview.zh = 第 {t} 步\n",
     LESSON_ERR_PLACEHOLDER, 9, "overview"},
    {HEAD CHARS DATA "[narration]\nsummary.en = p = {prob\n",
     LESSON_ERR_PLACEHOLDER, 9, "closing"},
    {HEAD CHARS DATA "[narration]\nsummary.en = a }\n",
     LESSON_ERR_PLACEHOLDER, 9, "opening"},
    {HEAD CHARS DATA "[narration]\nencoder.en = fine {t}\n  then {bad}\n",
     LESSON_ERR_PLACEHOLDER, 10, "{bad}"},
    /* softmax example */
    {HEAD CHARS DATA "[softmax]\nlogits = 1\n", LESSON_ERR_VALUE, 9,
     "at least 2"},
    {HEAD CHARS DATA "[softmax]\nlogits = 1 x 2\n", LESSON_ERR_VALUE, 9,
     "numbers"},
    {HEAD CHARS DATA "[softmax]\nlogits = 1 2\nlabels = a b c\n",
     LESSON_ERR_VALUE, 10, "one label per logit"},
    {HEAD CHARS DATA "[softmax]\nlabels = a b\n", LESSON_ERR_MISSING, 8,
     "no logits"},
    /* syntax */
    {HEAD CHARS "[data\n" DATA, LESSON_ERR_SYNTAX, 5, "closing ']'"},
    {HEAD "just some words\n" CHARS DATA, LESSON_ERR_SYNTAX, 4,
     "key = value"},
    {HEAD "= 3\n" CHARS DATA, LESSON_ERR_SYNTAX, 4, "no key"},
    {HEAD "oops\nhiden = 3\n" CHARS DATA, LESSON_ERR_SYNTAX, 4, NULL},
    {HEAD CHARS DATA "  continued\n", LESSON_ERR_SYNTAX, 8, "pair"},
    {HEAD "hidden = 8\n  9\n" CHARS DATA, LESSON_ERR_SYNTAX, 5, "not text"},
    /* bytes */
    {HEAD "\xff\n" DATA, LESSON_ERR_ENCODING, 4, "UTF-8"},
    {HEAD "title.x = \xe6\x9c\n", LESSON_ERR_ENCODING, 4, "UTF-8"},
    {HEAD "a = \xc0\xaf\n", LESSON_ERR_ENCODING, 4, "UTF-8"}, /* overlong */
    {HEAD "a = \xed\xa0\x80\n", LESSON_ERR_ENCODING, 4, NULL}, /* surrogate */
    {HEAD "a = b\x01\n", LESSON_ERR_ENCODING, 4, "control"},
    {"[lesson]\rtitle.zh = x\n", LESSON_ERR_ENCODING, 1, "U+000D"},
    /* issue 18, item 9 */
    {HEAD "a = b\xc2\x85\n", LESSON_ERR_ENCODING, 4, "U+0085"}, /* C1 */
    {HEAD "a = \xc2\x9f\n", LESSON_ERR_ENCODING, 4, "U+009F"},
    {"  [lesson]\ntitle.zh = 标题\n" CHARS DATA, LESSON_ERR_SECTION, 1,
     "must start the line"},
    {HEAD CHARS "  [data]\npair = 机器 | m\n", LESSON_ERR_SECTION, 5,
     "must start the line"},
    {HEAD CHARS DATA "[softmax]\nlogits = 1 1000.0001\n", LESSON_ERR_VALUE, 9,
     "logit 1000.0001 is out of range"},
    {HEAD "learning_rate = 1.0000001\n" CHARS DATA, LESSON_ERR_VALUE, 4,
     "learning_rate = 1.0000001 is out of range"},
    {HEAD "learning_rate = -1e-320\n" CHARS DATA, LESSON_ERR_VALUE, 4,
     "out of range"},
    {HEAD CHARS DATA "[narration]\nsummary.en = {词语词语词语词语词语词语词语}\n",
     LESSON_ERR_PLACEHOLDER, 9, "no placeholder {词语词语词语词语词语词语词}"},
    {"\xEF\xBB\xBF\xEF\xBB\xBF" HEAD CHARS DATA, LESSON_ERR_ENCODING, 1,
     "byte-order mark"},
    {HEAD CHARS "\xEF\xBB\xBF[data]\npair = 机器 | m\n", LESSON_ERR_ENCODING,
     5, "byte-order mark"},
    {HEAD CHARS DATA "[narration]\nsummary.en = {词}\n",
     LESSON_ERR_PLACEHOLDER, 9, "no placeholder {词}"},
    {HEAD "hidden = 32\nembed = 32\nepochs = 100000\n" CHARS DATA,
     LESSON_ERR_VALUE, 6, "the limit is 10 s"},
};

static void test_bad_table(void)
{
    int n = (int)(sizeof bad / sizeof *bad);
    CHECK(n >= 25);
    for (int i = 0; i < n; i++) {
        LessonError err;
        Lesson *l = lesson_load_string(bad[i].text, strlen(bad[i].text),
                                       "bad.lesson", &err);
        CHECK_MSG(l == NULL, "case %d loaded", i);
        lesson_free(l);
        CHECK_MSG(err.kind == bad[i].kind, "case %d: kind %d, want %d (%s)",
                  i, err.kind, bad[i].kind, err.message);
        CHECK_MSG(err.line == bad[i].line, "case %d: line %d, want %d (%s)",
                  i, err.line, bad[i].line, err.message);
        if (bad[i].says)
            CHECK_MSG(strstr(err.message, bad[i].says) != NULL,
                      "case %d: '%s' does not say '%s'", i, err.message,
                      bad[i].says);
        CHECK_MSG(strchr(err.message, '\n') == NULL, "case %d: two lines",
                  i);
        CHECK(strcmp(err.file, "bad.lesson") == 0);
    }
}

/* A NUL byte cannot sit in a C string literal's strlen, so it has its own
 * case; so does a file over the limit. */
static void test_bad_bytes(void)
{
    static const char nul[] = "[lesson]\ntitle.zh = a\0b\n";
    LessonError err;
    Lesson *l = lesson_load_string(nul, sizeof nul - 1, "nul", &err);
    CHECK(l == NULL);
    CHECK(err.kind == LESSON_ERR_ENCODING);
    CHECK(err.line == 2);
    CHECK(strstr(err.message, "NUL") != NULL);

    size_t big = 1024 * 1024 + 1;
    char *text = malloc(big);
    memset(text, ';', big);
    l = lesson_load_string(text, big, "big", &err);
    CHECK(l == NULL);
    CHECK(err.kind == LESSON_ERR_TOO_BIG);
    CHECK(err.line == 0);
    free(text);

    char buf[1200];
    l = lesson_load_string(HEAD "hiden = 8\n", strlen(HEAD) + 10,
                           "lessons/x.lesson", &err);
    lesson_error_format(&err, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "lessons/x.lesson:4: unknown key 'hiden' in "
                          "[lesson] (did you mean 'hidden'?)") == 0,
              "%s", buf);
}

static void write_file(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(fwrite(text, 1, n, f) == n);
    fclose(f);
}

static void test_bad_files(void)
{
    char dir[] = "/tmp/s2s-lesson-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[600];
    LessonError err;

    Lesson *l = lesson_load(dir, &err);
    CHECK(l == NULL && err.kind == LESSON_ERR_IO && err.line == 0);
    CHECK(strstr(err.message, "folder") != NULL);

    snprintf(path, sizeof path, "%s/missing.lesson", dir);
    l = lesson_load(path, &err);
    CHECK(l == NULL && err.kind == LESSON_ERR_IO);
    CHECK(strcmp(err.file, path) == 0);

    snprintf(path, sizeof path, "%s/locked.lesson", dir);
    const char *ok = HEAD CHARS DATA;
    write_file(path, ok, strlen(ok));
    chmod(path, 0);
    if (geteuid() != 0) { /* root reads anything */
        l = lesson_load(path, &err);
        CHECK(l == NULL && err.kind == LESSON_ERR_IO);
    }
    unlink(path);

    snprintf(path, sizeof path, "%s/big.lesson", dir);
    size_t big = 1024 * 1024 + 10;
    char *text = malloc(big);
    memset(text, '\n', big);
    write_file(path, text, big);
    free(text);
    l = lesson_load(path, &err);
    CHECK(l == NULL && err.kind == LESSON_ERR_TOO_BIG);
    unlink(path);

    snprintf(path, sizeof path, "%s/nul.lesson", dir);
    static const char nul[] = "[lesson]\n\ntitle.zh = \0\n";
    write_file(path, nul, sizeof nul - 1);
    l = lesson_load(path, &err);
    CHECK(l == NULL && err.kind == LESSON_ERR_ENCODING && err.line == 3);
    unlink(path);

    snprintf(path, sizeof path, "%s/good.lesson", dir);
    write_file(path, ok, strlen(ok));
    l = lesson_load(path, &err);
    CHECK(l != NULL);
    if (l) {
        CHECK(strcmp(l->name, "good") == 0);
        CHECK(strcmp(l->path, path) == 0);
    }
    lesson_free(l);
    unlink(path);
    rmdir(dir);
}

static Lesson *load_ok(const char *text)
{
    LessonError err;
    Lesson *l = lesson_load_string(text, strlen(text), "ok.lesson", &err);
    CHECK_MSG(l != NULL, "did not load: line %d: %s", err.line, err.message);
    return l;
}

static void test_good(void)
{
    /* CRLF and a BOM; comments inline and on their own lines */
    Lesson *l = load_ok("\xEF\xBB\xBF[lesson]\r\ntitle.zh = 标题 ; note\r\n"
                        "title.en = T;x\r\n# c\r\n" CHARS
                        "[data]\r\npair = 机器 | machine\r\n");
    if (l) {
        CHECK(strcmp(l->title[LANG_ZH], "标题") == 0);
        CHECK(strcmp(l->title[LANG_EN], "T;x") == 0);
        CHECK(strcmp(l->description[LANG_EN], "") == 0);
        CHECK(l->pair_count == 1);
        CHECK(l->source_vocab.count == 3); /* <unk> 机 器 */
        CHECK(l->target_vocab.count == 3); /* <go> <eos> machine */
        CHECK(l->pairs[0].target_len == 2);
        CHECK(l->pairs[0].target[1] == VOCAB_EOS);
        CHECK(l->input_len == 2);
        CHECK(l->hidden == 8 && l->embed == 6 && l->epochs == 400);
        CHECK(l->variant == VARIANT_INIT && l->context == CONTEXT_LAST);
        CHECK(l->max_len >= 2 && l->max_len <= LESSON_MAX_INPUT);
        CHECK_NEAR(l->unk_rate, LESSON_DEFAULT_UNK_RATE, 1e-12);
    }
    lesson_free(l);

    /* continuation lines: a blank between words, none between 汉字 */
    l = load_ok(HEAD CHARS "description.en = one\n  two\n"
                "description.zh = 第一行，\n    第二行\n" DATA
                "[narration]\nencoder.en = reads\n  {token}\n");
    if (l) {
        CHECK(strcmp(l->description[LANG_EN], "one two") == 0);
        CHECK(strcmp(l->description[LANG_ZH], "第一行，第二行") == 0);
        CHECK(strcmp(l->narration[STEP_ENCODER][LANG_EN], "reads {token}") ==
              0);
        CHECK(l->narration[STEP_ENCODER][LANG_ZH] == NULL);
    }
    lesson_free(l);

    /* A line far over inih's 200 bytes keeps its whole value. */
    char text[4096], value[1600] = "";
    for (int i = 0; i < 100; i++)
        strcat(value, "编码器{t}"); /* 12 bytes each */
    snprintf(text, sizeof text,
             HEAD CHARS DATA "[narration]\nencoder.zh = %s ; comment\n"
                             "  续 {t-1}\nencoder.en = short\n",
             value);
    l = load_ok(text);
    if (l) {
        char want[1700];
        snprintf(want, sizeof want, "%s续 {t-1}", value);
        CHECK(strcmp(l->narration[STEP_ENCODER][LANG_ZH], want) == 0);
        CHECK(strcmp(l->narration[STEP_ENCODER][LANG_EN], "short") == 0);
    }
    lesson_free(l);

    /* ...and a bad placeholder far along a long line names that line */
    snprintf(text, sizeof text,
             HEAD CHARS DATA "[narration]\nencoder.zh = %s{nope}\n", value);
    LessonError err;
    l = lesson_load_string(text, strlen(text), "long", &err);
    CHECK(l == NULL && err.kind == LESSON_ERR_PLACEHOLDER && err.line == 9);
    snprintf(text, sizeof text, HEAD CHARS DATA "[%s]\n", value);
    l = lesson_load_string(text, strlen(text), "long", &err);
    CHECK(l == NULL && err.kind == LESSON_ERR_SECTION && err.line == 8);
    snprintf(text, sizeof text, HEAD "%s\n" CHARS DATA, value);
    l = lesson_load_string(text, strlen(text), "long", &err);
    CHECK(l == NULL && err.kind == LESSON_ERR_LINE_LONG && err.line == 4);

    /* the whole lesson: every key */
    l = load_ok("[lesson]\ntitle.zh = 标\ntitle.en = T\nvariant = every\n"
                "context = last-transform\nhidden = 4\nembed = 3\n"
                "seed = 18446744073709551615\nepochs = 5\n"
                "learning_rate = 0.5\nunk_rate = 0\nmax_len = 9\n"
                "source_tokens = spaces\ntarget_tokens = chars\n"
                "[data]\npair = a b | 甲乙\npair = b | 乙\n"
                "[test]\npair = b a | 乙甲\n[input]\nsource = b a\n"
                "[softmax]\nlogits = -3, 2, -1, 0\nlabels = w x y z\n");
    if (l) {
        CHECK(l->variant == VARIANT_EVERY);
        CHECK(l->context == CONTEXT_LAST_TRANSFORM);
        CHECK(l->hidden == 4 && l->embed == 3 && l->epochs == 5);
        CHECK(l->seed == UINT64_MAX);
        CHECK(l->max_len == 9);
        CHECK_NEAR(l->learning_rate, 0.5, 0);
        CHECK_NEAR(l->unk_rate, 0, 0);
        CHECK(l->source_tokenizer == TOKENIZE_SPACES);
        CHECK(l->target_tokenizer == TOKENIZE_CHARS);
        CHECK(l->test_count == 1 && l->tests[0].target_len == 3);
        CHECK(l->input_len == 2 && l->input[0] == 2 && l->input[1] == 1);
        CHECK(l->example_count == 4);
        if (l->example_count == 4) {
            CHECK_NEAR(l->example_logits[0], -3, 0);
            CHECK(strcmp(l->example_labels[3], "z") == 0);
        }

        int ids[LESSON_MAX_INPUT], unk = -1;
        CHECK(lesson_tokenize_input(l, " b  zz a ", ids, LESSON_MAX_INPUT,
                                    &unk) == 3);
        CHECK(unk == 1 && ids[1] == VOCAB_UNK && ids[0] == 2);
        CHECK(lesson_tokenize_input(l, "   ", ids, LESSON_MAX_INPUT, NULL) ==
              -1);
        CHECK(lesson_tokenize_input(l, "a a a", ids, 2, NULL) == -1);

        TrainPair *tp = lesson_train_pairs(l);
        CHECK(tp[1].source_len == 1 && tp[1].target_len == 2);
        CHECK(tp[0].source == l->pairs[0].source);
        free(tp);
    }
    lesson_free(l);

    /* the chars tokenizer on typed text: spaces dropped, broken bytes are
     * tokens of their own (then <unk>) */
    l = load_ok(HEAD CHARS DATA);
    if (l) {
        int ids[LESSON_MAX_INPUT], unk;
        CHECK(lesson_tokenize_input(l, "机 器\xff学", ids, LESSON_MAX_INPUT,
                                    &unk) == 4);
        CHECK(unk == 1 && ids[2] == VOCAB_UNK);
    }
    lesson_free(l);
    lesson_free(NULL);
}

static void test_placeholders(void)
{
    char bad_name[64];
    CHECK(template_check("h{t} = f(h{t-1}, {token}) {{x}}", STEP_ENCODER,
                          bad_name, sizeof bad_name));
    CHECK(!template_check("{pick}", STEP_ENCODER, bad_name,
                           sizeof bad_name));
    CHECK(strcmp(bad_name, "pick") == 0);
    CHECK(!template_check("{", STEP_SUMMARY, bad_name, sizeof bad_name));
    CHECK(strcmp(bad_name, "{") == 0);
    /* every built-in template passes its own check */
    for (int k = 0; k < STEP_KIND_COUNT; k++)
        for (int g = 0; g < LANG_COUNT; g++) {
            const char *t = narration_default((StepKind)k, (Lang)g);
            CHECK(t && *t);
            CHECK_MSG(template_check(t, (StepKind)k, bad_name,
                                      sizeof bad_name),
                      "built-in %d/%d: {%s}", k, g, bad_name);
        }
    Lang g;
    CHECK(lang_parse("zh", &g) && g == LANG_ZH);
    CHECK(lang_parse("en", &g) && g == LANG_EN);
    CHECK(!lang_parse("fr", &g));
    CHECK(strcmp(lang_name(LANG_EN), "en") == 0);
}

int main(void)
{
    test_bad_table();
    test_bad_bytes();
    test_bad_files();
    test_good();
    test_placeholders();
    return check_exit();
}
