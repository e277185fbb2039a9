/* An independent recomputation of the teacher-forced loss of DESIGN.md
 * from a decoder's weights, with libm's tanh and exp and naive loops, for
 * the tests that check what training recorded. Header-only. */
#ifndef S2S_TEST_REFERENCE_LOSS_H
#define S2S_TEST_REFERENCE_LOSS_H

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "model/model.h"
#include "model/train.h"
#include "model/vocab.h"

/* a . x, summed left to right */
static inline double ref_dot(const double *a, const double *x, int n)
{
    double s = 0;
    for (int j = 0; j < n; j++)
        s += a[j] * x[j];
    return s;
}

/* The teacher-forced loss -(1/N) sum_n log p(y_n | x_n) of decoder m over
 * the pairs, recomputed here from the weights with DESIGN.md's formulas
 * and libm's tanh and exp, independently of backward.c. */
static inline double reference_loss(const Model *m, const TrainPair *pairs, int n)
{
    const ModelShape *sh = &m->shape;
    int H = sh->hidden, d = sh->embed, vo = sh->output_vocab;
    bool attend = sh->variant == VARIANT_ATTENTION;
    bool every = sh->variant == VARIANT_EVERY || attend;
    int A = sh->attention;
    double total = 0;
    if (H > 16 || vo > 256 || A > 16)
        return NAN; /* beyond this helper's buffers: fails the caller */
    for (int p = 0; p < n; p++) {
        if (pairs[p].source_len > 32)
            return NAN;
        const TrainPair *pr = &pairs[p];
        double h[33][16], C[16], sp[16];
        memset(h[0], 0, sizeof h[0]);
        for (int t = 1; t <= pr->source_len; t++) {
            const double *x = m->enc_E + (size_t)pr->source[t - 1] * d;
            for (int i = 0; i < H; i++)
                h[t][i] = tanh(ref_dot(m->enc_W + i * d, x, d) +
                               ref_dot(m->enc_U + i * H, h[t - 1], H) +
                               m->enc_b[i]);
        }
        int T = pr->source_len;
        for (int i = 0; i < H; i++) {
            if (sh->context == CONTEXT_LAST)
                C[i] = h[T][i];
            else if (sh->context == CONTEXT_LAST_TRANSFORM)
                C[i] = tanh(ref_dot(m->ctx_Q + i * H, h[T], H) + m->ctx_q[i]);
            else {
                C[i] = 0;
                for (int t = 1; t <= T; t++)
                    C[i] += h[t][i];
                C[i] /= T;
            }
            sp[i] = C[i];
        }
        for (int k = 0; k < pr->target_len; k++) {
            int prev = k == 0 ? VOCAB_GO : pr->target[k - 1];
            const double *e = m->dec_E + (size_t)prev * d;
            double s[16], z[256], zmax = -INFINITY, sum = 0;
            if (attend) {
                /* a_i = v_a . tanh(W_a s_{t-1} + U_a h_i + b_a),
                 * alpha = softmax(a), C <- c_t = sum_i alpha_i h_i */
                double a[32], amax = -INFINITY, asum = 0;
                for (int t = 1; t <= T; t++) {
                    a[t - 1] = 0;
                    for (int j = 0; j < A; j++)
                        a[t - 1] += m->dec_va[j] *
                                    tanh(ref_dot(m->dec_Wa + j * H, sp, H) +
                                         ref_dot(m->dec_Ua + j * H, h[t], H) +
                                         m->dec_ba[j]);
                    amax = fmax(amax, a[t - 1]);
                }
                for (int t = 0; t < T; t++)
                    asum += exp(a[t] - amax);
                for (int i = 0; i < H; i++) {
                    C[i] = 0;
                    for (int t = 1; t <= T; t++)
                        C[i] += exp(a[t - 1] - amax) / asum * h[t][i];
                }
            }
            for (int i = 0; i < H; i++)
                s[i] = tanh(ref_dot(m->dec_W + i * d, e, d) +
                            ref_dot(m->dec_U + i * H, sp, H) + m->dec_b[i] +
                            (every ? ref_dot(m->dec_V + i * H, C, H) : 0));
            for (int j = 0; j < vo; j++) {
                z[j] = ref_dot(m->dec_Wo + j * H, s, H) + m->dec_bo[j] +
                       (every ? ref_dot(m->dec_Oe + j * d, e, d) +
                                    ref_dot(m->dec_Oc + j * H, C, H)
                              : 0);
                zmax = fmax(zmax, z[j]);
            }
            for (int j = 0; j < vo; j++)
                sum += exp(z[j] - zmax);
            total -= z[vocab_output_id(pr->target[k])] - zmax - log(sum);
            memcpy(sp, s, sizeof sp);
        }
    }
    return total / n;
}

#endif
