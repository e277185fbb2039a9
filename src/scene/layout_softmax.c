/* The softmax band: bars over the target vocabulary for the current
 * decoder step, p_t = softmax(z_t), each with its label and probability
 * (four places, as the article prints them), the argmax in the accent
 * colour, the logits under the labels when numbers are on. A vocabulary
 * too large for legible labels shows its top bars and one "others" bar.
 * The worked example step shows the lesson's logits, the article's
 * V = [-3, 2, -1, 0] -> [0.0057, 0.8390, 0.0418, 0.1135]. At the summary
 * the band shows the output sentence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/softmax.h"
#include "scene/layout.h"
#include "xalloc.h"

#define MAX_BARS 13 /* at most 12 labelled bars plus "others" */
#define TITLE_W 300.0f
#define PROB_Y (SOFTMAX_Y + 8)
#define PROB_H 32.0f
#define BAR_TOP (PROB_Y + PROB_H + 2)
#define BAR_BOTTOM (SOFTMAX_Y + 132)
#define LABEL_Y (BAR_BOTTOM + 4)
#define LABEL_H 34.0f
#define LOGIT_Y (LABEL_Y + LABEL_H)
#define LOGIT_H 24.0f

typedef struct {
    char label[128];
    double prob, logit;
    bool has_logit, picked;
    int id; /* vocabulary index, -1 for "others" */
} Bar;

/* The width of one bar's slot when count bars share the band. */
static float slot_width(int count)
{
    return (CANVAS_W - 2 * MARGIN_X - 16 - TITLE_W) / (float)count;
}

/* How many top bars (besides "others") to show of a large vocabulary: up
 * to MAX_BARS - 1, fewer when a long label (a word like "reinforcement")
 * would otherwise shrink below a size legible on a projector. used is
 * scratch (n flags, left cleared). */
static int top_count(const Layout *L, const double *probs,
                     char *const *labels, int n, bool *used)
{
    const float legible = 20;
    float widest[MAX_BARS] = {0}; /* widest label among the top j + 1 */
    for (int j = 0; j < MAX_BARS - 1; j++) {
        int best = -1;
        for (int i = 0; i < n; i++)
            if (!used[i] && (best < 0 || probs[i] > probs[best]))
                best = i;
        used[best] = true;
        float w = text_width(L->m, labels[best], legible, true);
        widest[j] = j > 0 && widest[j - 1] > w ? widest[j - 1] : w;
    }
    memset(used, 0, (size_t)n * sizeof *used);
    int k = MAX_BARS - 1;
    while (k > 8 && widest[k - 1] > slot_width(k + 1) - 8)
        k--;
    return k;
}

/* The bars to draw: every entry in vocabulary order when they fit, else
 * the largest by probability, in falling order, and "others". */
static int select_bars(const Layout *L, const double *probs,
                       const double *logits, char *const *labels, int n,
                       Bar *out)
{
    int pick = argmax(probs, n);
    if (n <= MAX_BARS) {
        for (int i = 0; i < n; i++) {
            snprintf(out[i].label, sizeof out[i].label, "%s", labels[i]);
            out[i].prob = probs[i];
            out[i].logit = logits ? logits[i] : 0;
            out[i].has_logit = logits != NULL;
            out[i].picked = i == pick;
            out[i].id = i;
        }
        return n;
    }
    bool *used = xcalloc((size_t)n, sizeof *used);
    int k = top_count(L, probs, labels, n, used);
    double rest = 1;
    for (int j = 0; j < k; j++) {
        int best = -1;
        for (int i = 0; i < n; i++)
            if (!used[i] && (best < 0 || probs[i] > probs[best]))
                best = i;
        used[best] = true;
        rest -= probs[best];
        snprintf(out[j].label, sizeof out[j].label, "%s", labels[best]);
        out[j].prob = probs[best];
        out[j].logit = logits ? logits[best] : 0;
        out[j].has_logit = logits != NULL;
        out[j].picked = best == pick;
        out[j].id = best;
    }
    free(used);
    Bar *o = &out[k];
    if (L->lang == LANG_ZH)
        snprintf(o->label, sizeof o->label, "其余 %d 个", n - k);
    else
        snprintf(o->label, sizeof o->label, "%d others", n - k);
    o->prob = rest < 0 ? 0 : rest;
    o->has_logit = false;
    o->picked = false;
    o->id = -1;
    return k + 1;
}

/* Draws the bars; grow in [0, 1] scales their heights (0 = slots only). */
static void bars(const Layout *L, const Bar *b, int n, float grow,
                 bool dim, const char *pname, bool show_logits)
{
    const Palette *p = L->pal;
    float x0 = MARGIN_X + TITLE_W;
    float slot = slot_width(n);
    float bw = slot * 0.62f < 90 ? slot * 0.62f : 90;
    float full = BAR_BOTTOM - BAR_TOP;
    bool picked_shown = grow >= 1 || (!dim && grow > 0.6f);
    for (int i = 0; i < n; i++) {
        float cx = x0 + slot * ((float)i + 0.5f);
        scene_add_rect(L->s, ROLE_DECOR, cx - bw / 2, BAR_TOP, bw, full, 4,
                       p->bar_slot, (Rgba){0, 0, 0, 0}, 0);
        bool hi = b[i].picked && picked_shown;
        Rgba tc = dim ? p->text_dim : hi ? p->accent : p->text;
        add_text_fit(L, b[i].label, cx - slot / 2 + 4, LABEL_Y, slot - 8,
                     LABEL_H, 24, 11, ALIGN_CENTER, tc, hi);
        if (dim)
            continue;
        float h = (float)b[i].prob * full * grow;
        Shape *bar = scene_add_rect(L->s, ROLE_BAR, cx - bw / 2,
                                    BAR_BOTTOM - h, bw, h, 4,
                                    hi ? p->accent : p->bar,
                                    (Rgba){0, 0, 0, 0}, 0);
        char num[32], tip[256];
        char exact[32];
        format_num(b[i].prob, 5, exact, sizeof exact);
        snprintf(tip, sizeof tip, "%s[%s] = %s", pname, b[i].label, exact);
        if (b[i].has_logit) {
            char z[32];
            format_num(b[i].logit, 4, z, sizeof z);
            appendf(tip, sizeof tip, "   z = %s", z);
        }
        scene_set_tooltip(L->s, bar, tip); /* before adding: bar moves */
        format_num(b[i].prob * grow, 4, num, sizeof num);
        add_text_fit(L, num, cx - slot / 2 + 4, PROB_Y, slot - 8, PROB_H,
                     24, 11, ALIGN_CENTER, hi ? p->accent : p->text, hi);
        if (show_logits && b[i].has_logit) {
            char z[48], zn[32];
            format_num(b[i].logit, 2, zn, sizeof zn);
            snprintf(z, sizeof z, "%s", zn);
            add_text_fit(L, z, cx - slot / 2 + 4, LOGIT_Y, slot - 8,
                         LOGIT_H, 18, 10, ALIGN_CENTER, p->text_dim, false);
        }
    }
}

static void title(const Layout *L, const char *line1, const char *line2)
{
    float w = TITLE_W - 24;
    add_text_fit(L, line1, MARGIN_X + 16, SOFTMAX_Y + 40, w, 46, 30, 14,
                 ALIGN_LEFT, L->pal->text, true);
    if (line2)
        add_text_fit(L, line2, MARGIN_X + 16, SOFTMAX_Y + 90, w, 36, 22, 11,
                     ALIGN_LEFT, L->pal->text_dim, false);
}

static void decoder_bars(const Layout *L, int t, bool state_step)
{
    const Trace *tr = L->tr;
    /* p_t ranges over the output vocabulary: the target vocabulary
     * without <go>, which is never a candidate */
    const Vocab *v = &L->lesson->target_vocab;
    int n = tr->output_vocab < v->count - VOCAB_OUTPUT_FIRST
                ? tr->output_vocab
                : v->count - VOCAB_OUTPUT_FIRST;
    char tn[32], pn[48], line1[128];
    subscript(t, tn, sizeof tn);
    snprintf(pn, sizeof pn, "p%s", tn);
    /* p_t = softmax(z_t) */
    snprintf(line1, sizeof line1, "p%s = softmax(z%s)", tn, tn);
    if (state_step) {
        title(L, line1, tr_s(L, "下一步计算", "comes next"));
        if (n > MAX_BARS)
            return;
    } else {
        title(L, line1, tr_s(L, "柱高 = 概率", "bar height = probability"));
    }
    Bar b[MAX_BARS];
    int count = select_bars(L, trace_probs(tr, t - 1),
                            trace_logits(tr, t - 1),
                            v->tokens + VOCAB_OUTPUT_FIRST, n, b);
    float grow = state_step ? 0 : phase(L->u, 0, 0.6f);
    bars(L, b, count, grow, state_step, pn, L->view->numbers);
}

static void example_bars(const Layout *L)
{
    const Lesson *l = L->lesson;
    int n = l->example_count;
    if (n <= 0 || !l->example_logits || !l->example_labels)
        return;
    double *probs = xmalloc((size_t)n * sizeof *probs);
    /* S_i = e^{v_i} / sum_j e^{v_j} (the article's softmax), stably. */
    softmax(l->example_logits, n, probs);
    Bar b[MAX_BARS];
    int count = select_bars(L, probs, l->example_logits, l->example_labels,
                            n, b);
    title(L, "S = softmax(V)",
          tr_s(L, "柱下为 v", "v under each bar"));
    bars(L, b, count, phase(L->u, 0, 0.6f), false, "S", true);
    free(probs);
}

static void summary(const Layout *L)
{
    const Trace *tr = L->tr;
    char sentence[1024] = "";
    for (int t = 0; t < tr->output_len; t++) {
        int id = tr->pick[t];
        if (id == VOCAB_EOS)
            continue;
        const Vocab *v = &L->lesson->target_vocab;
        bool spaces = L->lesson->target_tokenizer == TOKENIZE_SPACES;
        appendf(sentence, sizeof sentence, "%s%s",
                sentence[0] && spaces ? " " : "",
                id >= 0 && id < v->count ? v->tokens[id] : "?");
    }
    title(L, "y", tr_s(L, "输出", "the output"));
    /* attention: the alignment matrix takes the band's right part */
    float right = tr->alpha ? alignment_matrix_left() - 24
                            : CANVAS_W - MARGIN_X - 16;
    add_text_fit(L, sentence[0] ? sentence : "\xE2\x80\x94",
                 MARGIN_X + TITLE_W, SOFTMAX_Y + 50,
                 right - (MARGIN_X + TITLE_W), 80, 48, 18, ALIGN_LEFT,
                 L->pal->accent, true);
    if (tr->alpha)
        alignment_matrix(L);
}

void layout_softmax(const Layout *L)
{
    if (softmax_band_empty(L)) {
        /* Only the placeholder: a strip above the narration, which may
         * have taken the rest of the band. */
        float h = L->narration->y - 6 - SOFTMAX_Y;
        if (h < 40)
            return;
        scene_add_rect(L->s, ROLE_DECOR, MARGIN_X, SOFTMAX_Y,
                       CANVAS_W - 2 * MARGIN_X, h, 14, L->pal->band,
                       (Rgba){0, 0, 0, 0}, 0);
        float th = h - 8 < 50 ? h - 8 : 50;
        add_text_fit(L,
                     tr_s(L, "解码时，这里显示 softmax 给出的每个词的概率",
                          "At each decoder step the softmax bars appear "
                          "here"),
                     MARGIN_X + 16, SOFTMAX_Y + (h - th) / 2,
                     CANVAS_W - 2 * MARGIN_X - 32, th, 26, 14, ALIGN_CENTER,
                     L->pal->text_dim, false);
        return;
    }
    scene_add_rect(L->s, ROLE_DECOR, MARGIN_X, SOFTMAX_Y,
                   CANVAS_W - 2 * MARGIN_X, SOFTMAX_H, 14, L->pal->band,
                   (Rgba){0, 0, 0, 0}, 0);
    switch (L->step.kind) {
    case STEP_DECODER_STATE:
        decoder_bars(L, L->step.t, true);
        break;
    case STEP_DECODER_ATTEND:
        attention_panel(L);
        break;
    case STEP_DECODER_SOFTMAX:
        decoder_bars(L, L->step.t, false);
        break;
    case STEP_SOFTMAX_EXAMPLE:
        example_bars(L);
        break;
    case STEP_SUMMARY:
        summary(L);
        break;
    default:
        break;
    }
}
