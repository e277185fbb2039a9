/* Greedy inference with a full trace: the encoder over the source, the
 * context vector C, and the decoder that feeds each picked token back in.
 * Every vector the picture shows is kept, so the timeline never recomputes
 * anything and what is drawn is exactly what was computed; with it, the
 * influence of C on each decoder state, ||ds_t/dC||_F. */
#include "model/forward.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/cell.h"
#include "model/internal.h"
#include "model/softmax.h"
#include "model/vocab.h"

/* How much s_t still knows C, forward mode with y_<t held fixed:
 *   J_t = diag(1 - s_t^2) (U_d J_{t-1} + V_d)      (V_d = 0 for init)
 * into J (from J_prev); returns ||J_t||_F. */
static double influence_step(const Model *m, const double *s,
                             const double *J_prev, double *J)
{
    int H = m->shape.hidden;
    bool every = m->shape.variant == VARIANT_EVERY;
    double norm2 = 0.0;
    for (int i = 0; i < H; i++) {
        const double *u = m->dec_U + (size_t)i * H;
        double gain = 1.0 - s[i] * s[i];
        for (int j = 0; j < H; j++) {
            double acc = every ? m->dec_V[(size_t)i * H + j] : 0.0;
            for (int k = 0; k < H; k++)
                acc += u[k] * J_prev[(size_t)k * H + j];
            double v = gain * acc;
            J[(size_t)i * H + j] = v;
            norm2 += v * v;
        }
    }
    return sqrt(norm2);
}

/* Greedy decoding (forced NULL), or teacher forcing: the decoder fed the
 * expected tokens forced[0..max_len), y*_{t-1} at step t. */
static void run_decoder(const Model *m, const int *source, int len, int max_len,
                        const int *forced, Trace *out)
{
    const ModelShape *sh = &m->shape;
    int H = sh->hidden, d = sh->embed, vt = sh->output_vocab;
    if (len < 0)
        len = 0;
    if (max_len < 0)
        max_len = 0;

    memset(out, 0, sizeof *out);
    out->hidden = H;
    out->embed = d;
    out->output_vocab = vt;
    out->source_len = len;
    out->source = xcalloc((size_t)len, sizeof *out->source);
    out->x = xcalloc((size_t)len * d, sizeof *out->x);
    out->h = xcalloc((size_t)(len + 1) * H, sizeof *out->h);
    out->context = xcalloc((size_t)H, sizeof *out->context);
    out->prev = xcalloc((size_t)max_len, sizeof *out->prev);
    out->pick = xcalloc((size_t)max_len, sizeof *out->pick);
    out->e = xcalloc((size_t)max_len * d, sizeof *out->e);
    out->s = xcalloc((size_t)(max_len + 1) * H, sizeof *out->s);
    out->logits = xcalloc((size_t)max_len * vt, sizeof *out->logits);
    out->probs = xcalloc((size_t)max_len * vt, sizeof *out->probs);
    out->p = xcalloc((size_t)max_len, sizeof *out->p);
    out->influence = xcalloc((size_t)max_len, sizeof *out->influence);
    bool attend = sh->variant == VARIANT_ATTENTION;
    int A = sh->attention;
    double *keys = NULL, *query = NULL, *u = NULL;
    if (attend) {
        out->scores = xcalloc((size_t)max_len * len + 1, sizeof *out->scores);
        out->alpha = xcalloc((size_t)max_len * len + 1, sizeof *out->alpha);
        out->attended = xcalloc((size_t)max_len * H, sizeof *out->attended);
        keys = xcalloc((size_t)len * A + 1, sizeof *keys);
        query = xcalloc((size_t)A, sizeof *query);
        u = xcalloc((size_t)len * A + 1, sizeof *u);
    }
    /* J (H x H, row-major) and the next J being formed */
    double *J = xcalloc((size_t)H * H, sizeof *J);
    double *J_next = xcalloc((size_t)H * H, sizeof *J_next);
    if (len > 0)
        memcpy(out->source, source, (size_t)len * sizeof *source);

    /* Encoder, h_0 = 0 (calloc), x_t = E_src[src_t]. */
    for (int t = 1; t <= len; t++) {
        double *x = out->x + (size_t)(t - 1) * d;
        memcpy(x, m->enc_E + (size_t)source[t - 1] * d, (size_t)d * sizeof *x);
        encoder_step(m, x, out->h + (size_t)(t - 1) * H,
                     out->h + (size_t)t * H);
    }

    double *C = out->context;
    context_vector(m, out->h, len, C);
    if (attend)
        attention_keys(m, out->h, len, keys);

    /* Decoder, s_0 = C, y_0 = <go>; J_0 = ds_0/dC = I. */
    memcpy(out->s, C, (size_t)H * sizeof *C);
    for (int i = 0; i < H; i++)
        J[(size_t)i * H + i] = 1.0;
    int prev = VOCAB_GO;
    out->logprob = 0.0;
    for (int t = 1; t <= max_len; t++) {
        double *e = out->e + (size_t)(t - 1) * d;
        double *s = out->s + (size_t)t * H;
        double *z = out->logits + (size_t)(t - 1) * vt;
        double *p = out->probs + (size_t)(t - 1) * vt;

        /* e_t = E_tgt[y_{t-1}] */
        out->prev[t - 1] = prev;
        memcpy(e, m->dec_E + (size_t)prev * d, (size_t)d * sizeof *e);
        /* the context this step reads: C, or attention's own c_t */
        const double *ctx = C;
        if (attend) {
            double *c = out->attended + (size_t)(t - 1) * H;
            attention_step(m, out->h, len, keys, s - H, query, u,
                           out->scores + (size_t)(t - 1) * len,
                           out->alpha + (size_t)(t - 1) * len, c);
            ctx = c;
        }
        decoder_state(m, m->dec_b, e, s - H, ctx, s);
        decoder_logits(m, m->dec_bo, s, e, ctx, z);
        if (!attend)
            out->influence[t - 1] = influence_step(m, s, J, J_next);
        double *swap = J;
        J = J_next;
        J_next = swap;

        /* p_t = softmax(z_t) over the output vocabulary (no <go>),
         * y_t = argmax p_t */
        softmax(z, vt, p);
        int o = argmax(p, vt);
        int y = vocab_target_id(o);
        out->pick[t - 1] = y;
        out->output_len = t;
        if (forced) {
            /* teacher forcing: the step scores the expected y*_t, whatever
             * it picks, and the next step is fed y*_t */
            int want = vocab_output_id(forced[t - 1]);
            out->p[t - 1] = p[want];
            out->logprob += log(p[want]);
            prev = forced[t - 1];
            continue;
        }
        out->p[t - 1] = p[o];
        out->logprob += log(p[o]);
        if (y == VOCAB_EOS) {
            out->reached_eos = true;
            break;
        }
        prev = y;
    }
    free(u);
    free(query);
    free(keys);
    free(J_next);
    free(J);
}

void model_forward(const Model *m, const int *source, int len, int max_len,
                   Trace *out)
{
    run_decoder(m, source, len, max_len, NULL, out);
}

void model_forward_forced(const Model *m, const int *source, int len,
                          const int *target, int target_len, Trace *out)
{
    run_decoder(m, source, len, target_len, target, out);
    out->reached_eos = target_len > 0 && target[target_len - 1] == VOCAB_EOS;
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
    free(t->influence);
    free(t->scores);
    free(t->alpha);
    free(t->attended);
    memset(t, 0, sizeof *t);
}
