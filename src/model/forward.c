/* Greedy inference with a full trace: the encoder over the source, the
 * context vector C, and the decoder that feeds each picked token back in.
 * Every vector the picture shows is kept, so the timeline never recomputes
 * anything and what is drawn is exactly what was computed. */
#include "model/forward.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"
#include "model/softmax.h"
#include "model/vocab.h"

void model_forward(const Model *m, const int *source, int len, int max_len,
                   Trace *out)
{
    const ModelShape *sh = &m->shape;
    int H = sh->hidden, d = sh->embed, vt = sh->target_vocab;
    bool every = sh->variant == VARIANT_EVERY;
    if (len < 0)
        len = 0;
    if (max_len < 0)
        max_len = 0;

    memset(out, 0, sizeof *out);
    out->hidden = H;
    out->embed = d;
    out->target_vocab = vt;
    out->source_len = len;
    out->source = model_xcalloc((size_t)len, sizeof *out->source);
    out->x = model_xcalloc((size_t)len * d, sizeof *out->x);
    out->h = model_xcalloc((size_t)(len + 1) * H, sizeof *out->h);
    out->context = model_xcalloc((size_t)H, sizeof *out->context);
    out->prev = model_xcalloc((size_t)max_len, sizeof *out->prev);
    out->pick = model_xcalloc((size_t)max_len, sizeof *out->pick);
    out->e = model_xcalloc((size_t)max_len * d, sizeof *out->e);
    out->s = model_xcalloc((size_t)(max_len + 1) * H, sizeof *out->s);
    out->logits = model_xcalloc((size_t)max_len * vt, sizeof *out->logits);
    out->probs = model_xcalloc((size_t)max_len * vt, sizeof *out->probs);
    out->p = model_xcalloc((size_t)max_len, sizeof *out->p);
    if (len > 0)
        memcpy(out->source, source, (size_t)len * sizeof *source);

    /* Encoder, h_0 = 0 (calloc):
     *   x_t = E_src[src_t]
     *   h_t = fast_tanh(W_e x_t + U_e h_{t-1} + b_e) */
    for (int t = 1; t <= len; t++) {
        double *x = out->x + (size_t)(t - 1) * d;
        const double *hp = out->h + (size_t)(t - 1) * H;
        double *h = out->h + (size_t)t * H;
        memcpy(x, m->enc_E + (size_t)source[t - 1] * d, (size_t)d * sizeof *x);
        memcpy(h, m->enc_b, (size_t)H * sizeof *h);
        matvec_add(h, m->enc_W, x, H, d);
        matvec_add(h, m->enc_U, hp, H, H);
        for (int i = 0; i < H; i++)
            h[i] = fast_tanh(h[i]);
    }

    /* Context vector C. */
    double *C = out->context;
    const double *hT = out->h + (size_t)len * H;
    switch (sh->context) {
    case CONTEXT_LAST: /* C = h_T */
        memcpy(C, hT, (size_t)H * sizeof *C);
        break;
    case CONTEXT_LAST_TRANSFORM: /* C = fast_tanh(Q h_T + q) */
        memcpy(C, m->ctx_q, (size_t)H * sizeof *C);
        matvec_add(C, m->ctx_Q, hT, H, H);
        for (int i = 0; i < H; i++)
            C[i] = fast_tanh(C[i]);
        break;
    case CONTEXT_MEAN: /* C = (1/T) sum_t h_t; an empty input leaves 0 */
    default:
        for (int t = 1; t <= len; t++)
            for (int i = 0; i < H; i++)
                C[i] += out->h[(size_t)t * H + i];
        if (len > 0)
            for (int i = 0; i < H; i++)
                C[i] /= len;
        break;
    }

    /* Decoder, s_0 = C, y_0 = <go>. */
    memcpy(out->s, C, (size_t)H * sizeof *C);
    int prev = VOCAB_GO;
    out->logprob = 0.0;
    for (int t = 1; t <= max_len; t++) {
        double *e = out->e + (size_t)(t - 1) * d;
        const double *sp = out->s + (size_t)(t - 1) * H;
        double *s = out->s + (size_t)t * H;
        double *z = out->logits + (size_t)(t - 1) * vt;
        double *p = out->probs + (size_t)(t - 1) * vt;

        /* e_t = E_tgt[y_{t-1}] */
        out->prev[t - 1] = prev;
        memcpy(e, m->dec_E + (size_t)prev * d, (size_t)d * sizeof *e);

        /* init:  s_t = fast_tanh(W_d e_t + U_d s_{t-1} + b_d)
         * every: s_t = fast_tanh(W_d e_t + U_d s_{t-1} + V_d C + b_d) */
        memcpy(s, m->dec_b, (size_t)H * sizeof *s);
        matvec_add(s, m->dec_W, e, H, d);
        matvec_add(s, m->dec_U, sp, H, H);
        if (every)
            matvec_add(s, m->dec_V, C, H, H);
        for (int i = 0; i < H; i++)
            s[i] = fast_tanh(s[i]);

        /* init:  z_t = W_o s_t + b_o
         * every: z_t = W_o s_t + O_e e_t + O_c C + b_o */
        memcpy(z, m->dec_bo, (size_t)vt * sizeof *z);
        matvec_add(z, m->dec_Wo, s, vt, H);
        if (every) {
            matvec_add(z, m->dec_Oe, e, vt, d);
            matvec_add(z, m->dec_Oc, C, vt, H);
        }

        /* p_t = softmax(z_t), y_t = argmax p_t */
        softmax(z, vt, p);
        int y = argmax(p, vt);
        out->pick[t - 1] = y;
        out->p[t - 1] = p[y];
        out->logprob += log(p[y]);
        out->output_len = t;
        if (y == VOCAB_EOS) {
            out->reached_eos = true;
            break;
        }
        prev = y;
    }
}

void trace_deinit(Trace *t)
{
    if (!t)
        return;
    free(t->source);
    free(t->x);
    free(t->h);
    free(t->context);
    free(t->prev);
    free(t->pick);
    free(t->e);
    free(t->s);
    free(t->logits);
    free(t->probs);
    free(t->p);
    memset(t, 0, sizeof *t);
}
