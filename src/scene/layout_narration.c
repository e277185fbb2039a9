/* The narration band: the lesson's one or two lines for this step, wrapped
 * to the width (CJK between characters, Latin at spaces), then the live
 * formula of DESIGN.md ("The model (exactly)") with this step's indices,
 * and a line with its actual numbers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session/narration.h"
#include "model/softmax.h"
#include "scene/formula.h"
#include "scene/layout.h"
#include "xalloc.h"

#define TEXT_W NARRATION_TEXT_W
#define FORMULA_SIZE 30.0f
#define NUMBERS_SIZE 27.0f

/* The formulas are written in scene/formula.h's notation: W_e, U_e, b_e
 * for the encoder, W_d, U_d, b_d for the decoder, W_c for C's matrix in
 * the state (DESIGN.md's V_d: no weight is called V on screen, V is the
 * article's vector of scores), W_o, O_e, O_c, b_o for the output. */
#define DOT "\xC2\xB7"
#define MINUS "\xE2\x88\x92"

/* "name = [v0, v1, …]" with as many entries as fit the width. */
static void vector_line(const Layout *L, const char *name, const double *v,
                        int n, char *out, size_t size)
{
    char num[32];
    snprintf(out, size, "%s = [", name);
    for (int i = 0; i < n; i++) {
        char trial[1024];
        format_num(v[i], 2, num, sizeof num);
        snprintf(trial, sizeof trial, "%s%s%s%s", out, i ? ", " : "", num,
                 i + 1 < n ? ", \xE2\x80\xA6]" : "]");
        if (formula_measure(L->m, trial, NUMBERS_SIZE, false).w > TEXT_W) {
            appendf(out, size, "%s\xE2\x80\xA6]", i ? ", " : "");
            return;
        }
        appendf(out, size, "%s%s", i ? ", " : "", num);
    }
    appendf(out, size, "]");
}

/* A number with up to 4 places and no trailing zeros: -3 -> "−3". */
static void short_num(double v, char *out, size_t size)
{
    format_num(v, 4, out, size);
    if (strchr(out, '.')) {
        size_t n = strlen(out);
        while (n > 0 && out[n - 1] == '0')
            out[--n] = '\0';
        if (n > 0 && out[n - 1] == '.')
            out[--n] = '\0';
    }
}

static void example_formula(const Layout *L, char *l1, char *l2,
                            size_t size)
{
    const Lesson *l = L->lesson;
    /* S_i = e^{v_i} / Σ_j e^{v_j}, as the article prints it */
    snprintf(l1, size, "S_i = \\frac{e^{v_i}}{\\sum_j e^{v_j}}");
    int n = l->example_count;
    if (n <= 0 || !l->example_logits)
        return;
    double *s = xmalloc((size_t)n * sizeof *s);
    softmax(l->example_logits, n, s);
    char num[32];
    snprintf(l2, size, "V = [");
    for (int i = 0; i < n; i++) {
        short_num(l->example_logits[i], num, sizeof num);
        appendf(l2, size, "%s%s", i ? ", " : "", num);
    }
    appendf(l2, size, "]  \xE2\x86\x92  S = [");
    for (int i = 0; i < n; i++) {
        format_num(s[i], 4, num, sizeof num);
        appendf(l2, size, "%s%s", i ? ", " : "", num);
    }
    appendf(l2, size, "]");
    free(s);
}

/* p(y|x) = p_1[y_1] × p_2[y_2] × … = Π_t p_t[y_t]; with many factors the
 * middle ones become "…" so the line fits. The total follows "=" only when
 * the printed factors multiply to it as printed, else "≈" (DESIGN.md). */
static void summary_formula(const Layout *L, char *l1, char *l2,
                            size_t size)
{
    const Trace *tr = L->tr;
    int n = tr->output_len;
    char num[32], total[32];
    double p = exp(tr->logprob);
    narration_format_prob(p, total, sizeof total);
    for (int keep = n; keep >= 2; keep--) {
        int head = (keep + 1) / 2, tail = keep - head;
        snprintf(l1, size, "p(y|x) = ");
        for (int i = 0; i < n; i++) {
            if (keep < n && i == head) {
                appendf(l1, size, " \xC3\x97 \xE2\x80\xA6");
                i = n - tail - 1;
                continue;
            }
            narration_format_prob(tr->p[i], num, sizeof num);
            appendf(l1, size, "%s%s", i ? " \xC3\x97 " : "", num);
        }
        appendf(l1, size, " %s %s",
                keep < n ? "=" : narration_product_relation(tr->p, n, p),
                total);
        if (formula_measure(L->m, l1, FORMULA_SIZE, true).w <= TEXT_W)
            break;
    }
    format_num(tr->logprob, 4, num, sizeof num);
    snprintf(l2, size,
             "log p(y|x) = \\sum_{t=1}^{%d} log p_t[y_t] = %s", n, num);
}

/* A target token as formula text (escaped), "?" out of range. */
static void token_arg(const Layout *L, int id, char *out, size_t size)
{
    const Vocab *v = &L->lesson->target_vocab;
    formula_escape(id >= 0 && id < v->count ? v->tokens[id] : "?", out,
                   size);
}

static void formula(const Layout *L, char *l1, char *l2, size_t size)
{
    const Trace *tr = L->tr;
    bool attend = L->in->variant == VARIANT_ATTENTION;
    bool every = L->in->variant == VARIANT_EVERY || attend;
    /* what the state and the output read: C, or attention's own c_t */
    char ctx[24] = "C";
    int t = L->step.t;
    char name[48], tok[256];
    if (attend && t >= 1)
        snprintf(ctx, sizeof ctx, "c_{%d}", t);
    l1[0] = l2[0] = '\0';
    switch (L->step.kind) {
    case STEP_OVERVIEW:
        /* h_t = tanh(W_e·x_t + U_e·h_{t−1} + b_e) */
        snprintf(l1, size,
                 "h_t = tanh(W_e" DOT "x_t + U_e" DOT "h_{t" MINUS "1} + b_e)");
        if (every)
            snprintf(l2, size,
                     "s_t = tanh(W_d" DOT "e_t + U_d" DOT "s_{t" MINUS "1} + "
                     "W_c" DOT "C + b_d),   p_t = softmax(W_o" DOT "s_t + "
                     "O_e" DOT "e_t + O_c" DOT "C + b_o)");
        else
            snprintf(l2, size,
                     "s_t = tanh(W_d" DOT "e_t + U_d" DOT "s_{t" MINUS "1} + "
                     "b_d),   p_t = softmax(W_o" DOT "s_t + b_o)");
        break;
    case STEP_SOFTMAX_EXAMPLE:
        example_formula(L, l1, l2, size);
        break;
    case STEP_ENCODER:
        /* x_t = E_src[src_t];  h_t = tanh(W_e·x_t + U_e·h_{t−1} + b_e) */
        snprintf(l1, size,
                 "h_{%d} = tanh(W_e" DOT "x_{%d} + U_e" DOT "h_{%d} + b_e)",
                 t, t, t - 1);
        snprintf(name, sizeof name, "h_{%d}", t);
        vector_line(L, name, trace_h(tr, t), tr->hidden, l2, size);
        break;
    case STEP_CONTEXT: {
        int T = tr->source_len;
        /* last: C = h_T; last-transform: C = tanh(Q·h_T + q);
         * mean: C = (1/T) Σ_t h_t */
        if (L->in->context == CONTEXT_LAST_TRANSFORM)
            snprintf(l1, size, "C = tanh(Q" DOT "h_{%d} + q)", T);
        else if (L->in->context == CONTEXT_MEAN)
            snprintf(l1, size, "C = \\frac{1}{%d} \\sum_{t=1}^{%d} h_t", T,
                     T);
        else
            snprintf(l1, size, "C = h_{%d}", T);
        vector_line(L, "C", tr->context, tr->hidden, l2, size);
        break;
    }
    case STEP_DECODER_STATE:
        /* e_t = E_tgt[y_{t−1}]
         * init:  s_t = tanh(W_d·e_t + U_d·s_{t−1} + b_d)
         * every: s_t = tanh(W_d·e_t + U_d·s_{t−1} + V_d·C + b_d), V_d
         *        shown as W_c; attention reads its own c_t for C */
        snprintf(l1, size,
                 "s_{%d} = tanh(W_d" DOT "e_{%d} + U_d" DOT "s_{%d}", t, t,
                 t - 1);
        if (every)
            appendf(l1, size, " + W_c" DOT "%s", ctx);
        appendf(l1, size, " + b_d)");
        if (t == 1)
            appendf(l1, size, ",   s_0 = C");
        token_arg(L, tr->prev[t - 1], tok, sizeof tok);
        appendf(l1, size, ",   e_{%d} = E[%s]", t, tok);
        snprintf(name, sizeof name, "s_{%d}", t);
        vector_line(L, name, trace_s(tr, t), tr->hidden, l2, size);
        break;
    case STEP_DECODER_ATTEND:
        /* a_{t,i} = v_a·tanh(W_a·s_{t−1} + U_a·h_i + b_a),
         * alpha_t = softmax(a_t), c_t = sum_i alpha_{t,i} h_i */
        snprintf(l1, size,
                 "a_{%d,i} = v_a" DOT "tanh(W_a" DOT "s_{%d} + U_a" DOT
                 "h_i + b_a),   \xCE\xB1_{%d} = softmax(a_{%d}),   "
                 "c_{%d} = \\sum_i \xCE\xB1_{%d,i} h_i",
                 t, t - 1, t, t, t, t);
        if (tr->alpha && t >= 1 && t <= tr->output_len) {
            snprintf(name, sizeof name, "\xCE\xB1_{%d}", t);
            vector_line(L, name, trace_alpha(tr, t - 1), tr->source_len, l2,
                        size);
        }
        break;
    case STEP_DECODER_SOFTMAX: {
        /* init:  z_t = W_o·s_t + b_o
         * every: z_t = W_o·s_t + O_e·e_t + O_c·C + b_o;  p_t = softmax(z_t),
         * y_t = argmax p_t */
        snprintf(l1, size, "z_{%d} = W_o" DOT "s_{%d}", t, t);
        if (every)
            appendf(l1, size, " + O_e" DOT "e_{%d} + O_c" DOT "%s", t, ctx);
        appendf(l1, size, " + b_o,   p_{%d} = softmax(z_{%d})", t, t);
        token_arg(L, tr->pick[t - 1], tok, sizeof tok);
        char p[32];
        format_num(tr->p[t - 1], 4, p, sizeof p);
        snprintf(l2, size,
                 "y_{%d} = argmax p_{%d} = %s,   p_{%d}[%s] = %s", t, t, tok,
                 t, tok, p);
        break;
    }
    case STEP_SUMMARY:
        summary_formula(L, l1, l2, size);
        break;
    case STEP_TEACHER_FORCING:
        teacher_forcing_formula(L, l1, l2, size);
        break;
    default:
        break;
    }
}

/* The compare view's formulas: the encoder's and C's as in the step
 * view (one encoder for all rows); at decoder steps the influence of C
 * (DESIGN.md, "How much does s_t still know C?"), J_0 = I,
 * J_t = diag(1 − s_t²)·(U_d·J_{t−1} + V_d), V_d (shown as W_c) = 0 for
 * init, with every row's ‖J_t‖_F at this step; at the summary every
 * row's p(y|x). */
static void compare_formula(const Layout *L, char *l1, char *l2, size_t size)
{
    const CompareRows *r = &L->in->rows;
    int t = L->step.t;
    l1[0] = l2[0] = '\0';
    switch (L->step.kind) {
    case STEP_DECODER_STATE:
    case STEP_DECODER_ATTEND:
    case STEP_DECODER_SOFTMAX:
        snprintf(l1, size,
                 "J_{%d} = diag(1 " MINUS " s_{%d}^2)" DOT "(U_d" DOT
                 "J_{%d} + W_c),   J_0 = I,   W_c = 0 (init)",
                 t, t, t - 1);
        for (int i = 0; i < r->n; i++) {
            const Trace *tr = r->trace[i];
            if (r->variant[i] == VARIANT_ATTENTION || !tr->influence)
                continue; /* attention's question is alpha_t */
            char num[32];
            if (t <= tr->output_len)
                format_num(tr->influence[t - 1], 3, num, sizeof num);
            else
                snprintf(num, sizeof num, "%s", "\xE2\x80\x94");
            appendf(l2, size, "%s%s: \xE2\x80\x96J_{%d}\xE2\x80\x96_F = %s",
                    l2[0] ? ",   " : "", variant_name(r->variant[i]), t,
                    num);
        }
        break;
    case STEP_SUMMARY:
        snprintf(l1, size, "p(y|x) = \xCE\xA0_t p_t[y_t]");
        for (int i = 0; i < r->n; i++) {
            char num[32];
            narration_format_prob(exp(r->trace[i]->logprob), num,
                                  sizeof num);
            appendf(l2, size, "%s%s: %s", l2[0] ? ",   " : "",
                    variant_name(r->variant[i]), num);
        }
        break;
    default:
        formula(L, l1, l2, size);
    }
}

/* The tries, best first: the narration as large as it can be with the
 * full formula; then, below 30 units, a smaller formula; then without the
 * numbers line; and only then narration text under 26 units (a long
 * template of the teacher's own: shown whole, never cut). */
static const struct {
    float text, formula, numbers;
} tries[] = {
    {36, 30, 27}, {34, 30, 27}, {32, 30, 27}, {30, 30, 27}, {28, 30, 27},
    {28, 26, 23}, {26, 30, 27}, {26, 26, 23}, {26, 26, 0},  {24, 26, 0},
    {22, 26, 0},  {20, 24, 0},  {18, 22, 0},  {16, 20, 0},  {14, 18, 0},
};

/* The height a formula line takes at size (0: the line is dropped). */
static float formula_h(const Layout *L, const char *src, float size,
                       bool bold)
{
    if (size <= 0 || !src[0])
        return 0;
    FormulaExtent e = formula_measure(L->m, src, size, bold);
    return fmaxf(e.above + e.below, size * TEXT_LINE_HEIGHT);
}

#define PAD_TOP 6.0f
#define PAD_BOTTOM 4.0f
#define GAP 2.0f

void narration_plan(const Layout *L, NarrationPlan *pl)
{
    const float bottom = NARRATION_Y + NARRATION_H;
    /* the training view's loss chart keeps the whole softmax band */
    bool grow = softmax_band_empty(L) && !training_view(L);
    float max_h = grow ? bottom - (SOFTMAX_Y + SOFTMAX_MIN_H + 6)
                       : NARRATION_H;
    /* A grown band has room to set the formula off from the text. */
    float gap = grow ? 14 : GAP;
    bool compare = compare_view(L);
    if (compare)
        compare_formula(L, pl->formula, pl->numbers, sizeof pl->formula);
    else
        formula(L, pl->formula, pl->numbers, sizeof pl->formula);
    pl->line_count = 0;
    pl->text_size = tries[0].text;
    pl->formula_size = tries[0].formula;
    pl->numbers_size = tries[0].numbers;

    char *text =
        training_view(L)
            ? training_narration_text(L)
        : compare ? narration_compare(L->lesson, &L->in->rows,
                                      L->in->accuracy, &L->step, L->lang,
                                      L->in->input_tokens)
                  : narration_for_step(L->lesson, L->tr, L->in->variant,
                                       L->in->context, &L->step, L->lang,
                                       L->in->input_tokens);
    int n_tries = (int)(sizeof tries / sizeof tries[0]);
    for (int i = 0; text && *text && i < n_tries; i++) {
        float size = tries[i].text, lh = size * TEXT_LINE_HEIGHT;
        float fh = formula_h(L, pl->formula, tries[i].formula, true) +
                   formula_h(L, pl->numbers, tries[i].numbers, false);
        float avail = max_h - PAD_TOP - PAD_BOTTOM - gap - fh;
        int max_lines = (int)floorf(avail / lh);
        if (max_lines > NARRATION_MAX_LINES - 1)
            max_lines = NARRATION_MAX_LINES - 1;
        if (max_lines < 1)
            continue;
        /* One line more than allowed: the text fits when it needs no
         * more than max_lines (the extra line would hold the rest). */
        int n = wrap_text(L->m, text, size, NARRATION_TEXT_W, false,
                          pl->lines, max_lines + 1);
        bool last = i == n_tries - 1;
        if (n <= max_lines || last) {
            if (n > max_lines) /* a last resort: cut at the bottom */
                n = wrap_text(L->m, text, size, NARRATION_TEXT_W, false,
                              pl->lines, max_lines);
            pl->line_count = n;
            pl->text_size = size;
            pl->formula_size = tries[i].formula;
            pl->numbers_size = tries[i].numbers;
            break;
        }
    }
    free(text);
    if (!pl->numbers[0])
        pl->numbers_size = 0;

    float need = PAD_TOP + (float)pl->line_count * pl->text_size *
                               TEXT_LINE_HEIGHT +
                 gap + formula_h(L, pl->formula, pl->formula_size, true) +
                 formula_h(L, pl->numbers, pl->numbers_size, false) +
                 PAD_BOTTOM;
    pl->h = grow && need > NARRATION_H ? fminf(need, max_h) : NARRATION_H;
    pl->y = bottom - pl->h;
}

void layout_narration(const Layout *L)
{
    const Palette *p = L->pal;
    const NarrationPlan *pl = L->narration;
    scene_add_rect(L->s, ROLE_DECOR, MARGIN_X, pl->y,
                   L->W - 2 * MARGIN_X, pl->h, 14, p->band,
                   (Rgba){0, 0, 0, 0}, 0);

    float lh = pl->text_size * TEXT_LINE_HEIGHT;
    for (int i = 0; i < pl->line_count; i++)
        add_text_fit(L, pl->lines[i], NARRATION_TEXT_X,
                     pl->y + PAD_TOP + lh * (float)i, NARRATION_TEXT_W, lh,
                     pl->text_size, pl->text_size * 0.75f, ALIGN_LEFT,
                     p->text, false);

    /* The formula sits at the bottom of the band, so it stays put from
     * step to step while the narration above it changes. */
    float fs = formula_fit(L->m, pl->formula, pl->formula_size, 12,
                           NARRATION_TEXT_W, true);
    float ns = pl->numbers_size > 0
                   ? formula_fit(L->m, pl->numbers, pl->numbers_size, 10,
                                 NARRATION_TEXT_W, false)
                   : 0;
    FormulaExtent f1 = formula_measure(L->m, pl->formula, fs, true);
    FormulaExtent f2 = formula_measure(L->m, pl->numbers, ns, false);
    float h2 = formula_h(L, pl->numbers, ns, false);
    float h1 = formula_h(L, pl->formula, fs, true);
    float y = pl->y + pl->h - PAD_BOTTOM - h1 - h2;
    if (h1 > 0)
        formula_emit(L->s, L->m, pl->formula, NARRATION_TEXT_X,
                     y + f1.above + (h1 - f1.above - f1.below) / 2, fs,
                     p->text, true);
    if (h2 > 0)
        formula_emit(L->s, L->m, pl->numbers, NARRATION_TEXT_X,
                     y + h1 + f2.above + (h2 - f2.above - f2.below) / 2, ns,
                     p->text_dim, false);
}
