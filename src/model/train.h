/* Training: teacher forcing, loss = -(1/N) sum_n log p(y_n | x_n), full
 * backpropagation through time, Adam, and gradient-norm clipping. */
#ifndef S2S_TRAIN_H
#define S2S_TRAIN_H

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
} TrainConfig;

typedef struct {
    int epochs;
    double *loss; /* owned, one mean loss per epoch (before its update) */
} TrainLog;

/* Mean loss -(1/N) sum log p(y_n|x_n) over the pairs under teacher forcing,
 * and, when grad is not NULL, its gradient with respect to m->params
 * (grad has m->param_count doubles and is overwritten). */
double model_loss(const Model *m, const TrainPair *pairs, int n, double *grad);

/* Randomises m from cfg->seed, then trains it on the pairs. log may be NULL;
 * otherwise it is filled and freed with train_log_deinit. */
void model_train(Model *m, const TrainPair *pairs, int n,
                 const TrainConfig *cfg, TrainLog *log);
void train_log_deinit(TrainLog *log);

#endif
