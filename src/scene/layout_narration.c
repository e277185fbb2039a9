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
#include "scene/layout.h"
#include "xalloc.h"

#define TEXT_W NARRATION_TEXT_W
#define FORMULA_SIZE 30.0f
#define NUMBERS_SIZE 27.0f

static const char *const MINUS_SUB_ONE = "\xE2\x82\x8B\xE2\x82\x81"; /* ₋₁ */
static const char *const SUB_T = "\xE2\x82\x9C";                     /* ₜ */

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
        if (text_width(L->m, trial, NUMBERS_SIZE, false) > TEXT_W) {
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
    /* S_i = e^{v_i} / Σ_j e^{v_j}. The font has no ᵢ or ⱼ and no
     * superscript v, so: "S(i) = exp(v(i)) / Σ exp(v(j))". */
    snprintf(l1, size, "S(i) = exp(v(i)) / \xCE\xA3 exp(v(j))");
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
 * middle ones become "…" so the line fits. */
static void summary_formula(const Layout *L, char *l1, char *l2,
                            size_t size)
{
    const Trace *tr = L->tr;
    int n = tr->output_len;
    char num[32], total[32];
    format_num(exp(tr->logprob), 4, total, sizeof total);
    for (int keep = n; keep >= 2; keep--) {
        int head = (keep + 1) / 2, tail = keep - head;
        snprintf(l1, size, "p(y|x) = ");
        for (int i = 0; i < n; i++) {
            if (keep < n && i == head) {
                appendf(l1, size, " \xC3\x97 \xE2\x80\xA6");
                i = n - tail - 1;
                continue;
            }
            format_num(tr->p[i], 4, num, sizeof num);
            appendf(l1, size, "%s%s", i ? " \xC3\x97 " : "", num);
        }
        appendf(l1, size, " = %s", total);
        if (text_width(L->m, l1, FORMULA_SIZE, true) <= TEXT_W)
            break;
    }
    format_num(tr->logprob, 4, num, sizeof num);
    snprintf(l2, size, "log p(y|x) = \xCE\xA3%s log p%s[y%s] = %s", SUB_T,
             SUB_T, SUB_T, num);
}

static void formula(const Layout *L, char *l1, char *l2, size_t size)
{
    const Trace *tr = L->tr;
    bool attend = L->in->variant == VARIANT_ATTENTION;
    bool every = L->in->variant == VARIANT_EVERY || attend;
    /* what the state and the output read: C, or attention's own c_t */
    char ctx[24] = "C";
    int t = L->step.t;
    char a[32], b[32], name[48];
    if (attend && t >= 1) {
        char sub[16];
        subscript(t, sub, sizeof sub);
        snprintf(ctx, sizeof ctx, "c%s", sub);
    }
    subscript(t, a, sizeof a);
    subscript(t - 1 >= 0 ? t - 1 : 0, b, sizeof b);
    l1[0] = l2[0] = '\0';
    switch (L->step.kind) {
    case STEP_OVERVIEW:
        /* h_t = tanh(W_e·x_t + U_e·h_{t−1} + b_e) */
        snprintf(l1, size, "h%s = tanh(W\xC2\xB7x%s + U\xC2\xB7h%s%s + b)",
                 SUB_T, SUB_T, SUB_T, MINUS_SUB_ONE);
        if (every)
            snprintf(l2, size,
                     "s%s = tanh(W\xC2\xB7" "e%s + U\xC2\xB7s%s%s + "
                     "V\xC2\xB7" "C + b),   p%s = softmax(Wo\xC2\xB7s%s + "
                     "Oe\xC2\xB7" "e%s + Oc\xC2\xB7" "C + bo)",
                     SUB_T, SUB_T, SUB_T, MINUS_SUB_ONE, SUB_T, SUB_T,
                     SUB_T);
        else
            snprintf(l2, size,
                     "s%s = tanh(W\xC2\xB7" "e%s + U\xC2\xB7s%s%s + b),   "
                     "p%s = softmax(Wo\xC2\xB7s%s + bo)",
                     SUB_T, SUB_T, SUB_T, MINUS_SUB_ONE, SUB_T, SUB_T);
        break;
    case STEP_SOFTMAX_EXAMPLE:
        example_formula(L, l1, l2, size);
        break;
    case STEP_ENCODER:
        /* x_t = E_src[src_t];  h_t = tanh(W_e·x_t + U_e·h_{t−1} + b_e) */
        snprintf(l1, size, "h%s = tanh(W\xC2\xB7x%s + U\xC2\xB7h%s + b)", a,
                 a, b);
        snprintf(name, sizeof name, "h%s", a);
        vector_line(L, name, trace_h(tr, t), tr->hidden, l2, size);
        break;
    case STEP_CONTEXT: {
        char hT[32];
        subscript(tr->source_len, hT, sizeof hT);
        if (L->in->context == CONTEXT_LAST_TRANSFORM)
            snprintf(l1, size, "C = tanh(Q\xC2\xB7h%s + q)", hT);
        else if (L->in->context == CONTEXT_MEAN)
            snprintf(l1, size, "C = (1/%d) \xCE\xA3 h%s", tr->source_len,
                     SUB_T);
        else
            snprintf(l1, size, "C = h%s", hT);
        vector_line(L, "C", tr->context, tr->hidden, l2, size);
        break;
    }
    case STEP_DECODER_STATE:
        /* e_t = E_tgt[y_{t−1}]
         * init:  s_t = tanh(W_d·e_t + U_d·s_{t−1} + b_d)
         * every: s_t = tanh(W_d·e_t + U_d·s_{t−1} + V_d·C + b_d) */
        if (every)
            snprintf(l1, size,
                     "s%s = tanh(W\xC2\xB7" "e%s + U\xC2\xB7s%s + "
                     "V\xC2\xB7" "%s + b)",
                     a, a, b, ctx);
        else
            snprintf(l1, size,
                     "s%s = tanh(W\xC2\xB7" "e%s + U\xC2\xB7s%s + b)", a,
                     a, b);
        if (t == 1)
            appendf(l1, size, ",   s\xE2\x82\x80 = C");
        {
            const Vocab *v = &L->lesson->target_vocab;
            int id = tr->prev[t - 1];
            appendf(l1, size, ",   e%s = E[%s]", a,
                    id >= 0 && id < v->count ? v->tokens[id] : "?");
        }
        snprintf(name, sizeof name, "s%s", a);
        vector_line(L, name, trace_s(tr, t), tr->hidden, l2, size);
        break;
    case STEP_DECODER_ATTEND:
        /* a_{t,i} = v_a·tanh(W_a·s_{t−1} + U_a·h_i + b_a),
         * alpha_t = softmax(a_t), c_t = sum_i alpha_{t,i} h_i */
        snprintf(l1, size,
                 "a%s,\xE1\xB5\xA2 = va\xC2\xB7tanh(Wa\xC2\xB7s%s + "
                 "Ua\xC2\xB7h\xE1\xB5\xA2 + ba),   \xCE\xB1%s = "
                 "softmax(a%s),   %s = \xCE\xA3\xE1\xB5\xA2 \xCE\xB1%s,"
                 "\xE1\xB5\xA2 h\xE1\xB5\xA2",
                 a, b, a, a, ctx, a);
        if (tr->alpha && t >= 1 && t <= tr->output_len) {
            snprintf(name, sizeof name, "\xCE\xB1%s", a);
            vector_line(L, name, trace_alpha(tr, t - 1), tr->source_len, l2,
                        size);
        }
        break;
    case STEP_DECODER_SOFTMAX: {
        /* init:  z_t = W_o·s_t + b_o
         * every: z_t = W_o·s_t + O_e·e_t + O_c·C + b_o;  p_t = softmax(z_t),
         * y_t = argmax p_t */
        if (every)
            snprintf(l1, size,
                     "z%s = Wo\xC2\xB7s%s + Oe\xC2\xB7" "e%s + "
                     "Oc\xC2\xB7" "%s + bo,   p%s = softmax(z%s)",
                     a, a, a, ctx, a, a);
        else
            snprintf(l1, size, "z%s = Wo\xC2\xB7s%s + bo,   p%s = softmax(z%s)",
                     a, a, a, a);
        const Vocab *v = &L->lesson->target_vocab;
        int id = tr->pick[t - 1];
        const char *tok = id >= 0 && id < v->count ? v->tokens[id] : "?";
        char p[32];
        format_num(tr->p[t - 1], 4, p, sizeof p);
        snprintf(l2, size, "y%s = argmax p%s = %s,   p%s[%s] = %s", a, a,
                 tok, a, tok, p);
        break;
    }
    case STEP_SUMMARY:
        summary_formula(L, l1, l2, size);
        break;
    default:
        break;
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

#define PAD_TOP 6.0f
#define PAD_BOTTOM 4.0f
#define GAP 2.0f

void narration_plan(const Layout *L, NarrationPlan *pl)
{
    const float bottom = NARRATION_Y + NARRATION_H;
    bool grow = softmax_band_empty(L);
    float max_h = grow ? bottom - (SOFTMAX_Y + SOFTMAX_MIN_H + 6)
                       : NARRATION_H;
    /* A grown band has room to set the formula off from the text. */
    float gap = grow ? 14 : GAP;
    formula(L, pl->formula, pl->numbers, sizeof pl->formula);
    pl->line_count = 0;
    pl->text_size = tries[0].text;
    pl->formula_size = tries[0].formula;
    pl->numbers_size = tries[0].numbers;

    char *text = narration_for_step(L->lesson, L->tr, L->in->variant,
                                    L->in->context, &L->step, L->lang,
                                    L->in->input_tokens);
    int n_tries = (int)(sizeof tries / sizeof tries[0]);
    for (int i = 0; text && *text && i < n_tries; i++) {
        float size = tries[i].text, lh = size * TEXT_LINE_HEIGHT;
        float fh = (tries[i].formula + tries[i].numbers) * TEXT_LINE_HEIGHT;
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
                 gap + (pl->formula_size + pl->numbers_size) *
                           TEXT_LINE_HEIGHT +
                 PAD_BOTTOM;
    pl->h = grow && need > NARRATION_H ? fminf(need, max_h) : NARRATION_H;
    pl->y = bottom - pl->h;
}

void layout_narration(const Layout *L)
{
    const Palette *p = L->pal;
    const NarrationPlan *pl = L->narration;
    scene_add_rect(L->s, ROLE_DECOR, MARGIN_X, pl->y,
                   CANVAS_W - 2 * MARGIN_X, pl->h, 14, p->band,
                   (Rgba){0, 0, 0, 0}, 0);

    float lh = pl->text_size * TEXT_LINE_HEIGHT;
    for (int i = 0; i < pl->line_count; i++)
        add_text_fit(L, pl->lines[i], NARRATION_TEXT_X,
                     pl->y + PAD_TOP + lh * (float)i, NARRATION_TEXT_W, lh,
                     pl->text_size, pl->text_size * 0.75f, ALIGN_LEFT,
                     p->text, false);

    /* The formula sits at the bottom of the band, so it stays put from
     * step to step while the narration above it changes. */
    float h1 = pl->formula_size * TEXT_LINE_HEIGHT;
    float h2 = pl->numbers_size * TEXT_LINE_HEIGHT;
    float y = pl->y + pl->h - PAD_BOTTOM - h1 - h2;
    add_text_fit(L, pl->formula, NARRATION_TEXT_X, y, NARRATION_TEXT_W, h1,
                 pl->formula_size, 16, ALIGN_LEFT, p->text, true);
    if (h2 > 0)
        add_text_fit(L, pl->numbers, NARRATION_TEXT_X, y + h1,
                     NARRATION_TEXT_W, h2, pl->numbers_size, 14, ALIGN_LEFT,
                     p->text_dim, false);
}
