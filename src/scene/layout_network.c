/* The network band: the unrolled encoder-decoder in the style of the
 * article's figures. Left, the encoder: input tokens x_t under strips of
 * H cells h_t, arrows x_t -> h_t and h_{t-1} -> h_t. Middle, the C strip,
 * fed by h_T (last, last-transform) or by every h_t (mean). Right, the
 * decoder: inputs y_{t-1} (<go> first) under strips s_t, outputs y_t above,
 * C -> s_0 in both variants and C -> every s_t and y_t in `every`, and the
 * feedback arc from each output to the next input. Columns that do not fit
 * are replaced by one "…" column; the current step is always shown. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scene/network.h"

static float strip_mid(const Net *N)
{
    return N->strip_top + N->cell_h * (float)N->rows * 0.5f;
}

static float strip_bottom(const Net *N)
{
    return N->strip_top + N->cell_h * (float)N->rows;
}

void network_flow(const Layout *L, const Point *pts, int n, float f,
                  Rgba color)
{
    if (f < 1)
        scene_add_polyline(L->s, pts, n, LINE_W, L->pal->arrow_future,
                           HEAD_SIZE);
    add_arrow_partial(L, pts, n, f, LINE_W, color, HEAD_SIZE);
}

/* The strip of a vector at column cx: H cells, filling top to bottom while
 * r goes from 0.4 to 1; each filled cell says its value on hover
 * ("h₃[5] = −0.91234") and, with numbers on, inside. */
void network_strip(const Layout *L, const Net *N, float cx,
                   const double *v, float r, const char *name)
{
    const Palette *p = L->pal;
    float x = cx - N->strip_w / 2;
    float rad = fminf(4, N->cell_h / 4);
    float sw = N->cell_h >= 12 ? 1.5f : 1.0f;
    float cw = N->strip_w / (float)N->cols;
    for (int i = 0; i < N->hidden; i++) {
        float a = 0.4f + 0.35f * (float)i / (float)N->hidden;
        float f = r >= 1 ? 1 : phase(r, a, a + 0.25f);
        /* Folded strips (large text) read down the first column, then
         * down the second. */
        int row = i % N->rows, col = i / N->rows;
        float y = N->strip_top + N->cell_h * (float)row;
        float cx0 = x + cw * (float)col;
        Rgba fill = rgba_mix(p->cell_empty, value_color(v[i]), f);
        Shape *c = scene_add_rect(L->s, ROLE_CELL, cx0, y, cw,
                                  N->cell_h, rad, fill,
                                  f > 0 ? p->box_stroke : p->box_empty, sw);
        if (f <= 0)
            continue;
        char tip[128], idx[32], num[32];
        subscript(i + 1, idx, sizeof idx);
        format_num(v[i], 5, num, sizeof num);
        snprintf(tip, sizeof tip, "%s[%d] = %s", name, i + 1, num);
        scene_set_tooltip(L->s, c, tip);
        if (L->view->numbers && N->num_font > 0 && f >= 1) {
            format_num(v[i], 2, num, sizeof num);
            add_text_fit(L, num, cx0 + 2, y, cw - 4, N->cell_h,
                         N->num_font,
                         L->view->large_text ? N->num_font
                                             : N->num_font * 0.7f,
                         ALIGN_CENTER,
                         value_text_color(v[i]), false);
        }
    }
}

/* A vector's name with a subscript: "h₃". */
static void vec_name(const char *base, int t, char *out, size_t size)
{
    char sub[24];
    subscript(t, sub, sizeof sub);
    snprintf(out, size, "%s%s", base, sub);
}

/* The label above a strip, left of the column's centre line (the arrows
 * of the column run along that line). */
static void label(const Layout *L, const Net *N, float cx, const char *text,
                  Rgba color)
{
    float x0 = cx - N->pitch / 2 + 2;
    /* Large text: the label grows up into the lane above (arrows only). */
    float lh = fmaxf(LABEL_H, N->label_font * TEXT_LINE_HEIGHT);
    add_text_fit(L, text, x0, LABEL_Y + LABEL_H - lh, cx - 8 - x0, lh,
                 N->label_font, L->view->large_text ? N->label_font : 11,
                 ALIGN_RIGHT, color, false);
}

typedef struct {
    float x, y, w, h;
} Box;

static Box in_box(const Net *N, float cx)
{
    return (Box){cx - N->box_w / 2, IN_Y + 2, N->box_w, IN_H - 4};
}

static Box out_box(const Net *N, float cx)
{
    return (Box){cx - N->box_w / 2, OUT_Y + 2, N->box_w, OUT_H - 4};
}

static Shape *box(const Layout *L, Box b, Rgba fill, Rgba stroke)
{
    return scene_add_rect(L->s, ROLE_BOX, b.x, b.y, b.w, b.h, 8, fill,
                          stroke, LINE_W);
}

/* A token inside its box (fitted), or sliding in from below while
 * 0 < slide < 1 (a moving token, drawn over anything). */
static void token_text(const Layout *L, Box b, const char *text, Rgba color,
                       float slide)
{
    if (slide > 0 && slide < 1) {
        float fs = fit_font(L->m, text, 26, 12, b.w - 10, false);
        float dy = (1 - slide) * 30;
        Shape *t = scene_add_text(L->s, text, b.x + 5, b.y + dy, b.w - 10,
                                  b.h, fs, ALIGN_CENTER,
                                  rgba_fade(color, slide), false);
        t->role = ROLE_MOVING;
        return;
    }
    add_text_fit(L, text, b.x + 5, b.y, b.w - 10, b.h, 28,
                 L->view->large_text ? LARGE_TEXT_MIN : 12, ALIGN_CENTER,
                 color, false);
}

static void ellipsis_column(const Layout *L, const Net *N, float cx,
                            bool with_output)
{
    Rgba c = L->pal->text_dim;
    const char *e = "\xE2\x80\xA6";
    float w = N->pitch - 8;
    add_text_fit(L, e, cx - w / 2, N->strip_top, w,
                 N->cell_h * (float)N->rows, 34, 14, ALIGN_CENTER, c, true);
    Box b = in_box(N, cx);
    add_text_fit(L, e, b.x, b.y, b.w, b.h, 30, 12, ALIGN_CENTER, c, true);
    if (with_output) {
        b = out_box(N, cx);
        add_text_fit(L, e, b.x, b.y, b.w, b.h, 30, 12, ALIGN_CENTER, c,
                     true);
    }
}

/* The horizontal arrow from the strip at cx0 to the strip at cx1. */
static void state_arrow(const Layout *L, const Net *N, float cx0, float cx1,
                        float f, Rgba color)
{
    float y = strip_mid(N);
    Point pts[2] = {{cx0 + N->strip_w / 2 + 3, y},
                    {cx1 - N->strip_w / 2 - 3, y}};
    network_flow(L, pts, 2, f, color);
}

/* The arrow from the top of a token box up into the strip above it. */
static void input_arrow(const Layout *L, const Net *N, float cx, float f)
{
    Point pts[2] = {{cx, IN_Y + 1}, {cx, strip_bottom(N) + 3}};
    network_flow(L, pts, 2, f, L->pal->arrow);
}

/* A soft band behind the column of the current step, drawn first. */
void network_highlight(const Layout *L, const Net *N)
{
    const Cols *cols = NULL;
    float cx = -1;
    if (L->step.kind == STEP_ENCODER)
        cols = &N->enc;
    else if (L->step.kind == STEP_DECODER_STATE ||
             L->step.kind == STEP_DECODER_SOFTMAX)
        cols = &N->dec;
    else if (L->step.kind == STEP_CONTEXT)
        cx = N->c_cx;
    for (int i = 0; cols && i < cols->n; i++)
        if (cols->idx[i] == L->step.t)
            cx = cols->cx[i];
    if (cx < 0)
        return;
    scene_add_rect(L->s, ROLE_DECOR, cx - N->pitch / 2 + 3, NETWORK_Y,
                   N->pitch - 6, NETWORK_H, 12, L->pal->highlight,
                   (Rgba){0, 0, 0, 0}, 0);
}

static const char *source_token(const Layout *L, int t)
{
    if (L->in->input_tokens && L->in->input_tokens[t - 1])
        return L->in->input_tokens[t - 1];
    int id = L->tr->source[t - 1];
    const Vocab *v = &L->lesson->source_vocab;
    return id >= 0 && id < v->count ? v->tokens[id] : "?";
}

static const char *target_token(const Layout *L, int id)
{
    const Vocab *v = &L->lesson->target_vocab;
    return id >= 0 && id < v->count ? v->tokens[id] : "?";
}

static bool is_unknown(const Layout *L, int t)
{
    return L->in->unknown && L->in->unknown[t - 1];
}

void network_encoder(const Layout *L, const Net *N)
{
    const Palette *p = L->pal;
    for (int i = 0; i < N->enc.n; i++) {
        float cx = N->enc.cx[i];
        int t = N->enc.idx[i];
        if (t == 0) {
            ellipsis_column(L, N, cx, false);
            if (i > 0)
                state_arrow(L, N, N->enc.cx[i - 1], cx, 1, p->arrow_future);
            continue;
        }
        float r = reveal_encoder(L, t);

        char name[32];
        vec_name("h", t, name, sizeof name);
        label(L, N, cx, name, r > 0 ? p->text : p->text_dim);
        network_strip(L, N, cx, trace_h(L->tr, t), strip_reveal(L, r, 2, 3),
                      name);

        /* x_t: the input token, known from the start (dim until read). */
        Box b = in_box(N, cx);
        bool unk = is_unknown(L, t);
        Shape *bs = box(L, b, unk ? rgba_mix(p->box_fill, p->warning, 0.18f)
                                  : p->box_fill,
                        unk ? p->warning : r > 0 ? p->box_stroke
                                                 : p->box_empty);
        const char *tok = source_token(L, t);
        char tip[256], xn[32];
        vec_name("x", t, xn, sizeof xn);
        snprintf(tip, sizeof tip, "%s = E[%s]%s", xn, tok,
                 unk ? "  (<unk>)" : "");
        scene_set_tooltip(L->s, bs, tip);
        Rgba tc = r > 0 ? p->text : p->text_dim;
        if (unk && L->in->input_tokens && L->in->input_tokens[t - 1]) {
            /* Two lines: what was typed, and what the model reads. */
            add_text_fit(L, tok, b.x + 4, b.y + 1, b.w - 8, 29, 20, 10,
                         ALIGN_CENTER, tc, false);
            add_text_fit(L, VOCAB_UNK_TOKEN, b.x + 4, b.y + 30, b.w - 8, 21,
                         15, 8, ALIGN_CENTER, p->warning, false);
        } else {
            token_text(L, b, tok, tc,
                       r > 0 ? step_part(L, r, 0, 0.35f, 0, 3) : 1);
        }

        /* Slow motion: token, then arrows, then cells (slots 0, 1, 2). */
        input_arrow(L, N, cx, step_part(L, r, 0.15f, 0.45f, 1, 3));
        if (i > 0)
            state_arrow(L, N, N->enc.cx[i - 1], cx,
                        step_part(L, r, 0.15f, 0.45f, 1, 3), p->arrow);
    }
}

/* The context formula over the C column, e.g. "C = tanh(Q·h₄ + q)". */
static void context_formula(const Layout *L, int T, char *out, size_t size)
{
    char hT[32];
    vec_name("h", T, hT, sizeof hT);
    switch (L->in->context) {
    case CONTEXT_LAST_TRANSFORM: /* C = tanh(Q · h_T + q) */
        snprintf(out, size, "C = tanh(Q·%s + q)", hT);
        break;
    case CONTEXT_MEAN: /* C = (1/T) · Σ_t h_t */
        snprintf(out, size, "C = (1/%d) \xCE\xA3 h\xE2\x82\x9C", T);
        break;
    default: /* C = h_T */
        snprintf(out, size, "C = %s", hT);
    }
}

void network_context(const Layout *L, const Net *N, float *label_left)
{
    const Palette *p = L->pal;
    int T = L->tr->source_len;
    float r = reveal_context(L);
    float cx = N->c_cx;
    /* Further left than the other labels: in mean mode an arrow head
     * comes down into C on its centre line. */
    float lx = cx - N->pitch / 2 + 2;
    float lh = fmaxf(LABEL_H, N->label_font * TEXT_LINE_HEIGHT);
    add_text_fit(L, "C", lx, LABEL_Y + LABEL_H - lh, cx - HEAD_SIZE - lx, lh,
                 N->label_font, L->view->large_text ? N->label_font : 11,
                 ALIGN_RIGHT, r > 0 ? p->arrow_context : p->text_dim, false);
    /* Slow motion: the arrows into C, then C's cells. */
    network_strip(L, N, cx, L->tr->context, strip_reveal(L, r, 1, 2), "C");

    Rgba cc = p->arrow_context;
    float f = step_part(L, r, 0, 0.45f, 0, 2);
    if (L->in->context == CONTEXT_MEAN) {
        /* Every h_t flows into C over the bus above the encoder. */
        for (int i = 0; i < N->enc.n; i++) {
            float x = N->enc.cx[i] + N->strip_w * 0.25f;
            Point pts[4] = {{x, N->strip_top - 3},
                            {x, MEAN_BUS_Y},
                            {cx, MEAN_BUS_Y},
                            {cx, N->strip_top - 3}};
            network_flow(L, pts, 4, f, cc);
        }
    } else if (N->enc.n > 0) {
        state_arrow(L, N, N->enc.cx[N->enc.n - 1], cx, f, cc);
    }

    char text[96];
    context_formula(L, T, text, sizeof text);
    float right = N->dec.n > 0 ? out_box(N, N->dec.cx[0]).x - 16
                               : L->W - MARGIN_X;
    float fs = L->view->large_text ? LARGE_TEXT_MIN : 26;
    float tw = text_width(L->m, text, fs, false) + 2;
    float w = fminf(tw, right - MARGIN_X);
    float x = fminf(cx - w / 2, right - w);
    x = fmaxf(x, MARGIN_X);
    add_text_fit(L, text, x, OUT_Y, w, OUT_H, fs,
                 L->view->large_text ? LARGE_TEXT_MIN : 14, ALIGN_CENTER,
                 r > 0 ? cc : p->text_dim, false);
    *label_left = x;
}

static void bezier(Point p0, Point p1, Point p2, Point p3, Point *out,
                   int n)
{
    for (int i = 0; i < n; i++) {
        float t = (float)i / (float)(n - 1), s = 1 - t;
        float a = s * s * s, b = 3 * s * s * t, c = 3 * s * t * t,
              d = t * t * t;
        out[i] = (Point){a * p0.x + b * p1.x + c * p2.x + d * p3.x,
                         a * p0.y + b * p1.y + c * p2.y + d * p3.y};
    }
}

/* The feedback arc from output y_t (column i) to input t+1 (column i+1);
 * the token rides along it while the next state step plays. */
static void feedback(const Layout *L, const Net *N, int i, int t)
{
    const Palette *p = L->pal;
    Box ob = out_box(N, N->dec.cx[i]), ib = in_box(N, N->dec.cx[i + 1]);
    float gx = (N->dec.cx[i] + N->dec.cx[i + 1]) / 2;
    Point pts[24];
    bezier((Point){ob.x + ob.w + 2, ob.y + ob.h / 2},
           (Point){gx + N->pitch * 0.15f, ob.y + ob.h / 2},
           (Point){gx - N->pitch * 0.15f, ib.y + ib.h / 2},
           (Point){ib.x - 3, ib.y + ib.h / 2}, pts, 24);
    float r = reveal_state(L, t + 1);
    float f = step_part(L, r, 0, 0.45f, 0, 3);
    network_flow(L, pts, 24, f, p->feedback);
    if (f > 0 && f < 1) {
        const char *tok = target_token(L, L->tr->pick[t - 1]);
        Point at = polyline_at(pts, 24, f);
        float fs = 24;
        float w = text_width(L->m, tok, fs, true) + 4;
        Shape *m = scene_add_text(L->s, tok, at.x - w / 2, at.y - 18, w, 36,
                                  fs, ALIGN_CENTER, p->feedback, true);
        m->role = ROLE_MOVING;
    }
}

static void decoder(const Layout *L, const Net *N)
{
    const Palette *p = L->pal;
    const Trace *tr = L->tr;
    bool every = L->in->variant == VARIANT_EVERY;
    for (int i = 0; i < N->dec.n; i++) {
        float cx = N->dec.cx[i];
        int t = N->dec.idx[i];
        if (t == 0) {
            ellipsis_column(L, N, cx, true);
            if (i > 0)
                state_arrow(L, N, N->dec.cx[i - 1], cx, 1, p->arrow_future);
            continue;
        }
        float rs = reveal_state(L, t), ro = reveal_output(L, t);

        char name[32];
        vec_name("s", t, name, sizeof name);
        label(L, N, cx, name, rs > 0 ? p->text : p->text_dim);
        /* Slow motion, state step: the fed-back token, the arrows, the
         * cells (slots 0, 1, 2); softmax step: the arrow up, the bars,
         * the pick (slots 0, 1, 2). */
        network_strip(L, N, cx, trace_s(tr, t), strip_reveal(L, rs, 2, 3),
                      name);

        /* Input y_{t-1}: <go> slides in; later ones ride the arc. */
        Box ib = in_box(N, cx);
        bool landed = rs > 0 && (t == 1 ||
                                 step_part(L, rs, 0, 0.45f, 0, 3) >= 1 ||
                                 i == 0 || N->dec.idx[i - 1] != t - 1);
        Shape *ibs = box(L, ib, p->box_fill,
                         rs > 0 ? p->box_stroke : p->box_empty);
        if (rs > 0) {
            const char *tok = target_token(L, tr->prev[t - 1]);
            char tip[256], en[32];
            vec_name("e", t, en, sizeof en);
            snprintf(tip, sizeof tip, "%s = E[%s]", en, tok);
            scene_set_tooltip(L->s, ibs, tip);
            if (t == 1)
                token_text(L, ib, tok, p->text,
                           step_part(L, rs, 0, 0.35f, 0, 3));
            else if (landed)
                token_text(L, ib, tok, p->text, 1);
        }
        input_arrow(L, N, cx, step_part(L, rs, 0.3f, 0.55f, 1, 3));

        /* s_{t-1} -> s_t; for t = 1 that is s_0 = C. */
        float fs = step_part(L, rs, 0.3f, 0.55f, 1, 3);
        if (t == 1 && i == 0)
            state_arrow(L, N, N->c_cx, cx, fs, p->arrow_context);
        else if (i > 0)
            state_arrow(L, N, N->dec.cx[i - 1], cx, fs, p->arrow);

        /* Output y_t: "?" until the softmax step writes the argmax. */
        Box ob = out_box(N, cx);
        bool current = L->step.kind == STEP_DECODER_SOFTMAX &&
                       L->step.t == t;
        Shape *obs = box(L, ob, p->box_fill,
                         ro >= 1 ? (current ? p->accent : p->box_stroke)
                                 : p->box_empty);
        float write = step_part(L, ro, 0.7f, 1, 2, 3);
        if (write > 0) {
            const char *tok = target_token(L, tr->pick[t - 1]);
            char tip[256], yn[32], pn[32];
            vec_name("y", t, yn, sizeof yn);
            format_num(tr->p[t - 1], 5, pn, sizeof pn);
            snprintf(tip, sizeof tip, "%s = %s   p = %s", yn, tok, pn);
            scene_set_tooltip(L->s, obs, tip);
            add_text_fit(L, tok, ob.x + 5, ob.y, ob.w - 10, ob.h, 28,
                         L->view->large_text ? LARGE_TEXT_MIN : 12,
                         ALIGN_CENTER, rgba_fade(p->text, write), ro >= 1);
        } else {
            add_text_fit(L, "?", ob.x + 5, ob.y, ob.w - 10, ob.h,
                         L->view->large_text ? LARGE_TEXT_MIN : 26,
                         L->view->large_text ? LARGE_TEXT_MIN : 12,
                         ALIGN_CENTER, p->box_empty, false);
        }
        Point up[2] = {{cx, N->strip_top - 3}, {cx, ob.y + ob.h + 2}};
        network_flow(L, up, 2, step_part(L, ro, 0, 0.3f, 0, 3), p->arrow);

        if (every) {
            /* C enters every state update and every output (figure 5). */
            float x = cx + N->strip_w * 0.25f;
            Point drop[2] = {{x, EVERY_BUS_Y}, {x, N->strip_top - 3}};
            Point rise[2] = {{x, EVERY_BUS_Y}, {x, ob.y + ob.h + 2}};
            network_flow(L, drop, 2, step_part(L, rs, 0.3f, 0.55f, 1, 3),
                 p->arrow_context);
            network_flow(L, rise, 2, step_part(L, ro, 0, 0.3f, 0, 3),
                 p->arrow_context);
        }
        if (L->step.kind == STEP_DECODER_ATTEND && L->step.t == t)
            attention_lines(L, N->enc.cx, N->enc.idx, N->enc.n, N->strip_top,
                            N->strip_w, cx);
        if (i + 1 < N->dec.n && N->dec.idx[i + 1] == t + 1)
            feedback(L, N, i, t);
    }
    if (every && N->dec.n > 0) {
        float x0 = N->c_cx + N->strip_w * 0.25f;
        float x1 = N->dec.cx[N->dec.n - 1] + N->strip_w * 0.25f;
        Point bus[3] = {{x0, N->strip_top - 3}, {x0, EVERY_BUS_Y},
                        {x1, EVERY_BUS_Y}};
        float r = reveal_context(L);
        scene_add_polyline(L->s, bus, 3, LINE_W,
                           r >= 1 ? p->arrow_context : p->arrow_future, 0);
    }
}

/* A one-line note over the encoder when the input has tokens the model
 * never saw. */
void network_unknown_note(const Layout *L, const Net *N, float right)
{
    if (!L->in->unknown)
        return;
    char list[256] = "";
    int n = 0;
    for (int t = 1; t <= L->tr->source_len; t++) {
        if (!is_unknown(L, t))
            continue;
        /* Straight quotes in English: the CJK font's curly ones are full
         * width and leave gaps in Latin text. */
        if (L->lang == LANG_ZH)
            appendf(list, sizeof list, "%s\xE2\x80\x9C%s\xE2\x80\x9D",
                    n ? "、" : "", source_token(L, t));
        else
            appendf(list, sizeof list, "%s\"%s\"", n ? ", " : "",
                    source_token(L, t));
        n++;
    }
    if (n == 0)
        return;
    char note[512];
    snprintf(note, sizeof note, ui_text(UI_NETWORK_UNKNOWN, L->lang), list);
    float x = N->enc.n > 0 ? N->enc.cx[0] - N->pitch / 2 : MARGIN_X;
    x = fmaxf(x, MARGIN_X);
    add_text_fit(L, note, x, OUT_Y, right - 16 - x, OUT_H,
                 L->view->large_text ? LARGE_TEXT_MIN : 24,
                 L->view->large_text ? LARGE_TEXT_MIN : 12,
                 ALIGN_LEFT, L->pal->warning, false);
}

void layout_network(const Layout *L)
{
    Net N;
    memset(&N, 0, sizeof N);
    network_plan(L, &N);
    float label_left = L->W - MARGIN_X;
    network_highlight(L, &N);
    network_context(L, &N, &label_left);
    network_encoder(L, &N);
    decoder(L, &N);
    network_unknown_note(L, &N, label_left);
}
