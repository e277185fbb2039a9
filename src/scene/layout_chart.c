/* A small line chart in canvas units (layout_chart.h): the title line
 * (title left, legend right), the y labels left of the plot, the x labels
 * and the x title under it; every text in its own box, so nothing
 * overlaps at any canvas shape or in large text. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scene/layout_chart.h"

#define LARGE (L->view->large_text)
#define TEXT_SIZE (LARGE ? LARGE_TEXT_MIN : 18.0f)
#define ROW_H (TEXT_SIZE * TEXT_LINE_HEIGHT + 2)

void chart_draw(const Layout *L, const Chart *c, float x, float y, float w,
                float h)
{
    const Palette *p = L->pal;
    float fs = TEXT_SIZE, min = LARGE ? LARGE_TEXT_MIN : 10;
    /* The legend right of the title, one name per series; on a line of
     * its own when the title would have to shrink beside it. */
    float legend_w = 0;
    for (int i = 0; i < c->series_count; i++)
        legend_w += text_width(L->m, c->series[i].name, fs, true) + 14;
    legend_w = fminf(legend_w, w);
    bool own_line = text_width(L->m, c->title, fs + 2, true) + 8 >
                    w - legend_w;
    add_text_fit(L, c->title, x, y, own_line ? w : w - legend_w - 8, ROW_H,
                 fs + 2, min, ALIGN_LEFT, p->text, true);
    if (own_line) {
        y += ROW_H;
        h -= ROW_H;
    }
    float lx = x + w - legend_w;
    for (int i = 0; i < c->series_count; i++) {
        float nw = fminf(text_width(L->m, c->series[i].name, fs, true) + 14,
                         x + w - lx);
        add_text_fit(L, c->series[i].name, lx, y, nw, ROW_H, fs, min,
                     ALIGN_CENTER, c->series[i].color, true);
        lx += nw;
    }

    /* The plot: left of it the y labels, under it the x labels and title;
     * room on the right for half the widest x label. */
    int nx = c->x_count > 0 ? c->x_count : 1;
    float widest = 0;
    for (int i = 0; i < nx; i++)
        widest = fmaxf(widest, text_width(L->m, c->x_labels[i], fs, false));
    float label_w = fmaxf(text_width(L->m, c->y_low, fs, false),
                          text_width(L->m, c->y_high, fs, false)) + 6;
    label_w = fminf(label_w, w * 0.3f);
    float px = x + label_w + 4, pw = w - label_w - 4 - (widest / 2 + 6);
    float py = y + ROW_H + 4, ph = h - 3 * ROW_H - 8;
    if (ph < 12 || pw < 24)
        return;
    scene_add_rect(L->s, ROLE_DECOR, px, py, pw, ph, 2, (Rgba){0, 0, 0, 0},
                   p->box_empty, 1.5f);
    /* The y labels inside the plot's height, at its top and bottom: the
     * low one only when both fit. */
    add_text_fit(L, c->y_high, x, py, label_w, fminf(ROW_H, ph), fs, min,
                 ALIGN_RIGHT, p->text_dim, false);
    if (ph >= 2 * ROW_H)
        add_text_fit(L, c->y_low, x, py + ph - ROW_H, label_w, ROW_H, fs,
                     min, ALIGN_RIGHT, p->text_dim, false);

    float step = nx > 1 ? pw / (float)(nx - 1) : 0;
    float x0 = nx > 1 ? px : px + pw / 2;
    /* x labels: as many as fit side by side, always the first and last. */
    int every = 1;
    while (nx > 1 && step * (float)every < widest + 8 && every < nx)
        every++;
    float slot = nx > 1 ? fminf(step * (float)every, pw) : pw;
    for (int i = 0; i < nx; i++) {
        bool last = i == nx - 1;
        if (i % every != 0 && !last)
            continue;
        if (last && i % every != 0 && nx > 1 &&
            step * (float)(i % every) < widest + 8)
            continue; /* the last one would touch its neighbour */
        float cx = x0 + step * (float)i;
        float bw = fminf(slot - 2, widest + 8);
        float bx = fmaxf(cx - bw / 2, x);
        add_text_fit(L, c->x_labels[i], bx, py + ph + 2, bw, ROW_H, fs, min,
                     ALIGN_CENTER, p->text_dim, false);
    }
    add_text_fit(L, c->x_title, px, py + ph + 2 + ROW_H, pw, ROW_H, fs, min,
                 ALIGN_CENTER, p->text_dim, false);

    double span = c->y_max - c->y_min;
    if (!(span > 0))
        span = 1;
    for (int s = 0; s < c->series_count; s++) {
        const ChartSeries *se = &c->series[s];
        Point pts[CHART_MAX_POINTS];
        int n = se->shown < se->n ? se->shown : se->n;
        for (int i = 0; i < n; i++) {
            double f = (se->y[i] - c->y_min) / span;
            f = f < 0 ? 0 : f > 1 ? 1 : f;
            pts[i] = (Point){x0 + step * (float)i, py + ph * (1 - (float)f)};
        }
        if (n >= 2)
            scene_add_polyline(L->s, pts, n, LINE_W, se->color, 0);
        for (int i = 0; i < n; i++)
            scene_add_circle(L->s, ROLE_DECOR, pts[i].x, pts[i].y,
                             LARGE ? 7 : 5, se->color, (Rgba){0, 0, 0, 0}, 0);
    }
}
