/* The compare view's network band (DESIGN.md, "Three views of the same
 * steps"): the shared encoder and C drawn once, on the left, exactly as
 * the step view draws them; right of C, one row per decoder (init,
 * every, attention where trained), one above the other, their columns
 * aligned by decoder step t so the same step of every decoder is in one
 * column. A row shows its outputs y_t over its states s_t; C enters s_0
 * of every row, and every step of `every` and (as c_t) of attention. The
 * columns are planned for the longest output, so the encoder does not
 * move while the decoders write (a shorter row shows where it ended).
 * Where the outputs part, the column is marked across the rows. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scene/network.h"

/* The line under the rows that holds the parting mark's label. */
#define PART_H 30.0f
#define ROWS_TOP (NETWORK_Y + 4)
#define ROWS_BOTTOM (NETWORK_Y + NETWORK_H - PART_H)
#define ROW_GAP 6.0f
#define ROW_LANE_H 12.0f

typedef struct {
    float top, bottom;   /* the row's band */
    float label_y, label_h;
    float out_y, out_h;  /* the output boxes y_t */
    float lane_y;        /* the bus carrying C (every, attention) */
    Net net;             /* the strips s_t: N with this row's cells */
} Row;

static const Trace *longest_trace(const Layout *L)
{
    const CompareRows *r = &L->in->rows;
    const Trace *best = r->trace[0];
    for (int i = 1; i < r->n; i++)
        if (r->trace[i]->output_len > best->output_len)
            best = r->trace[i];
    return best;
}

/* The plan of the whole band: the step view's columns for the longest
 * output, all of its decoder columns reserved from the start, at the
 * pitch of the step that shows the most columns (when not all fit, which
 * ones are shown follows the current step), so the encoder stays put. */
static void plan(const Layout *L, Layout *Lc, Net *N)
{
    *Lc = *L;
    Lc->tr = longest_trace(L);
    int Td = Lc->tr->output_len, widest = 0;
    for (int t = 1; t <= Td; t++) {
        Layout probe = *Lc;
        probe.step = (Step){.kind = STEP_DECODER_SOFTMAX, .t = t};
        memset(N, 0, sizeof *N);
        network_plan_columns(&probe, N, Td, false);
        if (N->enc.n + N->dec.n > widest)
            widest = N->enc.n + N->dec.n;
    }
    memset(N, 0, sizeof *N);
    N->min_slots = widest;
    network_plan_columns(Lc, N, Td, false);
}

static void plan_row(const Layout *L, const Net *N, int i, int n, Row *R)
{
    bool large = L->view->large_text;
    float rh = (ROWS_BOTTOM - ROWS_TOP) / (float)n;
    R->top = ROWS_TOP + rh * (float)i;
    R->bottom = R->top + rh - ROW_GAP;
    R->label_h = large ? LARGE_TEXT_MIN * TEXT_LINE_HEIGHT : 26;
    R->label_y = R->top;
    R->out_y = R->label_y + R->label_h;
    R->out_h = large ? LARGE_TEXT_MIN * TEXT_LINE_HEIGHT + 6 : 36;
    R->lane_y = R->out_y + R->out_h + ROW_LANE_H / 2;
    float strip_y = R->out_y + R->out_h + ROW_LANE_H;
    float strip_h = R->bottom - strip_y - 2;
    Net *rn = &R->net;
    *rn = *N;
    rn->cell_h = fminf(N->cell_h, strip_h / (float)N->rows);
    rn->strip_top = strip_y + (strip_h - rn->cell_h * (float)N->rows) / 2;
    /* Numbers only when they are as large as the step view promises. */
    float cw = rn->strip_w / (float)rn->cols;
    float nf = fminf(large ? LARGE_TEXT_MIN : 20,
                     rn->cell_h / TEXT_LINE_HEIGHT - 0.5f);
    nf = fit_font(L->m, "\xE2\x88\x92" "0.00", nf, 6, cw - 6, false);
    if (text_width(L->m, "\xE2\x88\x92" "0.00", nf, false) > cw - 6)
        nf = 0;
    rn->num_font = nf >= (large ? LARGE_TEXT_MIN : 10) ? nf : 0;
}

static float strip_mid(const Net *N)
{
    return N->strip_top + N->cell_h * (float)N->rows * 0.5f;
}

static const char *target_token(const Layout *L, int id)
{
    const Vocab *v = &L->lesson->target_vocab;
    return id >= 0 && id < v->count ? v->tokens[id] : "?";
}

/* Left edge of the rows: right of the C column. */
static float rows_left(const Net *N)
{
    return N->c_cx + N->strip_w / 2 + 8;
}

static void row_label(const Layout *L, const Net *N, const Row *R,
                      Variant v)
{
    char text[160];
    snprintf(text, sizeof text, "%s  \xC2\xB7  %s", variant_name(v),
             ui_variant_label(v, L->lang));
    /* From the first output box's left: clear of C's formula. */
    float x = N->dec.n > 0 ? N->dec.cx[0] - N->box_w / 2
                           : rows_left(N) + HEAD_SIZE + 4;
    float size = L->view->large_text ? LARGE_TEXT_MIN : 22;
    add_text_fit(L, text, x, R->label_y, L->W - MARGIN_X - x, R->label_h,
                 size, size * 0.6f, ALIGN_LEFT, L->pal->accent, true);
}

/* The "s₃" label left of a row's strip. */
static void state_label(const Layout *L, const Net *rn, float cx, int t,
                        bool shown)
{
    char name[32], sub[24];
    subscript(t, sub, sizeof sub);
    snprintf(name, sizeof name, "s%s", sub);
    /* Above the arrows, which enter the strip at its middle. */
    float x0 = cx - rn->pitch / 2 + 2, x1 = cx - rn->strip_w / 2 - 4;
    float h = fminf(rn->cell_h * (float)rn->rows / 2 - 4, 34);
    float size = L->view->large_text ? LARGE_TEXT_MIN : 20;
    add_text_fit(L, name, x0, rn->strip_top, x1 - x0, h, size, 10,
                 ALIGN_RIGHT, shown ? L->pal->text : L->pal->text_dim,
                 false);
}

static void out_box(const Layout *L, const Row *R, const Net *rn, float cx,
                    const Trace *tr, int t, float ro, bool current)
{
    const Palette *p = L->pal;
    float bw = rn->box_w;
    Shape *b = scene_add_rect(L->s, ROLE_BOX, cx - bw / 2, R->out_y + 2, bw,
                              R->out_h - 4, 8, p->box_fill,
                              ro >= 1 ? (current ? p->accent : p->box_stroke)
                                      : p->box_empty,
                              LINE_W);
    float write = step_part(L, ro, 0.7f, 1, 2, 3);
    float min = L->view->large_text ? LARGE_TEXT_MIN : 12;
    if (write > 0) {
        const char *tok = target_token(L, tr->pick[t - 1]);
        char tip[256], pn[32], sub[24];
        subscript(t, sub, sizeof sub);
        format_num(tr->p[t - 1], 5, pn, sizeof pn);
        snprintf(tip, sizeof tip, "y%s = %s   p = %s", sub, tok, pn);
        scene_set_tooltip(L->s, b, tip);
        add_text_fit(L, tok, cx - bw / 2 + 5, R->out_y + 2, bw - 10,
                     R->out_h - 4, 26, min, ALIGN_CENTER,
                     rgba_fade(p->text, write), ro >= 1);
    } else {
        add_text_fit(L, "?", cx - bw / 2 + 5, R->out_y + 2, bw - 10,
                     R->out_h - 4, 24, min, ALIGN_CENTER, p->box_empty,
                     false);
    }
    Point up[2] = {{cx, R->net.strip_top - 3}, {cx, R->out_y + R->out_h}};
    network_flow(L, up, 2, step_part(L, ro, 0, 0.3f, 0, 3), p->arrow);
}

/* C into the row: s_0 = C in every variant (the arrow into s_1), and for
 * every and attention the bus along the row feeding each step. */
static void context_into_row(const Layout *L, const Net *N, const Row *R,
                             float first_cx, bool bus, float bus_end)
{
    const Palette *p = L->pal;
    float r = reveal_context(L);
    Rgba cc = r >= 1 ? p->arrow_context : p->arrow_future;
    float x0 = N->c_cx + N->strip_w / 2 + 3;
    float xm = rows_left(N) + 2;
    float c_mid = N->strip_top + N->cell_h * (float)N->rows * 0.5f;
    float y = strip_mid(&R->net);
    Point pts[4] = {{x0, c_mid}, {xm, c_mid}, {xm, y},
                    {first_cx - R->net.strip_w / 2 - 3, y}};
    float f = reveal_state(L, 1);
    if (f > 0)
        network_flow(L, pts, 4, step_part(L, f, 0.3f, 0.55f, 1, 3),
                     p->arrow_context);
    else
        scene_add_polyline(L->s, pts, 4, LINE_W, p->arrow_future, HEAD_SIZE);
    if (bus) {
        Point line[3] = {{xm, y}, {xm, R->lane_y}, {bus_end, R->lane_y}};
        scene_add_polyline(L->s, line, 3, LINE_W, cc, 0);
    }
}

static void ellipsis(const Layout *L, const Row *R, float cx, float w)
{
    const char *e = "\xE2\x80\xA6";
    Rgba c = L->pal->text_dim;
    add_text_fit(L, e, cx - w / 2, R->net.strip_top, w,
                 R->net.cell_h * (float)R->net.rows, 30, 12, ALIGN_CENTER,
                 c, true);
}

/* One decoder's row. Returns nothing; columns past the row's own end
 * show "ended" once its last token is written. */
static void row(const Layout *L, const Net *N, const Row *R, Variant v,
                const Trace *tr)
{
    const Palette *p = L->pal;
    const Net *rn = &R->net;
    bool bus = variant_reads_context(v);
    int Td = tr->output_len;
    row_label(L, N, R, v);

    /* Columns appear as the decoders produce them (DESIGN.md, "The
     * picture"): the first, empty, before decoding; then 1..t; all of
     * them at the summary. */
    int upto = L->step.kind == STEP_SUMMARY ? MAX_COLS * 4
               : (L->step.kind == STEP_DECODER_STATE ||
                  L->step.kind == STEP_DECODER_ATTEND ||
                  L->step.kind == STEP_DECODER_SOFTMAX)
                   ? L->step.t
                   : 1;
    float bus_end = -1;
    for (int i = 0; i < N->dec.n; i++)
        if (N->dec.idx[i] >= 1 && N->dec.idx[i] <= Td &&
            N->dec.idx[i] <= upto)
            bus_end = N->dec.cx[i] + rn->strip_w * 0.25f;
    if (N->dec.n > 0)
        context_into_row(L, N, R, N->dec.cx[0], bus && bus_end > 0,
                         bus_end);

    bool ended_said = false;
    for (int i = 0; i < N->dec.n; i++) {
        float cx = N->dec.cx[i];
        int t = N->dec.idx[i];
        int before = i > 0 ? N->dec.idx[i - 1] : 0;
        if ((t == 0 && before >= upto) || t > upto)
            continue; /* not produced yet */
        if (t == 0) {
            if (before < Td)
                ellipsis(L, R, cx, rn->pitch - 8);
            continue;
        }
        if (t > Td) {
            /* Said once the row's last token is out, in its next column. */
            if (!ended_said && reveal_output(L, Td) >= 1) {
                float w = rn->pitch - 8;
                add_text_fit(L, ui_text(UI_COMPARE_ENDED, L->lang),
                             cx - w / 2, R->out_y + 2, w, R->out_h - 4,
                             L->view->large_text ? LARGE_TEXT_MIN : 22,
                             L->view->large_text ? LARGE_TEXT_MIN : 11,
                             ALIGN_CENTER, p->text_dim, false);
            }
            ended_said = true;
            continue;
        }
        float rs = reveal_state(L, t), ro = reveal_output(L, t);
        char name[32], sub[24];
        subscript(t, sub, sizeof sub);
        snprintf(name, sizeof name, "s%s", sub);
        state_label(L, rn, cx, t, rs > 0);
        network_strip(L, rn, cx, trace_s(tr, t), strip_reveal(L, rs, 2, 3),
                      name);
        if (i > 0 && N->dec.idx[i - 1] >= 1) {
            Point pts[2] = {{N->dec.cx[i - 1] + rn->strip_w / 2 + 3,
                             strip_mid(rn)},
                            {cx - rn->strip_w / 2 - 3, strip_mid(rn)}};
            network_flow(L, pts, 2, step_part(L, rs, 0.3f, 0.55f, 1, 3),
                         p->arrow);
        }
        if (bus) {
            float x = cx + rn->strip_w * 0.25f;
            Point drop[2] = {{x, R->lane_y}, {x, rn->strip_top - 3}};
            network_flow(L, drop, 2, step_part(L, rs, 0.3f, 0.55f, 1, 3),
                         p->arrow_context);
        }
        bool current = L->step.kind == STEP_DECODER_SOFTMAX &&
                       L->step.t == t;
        out_box(L, R, rn, cx, tr, t, ro, current);
    }
}

/* The column where the outputs part, outlined across the rows with its
 * label under them, once that step's tokens are written. */
static void parting_mark(const Layout *L, const Net *N)
{
    int part = compare_parting_step(&L->in->rows);
    if (part == 0 || reveal_output(L, part) < 1)
        return;
    for (int i = 0; i < N->dec.n; i++) {
        if (N->dec.idx[i] != part)
            continue;
        float cx = N->dec.cx[i], w = N->pitch - 4;
        scene_add_rect(L->s, ROLE_DECOR, cx - w / 2, ROWS_TOP, w,
                       ROWS_BOTTOM - ROWS_TOP, 10, (Rgba){0, 0, 0, 0},
                       L->pal->warning, LINE_W);
        const char *text = ui_text(UI_COMPARE_PART, L->lang);
        float size = L->view->large_text ? LARGE_TEXT_MIN : 22;
        float tw = text_width(L->m, text, size, true) + 4;
        float x = fmaxf(rows_left(N), fminf(cx - tw / 2,
                                              L->W - MARGIN_X - tw));
        add_text_fit(L, text, x, ROWS_BOTTOM + 2, L->W - MARGIN_X - x,
                     PART_H - 4, size, 11, ALIGN_LEFT, L->pal->warning,
                     true);
    }
}

void layout_compare(const Layout *L)
{
    Layout Lc;
    Net N;
    plan(L, &Lc, &N);
    const CompareRows *r = &L->in->rows;
    network_highlight(&Lc, &N);
    float label_left = L->W - MARGIN_X;
    network_context(&Lc, &N, &label_left);
    network_encoder(&Lc, &N);
    float left = rows_left(&N);
    for (int i = 0; i < r->n; i++) {
        Row R;
        plan_row(L, &N, i, r->n, &R);
        if (i > 0)
            scene_add_rect(L->s, ROLE_DECOR, left, R.top - ROW_GAP / 2 - 1,
                           L->W - MARGIN_X - left, 2, 1, L->pal->box_empty,
                           (Rgba){0, 0, 0, 0}, 0);
        row(L, &N, &R, r->variant[i], r->trace[i]);
    }
    parting_mark(L, &N);
    network_unknown_note(&Lc, &N, label_left);
}
