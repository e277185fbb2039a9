/* Private to src/model: the forward formulas of DESIGN.md ("The model
 * (exactly)"), each written once. forward.c (greedy inference with a
 * trace) and backward.c (teacher-forced training) both compute with them.
 *
 * The order of the additions is part of the result: training must give
 * bit-identical weights, so each sum adds its terms in the order written
 * here. Training adds the step-invariant terms (V_d C, O_c C) into the bias
 * once per pair (decoder_bases) and passes C = NULL to the step functions;
 * inference adds them last at every step. Inline: training calls these
 * millions of times on vectors of about eight numbers. */
#ifndef S2S_MODEL_CELL_H
#define S2S_MODEL_CELL_H

#include <string.h>

#include "model/internal.h"
#include "model/model.h"

/* Encoder step, x_t = E_src[src_t], h_0 = 0:
 *   h_t = tanh(W_e x_t + U_e h_{t-1} + b_e) */
static inline void encoder_step(const Model *m, const double *x,
                                const double *h_prev, double *h)
{
    int H = m->shape.hidden, d = m->shape.embed;
    memcpy(h, m->enc_b, (size_t)H * sizeof *h);
    matvec_add(h, m->enc_W, x, H, d);
    matvec_add(h, m->enc_U, h_prev, H, H);
    for (int i = 0; i < H; i++)
        h[i] = fast_tanh(h[i]);
}

/* Context vector C from the encoder states h (row t is h_t, t = 0..T):
 *   last            C = h_T
 *   last-transform  C = tanh(Q h_T + q)
 *   mean            C = (1/T) sum_t h_t; an empty input (T = 0) gives 0 */
static inline void context_vector(const Model *m, const double *h, int T,
                                  double *C)
{
    int H = m->shape.hidden;
    const double *hT = h + (size_t)T * H;
    switch (m->shape.context) {
    case CONTEXT_LAST:
        memcpy(C, hT, (size_t)H * sizeof *C);
        break;
    case CONTEXT_LAST_TRANSFORM:
        memcpy(C, m->ctx_q, (size_t)H * sizeof *C);
        matvec_add(C, m->ctx_Q, hT, H, H);
        for (int i = 0; i < H; i++)
            C[i] = fast_tanh(C[i]);
        break;
    case CONTEXT_MEAN:
    default:
        memset(C, 0, (size_t)H * sizeof *C);
        for (int t = 1; t <= T; t++)
            for (int i = 0; i < H; i++)
                C[i] += h[(size_t)t * H + i];
        if (T > 0)
            for (int i = 0; i < H; i++)
                C[i] /= T;
        break;
    }
}

/* The decoder's sums without the terms that change from step to step:
 *   base_s = b_d [+ V_d C]      base_z = b_o [+ O_c C]   ([] every only) */
static inline void decoder_bases(const Model *m, const double *C,
                                 double *base_s, double *base_z)
{
    int H = m->shape.hidden, vt = m->shape.output_vocab;
    memcpy(base_s, m->dec_b, (size_t)H * sizeof *base_s);
    memcpy(base_z, m->dec_bo, (size_t)vt * sizeof *base_z);
    if (m->shape.variant == VARIANT_EVERY) {
        matvec_add(base_s, m->dec_V, C, H, H);
        matvec_add(base_z, m->dec_Oc, C, vt, H);
    }
}

/* Attention's keys, the part of each score that does not depend on the
 * decoder step: k_i = U_a h_i + b_a, i = 1..T (row i-1 of keys, A each). */
static inline void attention_keys(const Model *m, const double *h, int T,
                                  double *keys)
{
    int H = m->shape.hidden, A = m->shape.attention;
    for (int i = 1; i <= T; i++) {
        double *k = keys + (size_t)(i - 1) * A;
        memcpy(k, m->dec_ba, (size_t)A * sizeof *k);
        matvec_add(k, m->dec_Ua, h + (size_t)i * H, A, H);
    }
}

/* One decoder step's attention over the T encoder states h_1..h_T (rows
 * 1..T of h), with the keys of attention_keys:
 *   a_{t,i} = v_a . tanh(W_a s_{t-1} + U_a h_i + b_a)
 *   alpha_t = softmax(a_t)              (stably: the max subtracted)
 *   c_t     = sum_i alpha_{t,i} h_i
 * u (T x A) receives the tanh vectors the backward pass needs, query (A)
 * is scratch. T = 0 (no input) gives c_t = 0. */
static inline void attention_step(const Model *m, const double *h, int T,
                                  const double *keys, const double *s_prev,
                                  double *query, double *u, double *scores,
                                  double *alpha, double *c)
{
    int H = m->shape.hidden, A = m->shape.attention;
    memset(query, 0, (size_t)A * sizeof *query);
    matvec_add(query, m->dec_Wa, s_prev, A, H);
    double top = -INFINITY;
    for (int i = 0; i < T; i++) {
        const double *k = keys + (size_t)i * A;
        double *ui = u + (size_t)i * A;
        double a = 0.0;
        for (int j = 0; j < A; j++) {
            ui[j] = fast_tanh(query[j] + k[j]);
            a += m->dec_va[j] * ui[j];
        }
        scores[i] = a;
        if (a > top)
            top = a;
    }
    double sum = 0.0;
    for (int i = 0; i < T; i++) {
        alpha[i] = exp(scores[i] - top);
        sum += alpha[i];
    }
    memset(c, 0, (size_t)H * sizeof *c);
    for (int i = 0; i < T; i++) {
        alpha[i] /= sum;
        const double *hi = h + (size_t)(i + 1) * H;
        for (int j = 0; j < H; j++)
            c[j] += alpha[i] * hi[j];
    }
}

/* Decoder state, e_t = E_tgt[y_{t-1}], s_0 = C:
 *   init:      s_t = tanh(W_d e_t + U_d s_{t-1} + b_d)
 *   every:     s_t = tanh(W_d e_t + U_d s_{t-1} + V_d C + b_d)
 *   attention: s_t = tanh(W_d e_t + U_d s_{t-1} + V_d c_t + b_d)
 * base is b_d with C (c_t for attention), or, for every, base_s from
 * decoder_bases with C = NULL (V_d C is then in base already). */
static inline void decoder_state(const Model *m, const double *base,
                                 const double *e, const double *s_prev,
                                 const double *C, double *s)
{
    int H = m->shape.hidden, d = m->shape.embed;
    memcpy(s, base, (size_t)H * sizeof *s);
    matvec_add(s, m->dec_W, e, H, d);
    matvec_add(s, m->dec_U, s_prev, H, H);
    if (C && variant_reads_context(m->shape.variant))
        matvec_add(s, m->dec_V, C, H, H);
    for (int i = 0; i < H; i++)
        s[i] = fast_tanh(s[i]);
}

/* Decoder logits, one per output token (z_t has no <go> entry):
 *   init:      z_t = W_o s_t + b_o
 *   every:     z_t = W_o s_t + O_e e_t + O_c C + b_o
 *   attention: z_t = W_o s_t + O_e e_t + O_c c_t + b_o
 * base is b_o with C (c_t), or, for every, base_z from decoder_bases with
 * C = NULL (O_c C is then in base already). */
static inline void decoder_logits(const Model *m, const double *base,
                                  const double *s, const double *e,
                                  const double *C, double *z)
{
    int H = m->shape.hidden, d = m->shape.embed, vt = m->shape.output_vocab;
    memcpy(z, base, (size_t)vt * sizeof *z);
    matvec_add(z, m->dec_Wo, s, vt, H);
    if (variant_reads_context(m->shape.variant)) {
        matvec_add(z, m->dec_Oe, e, vt, d);
        if (C)
            matvec_add(z, m->dec_Oc, C, vt, H);
    }
}

#endif
