/* The training view's loss chart (DESIGN.md, "Three views of the same
 * steps"): the clean loss L_e of the shown decoder against the epoch, on a
 * log scale (the loss falls by orders of magnitude), a tick under every
 * snapshot epoch, and a marker at the snapshot whose weights the picture
 * is drawn with. */
#include <math.h>
#include <stdio.h>

#include "scene/layout.h"

#define MAX_POINTS 240 /* of the curve: short pieces, cheap to draw */
#define LOSS_FLOOR 1e-12

float loss_chart_epoch_x(float x0, float w, int epoch, int epochs)
{
    return epochs > 0 ? x0 + w * (float)epoch / (float)epochs : x0;
}

/* y of loss on the plot [y0, y0 + h], log scale between lo and hi. */
static float loss_y(double loss, double lo, double hi, float y0, float h)
{
    double l = log(fmax(loss, LOSS_FLOOR));
    double a = log(fmax(lo, LOSS_FLOOR)), b = log(fmax(hi, LOSS_FLOOR));
    if (!(b - a > 1e-12))
        return y0 + h / 2;
    return y0 + h * (float)((b - l) / (b - a));
}

void loss_chart(const Layout *L, float x, float y, float w, float h)
{
    const Palette *p = L->pal;
    const TrainLog *log = L->in->log;
    int E = log->epochs;
    const double *loss = train_log_loss(log, L->in->decoder);
    int epoch = log->snapshot_epochs[L->in->snapshot];
    bool large = L->view->large_text;
    float size = large ? LARGE_TEXT_MIN : 22, lh = size * TEXT_LINE_HEIGHT;
    Rgba none = {0, 0, 0, 0};

    scene_add_rect(L->s, ROLE_DECOR, x, y, w, h, 14, p->band, none, 0);
    float pad = 12;
    /* the title at the left, the marker's reading at the right */
    char reading[128], num[32];
    format_num(loss[epoch], 4, num, sizeof num);
    snprintf(reading, sizeof reading, ui_text(UI_LOSS_CHART_READING, L->lang),
             epoch, num);
    float half = (w - 2 * pad) / 2;
    add_text_fit(L, ui_text(UI_LOSS_CHART_TITLE, L->lang), x + pad, y + 4,
                 half - 8, lh, size, large ? size : 14, ALIGN_LEFT, p->text,
                 true);
    add_text_fit(L, reading, x + pad + half, y + 4, half, lh, size,
                 large ? size : 14, ALIGN_RIGHT, p->accent, true);

    double lo = loss[0], hi = loss[0];
    for (int e = 0; e <= E; e++) {
        lo = fmin(lo, loss[e]);
        hi = fmax(hi, loss[e]);
    }
    char hi_s[32], lo_s[32], e_s[32];
    format_num(hi, hi >= 10 ? 1 : 3, hi_s, sizeof hi_s);
    format_num(lo, lo >= 0.01 ? 3 : 5, lo_s, sizeof lo_s);
    float label_w = fmaxf(text_width(L->m, hi_s, size, false),
                          text_width(L->m, lo_s, size, false)) + 6;
    float px = x + pad + label_w + 10, pw = x + w - pad - 8 - px;
    float py = y + 4 + lh + 8 + 7; /* room for the marker's radius */
    float ph = y + h - 6 - lh - 7 - py;
    if (pw < 40 || ph < 20)
        return;

    /* axes: left and bottom */
    Point axes[3] = {{px, py - 4}, {px, py + ph + 4}, {px + pw, py + ph + 4}};
    scene_add_polyline(L->s, axes, 3, 2, p->text_dim, 0);
    /* the ends of the log axis, level with its top and bottom */
    add_text_fit(L, hi_s, x + pad, py - 7, label_w, lh, size,
                 large ? size : 12, ALIGN_RIGHT, p->text_dim, false);
    add_text_fit(L, lo_s, x + pad, py + ph + 7 - lh, label_w, lh, size,
                 large ? size : 12, ALIGN_RIGHT, p->text_dim, false);
    /* under the axis: 0, the word, E */
    float by = py + ph + 6;
    snprintf(e_s, sizeof e_s, "%d", E);
    float ew = text_width(L->m, e_s, size, false) + 4;
    add_text_fit(L, "0", px - 6, by, ew, lh, size, size, ALIGN_LEFT,
                 p->text_dim, false);
    add_text_fit(L, e_s, px + pw - ew + 6, by, ew, lh, size, size,
                 ALIGN_RIGHT, p->text_dim, false);
    add_text_fit(L, ui_text(UI_LOSS_CHART_EPOCH, L->lang), px + ew + 8, by,
                 pw - 2 * ew - 16, lh, size, large ? size : 12,
                 ALIGN_CENTER, p->text_dim, false);

    /* a tick under every snapshot epoch: where [ and ] can go */
    for (int i = 0; i < log->snapshot_count; i++) {
        float tx = loss_chart_epoch_x(px, pw, log->snapshot_epochs[i], E);
        Point tick[2] = {{tx, py + ph - 2}, {tx, py + ph + 4}};
        scene_add_polyline(L->s, tick, 2, 2, p->text_dim, 0);
    }

    /* the curve, sampled to at most MAX_POINTS points */
    Point pts[MAX_POINTS + 1];
    int n = 0, stride = E / MAX_POINTS + 1;
    for (int e = 0; e <= E; e += stride)
        pts[n++] = (Point){loss_chart_epoch_x(px, pw, e, E),
                           loss_y(loss[e], lo, hi, py, ph)};
    if (pts[n - 1].x < px + pw - 0.01f && n <= MAX_POINTS)
        pts[n++] = (Point){px + pw, loss_y(loss[E], lo, hi, py, ph)};
    if (n >= 2)
        scene_add_polyline(L->s, pts, n, 3, p->bar, 0);

    /* the marker: a line down to the axis and a dot on the curve */
    float mx = loss_chart_epoch_x(px, pw, epoch, E);
    float my = loss_y(loss[epoch], lo, hi, py, ph);
    Point drop[2] = {{mx, my}, {mx, py + ph + 4}};
    scene_add_polyline(L->s, drop, 2, 2, p->accent, 0);
    Shape *dot = scene_add_circle(L->s, ROLE_DECOR, mx, my, 7, p->accent,
                                  p->background, 2);
    scene_set_tooltip(L->s, dot, reading);
}
