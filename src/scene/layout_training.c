/* The training view (DESIGN.md, "Three views of the same steps"): every
 * step drawn as in the step-through but with the weights of a snapshot,
 * the softmax band sharing its width with the loss chart; and the
 * teacher-forcing step, whose network band is a panel of its own: per
 * decoder step the fed token y*_{t-1} (the expected one, drawn in the
 * teacher's style, apart from the model's own pick above it), the
 * expected y*_t, p_t[y*_t] and its -log as a bar, the article's
 *
 *     log p(y*|x) = sum_t log p_t[y*_t],   L_e = -(1/N) sum_n log p(y*_n|x_n)
 *
 * typed with the live numbers in the narration band. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene/bands.h"
#include "scene/formula.h"
#include "scene/layout.h"
#include "session/narration.h"

#define LARGE (L->view->large_text)
#define ROW_H (LARGE ? 42.0f : 34.0f)  /* a row of numbers */
#define BOX_H (LARGE ? 46.0f : 44.0f)  /* a row of token boxes */
#define GAP 6.0f
#define LABEL_W (LARGE ? 330.0f : 290.0f)
#define MIN_SIZE (LARGE ? LARGE_TEXT_MIN : 14.0f)
#define FORMULA_SIZE 30.0f
#define MINUS "\xE2\x88\x92"

static NarrationTraining facts(const Layout *L)
{
    const TrainLog *log = L->in->log;
    const double *loss = train_log_loss(log, L->in->decoder);
    int epoch = log->snapshot_epochs[L->in->snapshot];
    return (NarrationTraining){
        .epoch = epoch,
        .epochs = log->epochs,
        .loss = loss[epoch],
        .loss_start = loss[0],
        .pair_count = L->lesson->pair_count,
        .expected = L->in->forced ? L->in->expected : NULL,
        .held_out = L->in->expected_held_out,
    };
}

char *training_narration_text(const Layout *L)
{
    NarrationTraining f = facts(L);
    return narration_training(L->lesson, L->tr, L->in->forced,
                              L->in->variant, L->in->context, &L->step,
                              L->lang, L->in->input_tokens, &f);
}

static void token_text(const Layout *L, int id, char *out, size_t size)
{
    const Vocab *v = &L->lesson->target_vocab;
    snprintf(out, size, "%s", id >= 0 && id < v->count ? v->tokens[id] : "?");
}

/* log p(y*|x) = Σ_t log p_t[y*_t] = a + b + … = total, the middle terms
 * elided until it fits; "≈" when the printed terms do not add up to the
 * printed total. Then L_e = −(1/N) Σ_n log p(y*_n|x_n) with its value. */
void teacher_forcing_formula(const Layout *L, char *l1, char *l2,
                             size_t size)
{
    const Trace *tf = L->in->forced;
    char num[32];
    /* L_e itself is typeset beside the chart (loss_mean) */
    l1[0] = l2[0] = '\0';
    if (!tf)
        return;
    int n = tf->output_len;
    char total[32];
    format_num(tf->logprob, 4, total, sizeof total);
    /* a student adds the terms as printed */
    double shown = 0;
    for (int i = 0; i < n; i++) {
        char t[32];
        snprintf(t, sizeof t, "%.4f", log(tf->p[i]));
        shown += strtod(t, NULL);
    }
    char want[32], got[32];
    snprintf(want, sizeof want, "%.4f", tf->logprob);
    snprintf(got, sizeof got, "%.4f", shown);
    const char *rel = strcmp(want, got) == 0 ? "=" : "\xE2\x89\x88";
    for (int keep = n; keep >= 1; keep--) {
        int head = (keep + 1) / 2, tail = keep - head;
        snprintf(l1, size, "log p(y^*|x) = \\sum_{t=1}^{%d} log p_t[y^*_t] = ",
                 n);
        for (int i = 0; i < n; i++) {
            if (keep < n && i == head) {
                appendf(l1, size, " + \xE2\x80\xA6");
                i = n - tail - 1;
                continue;
            }
            double v = log(tf->p[i]);
            format_num(fabs(v), 4, num, sizeof num);
            appendf(l1, size, "%s%s", i == 0 ? (v < 0 ? MINUS : "")
                                             : (v < 0 ? " " MINUS " " : " + "),
                    num);
        }
        appendf(l1, size, " %s %s", keep < n ? "=" : rel, total);
        if (formula_measure(L->m, l1, FORMULA_SIZE, true).w <= NARRATION_TEXT_W)
            break;
    }
}

/* L_e = −(1/N) Σ_n log p(y*_n|x_n) with its value, the mean the chart
 * plots, typeset large in the box. */
static void loss_mean(const Layout *L, float x, float y, float w, float h)
{
    const Palette *p = L->pal;
    NarrationTraining f = facts(L);
    scene_add_rect(L->s, ROLE_DECOR, x, y, w, h, 14, p->band,
                   (Rgba){0, 0, 0, 0}, 0);
    float lh = (LARGE ? LARGE_TEXT_MIN : 22) * TEXT_LINE_HEIGHT;
    add_text_fit(L, ui_text(UI_TF_LOSS_MEAN, L->lang), x + 12, y + 4,
                 w - 24, lh, LARGE ? LARGE_TEXT_MIN : 22, MIN_SIZE,
                 ALIGN_LEFT, p->text, true);
    char src[256], num[32];
    format_num(f.loss, 4, num, sizeof num);
    snprintf(src, sizeof src,
             "L_{%d} = " MINUS "\\frac{1}{%d} \\sum_{n=1}^{%d} "
             "log p(y^*_n|x_n) = %s",
             f.epoch, f.pair_count, f.pair_count, num);
    float size = formula_fit(L->m, src, 34, 12, w - 24, true);
    FormulaExtent e = formula_measure(L->m, src, size, true);
    float top = y + 4 + lh, avail = y + h - 4 - top;
    if (e.above + e.below > avail)
        return;
    formula_emit(L->s, L->m, src, x + 12,
                 top + (avail - e.above - e.below) / 2 + e.above, size,
                 p->text, true);
}

/* A token box: the teacher's (filled with the accent's tint, the expected
 * tokens) or the model's own (outlined; in the warning colour where it is
 * not the expected token). */
static void token_box(const Layout *L, const char *text, float x, float y,
                      float w, bool teacher, bool miss)
{
    const Palette *p = L->pal;
    Rgba fill = teacher ? rgba_mix(p->box_fill, p->accent, 0.25f)
                        : p->box_fill;
    Rgba stroke = teacher ? p->accent : miss ? p->warning : p->box_stroke;
    scene_add_rect(L->s, ROLE_BOX, x, y, w, BOX_H, 8, fill, stroke,
                   teacher || miss ? 3 : 2);
    add_text_fit(L, text, x + 4, y + 2, w - 8, BOX_H - 4, LARGE ? 30 : 26,
                 MIN_SIZE, ALIGN_CENTER, miss ? p->warning : p->text,
                 teacher);
}

static void row_label(const Layout *L, UiText id, float y, float h)
{
    add_text_fit(L, ui_text(id, L->lang), MARGIN_X + 12, y, LABEL_W - 24, h,
                 LARGE ? LARGE_TEXT_MIN : 22, MIN_SIZE, ALIGN_RIGHT,
                 L->pal->text_dim, false);
}

static void teacher_forcing_panel(const Layout *L)
{
    const Palette *p = L->pal;
    const Trace *tf = L->in->forced;
    float y = NETWORK_Y + 4;
    add_text_fit(L, ui_text(tf ? UI_TF_PANEL_TITLE : UI_TF_NO_EXPECTED,
                            L->lang),
                 MARGIN_X, y, L->W - 2 * MARGIN_X, ROW_H, LARGE ? 30 : 26,
                 MIN_SIZE, ALIGN_LEFT, tf ? p->text : p->warning, true);
    if (!tf)
        return;
    float y_own = y + ROW_H + GAP, y_exp = y_own + BOX_H + GAP;
    float y_p = y_exp + BOX_H + GAP, y_bar = y_p + ROW_H + GAP;
    float y_fed = NETWORK_Y + NETWORK_H - 4 - BOX_H;
    float y_nll = y_fed - GAP - ROW_H;
    float bar_h = y_nll - GAP - y_bar;
    row_label(L, UI_TF_ROW_OWN, y_own, BOX_H);
    row_label(L, UI_TF_ROW_EXPECTED, y_exp, BOX_H);
    row_label(L, UI_TF_ROW_P, y_p, ROW_H);
    row_label(L, UI_TF_ROW_BAR, y_bar + (bar_h - ROW_H) / 2, ROW_H);
    row_label(L, UI_TF_ROW_NLL, y_nll, ROW_H);
    row_label(L, UI_TF_ROW_FED, y_fed, BOX_H);

    int n = tf->output_len;
    float x0 = MARGIN_X + LABEL_W, pitch = (L->W - MARGIN_X - x0) / (float)n;
    float cw = pitch - 8;
    /* the bars share one scale: the largest term, at least -log 0.5 */
    double top = log(2.0);
    for (int i = 0; i < n; i++)
        top = fmax(top, -log(tf->p[i]));
    const int *want = L->in->expected->target;
    for (int i = 0; i < n; i++) {
        float cx = x0 + pitch * (float)i + 4;
        char tok[256], num[32];
        token_text(L, tf->pick[i], tok, sizeof tok);
        token_box(L, tok, cx, y_own, cw, false, tf->pick[i] != want[i]);
        token_text(L, want[i], tok, sizeof tok);
        token_box(L, tok, cx, y_exp, cw, true, false);
        format_num(tf->p[i], 4, num, sizeof num);
        add_text_fit(L, num, cx, y_p, cw, ROW_H, LARGE ? 30 : 24, MIN_SIZE,
                     ALIGN_CENTER, p->text, false);
        double nll = -log(tf->p[i]);
        float bw = fminf(cw * 0.6f, 90), bx = cx + (cw - bw) / 2;
        scene_add_rect(L->s, ROLE_DECOR, bx, y_bar, bw, bar_h, 4, p->bar_slot,
                       (Rgba){0, 0, 0, 0}, 0);
        float h = bar_h * (float)(nll / top);
        if (h > 0.5f)
            scene_add_rect(L->s, ROLE_BAR, bx, y_bar + bar_h - h, bw, h, 4,
                           p->accent, (Rgba){0, 0, 0, 0}, 0);
        format_num(nll, 4, num, sizeof num);
        add_text_fit(L, num, cx, y_nll, cw, ROW_H, LARGE ? 30 : 24, MIN_SIZE,
                     ALIGN_CENTER, p->accent, true);
        /* y*_0 is the start marker; after it the expected tokens */
        token_text(L, tf->prev[i], tok, sizeof tok);
        token_box(L, tok, cx, y_fed, cw, i > 0, false);
    }
}

/* The chart's width beside the bars: a quarter of the canvas, within
 * limits that keep it readable and leave the bars their labels. */
static float chart_width(const Layout *L)
{
    float w = L->W * 0.27f;
    return w < 380 ? 380 : w > 600 ? 600 : w;
}

void layout_training(const Layout *L)
{
    if (L->step.kind == STEP_TEACHER_FORCING) {
        teacher_forcing_panel(L);
        float mw = (L->W - 2 * MARGIN_X) * 0.42f;
        loss_mean(L, MARGIN_X, SOFTMAX_Y, mw, SOFTMAX_H);
        loss_chart(L, MARGIN_X + mw + 12, SOFTMAX_Y,
                   L->W - 2 * MARGIN_X - mw - 12, SOFTMAX_H);
        return;
    }
    layout_network(L);
    /* Large text at the summary: the output sentence needs the whole band
     * to stay LARGE_TEXT_MIN high (the header still names the epoch). */
    if (L->step.kind == STEP_SUMMARY && LARGE) {
        layout_softmax(L);
        return;
    }
    /* the bars laid out as on a narrower canvas, the chart on the right */
    float cw = chart_width(L);
    Layout bars = *L;
    bars.W = L->W - cw - 12;
    layout_softmax(&bars);
    loss_chart(L, L->W - MARGIN_X - cw, SOFTMAX_Y, cw, SOFTMAX_H);
}
