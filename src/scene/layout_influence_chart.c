/* The influence chart of the compare view (DESIGN.md, "How much does s_t
 * still know C?"): ‖J_t‖_F, J_t = ∂s_t/∂C, against decoder step t for
 * init and every, from J_0 = I (‖I‖_F = √H, where both start) to the
 * longest output's end. The trace computes J_t exactly in forward mode
 * (model/forward.c): J_t = diag(1 − s_t²)·(U_d·J_{t−1} + V_d), V_d = 0
 * for init, so init's line can only fade through U_d, every's is
 * refreshed at each step. A point appears when its s_t is computed.
 * Attention has no line: its question is which h_i step t reads (α_t). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scene/layout_chart.h"

void influence_chart(const Layout *L, float x, float y, float w, float h)
{
    const CompareRows *r = &L->in->rows;
    Chart c;
    memset(&c, 0, sizeof c);
    c.title = ui_text(UI_COMPARE_INFLUENCE, L->lang);
    c.x_title = ui_text(UI_COMPARE_STEP_AXIS, L->lang);
    int longest = 0;
    for (int i = 0; i < r->n; i++)
        if (r->variant[i] != VARIANT_ATTENTION &&
            r->trace[i]->output_len > longest)
            longest = r->trace[i]->output_len;
    if (longest > CHART_MAX_POINTS - 1)
        longest = CHART_MAX_POINTS - 1;
    /* The axis grows with the decoders, so it does not tell the output's
     * length before it is written: t = 0 .. the current step. */
    int upto = L->step.kind == STEP_SUMMARY ? longest
               : (L->step.kind == STEP_DECODER_STATE ||
                  L->step.kind == STEP_DECODER_ATTEND ||
                  L->step.kind == STEP_DECODER_SOFTMAX)
                   ? L->step.t
                   : 1;
    if (upto > longest)
        upto = longest;
    if (upto < 1)
        upto = 1;
    c.x_count = upto + 1;
    for (int t = 0; t <= upto; t++)
        snprintf(c.x_labels[t], sizeof c.x_labels[t], "%d", t);
    double j0 = sqrt((double)L->tr->hidden); /* ‖I‖_F */
    double top = j0;
    for (int i = 0; i < r->n && c.series_count < CHART_MAX_SERIES; i++) {
        const Trace *tr = r->trace[i];
        if (r->variant[i] == VARIANT_ATTENTION || !tr->influence)
            continue;
        ChartSeries *s = &c.series[c.series_count++];
        s->name = variant_name(r->variant[i]);
        s->color = compare_row_color(L, r->variant[i]);
        int n = tr->output_len < upto ? tr->output_len : upto;
        s->n = n + 1;
        s->y[0] = j0;
        for (int t = 1; t <= n; t++)
            s->y[t] = tr->influence[t - 1];
        /* s_0 = C once C is formed; s_t as its state step computes it */
        s->shown = reveal_context(L) >= 1 ? 1 : 0;
        for (int t = 1; t <= n && s->shown == t; t++)
            if (reveal_state(L, t) > 0)
                s->shown = t + 1;
        for (int t = 1; t < s->shown; t++)
            top = fmax(top, s->y[t]); /* the scale of what is shown */
    }
    c.y_min = 0;
    c.y_max = top;
    snprintf(c.y_low, sizeof c.y_low, "0");
    format_num(top, 2, c.y_high, sizeof c.y_high);
    chart_draw(L, &c, x, y, w, h);
}
