/* The compare view's narration, built from the rows' traces: every
 * number and token comes from the model run on the input on screen, and
 * a sentence about the outputs parting is said only when they part. The
 * sentences are this file's own (not a lesson's templates), so they are
 * printf formats. */
#include "session/narration_compare.h"
#include "session/narration.h"
#include "session/ui_text.h"
#include "utf8.h"
#include "xalloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *s;
    size_t len, cap;
} Str;

__attribute__((format(printf, 2, 3)))
static void add(Str *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t k = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
    if (b->len + k + 1 > b->cap) {
        b->cap = (b->len + k + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, tmp, k);
    b->len += k;
    b->s[b->len] = '\0';
}

static const char *token(const Lesson *l, int id)
{
    const Vocab *v = &l->target_vocab;
    return id >= 0 && id < v->count ? v->tokens[id] : "?";
}

/* The output of a trace without <eos>, joined as the tokenizer splits. */
static void add_output(Str *b, const Lesson *l, const Trace *tr)
{
    bool first = true;
    for (int i = 0; i < tr->output_len; i++) {
        if (tr->pick[i] == VOCAB_EOS)
            continue;
        add(b, "%s%s", first ? "" : tokenizer_separator(l->target_tokenizer),
            token(l, tr->pick[i]));
        first = false;
    }
}

static void add_input(Str *b, const Lesson *l, const Trace *tr,
                      const char *const *typed)
{
    for (int t = 1; t <= tr->source_len; t++) {
        int id = tr->source[t - 1];
        const char *tok = typed && typed[t - 1] ? typed[t - 1]
                          : id >= 0 && id < l->source_vocab.count
                              ? l->source_vocab.tokens[id]
                              : "?";
        add(b, "%s%s", t > 1 ? tokenizer_separator(l->source_tokenizer) : "",
            tok);
    }
}

/* "s₃": digits as Unicode subscripts. */
static void add_sub(Str *b, const char *base, int t)
{
    char sub[48];
    utf8_subscript(t, sub, sizeof sub);
    add(b, "%s%s", base, sub);
}

static void add_prob(Str *b, double p)
{
    char num[32];
    narration_format_prob(p, num, sizeof num);
    add(b, "%s", num);
}

int compare_parting_step(const CompareRows *r)
{
    int longest = 0;
    for (int i = 0; i < r->n; i++)
        if (r->trace[i]->output_len > longest)
            longest = r->trace[i]->output_len;
    for (int t = 1; t <= longest; t++) {
        int first = t <= r->trace[0]->output_len ? r->trace[0]->pick[t - 1]
                                                 : -1;
        for (int i = 1; i < r->n; i++) {
            int y = t <= r->trace[i]->output_len ? r->trace[i]->pick[t - 1]
                                                 : -1;
            if (y != first)
                return t;
        }
    }
    return 0;
}

static void add_parting(Str *b, const CompareRows *r, int t, Lang lang)
{
    int part = compare_parting_step(r);
    bool zh = lang == LANG_ZH;
    if (part == 0 || part > t)
        return; /* not parted (yet): nothing is said about it */
    if (part == t)
        add(b, zh ? "就在这一步，它们的输出分开了。"
                  : " Here their outputs part.");
    else
        add(b, zh ? "它们的输出在第 %d 步分开了。"
                  : " Their outputs parted at step %d.", part);
}

/* Decoder step t of every row: what it reads, or that it ended. */
static void decoder_step(Str *b, const Lesson *l, const CompareRows *r,
                         const Step *st, Lang lang)
{
    bool zh = lang == LANG_ZH, softmax = st->kind == STEP_DECODER_SOFTMAX;
    int t = st->t;
    if (zh)
        add(b, "解码第 %d 步，所有解码器同一步：", t);
    else
        add(b, "Decoder step %d, every decoder at once:", t);
    for (int i = 0; i < r->n; i++) {
        const Trace *tr = r->trace[i];
        const char *name = variant_name(r->variant[i]);
        const char *sep = i + 1 < r->n ? (zh ? "；" : ";") : (zh ? "。" : ".");
        if (t > tr->output_len) {
            add(b, zh ? "%s 已在第 %d 步结束%s" : " %s ended at step %d%s",
                name, tr->output_len, sep);
            continue;
        }
        if (softmax) {
            add(b, zh ? "%s 选“%s”（p = " : " %s picks \"%s\" (p = ", name,
                token(l, tr->pick[t - 1]));
            add_prob(b, tr->p[t - 1]);
            add(b, zh ? "）%s" : ")%s", sep);
        } else if (r->variant[i] == VARIANT_ATTENTION) {
            add(b, zh ? "%s 读自己的 " : " %s reads its own ", name);
            add_sub(b, "c", t);
            add(b, zh ? "（所有 h 按权重 α 的加权和）%s"
                      : ", a weighted mix of all h%s", sep);
        } else {
            add(b, zh ? "%s 的 " : " %s has ", name);
            add(b, "\xE2\x80\x96\xE2\x88\x82");
            add_sub(b, "s", t);
            add(b, "/\xE2\x88\x82" "C\xE2\x80\x96 = %.3f%s",
                tr->influence ? tr->influence[t - 1] : 0.0, sep);
        }
    }
    if (softmax)
        add_parting(b, r, t, lang);
    else if (t == 1)
        add(b, zh ? "init 只在 s₀ 用到 C，every 每一步都把 C 送进去："
                    "下面的小图画出 C 对每一步的影响 ‖J_t‖。"
                  : " init uses C only as s₀, every feeds C into every "
                    "step: the small chart plots C's influence ‖J_t‖ on "
                    "each step.");
}

char *narration_compare_accuracy(const CompareRows *r,
                                 const AccuracyByLength *a, Lang lang)
{
    Str b = {0};
    bool zh = lang == LANG_ZH;
    int lens[LESSON_MAX_INPUT];
    int k = a ? accuracy_lengths(a, lens) : 0;
    if (k == 0) {
        add(&b, zh ? "这一课没有留出的 [test] 句对，所以没有按长度的准确率图。"
                   : "This lesson has no held-out [test] pairs, so there is "
                     "no accuracy-by-length chart.");
        return b.s;
    }
    int lo = lens[0], hi = lens[k - 1];
    if (zh)
        add(&b, "留出的 %d 个句对上逐句完全正确的比例：", a->test_count);
    else
        add(&b, "Exactly right on the %d held-out pairs:", a->test_count);
    for (int i = 0; i < r->n; i++) {
        Variant v = r->variant[i];
        const char *sep = i + 1 < r->n ? (zh ? "；" : ";") : (zh ? "。" : ".");
        if (!a->trained[v])
            continue;
        /* counts, not percentages: exact, and what the chart's points
         * are made of */
        if (lo == hi)
            add(&b, zh ? "%s 长度 %d 时 %d/%d%s" : " %s %d/%d at length %d%s",
                variant_name(v), zh ? lo : a->right[v][lo],
                zh ? a->right[v][lo] : a->pairs[lo],
                zh ? a->pairs[lo] : lo, sep);
        else if (zh)
            add(&b, "%s 长度 %d 时对 %d/%d，长度 %d 时对 %d/%d%s",
                variant_name(v), lo, a->right[v][lo], a->pairs[lo], hi,
                a->right[v][hi], a->pairs[hi], sep);
        else
            add(&b, " %s %d/%d at length %d, %d/%d at length %d%s",
                variant_name(v), a->right[v][lo], a->pairs[lo], lo,
                a->right[v][hi], a->pairs[hi], hi, sep);
    }
    return b.s;
}

char *narration_compare_title(const Lesson *l, const CompareRows *r,
                              const Step *step, Lang lang,
                              const char *const *typed)
{
    bool zh = lang == LANG_ZH;
    Str b = {0};
    switch (step->kind) {
    case STEP_DECODER_STATE:
    case STEP_DECODER_ATTEND:
        add(&b, zh ? "解码第 %d 步：所有解码器算出 s" : "Decoder step %d: "
                     "every decoder's s", step->t);
        add_sub(&b, "", step->t);
        return b.s;
    case STEP_DECODER_SOFTMAX:
        add(&b, zh ? "解码第 %d 步：所有解码器的 softmax"
                   : "Decoder step %d: every decoder's softmax", step->t);
        return b.s;
    case STEP_SUMMARY:
        add(&b, zh ? "总结：%d 个解码器的输出" : "Summary: the outputs of %d "
                     "decoders", r->n);
        return b.s;
    default:
        free(b.s);
        return narration_step_title(l, r->n > 0 ? r->trace[0] : NULL, step,
                                    lang, typed);
    }
}

char *narration_compare(const Lesson *l, const CompareRows *r,
                        const AccuracyByLength *accuracy, const Step *step,
                        Lang lang, const char *const *typed)
{
    Str b = {0};
    bool zh = lang == LANG_ZH;
    add(&b, "%s", "");
    if (r->n == 0)
        return b.s;
    const Trace *tr0 = r->trace[0];
    switch (step->kind) {
    case STEP_OVERVIEW:
        add(&b, zh ? "对比视图：同一个编码器读入“"
                   : "The compare view: one encoder reads \"");
        add_input(&b, l, tr0, typed);
        add(&b, zh ? "”，它的 C 交给 %d 个解码器，上下排列：init（C 只作初始"
                     "状态，图 4）、every（C 参与每一步，图 5）%s。每按一次键，"
                     "所有解码器一起走一步。"
                   : "\", and its C goes to %d decoders, one above the "
                     "other: init (C only as the initial state, figure 4), "
                     "every (C in every step, figure 5)%s. Each step key "
                     "moves them all together.",
            r->n,
            r->n > 2 ? (zh ? "、attention（每一步各自的 cₜ）"
                           : ", attention (each step its own cₜ)")
                     : "");
        break;
    case STEP_SOFTMAX_EXAMPLE:
    case STEP_ENCODER:
    case STEP_CONTEXT: {
        char *own = narration_for_step(l, tr0, r->variant[0],
                                       r->context, step, lang, typed);
        /* the encoder's own words; the context mode's own words are in
         * the header */
        if (step->kind == STEP_CONTEXT)
            add(&b, zh ? "输入读完了，C 只算一次：同一个 C 交给每个解码器。"
                         "init 只把它当作 s₀，every 在每一步都用它。"
                       : "The input is read, and C is formed once: the same "
                         "C goes to every decoder. init uses it only as s₀, "
                         "every uses it at every step.");
        else
            add(&b, "%s", own);
        free(own);
        break;
    }
    case STEP_DECODER_STATE:
    case STEP_DECODER_ATTEND:
    case STEP_DECODER_SOFTMAX:
        decoder_step(&b, l, r, step, lang);
        break;
    case STEP_SUMMARY: {
        for (int i = 0; i < r->n; i++) {
            const Trace *tr = r->trace[i];
            /* "init 写出…" / "init writes …": the decoder's name first */
            add(&b, zh ? "%s%s 写出“" : "%s%s writes \"",
                i && !zh ? " " : "", variant_name(r->variant[i]));
            add_output(&b, l, tr);
            add(&b, zh ? "”，p(y|x) = " : "\", p(y|x) = ");
            add_prob(&b, exp(tr->logprob));
            /* against the expected output, when the input is a pair */
            const LessonPair *pair = narration_expected_pair(l, tr, NULL);
            if (pair)
                add(&b, "%s", ui_text(narration_output_right(pair, tr)
                                          ? UI_TITLE_RIGHT
                                          : UI_TITLE_WRONG,
                                      lang));
            add(&b, zh ? "。" : ".");
        }
        int part = compare_parting_step(r);
        if (part)
            add(&b, zh ? "输出在第 %d 步分开。" : " The outputs part at step %d.",
                part);
        else
            add(&b, zh ? "它们写出同样的输出。" : " They write the same output.");
        char *acc = narration_compare_accuracy(r, accuracy, lang);
        add(&b, "%s%s", zh ? "" : " ", acc);
        free(acc);
        break;
    }
    default:
        break;
    }
    return b.s;
}
