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

void workspace_init(Workspace *w, const ModelShape *shape,
                    const TrainPair *pairs, int n)
{
    int H = shape->hidden, d = shape->embed, vt = shape->output_vocab;
    w->max_src = 1;
    w->max_tgt = 1;
    for (int i = 0; i < n; i++) {
        if (pairs[i].source_len > w->max_src)
            w->max_src = pairs[i].source_len;
        if (pairs[i].target_len > w->max_tgt)
            w->max_tgt = pairs[i].target_len;
    }
    w->h = xcalloc((size_t)(w->max_src + 1) * H, sizeof(double));
    w->dh_ext = xcalloc((size_t)(w->max_src + 1) * H, sizeof(double));
    w->ctx = xcalloc((size_t)H, sizeof(double));
    w->s = xcalloc((size_t)(w->max_tgt + 1) * H, sizeof(double));
    w->p = xcalloc((size_t)w->max_tgt * vt, sizeof(double));
    w->dh = xcalloc((size_t)H, sizeof(double));
    w->ds = xcalloc((size_t)H, sizeof(double));
    w->dctx = xcalloc((size_t)H, sizeof(double));
    w->da = xcalloc((size_t)H, sizeof(double));
    w->de = xcalloc((size_t)d, sizeof(double));
    w->dz = xcalloc((size_t)vt, sizeof(double));
    w->base_s = xcalloc((size_t)H, sizeof(double));
    w->base_z = xcalloc((size_t)vt, sizeof(double));
    w->da_sum = xcalloc((size_t)H, sizeof(double));
    w->dz_sum = xcalloc((size_t)vt, sizeof(double));
    int A = shape->attention > 0 ? shape->attention : H;
    size_t S = (size_t)w->max_src, Tq = (size_t)w->max_tgt;
    w->keys = xcalloc(S * A, sizeof(double));
    w->u = xcalloc(Tq * S * A, sizeof(double));
    w->alpha = xcalloc(Tq * S, sizeof(double));
    w->att = xcalloc(Tq * H, sizeof(double));
    w->scores = xcalloc(S, sizeof(double));
    w->query = xcalloc((size_t)A, sizeof(double));
    w->dkey = xcalloc(S * A, sizeof(double));
    w->dpre = xcalloc((size_t)A, sizeof(double));
    w->dpre_sum = xcalloc((size_t)A, sizeof(double));
    w->datt = xcalloc((size_t)H, sizeof(double));
}

void workspace_deinit(Workspace *w)
{
    if (!w)
        return;
    free(w->h);
    free(w->dh_ext);
    free(w->ctx);
    free(w->s);
    free(w->p);
    free(w->dh);
    free(w->ds);
    free(w->dctx);
    free(w->da);
    free(w->de);
    free(w->dz);
    free(w->base_s);
    free(w->base_z);
    free(w->da_sum);
    free(w->dz_sum);
    free(w->keys);
    free(w->u);
    free(w->alpha);
    free(w->att);
    free(w->scores);
    free(w->query);
    free(w->dkey);
    free(w->dpre);
    free(w->dpre_sum);
    free(w->datt);
    memset(w, 0, sizeof *w);
}

/* The slice of grad that matches a parameter view of m. */
static double *grad_of(const Model *m, double *grad, const double *view)
{
    return grad + (view - m->params);
}

/* Encoder forward, h_0 = 0, x_t = E_src[src_t], into w->h; clears the
 * gradients the decoders will send back to each h_t. */
static void encode(const Model *m, const TrainPair *pair, Workspace *w)
{
    int H = m->shape.hidden, d = m->shape.embed, T = pair->source_len;
    memset(w->h, 0, (size_t)H * sizeof *w->h);
    for (int t = 1; t <= T; t++) {
        double *h = w->h + (size_t)t * H;
        encoder_step(m, m->enc_E + (size_t)pair->source[t - 1] * d, h - H, h);
    }
    memset(w->dh_ext, 0, (size_t)(T + 1) * H * sizeof *w->dh_ext);
}

/* Back through step t's attention, given dL/dc_t in w->datt:
 *   c_t = sum_i alpha_i h_i       dalpha_i = dc_t . h_i, dh_i += alpha_i dc_t
 *   alpha = softmax(a)            da_i = alpha_i (dalpha_i - sum_j alpha_j dalpha_j)
 *   a_i = v_a . u_i, u_i = tanh(W_a s_{t-1} + k_i)
 *                                 dpre = da_i v_a (1 - u_i^2)
 * v_a's gradient is taken here; the keys' share (U_a, b_a, h_i) is summed
 * over t in w->dkey; W_a's and s_{t-1}'s in ds. */
static void attention_backward(const Model *m, int T, int t, const double *s_prev,
                               double *g_Wa, double *g_va, double *ds,
                               Workspace *w)
{
    int H = m->shape.hidden, A = m->shape.attention;
    const double *alpha = w->alpha + (size_t)(t - 1) * w->max_src;
    const double *u = w->u + (size_t)(t - 1) * w->max_src * A;
    const double *dc = w->datt;
    double *dalpha = w->scores; /* reused: the scores are not needed now */
    double weighted = 0.0;
    for (int i = 0; i < T; i++) {
        const double *hi = w->h + (size_t)(i + 1) * H;
        double *ext = w->dh_ext + (size_t)(i + 1) * H;
        double acc = 0.0;
        for (int j = 0; j < H; j++) {
            acc += dc[j] * hi[j];
            ext[j] += alpha[i] * dc[j];
        }
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

/* One decoder on the encoded pair (w->h): C, the teacher-forced decoder,
 * its -log p(y|x); with grad, the backward pass of the decoder and of C,
 * leaving dL/dh_t in w->dh_ext for encode_backward. */
static double decode(const Model *m, const TrainPair *pair, double scale,
                     double *grad, Workspace *w)
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
    context_vector(m, w->h, T, C);
    const double *hT = w->h + (size_t)T * H;

    /* The parts of the decoder's sums that do not change from step to
     * step are computed once per pair: b_d [+ V_d C] and b_o [+ O_c C].
     * (In training this is most of the cost the every variant adds.) */
    double *base_s = w->base_s, *base_z = w->base_z;
    decoder_bases(m, C, base_s, base_z);
    if (attend)
        attention_keys(m, w->h, T, w->keys);

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
            attention_step(m, w->h, T, w->keys, s - H, w->query,
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
            attention_backward(m, T, t, s - H, g_Wa, g_va, ds, w);
        }
    }
    if (attend) {
        /* the keys k_i = U_a h_i + b_a, their gradient summed over t */
        double *g_Ua = grad_of(m, grad, m->dec_Ua);
        double *g_ba = grad_of(m, grad, m->dec_ba);
        for (int i = 1; i <= T; i++) {
            const double *dk = w->dkey + (size_t)(i - 1) * A;
            outer_add(g_Ua, dk, w->h + (size_t)i * H, A, H);
            for (int j = 0; j < A; j++)
                g_ba[j] += dk[j];
            mattvec_add(w->dh_ext + (size_t)i * H, m->dec_Ua, dk, A, H);
        }
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

    /* back through C into the encoder states */
    double *dhT = w->dh_ext + (size_t)T * H;
    switch (sh->context) {
    case CONTEXT_LAST: /* C = h_T */
        for (int i = 0; i < H; i++)
            dhT[i] += dC[i];
        break;
    case CONTEXT_LAST_TRANSFORM: { /* C = fast_tanh(Q h_T + q) */
        double *g_Q = grad_of(m, grad, m->ctx_Q);
        double *g_q = grad_of(m, grad, m->ctx_q);
        for (int i = 0; i < H; i++)
            da[i] = dC[i] * (1.0 - C[i] * C[i]);
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
                w->dh_ext[(size_t)t * H + i] += dC[i] / T;
        break;
    }
    return loss;
}

/* Backpropagation through the encoder steps, from the gradients the
 * decoders left on each h_t (w->dh_ext) into W_e, U_e, b_e and E_src. */
static void encode_backward(const Model *m, const TrainPair *pair,
                            double *grad, Workspace *w)
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
        const double *h = w->h + (size_t)t * H;
        const double *ext = w->dh_ext + (size_t)t * H;
        /* h_t = fast_tanh(W_e x_t + U_e h_{t-1} + b_e) */
        for (int i = 0; i < H; i++)
            da[i] = (dh[i] + ext[i]) * (1.0 - h[i] * h[i]);
        outer_add(g_eW, da, x, H, d);
        outer_add(g_eU, da, h - H, H, H);
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
                 double *grad, Workspace *w)
{
    encode(m, pair, w);
    double loss = decode(m, pair, scale, grad, w);
    if (grad)
        encode_backward(m, pair, grad, w);
    return loss;
}

void pair_loss_set(const ModelSet *s, const TrainPair *pair, double scale,
                   double *grad, Workspace *w, double *loss)
{
    /* every decoder view reads the same encoder tensors */
    const Model *first = &s->decoders[0];
    encode(first, pair, w);
    for (int k = 0; k < s->decoder_count; k++)
        loss[k] = decode(&s->decoders[k], pair, scale, grad, w);
    if (grad)
        encode_backward(first, pair, grad, w);
}

double model_loss(const Model *m, const TrainPair *pairs, int n, double *grad)
{
    if (grad)
        memset(grad, 0, m->param_count * sizeof *grad);
    if (n <= 0)
        return 0.0;
    Workspace w;
    workspace_init(&w, &m->shape, pairs, n);
    /* loss = -(1/N) sum_n log p(y_n | x_n) */
    double total = 0.0;
    for (int i = 0; i < n; i++)
        total += pair_loss(m, &pairs[i], 1.0 / n, grad, &w);
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
    workspace_init(&w, &s->decoders[0].shape, pairs, n);
    double loss[MODEL_MAX_DECODERS], total = 0.0;
    /* sum over decoders k of -(1/N) sum_n log p_k(y_n | x_n) */
    for (int i = 0; i < n; i++) {
        pair_loss_set(s, &pairs[i], 1.0 / n, grad, &w, loss);
        for (int k = 0; k < s->decoder_count; k++)
            total += loss[k];
    }
    workspace_deinit(&w);
    return total / n;
}
