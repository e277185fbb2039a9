/* Training: teacher forcing, loss = -(1/N) sum_n log p(y_n | x_n) summed
 * over the decoders that share one encoder, full backpropagation through
 * time, Adam, and gradient-norm clipping; recorded as it goes. */
#ifndef S2S_TRAIN_H
#define S2S_TRAIN_H

#include <stdatomic.h>
#include <stdbool.h>

#include "model/model.h"

/* One training pair. target ends with <eos>; neither side holds <go>. */
typedef struct {
    const int *source;
    int source_len;
    const int *target;
    int target_len;
} TrainPair;

/* Zero in any field means its default. */
typedef struct {
    int epochs;           /* full passes over the pairs; default 400 */
    double learning_rate; /* Adam step size; default 0.02 */
    double clip;          /* max gradient L2 norm; default 5 */
    uint64_t seed;        /* weight initialisation; 0 is a valid seed */
    double unk_rate;      /* chance that a source token is shown to training
                             as <unk> in an epoch, so <unk> is learnt; 0 =
                             never (the gradient check uses none) */
    const atomic_int *stop; /* optional: non-zero stops training within
                               one batch (a signal, a closed window) */
    int threads;          /* threads in all, the caller's included; 0 =
                             one per core, 1 = the caller alone. The
                             weights and the log are bit-identical for
                             every value. */
    unsigned record_only; /* bit k set: decoder k's loss is recorded; 0 =
                             every decoder's. The others' L_e are NaN:
                             for callers that show only some decoders
                             (the clean loss is a forward pass over every
                             pair, each epoch; it changes no weight). */
    void (*on_epoch)(void *ctx, int done, int total); /* optional */
    void *ctx;
} TrainConfig;

/* What training recorded, so it can be shown (DESIGN.md, "Training is
 * recorded so it can be shown"): for every decoder the clean loss
 * L_e = -(1/N) sum_n log p(y_n | x_n) over the training pairs, teacher-
 * forced, without <unk> masking, at the weights as they are at the end of
 * epoch e (L_0 at the initial weights); and a copy of the whole parameter
 * vector (shared encoder included) at every snapshot epoch. */
typedef struct {
    int epochs;          /* E */
    int decoder_count;   /* of the set trained */
    size_t param_count;  /* of the set trained */
    double *loss;        /* owned, decoder_count x (E + 1): L_0 .. L_E */
    int snapshot_count;
    int *snapshot_epochs; /* owned, ascending: 0 first, E last */
    double *snapshots;    /* owned, snapshot_count x param_count */
} TrainLog;

/* The snapshot epochs: 0, 1, 2, 3, 5, 10, 20, 30, 50, 75, 100, 150, 200,
 * 300, then every multiple of 100, and always the last epoch. True when
 * epoch (0 <= epoch <= epochs) is one of them. */
bool train_is_snapshot_epoch(int epoch, int epochs);

/* Index into log->snapshot_epochs of epoch, or -1 when it is no snapshot. */
int train_log_snapshot_index(const TrainLog *log, int epoch);

/* Decoder k's L_0 .. L_E. */
static inline const double *train_log_loss(const TrainLog *log, int k)
{
    return log->loss + (size_t)k * (size_t)(log->epochs + 1);
}

/* The parameter vector of snapshot i (the set's layout). */
static inline const double *train_log_params(const TrainLog *log, int i)
{
    return log->snapshots + (size_t)i * log->param_count;
}

/* Mean loss -(1/N) sum log p(y_n|x_n) of decoder m over the pairs under
 * teacher forcing, and, when grad is not NULL, its gradient with respect to
 * the whole vector m->params (grad has m->param_count doubles and is
 * overwritten; the entries of other decoders stay 0). */
double model_loss(const Model *m, const TrainPair *pairs, int n, double *grad);

/* The joint loss: the sum over the set's decoders of their mean losses,
 * and its gradient with respect to s->params (overwritten) when grad is
 * not NULL. This is what model_set_train minimises. */
double model_set_loss(const ModelSet *s, const TrainPair *pairs, int n,
                      double *grad);

/* Randomises the set from cfg->seed, then trains the shared encoder and
 * every decoder jointly on the pairs: one parameter vector, one Adam, the
 * gradient norm clipped over all of it, the loss summed over the decoders.
 * log may be NULL (nothing is recorded); otherwise it is filled and freed
 * with train_log_deinit. */
/* Returns false when cfg->stop ended it early: the weights and log are
 * then unfinished and only fit to be freed. */
bool model_set_train(ModelSet *s, const TrainPair *pairs, int n,
                     const TrainConfig *cfg, TrainLog *log);
void train_log_deinit(TrainLog *log);

#endif
