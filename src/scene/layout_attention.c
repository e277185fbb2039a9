/* What attention adds to the picture (DESIGN.md, "Timeline": the attend
 * step; issue 14). At decoder step t's attend step: in the network, a line
 * from every encoder state h_i to the decoder column, its width and
 * opacity the weight alpha_{t,i}; in the softmax band, the weights as bars
 * over the input tokens (values with D) and c_t = sum_i alpha_{t,i} h_i as
 * its own strip forming from them. At the summary: the alignment matrix
 * alpha (output tokens x input tokens) as a heat map. Every number is the
 * trace's: a_t, alpha_t and c_t as the model computed them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scene/network.h"

/* The softmax band's columns at the attend step: a title, the weight
 * bars, the c_t strip. */
#define TITLE_W 300.0f
#define STRIP_PART_W 560.0f
#define BAR_BOTTOM (SOFTMAX_Y + 140)
#define BAR_FULL 96.0f
/* Large text (Z): every label at least LARGE_TEXT_MIN; one that cannot
 * be that large where it stands is left out (its value stays in the
 * tooltip). Need a Layout L. */
#define LARGE (L->view->large_text)
#define LARGE_LINE_H (LARGE_TEXT_MIN * TEXT_LINE_HEIGHT + 1)
#define VALUE_H (LARGE ? LARGE_LINE_H : 24.0f)
#define TOKEN_Y (BAR_BOTTOM + 4)
#define TOKEN_H 36.0f

/* add_text_fit, in large text at LARGE_TEXT_MIN in a box grown down to
 * hold it */
static Shape *label(const Layout *L, const char *text, float x, float y,
                    float w, float h, float size, float min_size,
                    TextAlign align, Rgba color, bool bold)
{
    if (LARGE) {
        h = fmaxf(h, LARGE_LINE_H);
        size = fmaxf(size, LARGE_TEXT_MIN);
        min_size = LARGE_TEXT_MIN;
    }
    return add_text_fit(L, text, x, y, w, h, size, min_size, align, color,
                        bold);
}

static const char *source_token(const Layout *L, int i)
{
    const Vocab *v = &L->lesson->source_vocab;
    int id = L->tr->source[i - 1];
    if (L->in->unknown && L->in->input_tokens && L->in->input_tokens[i - 1] &&
        L->in->unknown[i - 1])
        return L->in->input_tokens[i - 1];
    return id >= 0 && id < v->count ? v->tokens[id] : "?";
}

static const char *target_token(const Layout *L, int id)
{
    const Vocab *v = &L->lesson->target_vocab;
    return id >= 0 && id < v->count ? v->tokens[id] : "?";
}

void attention_lines(const Layout *L, const float *enc_cx, const int *enc_idx,
                     int enc_n, float strip_top, float strip_w, float dec_cx)
{
    const Trace *tr = L->tr;
    int t = L->step.t;
    if (!tr->alpha || L->step.kind != STEP_DECODER_ATTEND || t < 1 ||
        t > tr->output_len)
        return;
    const double *alpha = trace_alpha(tr, t - 1);
    float f = phase(L->u, 0, 0.5f);
    float y = strip_top - 3;
    /* Up from h_i and down into s_t straight, right of the centre lines
     * and above the labels' row (the labels end left of the centre line,
     * in large text they grow up into the lane), then one arc over the
     * lane: no line, up to 10 units wide, touches a label. */
    float label_top = LABEL_Y + LABEL_H -
                      fmaxf(LABEL_H, (L->view->large_text ? LARGE_TEXT_MIN
                                                          : 24) *
                                         TEXT_LINE_HEIGHT);
    float rise = label_top - 6, lane = fmaxf(rise - 26, LANE_Y - 8);
    float x1 = dec_cx + strip_w * 0.3f;
    for (int k = 0; k < enc_n; k++) {
        int i = enc_idx[k];
        if (i < 1 || i > tr->source_len)
            continue; /* an ellipsis column */
        float a = (float)alpha[i - 1];
        float x0 = enc_cx[k] + strip_w * 0.3f;
        Point pts[20];
        pts[0] = (Point){x0, y};
        for (int j = 1; j < 19; j++) {
            /* a cubic from over h_i up to the lane and down over s_t */
            float s = (float)(j - 1) / 17, r = 1 - s;
            float b0 = r * r * r, b1 = 3 * r * r * s, b2 = 3 * r * s * s,
                  b3 = s * s * s;
            pts[j] = (Point){b0 * x0 + b1 * x0 + b2 * x1 + b3 * x1,
                             b0 * rise + b1 * lane + b2 * lane + b3 * rise};
        }
        pts[19] = (Point){x1, y};
        Rgba c = rgba_fade(L->pal->arrow_context, 0.12f + 0.88f * a);
        add_arrow_partial(L, pts, 20, f, 1.0f + 9.0f * a, c, 0);
    }
}

/* "α₃" and the like: a name with a subscript. */
static void sub_name(const char *base, int t, char *out, size_t size)
{
    char sub[24];
    subscript(t, sub, sizeof sub);
    snprintf(out, size, "%s%s", base, sub);
}

void attention_panel(const Layout *L)
{
    const Trace *tr = L->tr;
    const Palette *p = L->pal;
    int t = L->step.t, T = tr->source_len, H = tr->hidden;
    if (!tr->alpha || t < 1 || t > tr->output_len || T < 1)
        return;
    const double *alpha = trace_alpha(tr, t - 1);
    const double *c = trace_attended(tr, t - 1);
    float grow = phase(L->u, 0, 0.55f), form = phase(L->u, 0.45f, 1);

    char a_name[32], line1[96], c_name[32];
    sub_name("α", t, a_name, sizeof a_name);
    sub_name("c", t, c_name, sizeof c_name);
    snprintf(line1, sizeof line1, "%s = softmax(a)", a_name);
    label(L, line1, MARGIN_X + 16, SOFTMAX_Y + 40, TITLE_W - 24, 46,
                 30, 14, ALIGN_LEFT, p->text, true);
    label(L, ui_text(UI_ATTENTION_WEIGHTS, L->lang),
                 MARGIN_X + 16, SOFTMAX_Y + 90, TITLE_W - 24, 36, 22, 11,
                 ALIGN_LEFT, p->text_dim, false);

    /* the weights over the input tokens, the largest highlighted */
    float x0 = MARGIN_X + TITLE_W;
    float bars_w = L->W - 2 * MARGIN_X - TITLE_W - STRIP_PART_W - 16;
    float slot = bars_w / (float)T;
    float bw = fminf(slot * 0.7f, 60);
    int best = 0;
    for (int i = 1; i < T; i++)
        if (alpha[i] > alpha[best])
            best = i;
    for (int i = 0; i < T; i++) {
        float cx = x0 + slot * ((float)i + 0.5f);
        scene_add_rect(L->s, ROLE_DECOR, cx - bw / 2, BAR_BOTTOM - BAR_FULL,
                       bw, BAR_FULL, 3, p->bar_slot, (Rgba){0, 0, 0, 0}, 0);
        float h = BAR_FULL * (float)alpha[i] * grow;
        Rgba fill = i == best ? p->accent : p->bar;
        Shape *bar = NULL;
        if (h > 0.5f)
            bar = scene_add_rect(L->s, ROLE_BAR, cx - bw / 2, BAR_BOTTOM - h,
                                 bw, h, 3, fill, (Rgba){0, 0, 0, 0}, 0);
        char num[32], tip[320];
        format_num(alpha[i], 5, num, sizeof num);
        char an[64], sn[64], isub[24], score[32];
        subscript(i + 1, isub, sizeof isub);
        snprintf(an, sizeof an, "%s,%s", a_name, isub); /* α₃,₂ */
        sub_name("a", t, sn, sizeof sn);
        format_num(trace_scores(tr, t - 1)[i], 5, score, sizeof score);
        snprintf(tip, sizeof tip, "%s = %s   %s,%s = %s", an, num, sn, isub,
                 score);
        if (bar)
            scene_set_tooltip(L->s, bar, tip);
        if (L->view->numbers && slot >= (LARGE ? 72 : 44) && grow >= 1) {
            format_num(alpha[i], 2, num, sizeof num);
            label(L, num, cx - slot / 2 + 2,
                         BAR_BOTTOM - h - VALUE_H - 2, slot - 4, VALUE_H, 20,
                         12, ALIGN_CENTER, p->text, false);
        }
        if (slot >= (LARGE ? LARGE_TEXT_MIN : 14))
            label(L, source_token(L, i + 1), cx - slot / 2 + 1,
                         TOKEN_Y, slot - 2, TOKEN_H, 26, 9, ALIGN_CENTER,
                         i == best ? p->accent : p->text, i == best);
    }

    /* c_t = sum_i alpha_{t,i} h_i: a strip of H cells forming */
    float sx = L->W - MARGIN_X - 16 - STRIP_PART_W + 24;
    float sw = STRIP_PART_W - 24;
    char formula[96];
    snprintf(formula, sizeof formula, "%s = Σᵢ %s,ᵢ · hᵢ", c_name, a_name);
    label(L, formula, sx, SOFTMAX_Y + 16, sw, 40, 28, 14, ALIGN_LEFT,
                 p->text, false);
    float cw = fminf(56, sw / (float)H), ch = 48;
    float cy = SOFTMAX_Y + 70;
    for (int j = 0; j < H; j++) {
        float x = sx + cw * (float)j;
        Rgba fill = rgba_mix(p->cell_empty, value_color(c[j]), form);
        Shape *cell = scene_add_rect(L->s, ROLE_CELL, x, cy, cw, ch, 4, fill,
                                     form > 0 ? p->box_stroke : p->box_empty,
                                     1.5f);
        char num[32], tip[96];
        format_num(c[j], 5, num, sizeof num);
        snprintf(tip, sizeof tip, "%s[%d] = %s", c_name, j + 1, num);
        scene_set_tooltip(L->s, cell, tip);
        if (L->view->numbers && cw >= (LARGE ? 72 : 36) && form >= 1) {
            format_num(c[j], 2, num, sizeof num);
            label(L, num, x + 2, cy, cw - 4, ch, 20, 11, ALIGN_CENTER,
                         value_text_color(c[j]), false);
        }
    }
    label(L,
                 ui_text(UI_ATTENTION_REPLACES_C, L->lang),
                 sx, cy + ch + 8, sw, 34, 22, 11, ALIGN_LEFT, p->text_dim,
                 false);
}

float alignment_matrix_left(const Layout *L)
{
    /* 860 units at 16:9; narrower canvases give it the same share */
    float w = fminf(860, 0.47f * (L->W - 2 * MARGIN_X));
    return L->W - MARGIN_X - 16 - w;
}

void alignment_matrix(const Layout *L)
{
    const Trace *tr = L->tr;
    const Palette *p = L->pal;
    int T = tr->source_len, Tp = tr->output_len;
    if (!tr->alpha || T < 1 || Tp < 1)
        return;
    float x = alignment_matrix_left(L), w = L->W - MARGIN_X - 16 - x;
    float y = SOFTMAX_Y + 6, h = SOFTMAX_H - 12;
    const float row_label_w = 120, head_h = LARGE ? LARGE_LINE_H + 2 : 28;
    float cw = fminf(48, (w - row_label_w) / (float)T);
    float ch = fminf(40, (h - head_h) / (float)Tp);
    float mx = x + row_label_w, my = y + head_h;
    float f = phase(L->u, 0, 0.6f);
    /* column heads: the input tokens; row heads: the output tokens */
    if (cw >= (LARGE ? LARGE_TEXT_MIN : 14))
        for (int i = 0; i < T; i++)
            label(L, source_token(L, i + 1), mx + cw * (float)i, y, cw,
                         head_h - 2, 22, 9, ALIGN_CENTER, p->text, false);
    if (ch >= (LARGE ? LARGE_LINE_H : 12))
        for (int t = 0; t < Tp; t++)
            label(L, target_token(L, tr->pick[t]), x,
                         my + ch * (float)t, row_label_w - 8, ch, 22, 9,
                         ALIGN_RIGHT, p->text, false);
    bool numbers = L->view->numbers && f >= 1 &&
                   (LARGE ? cw >= 72 && ch >= LARGE_LINE_H : cw >= 40 && ch >= 22);
    for (int t = 0; t < Tp; t++) {
        const double *alpha = trace_alpha(tr, t);
        for (int i = 0; i < T; i++) {
            float a = (float)alpha[i];
            float cx = mx + cw * (float)i, cy = my + ch * (float)t;
            Rgba fill = rgba_mix(p->cell_empty, p->accent, a * f);
            Shape *cell = scene_add_rect(L->s, ROLE_CELL, cx, cy, cw, ch,
                                         fminf(3, ch / 4), fill, p->box_empty,
                                         ch >= 10 ? 1.0f : 0.5f);
            char num[32], tip[256];
            format_num(alpha[i], 5, num, sizeof num);
            snprintf(tip, sizeof tip, "α(%s ← %s) = %s",
                     target_token(L, tr->pick[t]), source_token(L, i + 1),
                     num);
            scene_set_tooltip(L->s, cell, tip);
            if (numbers) {
                format_num(alpha[i], 2, num, sizeof num);
                label(L, num, cx + 1, cy, cw - 2, ch, 18, 10,
                             ALIGN_CENTER,
                             a > 0.5f ? p->background : p->text, false);
            }
        }
    }
}
