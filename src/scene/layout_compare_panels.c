/* The compare view's softmax band: at a decoder step, every decoder's
 * bars p_t side by side, each panel with the probability its decoder
 * gives its pick; right of them the influence chart ‖J_t‖ against t. At
 * the summary, every decoder's output and p(y|x), the accuracy-by-length
 * chart and the influence chart. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scene/layout.h"
#include "session/narration.h"

#define PANEL_GAP 16.0f
#define LARGE (L->view->large_text)
#define LINE_H (LARGE ? LARGE_TEXT_MIN * TEXT_LINE_HEIGHT + 2 : 28.0f)
#define BAR_ROW_H (LARGE ? LARGE_TEXT_MIN * TEXT_LINE_HEIGHT + 2 : 24.0f)
#define SMALL (LARGE ? LARGE_TEXT_MIN : 18.0f)
#define MAX_PANEL_BARS 8

Rgba compare_row_color(const Layout *L, Variant v)
{
    switch (v) {
    case VARIANT_INIT:
        return L->pal->arrow;
    case VARIANT_EVERY:
        return L->pal->arrow_context;
    default:
        return L->pal->feedback;
    }
}

static const char *target_token(const Layout *L, int id)
{
    const Vocab *v = &L->lesson->target_vocab;
    return id >= 0 && id < v->count ? v->tokens[id] : "?";
}

/* The output vocabulary's ids by falling probability, the first k. */
static int top_ids(const double *probs, int n, int k, int *ids)
{
    bool used[512] = {false};
    if (n > 512)
        n = 512;
    int m = 0;
    for (; m < k && m < n; m++) {
        int best = -1;
        for (int i = 0; i < n; i++)
            if (!used[i] && (best < 0 || probs[i] > probs[best]))
                best = i;
        used[best] = true;
        ids[m] = best;
    }
    return m;
}

/* One decoder's bars at decoder step t, in the box (x, y, w, h). */
static void panel(const Layout *L, Variant v, const Trace *tr, float x,
                  float y, float w, float h)
{
    const Palette *p = L->pal;
    int t = L->step.t;
    char title[160], sub[24];
    subscript(t, sub, sizeof sub);
    snprintf(title, sizeof title, "%s  p%s", variant_name(v), sub);
    add_text_fit(L, title, x, y, w, LINE_H, LARGE ? LARGE_TEXT_MIN : 22,
                 SMALL * 0.6f, ALIGN_LEFT, compare_row_color(L, v), true);
    y += LINE_H;
    h -= LINE_H;
    if (t > tr->output_len) {
        add_text_fit(L, ui_text(UI_COMPARE_ENDED, L->lang), x, y, w, LINE_H,
                     SMALL, SMALL * 0.6f, ALIGN_LEFT, p->text_dim, false);
        return;
    }
    float ro = L->step.kind == STEP_DECODER_SOFTMAX ? reveal_output(L, t)
               : 0;
    if (ro <= 0) {
        add_text_fit(L, ui_text(UI_COMPARE_BARS_LATER, L->lang), x, y, w,
                     LINE_H, SMALL, SMALL * 0.6f, ALIGN_LEFT, p->text_dim,
                     false);
        return;
    }
    /* The pick and its probability, once it is written. */
    float write = step_part(L, ro, 0.7f, 1, 2, 3);
    if (write > 0) {
        char pn[32], line[256];
        format_num(tr->p[t - 1], 4, pn, sizeof pn);
        snprintf(line, sizeof line, ui_text(UI_COMPARE_PICK, L->lang),
                 target_token(L, tr->pick[t - 1]), pn);
        add_text_fit(L, line, x, y, w, LINE_H, LARGE ? LARGE_TEXT_MIN : 20,
                     SMALL * 0.6f, ALIGN_LEFT, rgba_fade(p->accent, write),
                     true);
    }
    y += LINE_H;
    h -= LINE_H;
    int k = (int)floorf(h / BAR_ROW_H);
    if (k > MAX_PANEL_BARS)
        k = MAX_PANEL_BARS;
    if (k < 1)
        return;
    int ids[MAX_PANEL_BARS];
    const double *probs = trace_probs(tr, t - 1);
    k = top_ids(probs, tr->output_vocab, k, ids);
    float label_w = fminf(w * 0.32f, LARGE ? 180 : 130);
    float num_w = LARGE ? 112 : 66;
    float track_x = x + label_w + 6, track_w = w - label_w - num_w - 12;
    float grow = step_part(L, ro, 0.2f, 0.7f, 1, 3);
    for (int j = 0; j < k; j++) {
        int id = ids[j];
        /* output id -> target vocabulary id (vocab.h: <go> has none) */
        const char *label = target_token(L, vocab_target_id(id));
        bool picked = vocab_target_id(id) == tr->pick[t - 1];
        float by = y + BAR_ROW_H * (float)j;
        add_text_fit(L, label, x, by, label_w, BAR_ROW_H, SMALL, SMALL * 0.6f,
                     ALIGN_RIGHT, p->text, picked);
        scene_add_rect(L->s, ROLE_DECOR, track_x, by + 4, track_w,
                       BAR_ROW_H - 8, 3, p->bar_slot, (Rgba){0, 0, 0, 0}, 0);
        float bw = track_w * (float)probs[id] * grow;
        if (bw >= 1) {
            Shape *b = scene_add_rect(L->s, ROLE_BAR, track_x, by + 4, bw,
                                      BAR_ROW_H - 8, 3,
                                      picked ? p->accent : p->bar,
                                      (Rgba){0, 0, 0, 0}, 0);
            char tip[160], pn[32];
            format_num(probs[id], 5, pn, sizeof pn);
            snprintf(tip, sizeof tip, "p%s[%s] = %s", sub, label, pn);
            scene_set_tooltip(L->s, b, tip);
        }
        char pn[32];
        format_num(probs[id], 4, pn, sizeof pn);
        add_text_fit(L, pn, x + w - num_w, by, num_w, BAR_ROW_H, SMALL,
                     SMALL * 0.6f, ALIGN_RIGHT,
                     grow >= 1 ? p->text : p->text_dim, false);
    }
}

/* The summary: one line per decoder, its output and p(y|x). */
static void outputs(const Layout *L, float x, float y, float w, float h)
{
    const CompareRows *r = &L->in->rows;
    float lh = fminf(h / (float)r->n, LARGE ? 2 * LINE_H : 48);
    for (int i = 0; i < r->n; i++) {
        const Trace *tr = r->trace[i];
        char out[512] = "", pn[32], line[640];
        for (int k = 0; k < tr->output_len; k++) {
            if (tr->pick[k] == VOCAB_EOS)
                continue;
            appendf(out, sizeof out, "%s%s",
                    out[0] ? tokenizer_separator(L->lesson->target_tokenizer)
                           : "",
                    target_token(L, tr->pick[k]));
        }
        narration_format_prob(exp(tr->logprob), pn, sizeof pn);
        snprintf(line, sizeof line, "%s: ", variant_name(r->variant[i]));
        char rest[600];
        snprintf(rest, sizeof rest, ui_text(UI_COMPARE_OUTPUT, L->lang), out,
                 pn);
        appendf(line, sizeof line, "%s", rest);
        /* right or wrong when the input is one of the lesson's pairs */
        const LessonPair *pair = narration_expected_pair(L->lesson, tr, NULL);
        if (pair)
            appendf(line, sizeof line, "%s",
                    ui_text(narration_output_right(pair, tr) ? UI_TITLE_RIGHT
                                                             : UI_TITLE_WRONG,
                            L->lang));
        add_text_fit(L, line, x, y + lh * (float)i, w, lh,
                     LARGE ? LARGE_TEXT_MIN : 26, SMALL * 0.6f, ALIGN_LEFT,
                     compare_row_color(L, r->variant[i]), true);
    }
}

void layout_compare_panels(const Layout *L)
{
    const CompareRows *r = &L->in->rows;
    float top = SOFTMAX_Y, bottom = L->narration->y - 6;
    float h = bottom - top;
    if (h < 40)
        return;
    scene_add_rect(L->s, ROLE_DECOR, MARGIN_X, top, L->W - 2 * MARGIN_X, h,
                   10, L->pal->band, (Rgba){0, 0, 0, 0}, 0);
    float inner_x = MARGIN_X + 12, inner_w = L->W - 2 * MARGIN_X - 24;
    float y = top + 6, ih = h - 12;
    float chart_w = fminf(460, inner_w * 0.3f);
    float chart_x = inner_x + inner_w - chart_w;
    influence_chart(L, chart_x, y, chart_w, ih);
    float left_w = inner_w - chart_w - PANEL_GAP;
    if (L->step.kind == STEP_SUMMARY) {
        float acc_w = chart_w;
        float acc_x = chart_x - PANEL_GAP - acc_w;
        accuracy_chart(L, acc_x, y, acc_w, ih);
        outputs(L, inner_x, y, acc_x - PANEL_GAP - inner_x, ih);
        return;
    }
    bool decoding = L->step.kind == STEP_DECODER_STATE ||
                    L->step.kind == STEP_DECODER_ATTEND ||
                    L->step.kind == STEP_DECODER_SOFTMAX;
    if (!decoding) {
        add_text_fit(L, ui_text(UI_SOFTMAX_EMPTY, L->lang), inner_x, y,
                     left_w, fminf(ih, LINE_H), SMALL, SMALL * 0.6f,
                     ALIGN_LEFT, L->pal->text_dim, false);
        return;
    }
    float pw = (left_w - PANEL_GAP * (float)(r->n - 1)) / (float)r->n;
    for (int i = 0; i < r->n; i++)
        panel(L, r->variant[i], r->trace[i],
              inner_x + (pw + PANEL_GAP) * (float)i, y, pw, ih);
}
