/* Training: minibatches of teacher-forced pairs, in an order shuffled each
 * epoch by the project's PRNG, the exact gradient from backward.c, clipped
 * to a maximum L2 norm, then one Adam step, its rate decaying linearly. Everything is drawn from
 * streams derived from the seed, so the same seed gives bit-identical
 * weights. All buffers are allocated once before the first epoch. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"
#include "model/prng.h"
#include "model/train.h"
#include "model/vocab.h"

#define DEFAULT_EPOCHS 400
#define DEFAULT_LEARNING_RATE 0.02
#define DEFAULT_CLIP 5.0

/* Pairs per Adam step. Small batches give several updates per epoch (the
 * default lessons hold ~25 pairs) while the Adam update, which touches
 * every parameter, is paid once per batch rather than once per pair. */
#define BATCH_SIZE 4

#define ADAM_BETA1 0.9
#define ADAM_BETA2 0.999
#define ADAM_EPS 1e-8

/* Stream tags: each use of randomness gets its own stream from the seed,
 * so changing, say, unk_rate does not change the shuffling order. */
#define STREAM_SHUFFLE 0x73687566666c6521ULL /* "shuffle!" */
#define STREAM_UNK 0x3c756e6b3e3c3e21ULL     /* "<unk><>!" */

void model_train(Model *m, const TrainPair *pairs, int n,
                 const TrainConfig *cfg, TrainLog *log)
{
    TrainConfig zero = {0};
    if (!cfg)
        cfg = &zero;
    int epochs = cfg->epochs > 0 ? cfg->epochs : DEFAULT_EPOCHS;
    double lr = cfg->learning_rate > 0 ? cfg->learning_rate
                                       : DEFAULT_LEARNING_RATE;
    double clip = cfg->clip > 0 ? cfg->clip : DEFAULT_CLIP;
    double unk_rate = cfg->unk_rate > 0 ? cfg->unk_rate : 0.0;

    model_randomize(m, cfg->seed);
    if (log) {
        log->epochs = epochs;
        log->loss = xcalloc((size_t)epochs, sizeof *log->loss);
    }
    if (n <= 0)
        return;

    size_t np = m->param_count;
    double *grad = xcalloc(np, sizeof *grad);
    double *adam_m = xcalloc(np, sizeof *adam_m);
    double *adam_v = xcalloc(np, sizeof *adam_v);
    int *order = xcalloc((size_t)n, sizeof *order);
    Workspace w;
    workspace_init(&w, &m->shape, pairs, n);

    /* With unk_rate > 0, training sees copies of the pairs whose sources
     * are re-masked every epoch. */
    TrainPair *masked = NULL;
    int *masked_src = NULL;
    if (unk_rate > 0) {
        size_t total = 0;
        for (int i = 0; i < n; i++)
            total += (size_t)pairs[i].source_len;
        masked = xcalloc((size_t)n, sizeof *masked);
        masked_src = xcalloc(total, sizeof *masked_src);
        size_t at = 0;
        for (int i = 0; i < n; i++) {
            masked[i] = pairs[i];
            masked[i].source = masked_src + at;
            at += (size_t)pairs[i].source_len;
        }
    }
    const TrainPair *set = masked ? masked : pairs;

    Prng shuffle_rng, unk_rng;
    prng_init(&shuffle_rng, cfg->seed ^ STREAM_SHUFFLE);
    prng_init(&unk_rng, cfg->seed ^ STREAM_UNK);
    for (int i = 0; i < n; i++)
        order[i] = i;

    double beta1_t = 1.0, beta2_t = 1.0; /* beta^t for bias correction */
    for (int epoch = 0; epoch < epochs; epoch++) {
        /* The step size falls linearly from lr to 0 over the run. With a
         * constant rate, Adam's late steps (tiny gradients divided by a
         * tiny sqrt(v)) often threw a converged model back up to a loss
         * of ~0.5 in its last epochs; decaying it stopped that. */
        double lr_epoch = lr * (1.0 - (double)epoch / epochs);
        if (masked) {
            int *dst = masked_src;
            for (int i = 0; i < n; i++)
                for (int k = 0; k < pairs[i].source_len; k++)
                    *dst++ = prng_uniform(&unk_rng) < unk_rate
                                 ? VOCAB_UNK
                                 : pairs[i].source[k];
        }
        /* Fisher-Yates with the project's PRNG: deterministic order. */
        for (int i = n - 1; i > 0; i--) {
            int j = prng_below(&shuffle_rng, i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }

        double epoch_loss = 0.0;
        for (int start = 0; start < n; start += BATCH_SIZE) {
            int count = n - start < BATCH_SIZE ? n - start : BATCH_SIZE;
            memset(grad, 0, np * sizeof *grad);
            /* the batch loss is the mean over its pairs */
            for (int k = 0; k < count; k++)
                epoch_loss += pair_loss(m, &set[order[start + k]],
                                        1.0 / count, grad, &w);

            /* Gradient-norm clipping: g <- g * clip / ||g|| when
             * ||g|| > clip, so one bad batch cannot throw the weights
             * out of tanh's useful range. */
            double norm2 = 0.0;
            for (size_t i = 0; i < np; i++)
                norm2 += grad[i] * grad[i];
            double gscale = 1.0;
            if (norm2 > clip * clip)
                gscale = clip / sqrt(norm2);

            /* Adam: m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
             * theta -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps) */
            beta1_t *= ADAM_BETA1;
            beta2_t *= ADAM_BETA2;
            double c1 = 1.0 / (1.0 - beta1_t);
            double c2 = 1.0 / (1.0 - beta2_t);
            double *theta = m->params;
            for (size_t i = 0; i < np; i++) {
                double g = grad[i] * gscale;
                adam_m[i] = ADAM_BETA1 * adam_m[i] + (1.0 - ADAM_BETA1) * g;
                adam_v[i] = ADAM_BETA2 * adam_v[i] + (1.0 - ADAM_BETA2) * g * g;
                theta[i] -= lr_epoch * (adam_m[i] * c1) /
                            (sqrt(adam_v[i] * c2) + ADAM_EPS);
            }
        }
        /* The epoch's loss: each pair's loss as its batch saw it, before
         * that batch's update (so no extra forward pass is spent on it);
         * with unk_rate > 0 it is the loss on the masked sources. */
        if (log)
            log->loss[epoch] = epoch_loss / n;
    }

    workspace_deinit(&w);
    free(masked_src);
    free(masked);
    free(order);
    free(adam_v);
    free(adam_m);
    free(grad);
}

void train_log_deinit(TrainLog *log)
{
    if (!log)
        return;
    free(log->loss);
    log->loss = NULL;
    log->epochs = 0;
}
