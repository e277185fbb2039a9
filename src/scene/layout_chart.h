/* Internal to scene/: a small line chart shared by the compare view's
 * influence chart and accuracy chart (layout_chart.c): a title with a
 * legend, a plot with a y range and its end labels, x labels under the
 * plot, and series of points joined by lines. */
#ifndef S2S_LAYOUT_CHART_H
#define S2S_LAYOUT_CHART_H

#include "scene/layout.h"

#define CHART_MAX_POINTS 64
#define CHART_MAX_SERIES 3

typedef struct {
    const char *name; /* in the legend */
    Rgba color;
    int n;            /* points 0..n-1 at x positions 0..n-1 */
    double y[CHART_MAX_POINTS];
    int shown;        /* the first `shown` points are drawn */
} ChartSeries;

typedef struct {
    const char *title;
    const char *x_title;     /* under the x labels */
    int x_count;             /* positions 0..x_count-1 */
    char x_labels[CHART_MAX_POINTS][16];
    double y_min, y_max;
    char y_low[24], y_high[24]; /* the labels at y_min and y_max */
    int series_count;
    ChartSeries series[CHART_MAX_SERIES];
} Chart;

/* Draws chart c in the box (x, y, w, h). */
void chart_draw(const Layout *L, const Chart *c, float x, float y, float w,
                float h);

#endif
