/* The forward pass: the encoder over a source sentence, the context vector
 * C, and greedy decoding that feeds each picked token back in, stopping
 * after <eos> or max_len tokens. The trace keeps every intermediate vector
 * so the timeline and the picture can show the real numbers. */
#ifndef S2S_FORWARD_H
#define S2S_FORWARD_H

#include "model/model.h"

typedef struct {
    int hidden, embed, output_vocab; /* output_vocab: entries of z_t, p_t */

    int source_len;  /* T */
    int *source;     /* T source token ids */
    double *x;       /* T x d: x_t = E_src[src_t], row t-1 */
    double *h;       /* (T+1) x H: row 0 is h_0 = 0, row t is h_t */
    double *context; /* H: C */

    int output_len; /* T': tokens written, <eos> included when reached */
    int *prev;      /* T': y_{t-1} (target ids), prev[0] = <go> */
    int *pick;      /* T': y_t = argmax p_t (target ids, never <go>) */
    double *e;      /* T' x d: e_t = E_tgt[y_{t-1}] */
    double *s;      /* (T'+1) x H: row 0 is s_0 = C, row t is s_t */
    double *logits; /* T' x V_o: z_t, indexed by output id (vocab.h) */
    double *probs;  /* T' x V_o: p_t = softmax(z_t), likewise */
    double *p;      /* T': p_t[y_t] */
    double *influence; /* T': ||J_t||_F, J_t = ds_t/dC (y_<t held fixed);
                          0 for attention, whose question is alpha_t */
    /* attention only (NULL otherwise): step t's row over i = 1..T */
    double *scores;    /* T' x T: a_{t,i} */
    double *alpha;     /* T' x T: alpha_t = softmax(a_t), sums to 1 */
    double *attended;  /* T' x H: c_t = sum_i alpha_{t,i} h_i */
    double logprob; /* sum_t log p_t[y_t] = log p(y|x) */
    bool reached_eos;
} Trace;

/* Runs the model on source[0..len) (ids into the source vocabulary; len >= 1)
 * and decodes at most max_len tokens. Fills *out, which the caller frees
 * with trace_deinit. Aborts on out of memory. */
void model_forward(const Model *m, const int *source, int len, int max_len,
                   Trace *out);
/* Teacher forcing (how training sees a pair): the decoder is fed the
 * expected tokens, y*_{t-1} at step t (y*_0 = <go>), for the target_len
 * steps of target (target ids, <eos> last, no <go>). In the trace prev[t-1]
 * is y*_{t-1}, pick[t-1] is still the model's own argmax p_t, but p[t-1] is
 * p_t[y*_t] and logprob is log p(y*|x) = sum_t log p_t[y*_t], the term of
 * the pair in the loss. Free with trace_deinit. */
void model_forward_forced(const Model *m, const int *source, int len,
                          const int *target, int target_len, Trace *out);
void trace_deinit(Trace *t);

/* Row helpers: pointers into the trace's matrices. */
static inline const double *trace_h(const Trace *t, int i)
{
    return t->h + (size_t)i * t->hidden;
}
static inline const double *trace_s(const Trace *t, int i)
{
    return t->s + (size_t)i * t->hidden;
}
static inline const double *trace_probs(const Trace *t, int step)
{
    return t->probs + (size_t)step * t->output_vocab;
}
/* Attention rows of decoder step (0-based); only when t->alpha. */
static inline const double *trace_scores(const Trace *t, int step)
{
    return t->scores + (size_t)step * t->source_len;
}
static inline const double *trace_alpha(const Trace *t, int step)
{
    return t->alpha + (size_t)step * t->source_len;
}
static inline const double *trace_attended(const Trace *t, int step)
{
    return t->attended + (size_t)step * t->hidden;
}
static inline const double *trace_logits(const Trace *t, int step)
{
    return t->logits + (size_t)step * t->output_vocab;
}

#endif
