/* The softmax band: bars over the target vocabulary for the current
 * decoder step, p_t = softmax(z_t), each with its label and probability
 * (four places, as the article prints them), the argmax in the accent
 * colour, the logits under the labels when numbers are on. A vocabulary
 * too large for legible labels shows its top bars and one "others" bar.
 * The worked example step shows the lesson's logits, the article's
 * V = [-3, 2, -1, 0] -> [0.0057, 0.8390, 0.0418, 0.1135]. At the summary
 * the band shows the output sentence. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/softmax.h"
#include "scene/layout.h"
#include "xalloc.h"

#define MAX_BARS 13 /* at most 12 labelled bars plus "others" */
#define TITLE_W (L->view->large_text ? 330.0f : 300.0f)
/* The rows of the band; in large text (Z) they are tall enough for text
 * LARGE_TEXT_MIN high, and the bars' tracks shorter. Need a Layout L. */
#define LARGE (L->view->large_text)
#define PROB_Y (SOFTMAX_Y + 8)
#define PROB_H (LARGE ? 42.0f : 32.0f)
#define BAR_TOP (PROB_Y + PROB_H + 2)
#define BAR_BOTTOM (LARGE ? SOFTMAX_Y + 102 : SOFTMAX_Y + 132)
#define LABEL_Y (BAR_BOTTOM + 4)
#define LABEL_H (LARGE ? 42.0f : 34.0f)
#define LOGIT_Y (LABEL_Y + LABEL_H)
#define LOGIT_H (LARGE ? 42.0f : 24.0f)
/* The text sizes of the rows: normal (size, smallest) or large. */
#define ROW_FONT(size) (LARGE ? LARGE_TEXT_MIN : (size))
#define ROW_MIN(size) (LARGE ? LARGE_TEXT_MIN : (size))
/* Large text: a bar's slot holds "0.0000" at LARGE_TEXT_MIN. */
#define LARGE_SLOT_W 112.0f

typedef struct {
    char label[128];
    double prob, logit;
    bool has_logit, picked;
    int id; /* vocabulary index, -1 for "others" */
} Bar;

/* The width of one bar's slot when count bars share the band. */
static float slot_width(const Layout *L, int count)
{
    return (L->W - 2 * MARGIN_X - 16 - TITLE_W) / (float)count;
}

/* How many bars fit: MAX_BARS, fewer in large text (wider slots). */
static int max_bars(const Layout *L)
{
    if (!LARGE)
        return MAX_BARS;
    int n = (int)((L->W - 2 * MARGIN_X - 16 - TITLE_W) / LARGE_SLOT_W);
    return n < 3 ? 3 : n > MAX_BARS ? MAX_BARS : n;
}

/* How many top bars (besides "others") to show of a large vocabulary: up
 * to MAX_BARS - 1, fewer when a long label (a word like "reinforcement")
 * would otherwise shrink below a size legible on a projector. used is
 * scratch (n flags, left cleared). */
static int top_count(const Layout *L, const double *probs,
                     char *const *labels, int n, bool *used)
{
    const float legible = LARGE ? LARGE_TEXT_MIN : 20;
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
    int k = max_bars(L) - 1;
    while (k > (LARGE ? 2 : 8) && widest[k - 1] > slot_width(L, k + 1) - 8)
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
    if (n <= max_bars(L)) {
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
    snprintf(o->label, sizeof o->label, ui_text(UI_SOFTMAX_OTHERS, L->lang),
             n - k);
    o->prob = rest < 0 ? 0 : rest;
    o->has_logit = false;
    o->picked = false;
    o->id = -1;
    return k + 1;
}

/* The log scale of key G: p from LOG_FLOOR to 1 maps to 0..1 of the track
 * by log10, so a runner-up at p = 0.004 still shows when the winner has
 * 0.99 (on the linear scale it is an empty track). */
#define LOG_FLOOR 1e-4
static float bar_fraction(const Layout *L, double p)
{
    if (!L->view->log_bars)
        return (float)p;
    if (!(p > LOG_FLOOR))
        return 0;
    /* height = (log10 p - log10 floor) / (-log10 floor) */
    return (float)((log10(p) - log10(LOG_FLOOR)) / -log10(LOG_FLOOR));
}

/* Draws the bars; grow in [0, 1] scales their heights (0 = slots only). */
static void bars(const Layout *L, const Bar *b, int n, float grow,
                 bool picked_shown, bool dim, const char *pname,
                 bool show_logits)
{
    const Palette *p = L->pal;
    float x0 = MARGIN_X + TITLE_W;
    float slot = slot_width(L, n);
    float bw = slot * 0.62f < 90 ? slot * 0.62f : 90;
    float full = BAR_BOTTOM - BAR_TOP;
    for (int i = 0; i < n; i++) {
        float cx = x0 + slot * ((float)i + 0.5f);
        scene_add_rect(L->s, ROLE_DECOR, cx - bw / 2, BAR_TOP, bw, full, 4,
                       p->bar_slot, (Rgba){0, 0, 0, 0}, 0);
        bool hi = b[i].picked && picked_shown;
        Rgba tc = dim ? p->text_dim : hi ? p->accent : p->text;
        add_text_fit(L, b[i].label, cx - slot / 2 + 4, LABEL_Y, slot - 8,
                     LABEL_H, ROW_FONT(24), ROW_MIN(11), ALIGN_CENTER, tc, hi);
        if (dim)
            continue;
        float h = bar_fraction(L, b[i].prob) * full * grow;
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
                     ROW_FONT(24), ROW_MIN(11), ALIGN_CENTER,
                     hi ? p->accent : p->text, hi);
        if (show_logits && b[i].has_logit) {
            char z[48], zn[32];
            format_num(b[i].logit, 2, zn, sizeof zn);
            snprintf(z, sizeof z, "%s", zn);
            add_text_fit(L, z, cx - slot / 2 + 4, LOGIT_Y, slot - 8,
                         LOGIT_H, ROW_FONT(18), ROW_MIN(10), ALIGN_CENTER,
                         p->text_dim, false);
        }
    }
    /* What the small numbers under the labels are (DESIGN.md, legend). */
    if (show_logits && n > 0 && b[0].has_logit && !dim)
        add_text_fit(L, ui_text(UI_SOFTMAX_LOGITS_LABEL, L->lang),
                     MARGIN_X + 16, LOGIT_Y, TITLE_W - 32, LOGIT_H,
                     ROW_FONT(18), ROW_MIN(12),
                     ALIGN_RIGHT, p->text_dim, false);
}

static void title(const Layout *L, const char *line1, const char *line2)
{
    float w = TITLE_W - 24;
    add_text_fit(L, line1, MARGIN_X + 16, SOFTMAX_Y + 40, w, 46, 30,
                 ROW_MIN(14),
                 ALIGN_LEFT, L->pal->text, true);
    if (line2)
        add_text_fit(L, line2, MARGIN_X + 16, SOFTMAX_Y + 88, w,
                     LARGE ? 42 : 36, ROW_FONT(22), ROW_MIN(11), ALIGN_LEFT,
                     L->pal->text_dim, false);
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
        title(L, line1, ui_text(UI_SOFTMAX_COMES_NEXT, L->lang));
        if (n > MAX_BARS)
            return;
    } else {
        title(L, line1,
              ui_text(L->view->log_bars ? UI_SOFTMAX_BAR_HEIGHT_LOG
                                        : UI_SOFTMAX_BAR_HEIGHT,
                      L->lang));
    }
    Bar b[MAX_BARS];
    int count = select_bars(L, trace_probs(tr, t - 1),
                            trace_logits(tr, t - 1),
                            v->tokens + VOCAB_OUTPUT_FIRST, n, b);
    /* Slow motion: the arrow up (slot 0, in the network), the bars grow
     * (slot 1), the pick lights up (slot 2). */
    float grow = state_step ? 0 : step_part(L, L->u, 0, 0.6f, 1, 3);
    bool picked = L->view->slow_motion > 1
                      ? step_part(L, L->u, 0, 1, 2, 3) > 0
                      : grow >= 1 || grow > 0.6f;
    bars(L, b, count, grow, picked && !state_step, state_step, pn,
         L->view->numbers);
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
          ui_text(UI_SOFTMAX_LOGITS_UNDER, L->lang));
    float grow = step_part(L, L->u, 0, 0.6f, 0, 2);
    bool picked = L->view->slow_motion > 1 ? step_part(L, L->u, 0, 1, 1, 2) > 0
                                           : grow > 0.6f;
    bars(L, b, count, grow, picked, false, "S", true);
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
    title(L, "y", ui_text(UI_SOFTMAX_OUTPUT, L->lang));
    /* attention: the alignment matrix takes the band's right part */
    float right = tr->alpha ? alignment_matrix_left(L) - 24
                            : L->W - MARGIN_X - 16;
    add_text_fit(L, sentence[0] ? sentence : "\xE2\x80\x94",
                 MARGIN_X + TITLE_W, SOFTMAX_Y + 50,
                 right - (MARGIN_X + TITLE_W), 80, 48,
                 LARGE ? LARGE_TEXT_MIN : 18, ALIGN_LEFT, L->pal->accent,
                 true);
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
                       L->W - 2 * MARGIN_X, h, 14, L->pal->band,
                       (Rgba){0, 0, 0, 0}, 0);
        float th = h - 8 < 50 ? h - 8 : 50;
        /* Large text: the hint is dropped rather than shown small. */
        if (LARGE && th < LARGE_TEXT_MIN * TEXT_LINE_HEIGHT)
            return;
        add_text_fit(L,
                     ui_text(UI_SOFTMAX_EMPTY, L->lang),
                     MARGIN_X + 16, SOFTMAX_Y + (h - th) / 2,
                     L->W - 2 * MARGIN_X - 32, th, ROW_FONT(26),
                     ROW_MIN(14), ALIGN_CENTER,
                     L->pal->text_dim, false);
        return;
    }
    scene_add_rect(L->s, ROLE_DECOR, MARGIN_X, SOFTMAX_Y,
                   L->W - 2 * MARGIN_X, SOFTMAX_H, 14, L->pal->band,
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
