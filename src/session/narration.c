/* Narration: the built-in zh/en text for every step kind (following the
 * article), the choice of which text a step says (the lesson's template or
 * the built-in one, the verdict, the <unk> note) and the step and lesson
 * titles. The filling of placeholders is narration_fill.c. */
#include "session/narration_internal.h"
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

/* The teacher-forcing step's text (the article's last section), kept with
 * the others so a lesson's teacher-forcing.zh/en replaces it. */
static const char *const teacher_forcing_default[LANG_COUNT] = {
    "训练用的是“教师强制”：每一步喂给解码器的不是它自己上一步选的词，"
    "而是正确答案里的上一个词 y*（图中单独标出），每一步给损失加上 "
    "−log pₜ(y*ₜ)。“{input}”→“{expected}”这一对的各项加起来是 "
    "log p(y*|x) = {logp}。{role}",
    "Training uses teacher forcing: each step is fed the expected previous "
    "token y* (drawn apart), not the model's own pick, and adds "
    "−log pₜ(y*ₜ) to the loss. For \"{input}\" → \"{expected}\" the terms "
    "add up to log p(y*|x) = {logp}. {role}",
};

const char *narration_default(StepKind kind, Lang lang)
{
    if ((unsigned)kind >= STEP_KIND_COUNT || (unsigned)lang >= LANG_COUNT)
        return "";
    if (kind == STEP_TEACHER_FORCING)
        return teacher_forcing_default[lang];
    return defaults[kind][lang];
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
    narr_trim_spaces(b);
    if (brief) {
        narr_buf_str(b, ui_text(right ? UI_TITLE_RIGHT : UI_TITLE_WRONG, lang));
        return;
    }
    if (zh)
        narr_buf_str(b, held_out ? "这个输入是本课留作测试的一对，"
                            : "这个输入是本课的一对训练数据，");
    else
        narr_buf_str(b, held_out ? " This input is one of the lesson's held-out "
                              "test pairs, "
                            : " This input is one of the lesson's training "
                              "pairs, ");
    narr_buf_str(b, zh ? "正确的输出是“" : "and the expected output is \"");
    narr_buf_tokens(b, &l->target_vocab, l->target_tokenizer, pair->target,
               pair->target_len, true);
    if (right)
        narr_buf_str(b, zh ? "”：模型答对了。" : "\": the model got it right.");
    else
        narr_buf_str(b, zh ? "”：模型答错了。"
                      : "\": the model got it wrong.");
}

char *narration_for_step(const Lesson *l, const Trace *trace, Variant v,
                         ContextMode c, const Step *step, Lang lang,
                         const char *const *typed)
{
    return narration_for_step_from(l, trace, v, c, step, lang, typed, true);
}

char *narration_for_step_from(const Lesson *l, const Trace *trace, Variant v,
                              ContextMode c, const Step *step, Lang lang,
                              const char *const *typed, bool lesson_text)
{
    Buf b = {0};
    Fill f = {l, trace, v, c, *step, lang, typed, &b, NULL};
    const char *tmpl = NULL;
    if (lesson_text && (unsigned)step->kind < STEP_KIND_COUNT &&
        (unsigned)lang < LANG_COUNT)
        tmpl = l->narration[step->kind][lang];
    if (!tmpl)
        tmpl = narration_default(step->kind, lang);
    narr_buf_str(&b, "");
    if (!narr_fill(&f, tmpl)) {
        /* The loader checked every template, so this is a built-in bug;
         * show the template rather than nothing. */
        b.n = 0;
        narr_buf_str(&b, tmpl);
    }
    /* The input is one of the lesson's pairs: right or wrong against its
     * expected output, so a wrong output is never left as the answer. */
    if (step->kind == STEP_SUMMARY)
        add_verdict(&b, l, trace, lang, false);
    /* A token the model never saw: say what it reads instead. */
    if (step->kind == STEP_ENCODER && narr_typed_unknown(trace, typed, step->t)) {
        const char *tok = typed[step->t - 1];
        bool zh = lang == LANG_ZH;
        narr_trim_spaces(&b);
        narr_buf_str(&b, zh ? "模型没有学过“" : " The model never saw \"");
        narr_buf_str(&b, tok);
        narr_buf_str(&b, zh ? "”，实际读入的是 <unk>（未知词）。"
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
    narr_buf_str(&b, "");
    int t = step->t, d = t - 1;
    bool dec_ok = d >= 0 && d < trace->output_len;
    char head[128];
    switch (step->kind) {
    case STEP_OVERVIEW:
        narr_buf_str(&b, ui_text(UI_TITLE_OVERVIEW, lang));
        break;
    case STEP_SOFTMAX_EXAMPLE:
        narr_buf_str(&b, ui_text(UI_TITLE_SOFTMAX_EXAMPLE, lang));
        break;
    case STEP_ENCODER:
        snprintf(head, sizeof head, ui_text(UI_TITLE_ENCODER, lang), t);
        narr_buf_str(&b, head);
        if (t >= 1 && t <= trace->source_len)
            narr_buf_str(&b, narr_source_token(l, trace, typed, t));
        if (narr_typed_unknown(trace, typed, t))
            narr_buf_str(&b, ui_text(UI_TITLE_UNK, lang));
        break;
    case STEP_CONTEXT:
        narr_buf_str(&b, ui_text(UI_TITLE_CONTEXT, lang));
        break;
    case STEP_DECODER_STATE:
        snprintf(head, sizeof head, ui_text(UI_TITLE_DECODER_STATE, lang), t);
        narr_buf_str(&b, head);
        if (dec_ok)
            narr_buf_str(&b, narr_token(&l->target_vocab, trace->prev[d]));
        break;
    case STEP_DECODER_ATTEND: {
        char sub[48]; /* c₃: a real subscript */
        utf8_subscript(t, sub, sizeof sub);
        snprintf(head, sizeof head, ui_text(UI_TITLE_DECODER_ATTEND, lang), t,
                 sub);
        narr_buf_str(&b, head);
        break;
    }
    case STEP_DECODER_SOFTMAX:
        snprintf(head, sizeof head, ui_text(UI_TITLE_DECODER_SOFTMAX, lang),
                 t);
        narr_buf_str(&b, head);
        if (dec_ok)
            narr_buf_str(&b, narr_token(&l->target_vocab, trace->pick[d]));
        break;
    case STEP_TEACHER_FORCING:
        narr_buf_str(&b, ui_text(UI_TITLE_TEACHER_FORCING, lang));
        break;
    case STEP_SUMMARY:
        narr_buf_str(&b, ui_text(UI_TITLE_SUMMARY, lang));
        narr_buf_tokens(&b, &l->target_vocab, l->target_tokenizer, trace->pick,
                   trace->output_len, true);
        add_verdict(&b, l, trace, lang, true);
        break;
    default:
        narr_buf_str(&b, "?");
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
    narr_buf_str(&b, "");
    /* The example after the last "：" or ": " before the arrow. */
    const char *cut = NULL;
    for (const char *s = title; arrow && s < arrow; s++) {
        if (strncmp(s, "\xEF\xBC\x9A", 3) == 0) /* "：" */
            cut = s + 3;
        else if (s[0] == ':' && s[1] == ' ')
            cut = s + 2;
    }
    if (!arrow || !cut || !trace) {
        narr_buf_str(&b, title);
        return b.s;
    }
    narr_buf_add(&b, title, (size_t)(cut - title));
    narr_buf_input(&b, l, trace, typed);
    narr_buf_str(&b, " \xE2\x86\x92 ");
    /* Only what the decoder has written by this step, so the header does
     * not tell the answer (or its length) before the decoder does. */
    int written = trace->output_len;
    if (step && step->kind == STEP_DECODER_SOFTMAX)
        written = step->t < written ? step->t : written;
    else if (step && step->kind == STEP_DECODER_STATE)
        written = step->t - 1 < written ? step->t - 1 : written;
    else if (step && step->kind != STEP_SUMMARY &&
             step->kind != STEP_TEACHER_FORCING)
        written = 0;
    narr_buf_tokens(&b, &l->target_vocab, l->target_tokenizer, trace->pick,
               written, true);
    if (written < trace->output_len)
        narr_buf_str(&b, written > 0 ? " \xE2\x80\xA6" : "\xE2\x80\xA6");
    return b.s;
}