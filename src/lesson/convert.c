/* From what the INI pass collected to a Lesson: numbers in range, the
 * tokenizers, the pairs split into tokens and vocabularies, the worked
 * softmax example, the narration templates checked whole. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/parser.h"
#include "lesson/template.h"
#include "xalloc.h"

static bool get_int(Parser *p, int f, long lo, long hi, long def, long *out)
{
    *out = def;
    const char *v = p->value[f];
    if (!v)
        return true;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    char q[48];
    if (!*v || *end || errno)
        return parser_fail(p, LESSON_ERR_VALUE, p->value_line[f],
                    "%s must be a whole number from %ld to %ld, not '%s'",
                    fields[f].name, lo, hi, parser_quote(q, sizeof q, v));
    if (x < lo || x > hi)
        return parser_fail(p, LESSON_ERR_VALUE, p->value_line[f],
                    "%s = %ld is out of range (%ld to %ld)", fields[f].name,
                    x, lo, hi);
    *out = x;
    return true;
}

static bool get_real(Parser *p, int f, double lo, double hi, bool lo_open,
                     double def, double *out)
{
    *out = def;
    const char *v = p->value[f];
    if (!v)
        return true;
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    char q[48];
    /* ERANGE on underflow (1e-320) is a number, just a tiny one: the range
     * check below says what is wrong with it. */
    bool underflow = errno == ERANGE && fabs(x) <= DBL_MIN;
    if (!*v || *end || (errno && !underflow) || !isfinite(x))
        return parser_fail(p, LESSON_ERR_VALUE, p->value_line[f],
                    "%s must be a number, not '%s'", fields[f].name,
                    parser_quote(q, sizeof q, v));
    /* The value as written: %g would round 1.0000001 to 1 and make the
     * message contradict itself. */
    if (x > hi || x < lo || (lo_open && x <= lo))
        return parser_fail(p, LESSON_ERR_VALUE, p->value_line[f],
                    "%s = %s is out of range (%s%g to %g)", fields[f].name,
                    parser_quote(q, sizeof q, v), lo_open ? "above " : "",
                    lo, hi);
    *out = x;
    return true;
}

static bool get_tokenizer(Parser *p, int f, Tokenizer *out)
{
    const char *v = p->value[f];
    *out = TOKENIZE_SPACES;
    if (!v || strcmp(v, "spaces") == 0)
        return true;
    if (strcmp(v, "chars") == 0) {
        *out = TOKENIZE_CHARS;
        return true;
    }
    char q[48];
    return parser_fail(p, LESSON_ERR_VALUE, p->value_line[f],
                "%s must be 'chars' or 'spaces', not '%s'", fields[f].name,
                parser_quote(q, sizeof q, v));
}

static bool get_text(Parser *p, int f, bool required, size_t max,
                     char **out)
{
    const char *v = p->value[f];
    if (!v && required)
        return parser_fail(p, LESSON_ERR_MISSING, p->section_line[0],
                    "[lesson] has no %s (the title is required in zh and "
                    "en)",
                    fields[f].name);
    if (v && required && !*v)
        return parser_fail(p, LESSON_ERR_VALUE, p->value_line[f], "%s is empty",
                    fields[f].name);
    if (v && strlen(v) > max)
        return parser_fail(p, LESSON_ERR_VALUE, p->value_line[f],
                    "%s is %zu bytes long; at most %zu", fields[f].name,
                    strlen(v), max);
    *out = xstrdup(v ? v : "");
    return true;
}


static bool reserved(const char *tok)
{
    return strcmp(tok, VOCAB_UNK_TOKEN) == 0 ||
           strcmp(tok, VOCAB_GO_TOKEN) == 0 ||
           strcmp(tok, VOCAB_EOS_TOKEN) == 0;
}


/* Tokenizes one side of a pair into ids. With add, new tokens join vocab;
 * otherwise an unknown token is an error (naming it) of kind unknown_kind. */
static bool tokenize_side(Parser *p, const char *text, Tokenizer tk,
                          Vocab *vocab, bool add, int max, const char *what,
                          int line, int **ids, int *count, bool eos)
{
    int *out = xmalloc(((size_t)max + 1) * sizeof(int));
    int n = 0;
    const char *s = text, *start;
    size_t len;
    char tok[256], q[64];
    while (parser_next_token(&s, tk, &start, &len)) {
        if (n == max) {
            free(out);
            return parser_fail(p, LESSON_ERR_PAIR, line,
                        "the %s has more than %d tokens", what, max);
        }
        if (len >= sizeof tok) {
            free(out);
            return parser_fail(p, LESSON_ERR_PAIR, line,
                        "a token of the %s is %zu bytes long; at most %zu",
                        what, len, sizeof tok - 1);
        }
        memcpy(tok, start, len);
        tok[len] = '\0';
        if (reserved(tok)) {
            free(out);
            return parser_fail(p, LESSON_ERR_PAIR, line,
                        "'%s' is reserved by the model and cannot be a "
                        "token",
                        tok);
        }
        int id = add ? vocab_add(vocab, tok) : vocab_find(vocab, tok);
        if (id < 0) {
            free(out);
            return parser_fail(p, LESSON_ERR_INPUT, line,
                        "the %s uses '%s', which no training pair has; "
                        "the model never learnt it",
                        what, parser_quote(q, sizeof q, tok));
        }
        out[n++] = id;
    }
    if (eos)
        out[n++] = VOCAB_EOS;
    *ids = out;
    *count = n;
    return true;
}

static bool convert_pair(Parser *p, const RawPair *r, Lesson *l, bool add,
                         LessonPair *out)
{
    const char *bar = strchr(r->text, '|');
    if (!bar)
        return parser_fail(p, LESSON_ERR_PAIR, r->line,
                    "a pair needs 'source | target' with a '|' between");
    if (strchr(bar + 1, '|'))
        return parser_fail(p, LESSON_ERR_PAIR, r->line,
                    "a pair has one '|' only, between source and target");
    char *src = xstrndup(r->text, (size_t)(bar - r->text));
    const char *tgt = bar + 1;
    const char *probe = src, *st;
    size_t sl;
    bool src_empty = !parser_next_token(&probe, TOKENIZE_SPACES, &st, &sl);
    probe = tgt;
    bool tgt_empty = !parser_next_token(&probe, TOKENIZE_SPACES, &st, &sl);
    bool ok = true;
    if (src_empty || tgt_empty)
        ok = parser_fail(p, LESSON_ERR_PAIR, r->line,
                  "the %s side of the pair is empty",
                  src_empty ? "source" : "target");
    ok = ok && tokenize_side(p, src, l->source_tokenizer, &l->source_vocab,
                             add, LESSON_MAX_INPUT, "source", r->line,
                             &out->source, &out->source_len, false);
    ok = ok && tokenize_side(p, tgt, l->target_tokenizer, &l->target_vocab,
                             add, MAX_TARGET_TOKENS, "target", r->line,
                             &out->target, &out->target_len, true);
    free(src);
    return ok;
}

static bool same_ids(const int *a, int an, const int *b, int bn)
{
    return an == bn && memcmp(a, b, (size_t)an * sizeof *a) == 0;
}

static bool convert_pairs(Parser *p, const RawPairs *raw, Lesson *l,
                          bool training, LessonPair **out, int *count)
{
    *out = xcalloc((size_t)raw->count, sizeof **out);
    *count = 0;
    for (int i = 0; i < raw->count; i++) {
        LessonPair *lp = &(*out)[i];
        (*count)++; /* counted first: a half-converted pair is freed too */
        if (!convert_pair(p, &raw->items[i], l, training, lp))
            return false;
        /* The same source with two targets cannot both be learnt. */
        for (int j = 0; j < i; j++) {
            const LessonPair *o = &(*out)[j];
            if (same_ids(o->source, o->source_len, lp->source,
                         lp->source_len))
                return parser_fail(p, LESSON_ERR_PAIR, raw->items[i].line,
                            "this source is already paired on line %d",
                            raw->items[j].line);
        }
    }
    return true;
}

static bool convert_example(Parser *p, Lesson *l)
{
    const char *v = p->value[F_LOGITS];
    if (!v) {
        if (p->value[F_LABELS])
            return parser_fail(p, LESSON_ERR_MISSING, p->section_line[5],
                        "[softmax] has labels but no logits");
        return true;
    }
    int line = p->value_line[F_LOGITS];
    double vals[MAX_EXAMPLE];
    int n = 0;
    const char *s = v;
    char q[48];
    for (;;) {
        while (is_space(*s) || *s == ',')
            s++;
        if (!*s)
            break;
        char *end;
        errno = 0;
        double x = strtod(s, &end);
        bool underflow = errno == ERANGE && fabs(x) <= DBL_MIN;
        if (end == s || (errno && !underflow) || !isfinite(x) ||
            (*end && !is_space(*end) && *end != ','))
            return parser_fail(p, LESSON_ERR_VALUE, line,
                        "logits must be numbers separated by spaces, not "
                        "'%s'",
                        parser_quote(q, sizeof q, s));
        if (fabs(x) > 1000)
            return parser_fail(p, LESSON_ERR_VALUE, line,
                        "logit %.*s is out of range (-1000 to 1000)",
                        (int)(end - s > 40 ? 40 : end - s), s);
        if (n == MAX_EXAMPLE)
            return parser_fail(p, LESSON_ERR_VALUE, line,
                        "more than %d logits", MAX_EXAMPLE);
        vals[n++] = x;
        s = end;
    }
    if (n < 2)
        return parser_fail(p, LESSON_ERR_VALUE, line,
                    "a softmax example needs at least 2 logits");
    char **labels = xcalloc((size_t)n, sizeof *labels);
    int nl = 0;
    if (p->value[F_LABELS]) {
        const char *ls = p->value[F_LABELS], *st;
        size_t len;
        while (parser_next_token(&ls, TOKENIZE_SPACES, &st, &len)) {
            if (nl == n) {
                nl++;
                break;
            }
            labels[nl++] = xstrndup(st, len);
        }
        if (nl != n) {
            for (int i = 0; i < n && i < nl; i++)
                free(labels[i]);
            free(labels);
            return parser_fail(p, LESSON_ERR_VALUE, p->value_line[F_LABELS],
                        "%s labels for %d logits; give one label per "
                        "logit",
                        nl > n ? "more" : "fewer", n);
        }
    } else {
        for (int i = 0; i < n; i++) {
            char b[16];
            snprintf(b, sizeof b, "%d", i + 1);
            labels[i] = xstrdup(b);
        }
    }
    l->example_logits = xmalloc((size_t)n * sizeof(double));
    memcpy(l->example_logits, vals, (size_t)n * sizeof(double));
    l->example_labels = labels;
    l->example_count = n;
    return true;
}

char *parser_base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 7 && strcmp(b + n - 7, ".lesson") == 0)
        n -= 7;
    return xstrndup(b, n);
}

/* Turns what the INI pass collected into l; false with p->err set. */
bool parser_build(Parser *p, Lesson *l)
{
    if (!p->section_line[0])
        return parser_fail(p, LESSON_ERR_MISSING, 0,
                    "no [lesson] section (it holds the title and sizes)");
    if (!get_text(p, F_TITLE_ZH, true, MAX_TITLE_BYTES, &l->title[LANG_ZH]) ||
        !get_text(p, F_TITLE_EN, true, MAX_TITLE_BYTES, &l->title[LANG_EN]) ||
        !get_text(p, F_DESC_ZH, false, MAX_TEXT_BYTES,
                  &l->description[LANG_ZH]) ||
        !get_text(p, F_DESC_EN, false, MAX_TEXT_BYTES,
                  &l->description[LANG_EN]))
        return false;

    char q[48];
    l->variant = VARIANT_INIT;
    if (p->value[F_VARIANT] && !variant_parse(p->value[F_VARIANT], &l->variant))
        return parser_fail(p, LESSON_ERR_VALUE, p->value_line[F_VARIANT],
                    "variant must be 'init', 'every' or 'attention', not '%s'",
                    parser_quote(q, sizeof q, p->value[F_VARIANT]));
    l->context = CONTEXT_LAST;
    if (p->value[F_CONTEXT] && !context_parse(p->value[F_CONTEXT], &l->context))
        return parser_fail(p, LESSON_ERR_VALUE, p->value_line[F_CONTEXT],
                    "context must be 'last', 'last-transform' or 'mean', "
                    "not '%s'",
                    parser_quote(q, sizeof q, p->value[F_CONTEXT]));

    /* attention = yes|no: a lesson where attention adds nothing to teach
     * trains only init and every */
    l->attention = true;
    if (p->value[F_ATTENTION]) {
        const char *v = p->value[F_ATTENTION];
        if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)
            l->attention = strcmp(v, "yes") == 0;
        else
            return parser_fail(p, LESSON_ERR_VALUE, p->value_line[F_ATTENTION],
                        "attention must be 'yes' or 'no', not '%s'",
                        parser_quote(q, sizeof q, v));
    }
    if (!l->attention && l->variant == VARIANT_ATTENTION)
        return parser_fail(p, LESSON_ERR_VALUE, p->value_line[F_VARIANT],
                    "variant = attention needs attention = yes");
    long attention_size = 0;
    if (!get_int(p, F_ATTENTION_SIZE, 1, 32, 0, &attention_size))
        return false;
    l->attention_size = (int)attention_size;

    long hidden, embed, epochs, max_len = 0;
    double lr, unk;
    if (!get_int(p, F_HIDDEN, 1, 32, 8, &hidden) ||
        !get_int(p, F_EMBED, 1, 32, 6, &embed) ||
        !get_int(p, F_EPOCHS, 1, 100000, 400, &epochs) ||
        !get_int(p, F_MAX_LEN, 1, LESSON_MAX_INPUT, 0, &max_len) ||
        !get_real(p, F_LEARNING_RATE, 0, 1, true, 0.02, &lr) ||
        !get_real(p, F_UNK_RATE, 0, 0.5, false, LESSON_DEFAULT_UNK_RATE,
                  &unk) ||
        !get_tokenizer(p, F_SOURCE_TOKENS, &l->source_tokenizer) ||
        !get_tokenizer(p, F_TARGET_TOKENS, &l->target_tokenizer))
        return false;
    l->hidden = (int)hidden;
    l->embed = (int)embed;
    l->epochs = (int)epochs;
    l->learning_rate = lr;
    l->unk_rate = unk;

    l->seed = 1;
    if (p->value[F_SEED]) {
        const char *v = p->value[F_SEED];
        char *end;
        errno = 0;
        unsigned long long x = strtoull(v, &end, 10);
        if (!*v || *end || errno || strchr(v, '-'))
            return parser_fail(p, LESSON_ERR_VALUE, p->value_line[F_SEED],
                        "seed must be a whole number from 0 to "
                        "18446744073709551615, not '%s'",
                        parser_quote(q, sizeof q, v));
        l->seed = x;
    }

    if (p->data.count == 0)
        return parser_fail(p, LESSON_ERR_MISSING, p->section_line[1],
                    p->section_line[1] ? "[data] has no 'pair = source | "
                                         "target' lines"
                                       : "no [data] section with training "
                                         "pairs");
    if (!convert_pairs(p, &p->data, l, true, &l->pairs, &l->pair_count) ||
        !convert_pairs(p, &p->test, l, false, &l->tests, &l->test_count))
        return false;

    int longest = 0;
    for (int i = 0; i < l->pair_count; i++)
        if (l->pairs[i].target_len > longest)
            longest = l->pairs[i].target_len;
    for (int i = 0; i < l->test_count; i++)
        if (l->tests[i].target_len > longest)
            longest = l->tests[i].target_len;
    /* Every accepted lesson trains within the budget (lesson.h). */
    double work = lesson_training_work(l);
    if (work > LESSON_MAX_TRAINING_WORK) {
        int line = p->value_line[F_EPOCHS] ? p->value_line[F_EPOCHS]
                                           : p->section_line[0];
        return parser_fail(p, LESSON_ERR_VALUE, line,
                    "training would take about %.0f s (%d pairs, hidden %d, "
                    "embed %d, %d epochs); the limit is %d s: lower epochs, "
                    "hidden or the number of pairs",
                    work / LESSON_MAX_TRAINING_WORK * LESSON_TRAINING_BUDGET_S,
                    l->pair_count, l->hidden, l->embed, l->epochs,
                    LESSON_TRAINING_BUDGET_S);
    }

    if (p->value[F_MAX_LEN]) {
        if (max_len < longest)
            return parser_fail(p, LESSON_ERR_VALUE, p->value_line[F_MAX_LEN],
                        "max_len = %ld is shorter than the longest target "
                        "(%d tokens with <eos>)",
                        max_len, longest);
        l->max_len = (int)max_len;
    } else {
        /* Room for an untrained or typed input to run on a little. */
        int m = 2 * longest > longest + 4 ? 2 * longest : longest + 4;
        l->max_len = m < LESSON_MAX_INPUT ? m : LESSON_MAX_INPUT;
    }

    if (p->value[F_INPUT]) {
        int *ids, n;
        if (!tokenize_side(p, p->value[F_INPUT], l->source_tokenizer,
                           &l->source_vocab, false, LESSON_MAX_INPUT,
                           "input", p->value_line[F_INPUT], &ids, &n, false))
            return false;
        if (n == 0) {
            free(ids);
            return parser_fail(p, LESSON_ERR_VALUE, p->value_line[F_INPUT],
                        "the input sentence is empty");
        }
        l->input = ids;
        l->input_len = n;
    } else {
        l->input_len = l->pairs[0].source_len;
        l->input = xmalloc((size_t)l->input_len * sizeof(int));
        memcpy(l->input, l->pairs[0].source,
               (size_t)l->input_len * sizeof(int));
    }

    for (int k = 0; k < NARRATION_KEYS; k++)
        for (int g = 0; g < LANG_COUNT; g++) {
            int f = F_NARRATION + k * LANG_COUNT + g;
            if (!p->value[f])
                continue;
            if (strlen(p->value[f]) > MAX_TEXT_BYTES)
                return parser_fail(p, LESSON_ERR_VALUE, p->value_line[f],
                            "%s is %zu bytes long; at most %d",
                            fields[f].name, strlen(p->value[f]),
                            MAX_TEXT_BYTES);
            /* Pieces were checked line by line; joining cannot add a
             * placeholder, but check the whole to be sure. */
            char bad[64];
            if (!template_check(p->value[f], (StepKind)k, bad, sizeof bad))
                return parser_fail(p, LESSON_ERR_PLACEHOLDER, p->value_line[f],
                            "bad placeholder {%s} in %s", bad,
                            fields[f].name);
            l->narration[k][g] = p->value[f];
            p->value[f] = NULL;
        }
    return convert_example(p, l);
}
