/* The network band's plan: which encoder and decoder columns are shown
 * (all when they fit, else the ends and the current step, with "…"
 * columns for the rest), the pitch between them, the C column, and the
 * size of a strip's cells and numbers (large text: fewer, bigger cells,
 * a strip folded into two columns when H cells do not fit in one). */
#include <math.h>
#include <string.h>

#include "scene/network.h"

/* Entries needed to show the kept steps: kept ones plus one ellipsis per
 * run of hidden ones. */
static int entry_count(const bool *keep, int n)
{
    int c = 0;
    for (int i = 1; i <= n; i++)
        if (keep[i] || (i > 1 && keep[i - 1]))
            c++;
    /* Counted: kept columns, and the first hidden one after a kept one. */
    return c;
}

void network_choose_columns(int n, int budget, int cur, bool current_first,
                            Cols *out)
{
    out->n = 0;
    bool keep[MAX_COLS * 4 + 2];
    if (n > MAX_COLS * 4)
        n = MAX_COLS * 4;
    if (budget > MAX_COLS)
        budget = MAX_COLS;
    if (n <= budget) {
        for (int i = 1; i <= n; i++)
            out->idx[out->n++] = i;
        return;
    }
    memset(keep, 0, sizeof keep);
    /* Current first may leave step 1 out: one entry is kept back for the
     * "…" that then stands for the leading hidden steps. */
    if (current_first && budget > 1)
        budget--;
    if (cur < 1)
        cur = 1;
    if (cur > n)
        cur = n;
    /* ... and the current step is kept whatever the budget. */
    if (current_first)
        keep[cur] = true;
    /* With few columns (large text) the current step is kept first, so it
     * is shown even when the ends and it cannot all be. */
    int first[4] = {1, n, cur, cur - 1};
    if (current_first) {
        first[0] = cur;
        first[1] = 1;
        first[2] = n;
    }
    for (int r = 0; r <= n; r++) {
        int cand[4] = {1 + r, n - r, cur + r, cur - 1 - r};
        const int *list = r == 0 ? first : cand;
        for (int j = 0; j < 4; j++) {
            int i = list[j];
            if (i < 1 || i > n || keep[i])
                continue;
            keep[i] = true;
            if (entry_count(keep, n) > budget)
                keep[i] = false;
        }
    }
    if (!keep[1])
        out->idx[out->n++] = 0;
    for (int i = 1; i <= n; i++) {
        if (keep[i])
            out->idx[out->n++] = i;
        else if (keep[i - 1])
            out->idx[out->n++] = 0;
    }
}

/* How many decoder columns this step may show, and whether the decoder is
 * still open: DESIGN.md, "The picture" — the overview does not give the
 * output length away, decoder columns appear as the decoder produces them.
 * Before decoding there is the first step, still empty; at decoder step t
 * the steps 1..t; the decoder stays open (a "…" column after the last)
 * until the softmax step that writes <eos> or the last token allowed. */
static int decoder_columns(const Layout *L, bool *open)
{
    const Trace *tr = L->tr;
    int Td = tr->output_len;
    switch (L->step.kind) {
    case STEP_DECODER_STATE:
        *open = true;
        return L->step.t < Td ? L->step.t : Td;
    case STEP_DECODER_SOFTMAX:
        *open = L->step.t < Td;
        return L->step.t < Td ? L->step.t : Td;
    case STEP_SUMMARY:
        *open = false;
        return Td;
    default:
        *open = Td > 0;
        return Td > 0 ? 1 : 0;
    }
}

void network_plan(const Layout *L, Net *N)
{
    bool open = false;
    int Td = decoder_columns(L, &open);
    network_plan_columns(L, N, Td, open);
}

void network_plan_columns(const Layout *L, Net *N, int Td, bool open)
{
    const Trace *tr = L->tr;
    int T = tr->source_len;
    int extra = open ? 1 : 0; /* the open end's "…" column */
    float avail = L->W - 2 * MARGIN_X;
    int need = T + Td + extra;
    bool large = L->view->large_text;
    int H = tr->hidden > 0 ? tr->hidden : 1;
    int cols = large && STRIP_H / (float)H < LARGE_CELL_H ? 2 : 1;
    /* Room for "−0.00" at LARGE_TEXT_MIN in the shipped font (~62 units)
     * in each cell column. */
    float pitch_min = large ? LARGE_NUMBER_W * (float)cols + 24 : PITCH_MIN;
    float pitch = avail / ((float)need + 1 + 2 * SIDE_GAP);
    int enc_cur = L->step.kind == STEP_ENCODER ? L->step.t : T;
    int dec_cur = (L->step.kind == STEP_DECODER_STATE ||
                   L->step.kind == STEP_DECODER_ATTEND ||
                   L->step.kind == STEP_DECODER_SOFTMAX)
                      ? L->step.t
                      : 1;
    if (pitch >= pitch_min) {
        network_choose_columns(T, T, enc_cur, false, &N->enc);
        network_choose_columns(Td, Td > 0 ? Td : 1, dec_cur, false,
                               &N->dec);
    } else if (large) {
        /* Few columns: each side keeps about half, at least its current
         * step and one more. */
        int budget = (int)floorf(avail / pitch_min - 1 - 2 * SIDE_GAP);
        /* The current step and a "…" each side at the least. */
        int be = budget / 2 < T ? budget / 2 : T;
        if (be < 2)
            be = T < 2 ? T : 2;
        int bd = budget - be < Td ? budget - be : Td;
        if (bd < 2)
            bd = Td < 2 ? Td : 2;
        network_choose_columns(T, be, enc_cur, true, &N->enc);
        network_choose_columns(Td, bd > 0 ? bd : 1, dec_cur, true, &N->dec);
        pitch = avail / ((float)(N->enc.n + N->dec.n) + 1 + 2 * SIDE_GAP);
    } else {
        int budget = (int)floorf(avail / PITCH_MIN - 1 - 2 * SIDE_GAP);
        /* The decoder keeps its share, at least 7 columns (all of a short
         * output); the encoder takes the rest. */
        int bd = (int)ceilf((float)budget * (float)(Td + extra) /
                            (float)need);
        if (bd < 7)
            bd = 7;
        if (bd > Td + extra)
            bd = Td + extra;
        if (bd > budget - 5)
            bd = budget - 5;
        int be = budget - bd < T ? budget - bd : T;
        network_choose_columns(T, be, enc_cur, false, &N->enc);
        network_choose_columns(Td, bd - extra > 0 ? bd - extra : 1, dec_cur,
                               false, &N->dec);
    }
    if (Td == 0)
        N->dec.n = 0;
    if (open && N->dec.n < MAX_COLS)
        N->dec.idx[N->dec.n++] = 0;
    /* min_slots: the compare view keeps the pitch of its widest step. */
    int slots = N->enc.n + N->dec.n;
    if (slots < N->min_slots)
        slots = N->min_slots;
    pitch = avail / ((float)slots + 1 + 2 * SIDE_GAP);
    if (pitch > (large ? LARGE_PITCH_MAX : PITCH_MAX))
        pitch = large ? LARGE_PITCH_MAX : PITCH_MAX;
    N->pitch = pitch;
    float total = pitch * ((float)slots + 1 + 2 * SIDE_GAP);
    float x = MARGIN_X + (avail - total) * 0.5f + pitch * 0.5f;
    for (int i = 0; i < N->enc.n; i++, x += pitch)
        N->enc.cx[i] = x;
    x += pitch * SIDE_GAP;
    N->c_cx = x;
    x += pitch * (1 + SIDE_GAP);
    for (int i = 0; i < N->dec.n; i++, x += pitch)
        N->dec.cx[i] = x;

    N->cols = cols;
    N->rows = (H + cols - 1) / cols;
    N->label_font = large ? LARGE_TEXT_MIN : 24;
    N->strip_w = large ? fminf(LARGE_CELL_W * (float)cols, pitch - 24)
                       : fminf(76, fmaxf(24, pitch * 0.55f));
    N->box_w = fminf(large ? 260 : 190, pitch - 22);
    N->hidden = tr->hidden;
    N->cell_h = fminf(large ? LARGE_CELL_H + 4 : 34,
                      STRIP_H / (float)N->rows);
    N->strip_top = STRIP_Y + (STRIP_H - N->cell_h * (float)N->rows) / 2;
    /* One size for every number so the strips look alike; none when it
     * would be too small to read (the tooltip still has the value). */
    float cw = N->strip_w / (float)cols;
    float nf = fminf(large ? LARGE_TEXT_MIN : 20,
                     N->cell_h / TEXT_LINE_HEIGHT - 0.5f);
    nf = fit_font(L->m, "\xE2\x88\x92" "0.00", nf, 6, cw - 6, false);
    if (text_width(L->m, "\xE2\x88\x92" "0.00", nf, false) > cw - 6)
        nf = 0;
    /* Large text never shows numbers smaller than it promises. */
    N->num_font = nf >= (large ? LARGE_TEXT_MIN : 10) ? nf : 0;
}
