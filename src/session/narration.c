/* Narration: the built-in zh/en text for every step kind (following the
 * article) and the filling of a template from a forward trace (the
 * template language is lesson/template.c). Templates are copied piece by
 * piece and never reach printf as a format; numbers are formatted on their
 * own. */
#include "session/narration.h"
#include "lesson/template.h"
#include "session/ui_text.h"
#include "utf8.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- templates -------------------------------------------------------- */

static const char *const defaults[STEP_KIND_COUNT][LANG_COUNT] = {
    [STEP_OVERVIEW] = {
        "这是一个 Seq2Seq 编码器-解码器网络。编码器把输入“{input}”的 {T} "
        "个词逐个读入，压缩成一个语义向量 C；解码器再根据 C "
        "一个词一个词地生成输出，上一步的输出作为下一步的输入。"
        "解码方式：{variant}。",
        "This is a seq2seq encoder-decoder network. The encoder reads the "
        "{T} tokens of \"{input}\" one by one and compresses them into a "
        "context vector C; the decoder then writes the output one token at "
        "a time, feeding each output back in as the next input. "
        "Decoder: {variant}.",
    },
    [STEP_SOFTMAX_EXAMPLE] = {
        "先看 softmax：分类器输出 V = {logits}，softmax（公式见下）"
        "把它们变成相对概率 {probs}，总和为 1。最大的是“{max}”，"
        "概率 {pmax}。",
        "First, softmax: a classifier outputs V = {logits}, and softmax "
        "(the formula below) turns them into relative probabilities "
        "{probs}, which sum to 1. The largest is \"{max}\", with probability "
        "{pmax}.",
    },
    [STEP_ENCODER] = {
        "编码器读入第 {t} 个词“{token}”，与上一步的隐状态 h{t-1} "
        "一起算出 h{t}。",
        "The encoder reads token {t}, \"{token}\", and combines it with the "
        "previous hidden state h{t-1} into h{t}.",
    },
    [STEP_CONTEXT] = {
        "输入读完了。{how}C 就是整句输入的语义，解码器只能通过它了解输入。",
        "The input is read. {how} C holds the meaning of the whole input; "
        "it is all the decoder knows about it.",
    },
    [STEP_DECODER_STATE] = {
        "解码第 {t} 步：{fed}作为输入送进解码器，和 s{t-1} "
        "一起算出新状态 s{t}。{c-role}",
        "Decoder step {t}: {fed} comes in as the input and combines with "
        "s{t-1} into the new state s{t}. {c-role}",
    },
    [STEP_DECODER_ATTEND] = {
        "注意力：用 s{t-1} 给每个编码器状态 h 打分，softmax 把分数变成权重 α，"
        "总和为 1。这一步最看重第 {focus} 个输入“{focus-token}”"
        "（α = {alpha-max}）。按权重把所有 h 加起来就是这一步自己的 c{t}，"
        "它代替 C 进入 s{t} 和输出。",
        "Attention: s{t-1} scores every encoder state h, and softmax turns "
        "the scores into weights α that sum to 1. This step looks most at "
        "input {focus}, \"{focus-token}\" (α = {alpha-max}). The h's added "
        "up with these weights are this step's own c{t}, which takes C's "
        "place in s{t} and in the output.",
    },
    [STEP_DECODER_SOFTMAX] = {
        "softmax 把 s{t} 变成目标词表中 {V} 个词的概率。"
        "概率最大的是“{pick}”（{p}）。{then}",
        "Softmax turns s{t} into probabilities over the {V} target tokens. "
        "The most likely is \"{pick}\" ({p}). {then}",
    },
    [STEP_SUMMARY] = {
        "输出是“{output}”。整句的概率是每一步所选词概率的乘积："
        "p(y|x) = {product}，log p(y|x) = {logprob}。",
        "The output is \"{output}\". The probability of the whole sentence "
        "is the product of each step's pick: p(y|x) = {product}, "
        "log p(y|x) = {logprob}.",
    },
};

const char *narration_default(StepKind kind, Lang lang)
{
    if ((unsigned)kind >= STEP_KIND_COUNT || (unsigned)lang >= LANG_COUNT)
        return "";
    return defaults[kind][lang];
}

/* ---- filling ---------------------------------------------------------- */

typedef struct {
    char *s;
    size_t n, cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n)
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

static void buf_str(Buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static void buf_int(Buf *b, long x)
{
    char t[32];
    snprintf(t, sizeof t, "%ld", x);
    buf_str(b, t);
}

void narration_format_prob(double p, char *out, size_t size)
{
    if (p >= 0.0005 || p == 0)
        snprintf(out, size, "%.4f", p);
    else
        snprintf(out, size, "%.2e", p);
}

static void buf_prob(Buf *b, double p)
{
    char t[32];
    narration_format_prob(p, t, sizeof t);
    buf_str(b, t);
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

static const char *token(const Vocab *v, int id)
{
    return id >= 0 && id < v->count ? v->tokens[id] : "?";
}

/* Source token t (1-based) as written when the model reads it as <unk>
 * and the typed form is known, else as the vocabulary has it. */
static const char *source_token(const Lesson *l, const Trace *tr,
                                const char *const *typed, int t)
{
    int id = tr->source[t - 1];
    if (id == VOCAB_UNK && typed && typed[t - 1] && typed[t - 1][0])
        return typed[t - 1];
    return token(&l->source_vocab, id);
}

static bool typed_unknown(const Trace *tr, const char *const *typed, int t)
{
    return t >= 1 && t <= tr->source_len && tr->source[t - 1] == VOCAB_UNK &&
           typed && typed[t - 1] && typed[t - 1][0];
}

/* Joins ids as the tokenizer splits: chars run together, words spaced. */
static void buf_tokens(Buf *b, const Vocab *v, Tokenizer tk, const int *ids,
                       int n, bool drop_eos)
{
    bool first = true;
    for (int i = 0; i < n; i++) {
        if (drop_eos && ids[i] == VOCAB_EOS)
            continue;
        if (!first)
            buf_str(b, tokenizer_separator(tk));
        buf_str(b, token(v, ids[i]));
        first = false;
    }
}

/* Writes the input as typed (a <unk> under its typed form). */
static void buf_input(Buf *b, const Lesson *l, const Trace *tr,
                      const char *const *typed)
{
    for (int i = 1; i <= tr->source_len; i++) {
        if (i > 1)
            buf_str(b, tokenizer_separator(l->source_tokenizer));
        buf_str(b, source_token(l, tr, typed, i));
    }
}

typedef struct {
    const Lesson *l;
    const Trace *tr;
    Variant v;
    ContextMode c;
    Step step;
    Lang lang;
    const char *const *typed;
    Buf *out;
} Fill;

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
        buf_str(b, zh ? "最简单的做法：直接把最后一个隐状态 h"
                      : "The simplest way: the last hidden state h");
        buf_str(b, t);
        buf_str(b, zh ? " 当作语义向量 C。"
                      : " itself becomes the context vector C.");
    } else if (f->c == CONTEXT_LAST_TRANSFORM) {
        buf_str(b, zh ? "对最后一个隐状态做一个变换：C = tanh(Q·h"
                      : "A transform of the last hidden state: C = tanh(Q·h");
        buf_str(b, t);
        buf_str(b, zh ? " + q)。" : " + q).");
    } else {
        buf_str(b, zh ? "把所有隐状态取平均：C = (h1 + … + h"
                      : "The mean of all hidden states: C = (h1 + … + h");
        buf_str(b, t);
        buf_str(b, ") / ");
        buf_str(b, t);
        buf_str(b, zh ? "。" : ".");
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
        buf_input(b, l, tr, f->typed);
    } else if (is(name, len, "output")) {
        buf_tokens(b, &l->target_vocab, l->target_tokenizer, tr->pick,
                   tr->output_len, true);
    } else if (is(name, len, "T")) {
        buf_int(b, tr->source_len);
    } else if (is(name, len, "T'")) {
        buf_int(b, tr->output_len);
    } else if (is(name, len, "H")) {
        buf_int(b, l->hidden);
    } else if (is(name, len, "d")) {
        buf_int(b, l->embed);
    } else if (is(name, len, "V")) {
        /* the candidates p_t ranges over: <go> is input-only, no class */
        buf_int(b, l->target_vocab.count - VOCAB_OUTPUT_FIRST);
    } else if (is(name, len, "variant")) {
        buf_str(b, ui_variant_label(f->v, f->lang));
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
            buf_str(b, s);
        } else if (is(name, len, "focus")) {
            buf_int(b, best + 1);
        } else {
            buf_str(b, source_token(l, tr, f->typed, best + 1));
        }
    } else if (is(name, len, "mode")) {
        buf_str(b, context_name(f->c));
    } else if (is(name, len, "t")) {
        buf_int(b, t);
    } else if (is(name, len, "t-1")) {
        buf_int(b, t - 1);
    } else if (is(name, len, "token")) {
        if (t >= 1 && t <= tr->source_len)
            buf_str(b, source_token(l, tr, f->typed, t));
    } else if (is(name, len, "how")) {
        fill_how(b, f);
    } else if (is(name, len, "prev")) {
        if (dec_ok)
            buf_str(b, token(&l->target_vocab, tr->prev[d]));
    } else if (is(name, len, "fed")) {
        /* y_0 = <go> is the start marker, an input only (no output class) */
        if (dec_ok && d == 0)
            buf_str(b, zh ? "开始标记 <go>（它只作输入，从来不是输出）"
                          : "the start marker <go> (an input only, never "
                            "an output)");
        else if (dec_ok) {
            buf_str(b, zh ? "上一步的输出“" : "the previous output \"");
            buf_str(b, token(&l->target_vocab, tr->prev[d]));
            buf_str(b, zh ? "”" : "\"");
        }
    } else if (is(name, len, "pick")) {
        if (dec_ok)
            buf_str(b, token(&l->target_vocab, tr->pick[d]));
    } else if (is(name, len, "p")) {
        if (dec_ok)
            buf_prob(b, tr->p[d]);
    } else if (is(name, len, "c-role")) {
        if (f->v == VARIANT_ATTENTION) {
            buf_str(b, zh ? "这一步读的不是同一个 C，而是自己的 c"
                          : "This step reads not the one C but its own c");
            buf_int(b, t);
            buf_str(b, zh ? "：所有 h 按注意力权重 α 的加权和（下一步显示这些权重）。"
                          : ": all the h's weighted by attention's α (the "
                            "next step shows the weights).");
        } else if (f->v == VARIANT_EVERY)
            buf_str(b, zh ? "语义向量 C 也参与这一步的运算（C 参与解码的每一步）。"
                          : "The context vector C enters this step too (C "
                            "takes part in every decoder step).");
        else if (t <= 1)
            buf_str(b, zh ? "语义向量 C 就是初始状态 s0，之后各步不再直接看到 C。"
                          : "The context vector C is the initial state s0; "
                            "later steps do not see C directly.");
        else
            buf_str(b, zh ? "这一步看不到 C：C 只作为初始状态 s0 参与了运算。"
                          : "This step does not see C: C only entered as "
                            "the initial state s0.");
    } else if (is(name, len, "then")) {
        if (dec_ok && tr->pick[d] == VOCAB_EOS)
            buf_str(b, zh ? "这是结束符 <eos>，解码到此结束。"
                          : "That is the end marker <eos>, so decoding "
                            "stops.");
        else if (dec_ok && d == tr->output_len - 1)
            buf_str(b, zh ? "已到最大长度，解码停止。"
                          : "The output has reached its maximum length, so "
                            "decoding stops.");
        else
            buf_str(b, zh ? "把它写到输出中，并作为下一步的输入送回解码器。"
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
                buf_str(b, " × …");
                i = n - 3;
                cut = true;
                continue;
            }
            if (i > 0)
                buf_str(b, " × ");
            buf_prob(b, tr->p[i]);
        }
        double total = exp(tr->logprob);
        buf_str(b, " ");
        /* with factors left out nobody multiplies them: the total is
         * simply the true value */
        buf_str(b, cut ? "=" : narration_product_relation(tr->p, n, total));
        buf_str(b, " ");
        buf_prob(b, total);
    } else if (is(name, len, "prob")) {
        buf_prob(b, exp(tr->logprob));
    } else if (is(name, len, "logprob")) {
        char s[32];
        snprintf(s, sizeof s, "%.4f", tr->logprob);
        buf_str(b, s);
    } else if (is(name, len, "n")) {
        buf_int(b, l->example_count);
    } else if (is(name, len, "logits") || is(name, len, "probs")) {
        int n = l->example_count;
        double *p = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *p);
        double mx = -INFINITY, sum = 0;
        for (int i = 0; i < n; i++)
            mx = fmax(mx, l->example_logits[i]);
        for (int i = 0; i < n; i++)
            sum += p[i] = exp(l->example_logits[i] - mx);
        buf_str(b, "[");
        for (int i = 0; i < n; i++) {
            char s[32];
            if (name[0] == 'l')
                snprintf(s, sizeof s, "%g", l->example_logits[i]);
            else
                snprintf(s, sizeof s, "%.4f", p[i] / sum);
            if (i > 0)
                buf_str(b, ", ");
            buf_str(b, s);
        }
        buf_str(b, "]");
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
            buf_str(b, l->example_labels[best]);
        else
            buf_prob(b, 1 / sum);
    }
}

/* template_walk's sink: literal runs are copied, placeholders filled. */
static void sink_text(void *ctx, const char *s, size_t n)
{
    buf_add(((Fill *)ctx)->out, s, n);
}

static void sink_placeholder(void *ctx, const char *name, size_t len)
{
    Fill *f = ctx;
    fill_one(f->out, name, len, f);
}

static void trim_spaces(Buf *b)
{
    while (b->n > 0 && b->s[b->n - 1] == ' ')
        b->s[--b->n] = '\0';
}

/* Appends the verdict when the input is a [data] or [test] pair: in a
 * sentence for the narration, short ("(right)") for a title. */
static void add_verdict(Buf *b, const Lesson *l, const Trace *tr, Lang lang,
                        bool brief)
{
    bool held_out = false, zh = lang == LANG_ZH;
    const LessonPair *pair = narration_expected_pair(l, tr, &held_out);
    if (!pair)
        return;
    bool right = narration_output_right(pair, tr);
    trim_spaces(b);
    if (brief) {
        buf_str(b, ui_text(right ? UI_TITLE_RIGHT : UI_TITLE_WRONG, lang));
        return;
    }
    if (zh)
        buf_str(b, held_out ? "这个输入是本课留作测试的一对，"
                            : "这个输入是本课的一对训练数据，");
    else
        buf_str(b, held_out ? " This input is one of the lesson's held-out "
                              "test pairs, "
                            : " This input is one of the lesson's training "
                              "pairs, ");
    buf_str(b, zh ? "正确的输出是“" : "and the expected output is \"");
    buf_tokens(b, &l->target_vocab, l->target_tokenizer, pair->target,
               pair->target_len, true);
    if (right)
        buf_str(b, zh ? "”：模型答对了。" : "\": the model got it right.");
    else
        buf_str(b, zh ? "”：模型答错了。"
                      : "\": the model got it wrong.");
}

char *narration_for_step(const Lesson *l, const Trace *trace, Variant v,
                         ContextMode c, const Step *step, Lang lang,
                         const char *const *typed)
{
    Buf b = {0};
    Fill f = {l, trace, v, c, *step, lang, typed, &b};
    TemplateSink sink = {sink_text, sink_placeholder, &f};
    const char *tmpl = NULL;
    if ((unsigned)step->kind < STEP_KIND_COUNT &&
        (unsigned)lang < LANG_COUNT)
        tmpl = l->narration[step->kind][lang];
    if (!tmpl)
        tmpl = narration_default(step->kind, lang);
    buf_str(&b, "");
    char bad[64];
    if (!template_walk(tmpl, step->kind, bad, sizeof bad, &sink)) {
        /* The loader checked every template, so this is a built-in bug;
         * show the template rather than nothing. */
        b.n = 0;
        buf_str(&b, tmpl);
    }
    /* The input is one of the lesson's pairs: right or wrong against its
     * expected output, so a wrong output is never left as the answer. */
    if (step->kind == STEP_SUMMARY)
        add_verdict(&b, l, trace, lang, false);
    /* A token the model never saw: say what it reads instead. */
    if (step->kind == STEP_ENCODER && typed_unknown(trace, typed, step->t)) {
        const char *tok = typed[step->t - 1];
        bool zh = lang == LANG_ZH;
        trim_spaces(&b);
        buf_str(&b, zh ? "模型没有学过“" : " The model never saw \"");
        buf_str(&b, tok);
        buf_str(&b, zh ? "”，实际读入的是 <unk>（未知词）。"
                       : "\" in training, so what it actually reads is "
                         "<unk> (unknown).");
    }
    return b.s;
}

char *narration_step_title(const Lesson *l, const Trace *trace,
                           const Step *step, Lang lang,
                           const char *const *typed)
{
    Buf b = {0};
    buf_str(&b, "");
    int t = step->t, d = t - 1;
    bool dec_ok = d >= 0 && d < trace->output_len;
    char head[128];
    switch (step->kind) {
    case STEP_OVERVIEW:
        buf_str(&b, ui_text(UI_TITLE_OVERVIEW, lang));
        break;
    case STEP_SOFTMAX_EXAMPLE:
        buf_str(&b, ui_text(UI_TITLE_SOFTMAX_EXAMPLE, lang));
        break;
    case STEP_ENCODER:
        snprintf(head, sizeof head, ui_text(UI_TITLE_ENCODER, lang), t);
        buf_str(&b, head);
        if (t >= 1 && t <= trace->source_len)
            buf_str(&b, source_token(l, trace, typed, t));
        if (typed_unknown(trace, typed, t))
            buf_str(&b, ui_text(UI_TITLE_UNK, lang));
        break;
    case STEP_CONTEXT:
        buf_str(&b, ui_text(UI_TITLE_CONTEXT, lang));
        break;
    case STEP_DECODER_STATE:
        snprintf(head, sizeof head, ui_text(UI_TITLE_DECODER_STATE, lang), t);
        buf_str(&b, head);
        if (dec_ok)
            buf_str(&b, token(&l->target_vocab, trace->prev[d]));
        break;
    case STEP_DECODER_ATTEND: {
        char sub[48]; /* c₃: a real subscript */
        utf8_subscript(t, sub, sizeof sub);
        snprintf(head, sizeof head, ui_text(UI_TITLE_DECODER_ATTEND, lang), t,
                 sub);
        buf_str(&b, head);
        break;
    }
    case STEP_DECODER_SOFTMAX:
        snprintf(head, sizeof head, ui_text(UI_TITLE_DECODER_SOFTMAX, lang),
                 t);
        buf_str(&b, head);
        if (dec_ok)
            buf_str(&b, token(&l->target_vocab, trace->pick[d]));
        break;
    case STEP_SUMMARY:
        buf_str(&b, ui_text(UI_TITLE_SUMMARY, lang));
        buf_tokens(&b, &l->target_vocab, l->target_tokenizer, trace->pick,
                   trace->output_len, true);
        add_verdict(&b, l, trace, lang, true);
        break;
    default:
        buf_str(&b, "?");
        break;
    }
    return b.s;
}

char *narration_lesson_title(const Lesson *l, const Trace *trace,
                             const Step *step, Lang lang,
                             const char *const *typed)
{
    const char *title = l->title[lang];
    const char *arrow = strstr(title, " \xE2\x86\x92 "); /* " → " */
    Buf b = {0};
    buf_str(&b, "");
    /* The example after the last "：" or ": " before the arrow. */
    const char *cut = NULL;
    for (const char *s = title; arrow && s < arrow; s++) {
        if (strncmp(s, "\xEF\xBC\x9A", 3) == 0) /* "：" */
            cut = s + 3;
        else if (s[0] == ':' && s[1] == ' ')
            cut = s + 2;
    }
    if (!arrow || !cut || !trace) {
        buf_str(&b, title);
        return b.s;
    }
    buf_add(&b, title, (size_t)(cut - title));
    buf_input(&b, l, trace, typed);
    buf_str(&b, " \xE2\x86\x92 ");
    /* Only what the decoder has written by this step, so the header does
     * not tell the answer (or its length) before the decoder does. */
    int written = trace->output_len;
    if (step && step->kind == STEP_DECODER_SOFTMAX)
        written = step->t < written ? step->t : written;
    else if (step && step->kind == STEP_DECODER_STATE)
        written = step->t - 1 < written ? step->t - 1 : written;
    else if (step && step->kind != STEP_SUMMARY)
        written = 0;
    buf_tokens(&b, &l->target_vocab, l->target_tokenizer, trace->pick,
               written, true);
    if (written < trace->output_len)
        buf_str(&b, written > 0 ? " \xE2\x80\xA6" : "\xE2\x80\xA6");
    return b.s;
}
