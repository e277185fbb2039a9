/* Narration of the training view (DESIGN.md, "Three views of the same
 * steps"): the same steps computed with the weights of a snapshot, so the
 * text must hold at any epoch -- at epoch 0 nothing has been learnt, and a
 * pick that is not the expected token is called so -- and the teacher-
 * forcing step with its live numbers (the article's last section). */
#include "session/narration_internal.h"
#include "session/ui_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is(const char *name, size_t len, const char *what)
{
    return strlen(what) == len && memcmp(name, what, len) == 0;
}

/* Four places and a real minus sign, as the formulas print numbers. */
static void buf_num(Buf *b, double v)
{
    char t[32];
    snprintf(t, sizeof t, "%.4f", fabs(v));
    if (v < 0 && strcmp(t, "0.0000") != 0)
        narr_buf_str(b, "\xE2\x88\x92");
    narr_buf_str(b, t);
}

/* How many steps of the forced trace pick the expected token themselves. */
static int own_hits(const Trace *forced, const LessonPair *pair)
{
    int hits = 0;
    for (int i = 0; i < forced->output_len && i < pair->target_len; i++)
        hits += forced->pick[i] == pair->target[i];
    return hits;
}

void narr_fill_training(Buf *b, const char *name, size_t len, const Fill *f)
{
    const NarrationTraining *tr = f->train;
    if (!tr)
        return;
    bool zh = f->lang == LANG_ZH;
    if (is(name, len, "epoch")) {
        narr_buf_int(b, tr->epoch);
    } else if (is(name, len, "epochs")) {
        narr_buf_int(b, tr->epochs);
    } else if (is(name, len, "loss")) {
        buf_num(b, tr->loss);
    } else if (is(name, len, "N")) {
        narr_buf_int(b, tr->pair_count);
    } else if (is(name, len, "expected")) {
        if (tr->expected)
            narr_buf_tokens(b, &f->l->target_vocab, f->l->target_tokenizer,
                            tr->expected->target, tr->expected->target_len,
                            true);
    } else if (is(name, len, "logp")) {
        /* log p(y*|x) = sum_t log p_t[y*_t] of the forced trace */
        buf_num(b, f->tr->logprob);
    } else if (is(name, len, "stage")) {
        /* where training stands, true at any epoch */
        char t[160];
        if (tr->epoch == 0)
            snprintf(t, sizeof t, "%s",
                     zh ? "权重还是随机的，模型什么都还没学到"
                        : "the weights are random, the model has learnt "
                          "nothing yet");
        else if (tr->epoch == tr->epochs)
            snprintf(t, sizeof t, "%s",
                     zh ? "训练结束" : "the end of training");
        else
            snprintf(t, sizeof t,
                     zh ? "%d 对训练数据学了 %d 遍"
                        : "after %d passes over the %d training pairs",
                     zh ? tr->pair_count : tr->epoch,
                     zh ? tr->epoch : tr->pair_count);
        narr_buf_str(b, t);
    } else if (is(name, len, "role")) {
        if (!tr->expected)
            return;
        if (tr->held_out)
            narr_buf_str(b, zh ? "这是本课留作测试的一对，不在 L 的平均之内："
                                 "训练从没见过它。"
                               : "This is a held-out test pair, so it is not "
                                 "one of the terms of L: training never saw "
                                 "it.");
        else
            narr_buf_str(b, zh ? "这是 L 的平均中的一项。"
                               : "It is one of the terms of L.");
        int n = tr->expected->target_len, hits = own_hits(f->tr, tr->expected);
        char t[160];
        if (hits == n)
            snprintf(t, sizeof t,
                     zh ? "每一步模型自己选的词都正是 y*。"
                        : " At every step the model's own pick is y*.");
        else
            snprintf(t, sizeof t,
                     zh ? "在 %d 步中，有 %d 步模型自己选的词不是 y*。"
                        : " At %d of the %d steps the model's own pick is "
                          "not y*.",
                     zh ? n : n - hits, zh ? n - hits : n);
        narr_buf_str(b, t);
    }
}

/* One short sentence on the snapshot, true at any epoch: the lesson's
 * training.zh / training.en, or the built-in one. */
static void lead(Buf *b, const Lesson *l, const Trace *trace, Variant v,
                 ContextMode c, const NarrationTraining *tr, Lang lang,
                 const char *const *typed)
{
    const char *tmpl = (unsigned)lang < LANG_COUNT
                           ? l->narration[NARRATION_TRAINING][lang]
                           : NULL;
    if (tmpl) {
        Step none = {.kind = (StepKind)NARRATION_TRAINING};
        Fill f = {l, trace, v, c, none, lang, typed, b, tr};
        size_t start = b->n;
        if (!narr_fill(&f, tmpl)) { /* checked by the loader */
            b->n = start;
            b->s[b->n] = '\0';
        }
        narr_trim_spaces(b);
        narr_buf_str(b, lang == LANG_ZH ? "" : " ");
        return;
    }
    bool zh = lang == LANG_ZH;
    char t[512], loss[32];
    snprintf(loss, sizeof loss, "%.4f", tr->loss);
    if (tr->epoch == 0)
        snprintf(t, sizeof t,
                 zh ? "第 0 轮：权重还是随机的，模型什么都还没学到（L = %s）。"
                    : "Epoch 0: the weights are random, the model has learnt "
                      "nothing yet (L = %s). ",
                 loss);
    else if (tr->epoch == tr->epochs)
        snprintf(t, sizeof t,
                 zh ? "第 %d 轮，训练结束（L = %s）。"
                    : "Epoch %d, the end of training (L = %s). ",
                 tr->epoch, loss);
    else
        snprintf(t, sizeof t,
                 zh ? "第 %d 轮（共 %d 轮）：%d 对训练数据学了 %d 遍（L = %s）。"
                    : "Epoch %d of %d: after %d passes over the %d training "
                      "pairs (L = %s). ",
                 tr->epoch, tr->epochs, zh ? tr->pair_count : tr->epoch,
                 zh ? tr->epoch : tr->pair_count, loss);
    narr_buf_str(b, t);
}

/* At a softmax step whose earlier picks all followed the expected output:
 * is this pick the expected token? (After a miss the rest of the output
 * no longer lines up with the answer, so nothing is claimed.) */
static void pick_verdict(Buf *b, const Lesson *l, const Trace *tr,
                         const LessonPair *pair, int t, Lang lang)
{
    int d = t - 1;
    if (!pair || d < 0 || d >= tr->output_len || d >= pair->target_len)
        return;
    for (int i = 0; i < d; i++)
        if (tr->pick[i] != pair->target[i])
            return;
    bool zh = lang == LANG_ZH;
    const char *want = narr_token(&l->target_vocab, pair->target[d]);
    narr_trim_spaces(b);
    if (tr->pick[d] == pair->target[d]) {
        narr_buf_str(b, zh ? "这正是正确答案里的这个词。"
                           : " That is the expected token.");
        return;
    }
    narr_buf_str(b, zh ? "这是错的：正确答案里这里应该是“"
                       : " That is wrong: the expected token here is \"");
    narr_buf_str(b, want);
    narr_buf_str(b, zh ? "”。" : "\".");
}

char *narration_training(const Lesson *l, const Trace *trace,
                         const Trace *forced, Variant v, ContextMode c,
                         const Step *step, Lang lang,
                         const char *const *typed,
                         const NarrationTraining *train)
{
    Buf b = {0};
    narr_buf_str(&b, "");
    lead(&b, l, trace, v, c, train, lang, typed);
    bool zh = lang == LANG_ZH;
    if (step->kind != STEP_TEACHER_FORCING) {
        /* A lesson's summary may say what the trained model does (lessons
         * 06 and 07 state its held-out accuracy): before the last epoch
         * the built-in summary, which says only what this snapshot does. */
        bool lesson_text = step->kind != STEP_SUMMARY ||
                           train->epoch == train->epochs;
        char *own = narration_for_step_from(l, trace, v, c, step, lang,
                                            typed, lesson_text);
        narr_buf_str(&b, own);
        free(own);
        if (step->kind == STEP_DECODER_SOFTMAX)
            pick_verdict(&b, l, trace, train->expected, step->t, lang);
        return b.s;
    }
    if (!forced || !train->expected) {
        char t[512];
        snprintf(t, sizeof t,
                 zh ? "教师强制需要正确的输出，而这句输入不是本课的数据，"
                      "没有正确答案：没有 y* 可以喂给解码器，也就没有可算的"
                      "损失项。第 %d 轮时，%d 对训练数据的平均损失 L = %.4f。"
                    : "Teacher forcing needs the expected output, and this "
                      "input is not one of the lesson's pairs, so it has "
                      "none: there is no y* to feed the decoder and no loss "
                      "term to compute. At epoch %d the mean over the %d "
                      "training pairs is L = %.4f.",
                 train->epoch, train->pair_count, train->loss);
        narr_buf_str(&b, t);
        return b.s;
    }
    Fill f = {l, forced, v, c, *step, lang, typed, &b, train};
    const char *tmpl = (unsigned)lang < LANG_COUNT
                           ? l->narration[STEP_TEACHER_FORCING][lang]
                           : NULL;
    if (!tmpl)
        tmpl = narration_default(STEP_TEACHER_FORCING, lang);
    size_t start = b.n;
    if (!narr_fill(&f, tmpl)) {
        /* checked by the loader: a built-in bug; show it as written */
        b.n = start;
        b.s[b.n] = '\0';
        narr_buf_str(&b, tmpl);
    }
    narr_trim_spaces(&b);
    return b.s;
}
