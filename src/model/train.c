/* Training: minibatches of teacher-forced pairs, in an order shuffled each
 * epoch by the project's PRNG, the exact gradient of the loss summed over
 * every decoder of the set (backward.c), clipped to a maximum L2 norm over
 * the whole vector, then one Adam step, its rate decaying linearly. Every
 * epoch is recorded (the clean loss of each decoder, and the weights at
 * the snapshot epochs). Everything is drawn from streams derived from the
 * seed, so the same seed gives bit-identical weights. All buffers are
 * allocated once before the first epoch. */
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
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

bool train_is_snapshot_epoch(int epoch, int epochs)
{
    /* dense early, where the picture changes fastest, then every 100 */
    static const int early[] = {0,  1,  2,  3,   5,   10,  20,
                                30, 50, 75, 100, 150, 200, 300};
    if (epoch < 0 || epoch > epochs)
        return false;
    if (epoch == epochs)
        return true;
    if (epoch > 300)
        return epoch % 100 == 0;
    for (size_t i = 0; i < sizeof early / sizeof early[0]; i++)
        if (early[i] == epoch)
            return true;
    return false;
}

int train_log_snapshot_index(const TrainLog *log, int epoch)
{
    for (int i = 0; i < log->snapshot_count; i++)
        if (log->snapshot_epochs[i] == epoch)
            return i;
    return -1;
}

/* L_e of every decoder at the weights params (the set's layout): clean
 * pairs, teacher forcing, no gradient; into log->loss column epoch. */
static void record_loss(TrainLog *log, const ModelSet *s, const double *params,
                        const TrainPair *pairs, int n, int epoch,
                        Workspace *w)
{
    /* the set read from params: a shallow copy with rebased views */
    ModelSet at = *s;
    at.params = (double *)params;
    for (int k = 0; k < s->decoder_count; k++)
        model_view(&s->decoders[k], params, &at.decoders[k]);
    double loss[MODEL_MAX_DECODERS], total[MODEL_MAX_DECODERS] = {0};
    for (int i = 0; i < n; i++) {
        pair_loss_set(&at, &pairs[i], 1.0, NULL, w, loss);
        for (int k = 0; k < s->decoder_count; k++)
            total[k] += loss[k];
    }
    /* L_e = -(1/N) sum_n log p(y_n | x_n) */
    for (int k = 0; k < s->decoder_count; k++)
        log->loss[(size_t)k * (size_t)(log->epochs + 1) + (size_t)epoch] =
            total[k] / n;
}

/* At a snapshot epoch, a copy of the whole parameter vector. */
static void record_snapshot(TrainLog *log, const ModelSet *s, int epoch)
{
    if (!train_is_snapshot_epoch(epoch, log->epochs))
        return;
    double *dst = log->snapshots +
                  (size_t)log->snapshot_count * log->param_count;
    memcpy(dst, s->params, s->param_count * sizeof *dst);
    log->snapshot_epochs[log->snapshot_count++] = epoch;
}

/* The clean loss costs a forward pass over every pair and decoder each
 * epoch, about 45% of an epoch's training. A recorder thread computes it
 * from a copy of the weights taken at the end of epoch e while training
 * goes on with epoch e+1, so on two cores recording costs little wall
 * time. The numbers do not depend on the threads: each L_e is computed
 * from exactly the weights of epoch e, in the same order. When no thread
 * can be started, the loss is computed in line. */
typedef struct {
    TrainLog *log;
    const ModelSet *set;
    const TrainPair *pairs;
    int n;
    double *params; /* the copy being measured */
    Workspace w;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int pending; /* epoch whose copy waits in params, or -1 */
    bool quit, threaded;
    pthread_t thread;
} Recorder;

static void *recorder_main(void *arg)
{
    Recorder *r = arg;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (r->pending < 0 && !r->quit)
            pthread_cond_wait(&r->changed, &r->lock);
        if (r->pending < 0)
            break;
        int epoch = r->pending;
        pthread_mutex_unlock(&r->lock);
        record_loss(r->log, r->set, r->params, r->pairs, r->n, epoch, &r->w);
        pthread_mutex_lock(&r->lock);
        r->pending = -1;
        pthread_cond_broadcast(&r->changed);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

static void recorder_start(Recorder *r, TrainLog *log, const ModelSet *s,
                           const TrainPair *pairs, int n)
{
    *r = (Recorder){.log = log, .set = s, .pairs = pairs, .n = n,
                    .pending = -1};
    r->params = xcalloc(s->param_count, sizeof *r->params);
    workspace_init(&r->w, &s->decoders[0].shape, pairs, n);
    r->threaded = pthread_mutex_init(&r->lock, NULL) == 0;
    if (r->threaded && pthread_cond_init(&r->changed, NULL) != 0) {
        pthread_mutex_destroy(&r->lock);
        r->threaded = false;
    }
    if (r->threaded &&
        pthread_create(&r->thread, NULL, recorder_main, r) != 0) {
        pthread_cond_destroy(&r->changed);
        pthread_mutex_destroy(&r->lock);
        r->threaded = false;
    }
}

/* Records epoch: the loss (on the recorder thread when there is one) and
 * the snapshot. */
static void recorder_epoch(Recorder *r, int epoch)
{
    record_snapshot(r->log, r->set, epoch);
    if (!r->threaded) {
        record_loss(r->log, r->set, r->set->params, r->pairs, r->n, epoch,
                    &r->w);
        return;
    }
    pthread_mutex_lock(&r->lock);
    while (r->pending >= 0) /* the previous epoch is still measured */
        pthread_cond_wait(&r->changed, &r->lock);
    memcpy(r->params, r->set->params, r->set->param_count * sizeof(double));
    r->pending = epoch;
    pthread_cond_broadcast(&r->changed);
    pthread_mutex_unlock(&r->lock);
}

/* Waits for the last loss, stops the thread, frees the buffers. */
static void recorder_finish(Recorder *r)
{
    if (r->threaded) {
        pthread_mutex_lock(&r->lock);
        while (r->pending >= 0)
            pthread_cond_wait(&r->changed, &r->lock);
        r->quit = true;
        pthread_cond_broadcast(&r->changed);
        pthread_mutex_unlock(&r->lock);
        pthread_join(r->thread, NULL);
        pthread_cond_destroy(&r->changed);
        pthread_mutex_destroy(&r->lock);
    }
    workspace_deinit(&r->w);
    free(r->params);
}

static void log_init(TrainLog *log, const ModelSet *s, int epochs)
{
    int snaps = 0;
    for (int e = 0; e <= epochs; e++)
        snaps += train_is_snapshot_epoch(e, epochs);
    log->epochs = epochs;
    log->decoder_count = s->decoder_count;
    log->param_count = s->param_count;
    log->loss = xcalloc((size_t)s->decoder_count * (size_t)(epochs + 1),
                        sizeof *log->loss);
    log->snapshot_count = 0;
    log->snapshot_epochs = xcalloc((size_t)snaps, sizeof *log->snapshot_epochs);
    log->snapshots = xcalloc((size_t)snaps * s->param_count,
                             sizeof *log->snapshots);
}

bool model_set_train(ModelSet *s, const TrainPair *pairs, int n,
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

    model_set_randomize(s, cfg->seed);
    if (log)
        log_init(log, s, epochs);
    if (n <= 0) {
        /* nothing to learn: every snapshot is the initial weights */
        if (log)
            for (int e = 0; e <= epochs; e++)
                record_snapshot(log, s, e);
        return true;
    }

    size_t np = s->param_count;
    double *grad = xcalloc(np, sizeof *grad);
    double *adam_m = xcalloc(np, sizeof *adam_m);
    double *adam_v = xcalloc(np, sizeof *adam_v);
    int *order = xcalloc((size_t)n, sizeof *order);
    double loss[MODEL_MAX_DECODERS];
    Workspace w;
    workspace_init(&w, &s->decoders[0].shape, pairs, n);
    Recorder rec;
    if (log) {
        recorder_start(&rec, log, s, pairs, n);
        recorder_epoch(&rec, 0);
    }

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
    bool stopped = false;
    for (int epoch = 0; epoch < epochs && !stopped; epoch++) {
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

        for (int start = 0; start < n; start += BATCH_SIZE) {
            /* Checked every batch, so a stop is seen within milliseconds
             * at any size the lesson limits allow. */
            if (cfg->stop && atomic_load(cfg->stop)) {
                stopped = true;
                break;
            }
            int count = n - start < BATCH_SIZE ? n - start : BATCH_SIZE;
            memset(grad, 0, np * sizeof *grad);
            /* the batch loss: sum over decoders of the mean over its
             * pairs, so the shared encoder learns from every decoder */
            for (int k = 0; k < count; k++)
                pair_loss_set(s, &set[order[start + k]], 1.0 / count, grad,
                              &w, loss);

            /* Gradient-norm clipping over the whole vector:
             * g <- g * clip / ||g|| when ||g|| > clip, so one bad batch
             * cannot throw the weights out of tanh's useful range. */
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
            double *theta = s->params;
            for (size_t i = 0; i < np; i++) {
                double g = grad[i] * gscale;
                adam_m[i] = ADAM_BETA1 * adam_m[i] + (1.0 - ADAM_BETA1) * g;
                adam_v[i] = ADAM_BETA2 * adam_v[i] + (1.0 - ADAM_BETA2) * g * g;
                theta[i] -= lr_epoch * (adam_m[i] * c1) /
                            (sqrt(adam_v[i] * c2) + ADAM_EPS);
            }
        }
        if (stopped)
            break;
        if (log)
            recorder_epoch(&rec, epoch + 1);
        if (cfg->on_epoch)
            cfg->on_epoch(cfg->ctx, epoch + 1, epochs);
    }
    if (log)
        recorder_finish(&rec);

    workspace_deinit(&w);
    free(masked_src);
    free(masked);
    free(order);
    free(adam_v);
    free(adam_m);
    free(grad);
    return !stopped;
}

void train_log_deinit(TrainLog *log)
{
    if (!log)
        return;
    free(log->loss);
    free(log->snapshot_epochs);
    free(log->snapshots);
    memset(log, 0, sizeof *log);
}
