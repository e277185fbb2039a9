/* The loss of DESIGN.md, -(1/N) sum_n log p(y_n | x_n), under teacher
 * forcing, and its exact gradient by backpropagation through time: back
 * through the decoder steps, into C, through the context transform or
 * mean, and back through the encoder steps into both embedding tables.
 * The encoder is shared by every decoder of a set, so it runs once per
 * pair and receives the sum of what every decoder sends back through C. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/cell.h"
#include "model/internal.h"
#include "model/softmax.h"
#include "model/train.h"
#include "model/vocab.h"

/* The slice of grad that matches a parameter view of m. */
static double *grad_of(const Model *m, double *grad, const double *view)
{
    return grad + (view - m->params);
}

void encode(const Model *m, const TrainPair *pair, double *h)
{
    int H = m->shape.hidden, d = m->shape.embed, T = pair->source_len;
    memset(h, 0, (size_t)H * sizeof *h);
    for (int t = 1; t <= T; t++) {
        double *ht = h + (size_t)t * H;
        encoder_step(m, m->enc_E + (size_t)pair->source[t - 1] * d, ht - H,
                     ht);
    }
}

/* Back through step t's attention, given dL/dc_t in w->datt:
 *   c_t = sum_i alpha_i h_i       dalpha_i = dc_t . h_i, dh_i += alpha_i dc_t
 *                                 (dh_i: decoder_send_back, from back->dc)
 *   alpha = softmax(a)            da_i = alpha_i (dalpha_i - sum_j alpha_j dalpha_j)
 *   a_i = v_a . u_i, u_i = tanh(W_a s_{t-1} + k_i)
 *                                 dpre = da_i v_a (1 - u_i^2)
 * v_a's gradient is taken here; the keys' share (U_a, b_a, h_i) is summed
 * over t in w->dkey; W_a's and s_{t-1}'s in ds. */
static void attention_backward(const Model *m, const double *h, int T, int t,
                               const double *s_prev, double *g_Wa,
                               double *g_va, double *ds, Workspace *w)
{
    int H = m->shape.hidden, A = m->shape.attention;
    const double *alpha = w->alpha + (size_t)(t - 1) * w->max_src;
    const double *u = w->u + (size_t)(t - 1) * w->max_src * A;
    const double *dc = w->datt;
    double *dalpha = w->scores; /* reused: the scores are not needed now */
    double weighted = 0.0;
    for (int i = 0; i < T; i++) {
        const double *hi = h + (size_t)(i + 1) * H;
        double acc = 0.0;
        for (int j = 0; j < H; j++)
            acc += dc[j] * hi[j];
        dalpha[i] = acc;
        weighted += alpha[i] * acc;
    }
    double *dpre = w->dpre, *dpre_sum = w->dpre_sum;
    memset(dpre_sum, 0, (size_t)A * sizeof *dpre_sum);
    for (int i = 0; i < T; i++) {
        double da = alpha[i] * (dalpha[i] - weighted);
        const double *ui = u + (size_t)i * A;
        double *dk = w->dkey + (size_t)i * A;
        for (int j = 0; j < A; j++) {
            g_va[j] += da * ui[j];
            dpre[j] = da * m->dec_va[j] * (1.0 - ui[j] * ui[j]);
            dk[j] += dpre[j];
            dpre_sum[j] += dpre[j];
        }
    }
    /* W_a s_{t-1} is shared by every i */
    outer_add(g_Wa, dpre_sum, s_prev, A, H);
    mattvec_add(ds, m->dec_Wa, dpre_sum, A, H);
}

double decode(const Model *m, const TrainPair *pair, const double *h,
              double scale, double *grad, Workspace *w, Backflow *back)
{
    const ModelShape *sh = &m->shape;
    int H = sh->hidden, d = sh->embed, vt = sh->output_vocab;
    bool every = sh->variant == VARIANT_EVERY;
    bool attend = sh->variant == VARIANT_ATTENTION;
    bool reads = variant_reads_context(sh->variant);
    int T = pair->source_len, Tp = pair->target_len;
    int A = sh->attention, S = w->max_src;
    const int *tgt = pair->target;
    double *C = w->ctx;

    /* ---- forward, with forward.c's formulas (cell.h) but reading y_{t-1}
     * from the target (teacher forcing) instead of the model's picks ---- */
    context_vector(m, h, T, C);

    /* The parts of the decoder's sums that do not change from step to
     * step are computed once per pair: b_d [+ V_d C] and b_o [+ O_c C].
     * (In training this is most of the cost the every variant adds.) */
    double *base_s = w->base_s, *base_z = w->base_z;
    decoder_bases(m, C, base_s, base_z);
    if (attend)
        attention_keys(m, h, T, w->keys);

    /* s_0 = C; e_t = E_tgt[y_{t-1}], y_0 = <go> */
    double loss = 0.0;
    memcpy(w->s, C, (size_t)H * sizeof *C);
    for (int t = 1; t <= Tp; t++) {
        int prev = t == 1 ? VOCAB_GO : tgt[t - 2];
        const double *e = m->dec_E + (size_t)prev * d;
        double *s = w->s + (size_t)t * H;
        double *z = w->p + (size_t)(t - 1) * vt;
        /* every has V_d C, O_c C in its bases; attention reads its c_t */
        double *ctx = NULL;
        if (attend) {
            ctx = w->att + (size_t)(t - 1) * H;
            attention_step(m, h, T, w->keys, s - H, w->query,
                           w->u + (size_t)(t - 1) * S * A, w->scores,
                           w->alpha + (size_t)(t - 1) * S, ctx);
        }
        decoder_state(m, base_s, e, s - H, ctx, s);
        decoder_logits(m, base_z, s, e, ctx, z);

        /* log p_t[y_t] = log(e^{z_y - max} / sum_j e^{z_j - max}), taken
         * before the division; the row then holds p_t = softmax(z_t) for
         * the backward pass. z_t ranges over the output vocabulary. */
        double sum = softmax_exp(z, vt, z);
        loss -= log(z[vocab_output_id(tgt[t - 1])] / sum);
        if (!grad)
            continue; /* the loss alone needs no p_t */
        double inv = 1.0 / sum;
        for (int j = 0; j < vt; j++)
            z[j] *= inv;
    }
    if (!grad)
        return loss;

    /* ---- backward ---- */
    double *g_Wo = grad_of(m, grad, m->dec_Wo);
    double *g_bo = grad_of(m, grad, m->dec_bo);
    double *g_dW = grad_of(m, grad, m->dec_W);
    double *g_dU = grad_of(m, grad, m->dec_U);
    double *g_db = grad_of(m, grad, m->dec_b);
    double *g_dE = grad_of(m, grad, m->dec_E);
    double *g_V = reads ? grad_of(m, grad, m->dec_V) : NULL;
    double *g_Oe = reads ? grad_of(m, grad, m->dec_Oe) : NULL;
    double *g_Oc = reads ? grad_of(m, grad, m->dec_Oc) : NULL;
    double *g_Wa = attend ? grad_of(m, grad, m->dec_Wa) : NULL;
    double *g_va = attend ? grad_of(m, grad, m->dec_va) : NULL;
    double *dc = w->datt;
    if (attend)
        memset(w->dkey, 0, (size_t)T * A * sizeof *w->dkey);
    double *ds = w->ds, *da = w->da, *de = w->de, *dz = w->dz;
    double *dC = w->dctx;
    /* sums over the steps of dL/dz_t and dL/da_t, which the per-pair
     * terms O_c C + b_o and V_d C + b_d receive */
    double *dz_sum = w->dz_sum, *da_sum = w->da_sum;

    memset(ds, 0, (size_t)H * sizeof *ds);
    memset(dC, 0, (size_t)H * sizeof *dC);
    memset(dz_sum, 0, (size_t)vt * sizeof *dz_sum);
    memset(da_sum, 0, (size_t)H * sizeof *da_sum);
    for (int t = Tp; t >= 1; t--) {
        int prev = t == 1 ? VOCAB_GO : tgt[t - 2];
        const double *e = m->dec_E + (size_t)prev * d;
        const double *s = w->s + (size_t)t * H;
        const double *p = w->p + (size_t)(t - 1) * vt;

        /* dL/dz_t = p_t - onehot(y_t), per pair, times the batch scale */
        for (int j = 0; j < vt; j++)
            dz[j] = scale * p[j];
        dz[vocab_output_id(tgt[t - 1])] -= scale;
        for (int j = 0; j < vt; j++)
            dz_sum[j] += dz[j];

        /* z_t = W_o s_t [+ O_e e_t] + (b_o [+ O_c C]) */
        outer_add(g_Wo, dz, s, vt, H);
        mattvec_add(ds, m->dec_Wo, dz, vt, H);
        memset(de, 0, (size_t)d * sizeof *de);
        if (reads) {
            outer_add(g_Oe, dz, e, vt, d);
            mattvec_add(de, m->dec_Oe, dz, vt, d);
        }
        /* attention: z_t's O_c c_t */
        const double *c_t = attend ? w->att + (size_t)(t - 1) * H : NULL;
        if (attend) {
            memset(dc, 0, (size_t)H * sizeof *dc);
            outer_add(g_Oc, dz, c_t, vt, H);
            mattvec_add(dc, m->dec_Oc, dz, vt, H);
        }

        /* s_t = fast_tanh(a), tanh' = 1 - s_t^2 */
        for (int i = 0; i < H; i++) {
            da[i] = ds[i] * (1.0 - s[i] * s[i]);
            da_sum[i] += da[i];
        }
        /* a = W_d e_t + U_d s_{t-1} + (b_d [+ V_d C]) */
        outer_add(g_dW, da, e, H, d);
        outer_add(g_dU, da, s - H, H, H);
        mattvec_add(de, m->dec_W, da, H, d);
        double *g_e = g_dE + (size_t)prev * d;
        for (int k = 0; k < d; k++)
            g_e[k] += de[k];
        /* what flows on to s_{t-1} */
        memset(ds, 0, (size_t)H * sizeof *ds);
        mattvec_add(ds, m->dec_U, da, H, H);
        if (attend) {
            /* s_t's V_d c_t, then back through c_t's scores (they read
             * s_{t-1} through W_a) */
            outer_add(g_V, da, c_t, H, H);
            mattvec_add(dc, m->dec_V, da, H, H);
            attention_backward(m, h, T, t, s - H, g_Wa, g_va, ds, w);
            memcpy(back->dc + (size_t)(t - 1) * H, dc, (size_t)H * sizeof *dc);
        }
    }
    if (attend) {
        /* the keys k_i = U_a h_i + b_a, their gradient summed over t */
        double *g_Ua = grad_of(m, grad, m->dec_Ua);
        double *g_ba = grad_of(m, grad, m->dec_ba);
        for (int i = 1; i <= T; i++) {
            const double *dk = w->dkey + (size_t)(i - 1) * A;
            outer_add(g_Ua, dk, h + (size_t)i * H, A, H);
            for (int j = 0; j < A; j++)
                g_ba[j] += dk[j];
        }
        /* h_i's share goes back with alpha and dc_t */
        memcpy(back->dkey, w->dkey, (size_t)T * A * sizeof *w->dkey);
        memcpy(back->alpha, w->alpha,
               (size_t)Tp * S * sizeof *w->alpha);
    }
    /* the per-pair terms: b_o [+ O_c C] and b_d [+ V_d C] */
    for (int j = 0; j < vt; j++)
        g_bo[j] += dz_sum[j];
    for (int i = 0; i < H; i++)
        g_db[i] += da_sum[i];
    if (every) {
        outer_add(g_Oc, dz_sum, C, vt, H);
        mattvec_add(dC, m->dec_Oc, dz_sum, vt, H);
        outer_add(g_V, da_sum, C, H, H);
        mattvec_add(dC, m->dec_V, da_sum, H, H);
    }
    /* s_0 = C */
    for (int i = 0; i < H; i++)
        dC[i] += ds[i];

    /* through C's transform, when there is one; the rest is the shared
     * encoder's (decoder_send_back) */
    if (sh->context == CONTEXT_LAST_TRANSFORM) {
        /* C = fast_tanh(Q h_T + q), tanh' = 1 - C^2 */
        for (int i = 0; i < H; i++)
            back->dctx[i] = dC[i] * (1.0 - C[i] * C[i]);
    } else {
        memcpy(back->dctx, dC, (size_t)H * sizeof *dC);
    }
    return loss;
}

/* The terms in the order decode added them when it wrote into dh_ext
 * itself: attention's alpha_{t,i} dc_t for t = T'..1, then U_a^T dk_i;
 * then C's: */
void decoder_send_back(const Model *m, const TrainPair *pair,
                       const double *h, const Backflow *back, double *grad,
                       double *dh_ext)
{
    const ModelShape *sh = &m->shape;
    int H = sh->hidden, T = pair->source_len, Tp = pair->target_len;
    if (sh->variant == VARIANT_ATTENTION) {
        int A = sh->attention;
        /* c_t = sum_i alpha_{t,i} h_i: dh_i += alpha_{t,i} dc_t */
        for (int t = Tp; t >= 1; t--) {
            const double *alpha = back->alpha + (size_t)(t - 1) * back->max_src;
            const double *dc = back->dc + (size_t)(t - 1) * H;
            for (int i = 0; i < T; i++) {
                double *ext = dh_ext + (size_t)(i + 1) * H;
                for (int j = 0; j < H; j++)
                    ext[j] += alpha[i] * dc[j];
            }
        }
        /* k_i = U_a h_i + b_a: dh_i += U_a^T dk_i */
        for (int i = 1; i <= T; i++)
            mattvec_add(dh_ext + (size_t)i * H, m->dec_Ua,
                        back->dkey + (size_t)(i - 1) * A, A, H);
    }
    double *dhT = dh_ext + (size_t)T * H;
    const double *hT = h + (size_t)T * H;
    switch (sh->context) {
    case CONTEXT_LAST: /* C = h_T */
        for (int i = 0; i < H; i++)
            dhT[i] += back->dctx[i];
        break;
    case CONTEXT_LAST_TRANSFORM: { /* C = fast_tanh(Q h_T + q) */
        /* Q and q are shared by every last-transform decoder */
        const double *da = back->dctx; /* dL/d(Q h_T + q) */
        double *g_Q = grad_of(m, grad, m->ctx_Q);
        double *g_q = grad_of(m, grad, m->ctx_q);
        outer_add(g_Q, da, hT, H, H);
        for (int i = 0; i < H; i++)
            g_q[i] += da[i];
        mattvec_add(dhT, m->ctx_Q, da, H, H);
        break;
    }
    case CONTEXT_MEAN: /* C = (1/T) sum_t h_t: each h_t gets dC / T */
    default:
        for (int t = 1; t <= T; t++)
            for (int i = 0; i < H; i++)
                dh_ext[(size_t)t * H + i] += back->dctx[i] / T;
        break;
    }
}

void encode_backward(const Model *m, const TrainPair *pair, const double *h,
                     const double *dh_ext, double *grad, Workspace *w)
{
    int H = m->shape.hidden, d = m->shape.embed, T = pair->source_len;
    const int *src = pair->source;
    double *g_eW = grad_of(m, grad, m->enc_W);
    double *g_eU = grad_of(m, grad, m->enc_U);
    double *g_eb = grad_of(m, grad, m->enc_b);
    double *g_eE = grad_of(m, grad, m->enc_E);
    double *dh = w->dh, *da = w->da, *de = w->de;
    memset(dh, 0, (size_t)H * sizeof *dh);
    for (int t = T; t >= 1; t--) {
        const double *x = m->enc_E + (size_t)src[t - 1] * d;
        const double *ht = h + (size_t)t * H;
        const double *ext = dh_ext + (size_t)t * H;
        /* h_t = fast_tanh(W_e x_t + U_e h_{t-1} + b_e) */
        for (int i = 0; i < H; i++)
            da[i] = (dh[i] + ext[i]) * (1.0 - ht[i] * ht[i]);
        outer_add(g_eW, da, x, H, d);
        outer_add(g_eU, da, ht - H, H, H);
        for (int i = 0; i < H; i++)
            g_eb[i] += da[i];
        memset(de, 0, (size_t)d * sizeof *de);
        mattvec_add(de, m->enc_W, da, H, d);
        double *g_x = g_eE + (size_t)src[t - 1] * d;
        for (int k = 0; k < d; k++)
            g_x[k] += de[k];
        memset(dh, 0, (size_t)H * sizeof *dh);
        mattvec_add(dh, m->enc_U, da, H, H);
    }
}

double pair_loss(const Model *m, const TrainPair *pair, double scale,
                 double *grad, Workspace *w, Backflow *back)
{
    encode(m, pair, w->h);
    double loss = decode(m, pair, w->h, scale, grad, w, back);
    if (grad) {
        size_t H = (size_t)m->shape.hidden;
        memset(w->dh_ext, 0,
               (size_t)(pair->source_len + 1) * H * sizeof *w->dh_ext);
        decoder_send_back(m, pair, w->h, back, grad, w->dh_ext);
        encode_backward(m, pair, w->h, w->dh_ext, grad, w);
    }
    return loss;
}

void pair_loss_set(const ModelSet *s, const TrainPair *pair, double scale,
                   double *grad, Workspace *w, Backflow *back, double *loss)
{
    /* every decoder view reads the same encoder tensors */
    const Model *first = &s->decoders[0];
    encode(first, pair, w->h);
    if (grad)
        memset(w->dh_ext, 0,
               (size_t)(pair->source_len + 1) * (size_t)first->shape.hidden *
                   sizeof *w->dh_ext);
    for (int k = 0; k < s->decoder_count; k++) {
        loss[k] = decode(&s->decoders[k], pair, w->h, scale, grad, w, back);
        if (grad)
            decoder_send_back(&s->decoders[k], pair, w->h, back, grad,
                              w->dh_ext);
    }
    if (grad)
        encode_backward(first, pair, w->h, w->dh_ext, grad, w);
}

double model_loss(const Model *m, const TrainPair *pairs, int n, double *grad)
{
    if (grad)
        memset(grad, 0, m->param_count * sizeof *grad);
    if (n <= 0)
        return 0.0;
    Workspace w;
    Backflow back;
    workspace_init(&w, &m->shape, pairs, n);
    backflow_init(&back, &w, &m->shape);
    /* loss = -(1/N) sum_n log p(y_n | x_n) */
    double total = 0.0;
    for (int i = 0; i < n; i++)
        total += pair_loss(m, &pairs[i], 1.0 / n, grad, &w, &back);
    backflow_deinit(&back);
    workspace_deinit(&w);
    return total / n;
}

double model_set_loss(const ModelSet *s, const TrainPair *pairs, int n,
                      double *grad)
{
    if (grad)
        memset(grad, 0, s->param_count * sizeof *grad);
    if (n <= 0)
        return 0.0;
    Workspace w;
    Backflow back;
    workspace_init(&w, &s->decoders[0].shape, pairs, n);
    backflow_init(&back, &w, &s->decoders[0].shape);
    double loss[MODEL_MAX_DECODERS], total = 0.0;
    /* sum over decoders k of -(1/N) sum_n log p_k(y_n | x_n) */
    for (int i = 0; i < n; i++) {
        pair_loss_set(s, &pairs[i], 1.0 / n, grad, &w, &back, loss);
        for (int k = 0; k < s->decoder_count; k++)
            total += loss[k];
    }
    backflow_deinit(&back);
    workspace_deinit(&w);
    return total / n;
}
