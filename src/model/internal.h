/* Private to src/model: the checked allocator, the few dense kernels that
 * the forward pass, the backward pass and training share, and the
 * preallocated workspace that lets training run without malloc in its
 * loops. Not part of the module's interface. */
#ifndef S2S_MODEL_INTERNAL_H
#define S2S_MODEL_INTERNAL_H

#include <math.h>
#include <stddef.h>

#include "model/model.h"
#include "model/train.h"
#include "xalloc.h"

/* tanh(x) = (1 - e^{-2|x|}) / (1 + e^{-2|x|}), with the sign of x.
 * glibc's tanh costs about six of its exp calls, and training calls tanh
 * millions of times (it was a fifth of the training budget). Against
 * glibc's tanh this is within 2.3e-16 absolute everywhere (measured on a
 * 1e-5 grid over [-25, 25]); what the picture and the gradient need is
 * absolute accuracy. Beyond |x| = 20, tanh(x) rounds to +-1 in double. */
static inline double fast_tanh(double x)
{
    double a = fabs(x);
    if (a > 20.0)
        return copysign(1.0, x);
    double t = exp(-2.0 * a);
    return copysign((1.0 - t) / (1.0 + t), x);
}

/* The three dense kernels, each in a general form and in fixed-width
 * forms for the widths the lessons use (d = 6, H = 8, 10, 12): with the
 * width a constant, GCC unrolls the inner loop completely and vectorises
 * it with no remainder loop, which the general form pays on every row of
 * an 8-wide matrix. The fixed forms are the same statements with cols a
 * constant, so every sum adds the same terms in the same order: the
 * results are bit-identical (GCC never reassociates a floating-point sum
 * without -ffast-math). KERNEL_WIDTHS dispatches on cols. */
#define KERNEL_WIDTHS(call, cols)                                           \
    switch (cols) {                                                         \
    case 6:  call(6); return;                                               \
    case 8:  call(8); return;                                               \
    case 10: call(10); return;                                              \
    case 12: call(12); return;                                              \
    default: call(cols); return;                                            \
    }

/* y += A x, A rows x cols row-major ("rows of A dotted with x"):
 *   y_i += sum_j A_ij x_j, the sum from j = 0 up. */
#define MATVEC_BODY(C)                                                      \
    for (int i = 0; i < rows; i++) {                                        \
        const double *a = A + (size_t)i * (C);                              \
        double acc = 0.0;                                                   \
        for (int j = 0; j < (C); j++)                                       \
            acc += a[j] * x[j];                                             \
        y[i] += acc;                                                        \
    }
static inline void matvec_add(double *restrict y, const double *restrict A,
                              const double *restrict x, int rows, int cols)
{
    KERNEL_WIDTHS(MATVEC_BODY, cols)
}

/* y += A^T x, A rows x cols: y has cols entries, x has rows:
 *   y_j += A_ij x_i, for i = 0 up. */
#define MATTVEC_BODY(C)                                                     \
    for (int i = 0; i < rows; i++) {                                        \
        const double *a = A + (size_t)i * (C);                              \
        double xi = x[i];                                                   \
        for (int j = 0; j < (C); j++)                                       \
            y[j] += a[j] * xi;                                              \
    }
static inline void mattvec_add(double *restrict y, const double *restrict A,
                               const double *restrict x, int rows, int cols)
{
    KERNEL_WIDTHS(MATTVEC_BODY, cols)
}

/* G += a b^T, G rows x cols: G_ij += a_i b_j. */
#define OUTER_BODY(C)                                                       \
    for (int i = 0; i < rows; i++) {                                        \
        double *g = G + (size_t)i * (C);                                    \
        double ai = a[i];                                                   \
        for (int j = 0; j < (C); j++)                                       \
            g[j] += ai * b[j];                                              \
    }
static inline void outer_add(double *restrict G, const double *restrict a,
                             const double *restrict b, int rows, int cols)
{
    KERNEL_WIDTHS(OUTER_BODY, cols)
}

/* Buffers for one teacher-forced forward and backward pass over pairs of
 * at most max_src source and max_tgt target tokens. */
typedef struct {
    int max_src, max_tgt;
    double *h;      /* (max_src+1) x H: h_0 .. h_T */
    double *dh_ext; /* (max_src+1) x H: dL/dh_t from the decoders via C */
    double *ctx;    /* H: C */
    double *s;      /* (max_tgt+1) x H: s_0 .. s_T' */
    double *p;      /* max_tgt x V_t: p_t (output vocabulary) */
    double *dh;     /* H: dL/dh_t flowing back */
    double *ds;     /* H: dL/ds_t flowing back */
    double *dctx;   /* H: dL/dC */
    double *da;     /* H: dL/d(pre-activation) */
    double *de;     /* d: dL/de_t or dL/dx_t */
    double *dz;     /* V_o: dL/dz_t */
    double *base_s; /* H: b_d [+ V_d C], the same at every decoder step */
    double *base_z; /* V_o: b_o [+ O_c C], likewise */
    double *da_sum; /* H: sum over t of dL/d(pre-activation of s_t) */
    double *dz_sum; /* V_o: sum over t of dL/dz_t */
    /* attention (sized for it whatever the decoder) */
    double *keys;   /* max_src x A: k_i = U_a h_i + b_a */
    double *u;      /* max_tgt x max_src x A: tanh(W_a s_{t-1} + k_i) */
    double *alpha;  /* max_tgt x max_src: alpha_{t,i} */
    double *att;    /* max_tgt x H: c_t */
    double *scores; /* max_src: a_{t,i} of one step */
    double *query;  /* A: W_a s_{t-1} */
    double *dkey;   /* max_src x A: sum over t of dL/d(pre-activation) */
    double *dpre;   /* A: dL/d(W_a s_{t-1} + k_i) of one (t, i) */
    double *dpre_sum; /* A: its sum over i */
    double *datt;   /* H: dL/dc_t */
} Workspace;

void workspace_init(Workspace *w, const ModelShape *shape,
                    const TrainPair *pairs, int n);
void workspace_deinit(Workspace *w);

/* What one decoder sends back to the shared encoder for one pair: the
 * gradient it adds to the encoder states h_t and to the shared context
 * tensors Q, q, kept as the factors it is formed from, so that it can be
 * added in later (decoder_send_back) in exactly the order of the terms
 * that one thread doing everything in turn would add. The decoders of a
 * batch can then run on several threads while the sums that several
 * decoders add into stay in one fixed order: bit-identical weights for
 * any number of threads. */
typedef struct {
    int max_src;   /* the row length of alpha */
    double *dctx;  /* H: dL/dC (last, mean) or dL/d(Q h_T + q) (last-
                      transform) */
    double *dc;    /* max_tgt x H: attention's dL/dc_t, row t-1 */
    double *alpha; /* max_tgt x max_src: attention's alpha_t, row t-1 */
    double *dkey;  /* max_src x A: attention's dL/dk_i summed over t */
} Backflow;

void backflow_init(Backflow *b, const Workspace *w, const ModelShape *shape);
void backflow_deinit(Backflow *b);

/* Encoder forward, h_0 = 0, x_t = E_src[src_t], into h ((T+1) x H). */
void encode(const Model *m, const TrainPair *pair, double *h);

/* One decoder on the encoded pair h: C, the teacher-forced decoder, and
 * its -log p(y|x). With grad (then back is not NULL), the backward pass:
 * scale * the gradient of the decoder's own tensors is added to grad
 * (laid out like the whole vector m->params) and what goes back to the
 * shared encoder is left in *back. */
double decode(const Model *m, const TrainPair *pair, const double *h,
              double scale, double *grad, Workspace *w, Backflow *back);

/* Adds what decode left in *back: into dh_ext ((T+1) x H, dL/dh_t) and
 * into grad's Q, q. */
void decoder_send_back(const Model *m, const TrainPair *pair,
                       const double *h, const Backflow *back, double *grad,
                       double *dh_ext);

/* Backpropagation through the encoder steps, from dL/dh_t in dh_ext into
 * grad's W_e, U_e, b_e and E_src. */
void encode_backward(const Model *m, const TrainPair *pair, const double *h,
                     const double *dh_ext, double *grad, Workspace *w);

/* -log p(y|x) of one pair under teacher forcing for decoder m. When grad
 * is not NULL, adds scale * its gradient to grad (laid out like the whole
 * vector m->params). */
double pair_loss(const Model *m, const TrainPair *pair, double scale,
                 double *grad, Workspace *w, Backflow *back);

/* The same for every decoder of the set at once, the shared encoder run
 * (and, with grad, backpropagated) once for them all. loss[k] receives
 * decoder k's -log p(y|x); grad (may be NULL, then back may be too) gets
 * scale * the gradient of their sum. */
void pair_loss_set(const ModelSet *s, const TrainPair *pair, double scale,
                   double *grad, Workspace *w, Backflow *back, double *loss);

#endif
