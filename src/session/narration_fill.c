/* Narration, the filling: every placeholder of a template ({t}, {token},
 * {p}, {product}, ...) written from a forward trace (the template language
 * itself is lesson/template.c). Templates are copied piece by piece and
 * never reach printf as a format; numbers are formatted on their own. */
#include "session/narration_internal.h"
#include "lesson/template.h"
#include "session/ui_text.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void narr_buf_add(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

void narr_buf_str(Buf *b, const char *s)
{
    narr_buf_add(b, s, strlen(s));
}

void narr_buf_int(Buf *b, long x)
{
    char t[32];
    snprintf(t, sizeof t, "%ld", x);
    narr_buf_str(b, t);
}

void narration_format_prob(double p, char *out, size_t size)
{
    if (p >= 0.0005 || p == 0)
        snprintf(out, size, "%.4f", p);
    else
        snprintf(out, size, "%.2e", p);
}

void narr_buf_prob(Buf *b, double p)
{
    char t[32];
    narration_format_prob(p, t, sizeof t);
    narr_buf_str(b, t);
}

const char *narration_product_relation(const double *factors, int n,
                                       double product)
{
    /* A student multiplies the factors as printed: "=" only when that
     * gives the printed total, else "≈". */
    double shown = 1;
    char t[32], want[32], got[32];
    for (int i = 0; i < n; i++) {
        narration_format_prob(factors[i], t, sizeof t);
        shown *= strtod(t, NULL);
    }
    narration_format_prob(product, want, sizeof want);
    narration_format_prob(shown, got, sizeof got);
    return strcmp(want, got) == 0 ? "=" : "\xE2\x89\x88";
}

const LessonPair *narration_expected_pair(const Lesson *l, const Trace *tr,
                                          bool *held_out)
{
    for (int k = 0; k < 2; k++) {
        const LessonPair *set = k == 0 ? l->pairs : l->tests;
        int n = k == 0 ? l->pair_count : l->test_count;
        for (int i = 0; i < n; i++) {
            if (set[i].source_len != tr->source_len ||
                memcmp(set[i].source, tr->source,
                       (size_t)tr->source_len * sizeof *tr->source) != 0)
                continue;
            if (held_out)
                *held_out = k == 1;
            return &set[i];
        }
    }
    return NULL;
}

bool narration_output_right(const LessonPair *pair, const Trace *tr)
{
    /* the pair's target ends with <eos>; the trace has it when reached */
    return tr->reached_eos && pair->target_len == tr->output_len &&
           memcmp(pair->target, tr->pick,
                  (size_t)tr->output_len * sizeof *tr->pick) == 0;
}

const char *narr_token(const Vocab *v, int id)
{
    return id >= 0 && id < v->count ? v->tokens[id] : "?";
}

/* Source token t (1-based) as written when the model reads it as <unk>
 * and the typed form is known, else as the vocabulary has it. */
const char *narr_source_token(const Lesson *l, const Trace *tr,
                                const char *const *typed, int t)
{
    int id = tr->source[t - 1];
    if (id == VOCAB_UNK && typed && typed[t - 1] && typed[t - 1][0])
        return typed[t - 1];
    return narr_token(&l->source_vocab, id);
}

bool narr_typed_unknown(const Trace *tr, const char *const *typed, int t)
{
    return t >= 1 && t <= tr->source_len && tr->source[t - 1] == VOCAB_UNK &&
           typed && typed[t - 1] && typed[t - 1][0];
}

/* Joins ids as the tokenizer splits: chars run together, words spaced. */
void narr_buf_tokens(Buf *b, const Vocab *v, Tokenizer tk, const int *ids,
                       int n, bool drop_eos)
{
    bool first = true;
    for (int i = 0; i < n; i++) {
        if (drop_eos && ids[i] == VOCAB_EOS)
            continue;
        if (!first)
            narr_buf_str(b, tokenizer_separator(tk));
        narr_buf_str(b, narr_token(v, ids[i]));
        first = false;
    }
}

/* Writes the input as typed (a <unk> under its typed form). */
void narr_buf_input(Buf *b, const Lesson *l, const Trace *tr,
                      const char *const *typed)
{
    for (int i = 1; i <= tr->source_len; i++) {
        if (i > 1)
            narr_buf_str(b, tokenizer_separator(l->source_tokenizer));
        narr_buf_str(b, narr_source_token(l, tr, typed, i));
    }
}


static bool is(const char *name, size_t len, const char *what)
{
    return strlen(what) == len && memcmp(name, what, len) == 0;
}

static void fill_how(Buf *b, const Fill *f)
{
    bool zh = f->lang == LANG_ZH;
    int T = f->tr->source_len;
    char t[64];
    snprintf(t, sizeof t, "%d", T);
    if (f->c == CONTEXT_LAST) {
        narr_buf_str(b, zh ? "最简单的做法：直接把最后一个隐状态 h"
                      : "The simplest way: the last hidden state h");
        narr_buf_str(b, t);
        narr_buf_str(b, zh ? " 当作语义向量 C。"
                      : " itself becomes the context vector C.");
    } else if (f->c == CONTEXT_LAST_TRANSFORM) {
        narr_buf_str(b, zh ? "对最后一个隐状态做一个变换：C = tanh(Q·h"
                      : "A transform of the last hidden state: C = tanh(Q·h");
        narr_buf_str(b, t);
        narr_buf_str(b, zh ? " + q)。" : " + q).");
    } else {
        narr_buf_str(b, zh ? "把所有隐状态取平均：C = (h1 + … + h"
                      : "The mean of all hidden states: C = (h1 + … + h");
        narr_buf_str(b, t);
        narr_buf_str(b, ") / ");
        narr_buf_str(b, t);
        narr_buf_str(b, zh ? "。" : ".");
    }
}

static void fill_one(Buf *b, const char *name, size_t len, const Fill *f)
{
    const Lesson *l = f->l;
    const Trace *tr = f->tr;
    bool zh = f->lang == LANG_ZH;
    int t = f->step.t;
    int d = t - 1; /* 0-based decoder step */
    bool dec_ok = d >= 0 && d < tr->output_len;

    if (is(name, len, "input")) {
        narr_buf_input(b, l, tr, f->typed);
    } else if (is(name, len, "output")) {
        narr_buf_tokens(b, &l->target_vocab, l->target_tokenizer, tr->pick,
                   tr->output_len, true);
    } else if (is(name, len, "T")) {
        narr_buf_int(b, tr->source_len);
    } else if (is(name, len, "T'")) {
        narr_buf_int(b, tr->output_len);
    } else if (is(name, len, "H")) {
        narr_buf_int(b, l->hidden);
    } else if (is(name, len, "d")) {
        narr_buf_int(b, l->embed);
    } else if (is(name, len, "V")) {
        /* the candidates p_t ranges over: <go> is input-only, no class */
        narr_buf_int(b, l->target_vocab.count - VOCAB_OUTPUT_FIRST);
    } else if (is(name, len, "variant")) {
        narr_buf_str(b, ui_variant_label(f->v, f->lang));
    } else if (is(name, len, "focus") || is(name, len, "focus-token") ||
               is(name, len, "alpha-max")) {
        /* the input the attend step weighs most: argmax_i alpha_{t,i} */
        if (!dec_ok || !tr->alpha || tr->source_len < 1)
            return;
        const double *alpha = trace_alpha(tr, d);
        int best = 0;
        for (int i = 1; i < tr->source_len; i++)
            if (alpha[i] > alpha[best])
                best = i;
        if (name[0] == 'a') {
            char s[32];
            snprintf(s, sizeof s, "%.2f", alpha[best]);
            narr_buf_str(b, s);
        } else if (is(name, len, "focus")) {
            narr_buf_int(b, best + 1);
        } else {
            narr_buf_str(b, narr_source_token(l, tr, f->typed, best + 1));
        }
    } else if (is(name, len, "mode")) {
        narr_buf_str(b, context_name(f->c));
    } else if (is(name, len, "t")) {
        narr_buf_int(b, t);
    } else if (is(name, len, "t-1")) {
        narr_buf_int(b, t - 1);
    } else if (is(name, len, "token")) {
        if (t >= 1 && t <= tr->source_len)
            narr_buf_str(b, narr_source_token(l, tr, f->typed, t));
    } else if (is(name, len, "how")) {
        fill_how(b, f);
    } else if (is(name, len, "prev")) {
        if (dec_ok)
            narr_buf_str(b, narr_token(&l->target_vocab, tr->prev[d]));
    } else if (is(name, len, "fed")) {
        /* y_0 = <go> is the start marker, an input only (no output class) */
        if (dec_ok && d == 0)
            narr_buf_str(b, zh ? "开始标记 <go>（它只作输入，从来不是输出）"
                          : "the start marker <go> (an input only, never "
                            "an output)");
        else if (dec_ok) {
            narr_buf_str(b, zh ? "上一步的输出“" : "the previous output \"");
            narr_buf_str(b, narr_token(&l->target_vocab, tr->prev[d]));
            narr_buf_str(b, zh ? "”" : "\"");
        }
    } else if (is(name, len, "pick")) {
        if (dec_ok)
            narr_buf_str(b, narr_token(&l->target_vocab, tr->pick[d]));
    } else if (is(name, len, "p")) {
        if (dec_ok)
            narr_buf_prob(b, tr->p[d]);
    } else if (is(name, len, "c-role")) {
        if (f->v == VARIANT_ATTENTION) {
            narr_buf_str(b, zh ? "这一步读的不是同一个 C，而是自己的 c"
                          : "This step reads not the one C but its own c");
            narr_buf_int(b, t);
            narr_buf_str(b, zh ? "：所有 h 按注意力权重 α 的加权和（下一步显示这些权重）。"
                          : ": all the h's weighted by attention's α (the "
                            "next step shows the weights).");
        } else if (f->v == VARIANT_EVERY)
            narr_buf_str(b, zh ? "语义向量 C 也参与这一步的运算（C 参与解码的每一步）。"
                          : "The context vector C enters this step too (C "
                            "takes part in every decoder step).");
        else if (t <= 1)
            narr_buf_str(b, zh ? "语义向量 C 就是初始状态 s0，之后各步不再直接看到 C。"
                          : "The context vector C is the initial state s0; "
                            "later steps do not see C directly.");
        else
            narr_buf_str(b, zh ? "这一步看不到 C：C 只作为初始状态 s0 参与了运算。"
                          : "This step does not see C: C only entered as "
                            "the initial state s0.");
    } else if (is(name, len, "then")) {
        if (dec_ok && tr->pick[d] == VOCAB_EOS)
            narr_buf_str(b, zh ? "这是结束符 <eos>，解码到此结束。"
                          : "That is the end marker <eos>, so decoding "
                            "stops.");
        else if (dec_ok && d == tr->output_len - 1)
            narr_buf_str(b, zh ? "已到最大长度，解码停止。"
                          : "The output has reached its maximum length, so "
                            "decoding stops.");
        else
            narr_buf_str(b, zh ? "把它写到输出中，并作为下一步的输入送回解码器。"
                          : "It is written out and fed back as the next "
                            "step's input.");
    } else if (is(name, len, "product")) {
        /* p_1[y_1] × … × p_T'[y_T'] and the total, "=" or "≈" as a
         * calculator on the printed factors agrees (DESIGN.md) */
        int n = tr->output_len;
        bool cut = false;
        for (int i = 0; i < n; i++) {
            /* long outputs: the first three, an ellipsis, the last two */
            if (n > 8 && i == 3) {
                narr_buf_str(b, " × …");
                i = n - 3;
                cut = true;
                continue;
            }
            if (i > 0)
                narr_buf_str(b, " × ");
            narr_buf_prob(b, tr->p[i]);
        }
        double total = exp(tr->logprob);
        narr_buf_str(b, " ");
        /* with factors left out nobody multiplies them: the total is
         * simply the true value */
        narr_buf_str(b, cut ? "=" : narration_product_relation(tr->p, n, total));
        narr_buf_str(b, " ");
        narr_buf_prob(b, total);
    } else if (is(name, len, "prob")) {
        narr_buf_prob(b, exp(tr->logprob));
    } else if (is(name, len, "logprob")) {
        char s[32];
        snprintf(s, sizeof s, "%.4f", tr->logprob);
        narr_buf_str(b, s);
    } else if (is(name, len, "n")) {
        narr_buf_int(b, l->example_count);
    } else if (is(name, len, "logits") || is(name, len, "probs")) {
        int n = l->example_count;
        double *p = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *p);
        double mx = -INFINITY, sum = 0;
        for (int i = 0; i < n; i++)
            mx = fmax(mx, l->example_logits[i]);
        for (int i = 0; i < n; i++)
            sum += p[i] = exp(l->example_logits[i] - mx);
        narr_buf_str(b, "[");
        for (int i = 0; i < n; i++) {
            char s[32];
            if (name[0] == 'l')
                snprintf(s, sizeof s, "%g", l->example_logits[i]);
            else
                snprintf(s, sizeof s, "%.4f", p[i] / sum);
            if (i > 0)
                narr_buf_str(b, ", ");
            narr_buf_str(b, s);
        }
        narr_buf_str(b, "]");
        free(p);
    } else if (is(name, len, "max") || is(name, len, "pmax")) {
        int n = l->example_count, best = 0;
        if (n == 0)
            return;
        double sum = 0;
        for (int i = 1; i < n; i++)
            if (l->example_logits[i] > l->example_logits[best])
                best = i;
        for (int i = 0; i < n; i++)
            sum += exp(l->example_logits[i] - l->example_logits[best]);
        if (name[0] == 'm')
            narr_buf_str(b, l->example_labels[best]);
        else
            narr_buf_prob(b, 1 / sum);
    } else {
        narr_fill_training(b, name, len, f);
    }
}

/* template_walk's sink: literal runs are copied, placeholders filled. */
static void sink_text(void *ctx, const char *s, size_t n)
{
    narr_buf_add(((Fill *)ctx)->out, s, n);
}

static void sink_placeholder(void *ctx, const char *name, size_t len)
{
    Fill *f = ctx;
    fill_one(f->out, name, len, f);
}

void narr_trim_spaces(Buf *b)
{
    while (b->n > 0 && b->s[b->n - 1] == ' ')
        b->s[--b->n] = '\0';
}

bool narr_fill(Fill *f, const char *tmpl)
{
    TemplateSink sink = {sink_text, sink_placeholder, f};
    char bad[64];
    return template_walk(tmpl, f->step.kind, bad, sizeof bad, &sink);
}
