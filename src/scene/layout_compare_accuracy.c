/* The compare view's accuracy chart (DESIGN.md, "Three views": the shape
 * of the classic result): for each decoder, the share of the lesson's
 * held-out [test] pairs of each input length it decodes exactly
 * (session/accuracy.c), one point per length that has pairs. A lesson
 * without [test] pairs gets one plain line saying so. */
#include <stdio.h>
#include <string.h>

#include "scene/layout_chart.h"

void accuracy_chart(const Layout *L, float x, float y, float w, float h)
{
    const AccuracyByLength *a = L->in->accuracy;
    int lens[LESSON_MAX_INPUT];
    int k = a ? accuracy_lengths(a, lens) : 0;
    if (k == 0) {
        float fs = L->view->large_text ? LARGE_TEXT_MIN : 20;
        add_text_fit(L, ui_text(UI_COMPARE_NO_TESTS, L->lang), x, y, w,
                     fs * TEXT_LINE_HEIGHT + 2, fs,
                     L->view->large_text ? LARGE_TEXT_MIN : 10, ALIGN_LEFT,
                     L->pal->text_dim, false);
        return;
    }
    const CompareRows *r = &L->in->rows;
    Chart c;
    memset(&c, 0, sizeof c);
    c.title = ui_text(UI_COMPARE_ACCURACY, L->lang);
    c.x_title = ui_text(UI_COMPARE_LENGTH_AXIS, L->lang);
    c.x_count = k;
    for (int i = 0; i < k; i++)
        snprintf(c.x_labels[i], sizeof c.x_labels[i], "%d", lens[i]);
    for (int i = 0; i < r->n && c.series_count < CHART_MAX_SERIES; i++) {
        Variant v = r->variant[i];
        if (!a->trained[v])
            continue;
        ChartSeries *s = &c.series[c.series_count++];
        s->name = variant_name(v);
        s->color = compare_row_color(L, v);
        s->n = s->shown = k;
        for (int j = 0; j < k; j++)
            s->y[j] = 100.0 * a->right[v][lens[j]] / a->pairs[lens[j]];
    }
    c.y_min = 0;
    c.y_max = 100;
    snprintf(c.y_low, sizeof c.y_low, "0%%");
    snprintf(c.y_high, sizeof c.y_high, "100%%");
    chart_draw(L, &c, x, y, w, h);
}
