/* Training: minibatches of teacher-forced pairs, in an order shuffled each
 * epoch by the project's PRNG, the exact gradient of the loss summed over
 * every decoder of the set (backward.c), clipped to a maximum L2 norm over
 * the whole vector, then one Adam step, its rate decaying linearly. Every
 * epoch is recorded (the clean loss of each decoder, and the weights at
 * the snapshot epochs). Everything is drawn from streams derived from the
 * seed, so the same seed gives bit-identical weights. All buffers are
 * allocated once before the first epoch.
 *
 * On every core: the clean loss of each epoch is computed by a thread of
 * its own from a copy of the weights while training goes on
 * (recorder.h); on two cores that is the whole split, measured fastest.
 * With more, in each batch the decoders run side by side on a pool of
 * the other threads (pool.h), each into its own slice of the gradient;
 * then one thread adds what they send back to the shared encoder in
 * decoder order (Backflow, internal.h), backpropagates the encoder,
 * clips and takes Adam's step. No sum is split between threads, so the
 * weights and the log are the same bits for any number of threads, and
 * the same as on one. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"
#include "model/pool.h"
#include "model/prng.h"
#include "model/recorder.h"
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

/* One training run's buffers and the job the pool's tasks read. Every
 * task writes only its own outputs (a decoder's slice of grad, its
 * Backflow, one pair's losses) and uses only its thread's Workspace, so
 * the numbers do not depend on which thread
 * ran it nor on how many there are; the sums several tasks feed (the
 * shared encoder's gradient, the loss over pairs) are added by one
 * thread in the order one thread doing everything would add them. */
typedef struct {
    ModelSet *set;
    int decoders;          /* K */
    double *grad;          /* the batch's gradient, the set's layout */
    Workspace *ws;         /* one per pool thread */
    /* the batch */
    const TrainPair *batch[BATCH_SIZE];
    int count;
    double scale;          /* 1 / count */
    size_t h_stride;       /* (max_src + 1) x H */
    double *h;             /* BATCH_SIZE x h_stride: encoder states */
    double *dh_ext;        /* BATCH_SIZE x h_stride: dL/dh_t */
    Backflow *back;        /* K x BATCH_SIZE */
    /* recording: -log p_k(y_i | x_i) of pair i at [i * K + k] */
    const TrainPair *pairs;
    const bool *record;    /* K: whose loss is recorded */
    double *pair_loss;
    /* Adam's moments */
    double *adam_m, *adam_v;
} Trainer;

/* Task: decoder k's forward and backward over the batch's pairs, in
 * batch order (so each of its own gradient entries sums in that order).
 * The attention decoders, the slowest, are handed out first. */
static void decoder_task(void *ctx, int task, int worker)
{
    Trainer *t = ctx;
    int k = t->decoders - 1 - task;
    const Model *m = &t->set->decoders[k];
    for (int b = 0; b < t->count; b++)
        decode(m, t->batch[b], t->h + (size_t)b * t->h_stride, t->scale,
               t->grad, &t->ws[worker], &t->back[k * BATCH_SIZE + b]);
}

/* Task: pair i's clean loss under every recorded decoder, at the weights
 * as they are (the end of an epoch). */
static void loss_task(void *ctx, int i, int worker)
{
    Trainer *t = ctx;
    recorder_pair_losses(t->set->decoders, t->decoders, t->record,
                         &t->pairs[i], &t->ws[worker],
                         t->pair_loss + (size_t)i * t->decoders);
}

/* L_e = -(1/N) sum_n log p(y_n | x_n) of every recorded decoder, into
 * log->loss column epoch (NaN for a decoder not recorded): handed to the
 * recorder's thread when there is one, else the pairs on the pool, then
 * summed in pair order. Either way the same sums (recorder.h). */
static void record_loss(Trainer *t, Pool *pool, LossRecorder *recorder,
                        TrainLog *log, int n, int epoch)
{
    if (recorder) {
        recorder_submit(recorder, t->set->params, epoch);
        return;
    }
    pool_run(pool, n, loss_task, t);
    recorder_store_column(log, t->decoders, t->record, t->pair_loss, n,
                          epoch);
}

/* Where the compiler can make a copy of a function for AVX2, picked at
 * load time by the CPU it runs on (GCC's target_clones, an ifunc): a
 * vectorised loop then runs four lanes wide instead of SSE2's two. Adam's
 * pass (sqrt and a division per parameter) took half the time this way;
 * the decoders' passes gained 3 % (exp and short dot products bound them),
 * so they are left as they were. A lane computes exactly what the
 * scalar code computes: the same operations on the same operands in the
 * same order (IEEE +, *, /, sqrt are correctly rounded; no FMA is
 * enabled, and GCC never reassociates a sum without -ffast-math), so the
 * weights are the same bits on either copy. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && \
    defined(__linux__) && !defined(__EMSCRIPTEN__)
#define WIDE_WHERE_AVAILABLE __attribute__((target_clones("avx2", "default")))
#else
#define WIDE_WHERE_AVAILABLE
#endif

/* Adam's step on the n parameters, with the clipped gradient
 * g = grad * gscale:
 *   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
 *   theta -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)
 * (c1 = 1/(1-b1^t), c2 = 1/(1-b2^t)). The gradient is zeroed as it is
 * read, ready for the next batch to add into (this was a memset of the
 * whole vector on one thread before every batch). */
WIDE_WHERE_AVAILABLE
static void adam_step(double *restrict theta, double *restrict am,
                      double *restrict av, double *restrict grad, size_t n,
                      double gscale, double lr, double c1, double c2)
{
    for (size_t i = 0; i < n; i++) {
        double g = grad[i] * gscale;
        grad[i] = 0.0;
        am[i] = ADAM_BETA1 * am[i] + (1.0 - ADAM_BETA1) * g;
        av[i] = ADAM_BETA2 * av[i] + (1.0 - ADAM_BETA2) * g * g;
        theta[i] -= lr * (am[i] * c1) / (sqrt(av[i] * c2) + ADAM_EPS);
    }
}

/* The batch's gradient: its pairs encoded (one thread: the encoder is a
 * small part), every decoder on the pool, then, pair by pair, what each
 * decoder sends back to the shared encoder, added in decoder order, and
 * the encoder's backward pass. */
static void batch_gradient(Trainer *t, Pool *pool)
{
    const Model *first = &t->set->decoders[0];
    /* t->grad is all zeros here: calloc'd, then zeroed by Adam's pass */
    for (int b = 0; b < t->count; b++)
        encode(first, t->batch[b], t->h + (size_t)b * t->h_stride);
    pool_run(pool, t->decoders, decoder_task, t);
    for (int b = 0; b < t->count; b++) {
        const TrainPair *pair = t->batch[b];
        const double *h = t->h + (size_t)b * t->h_stride;
        double *dh_ext = t->dh_ext + (size_t)b * t->h_stride;
        memset(dh_ext, 0, t->h_stride * sizeof *dh_ext);
        for (int k = 0; k < t->decoders; k++)
            decoder_send_back(&t->set->decoders[k], pair, h,
                              &t->back[k * BATCH_SIZE + b], t->grad, dh_ext);
        encode_backward(first, pair, h, dh_ext, t->grad, &t->ws[0]);
    }
}

/* The clipping factor: clip / ||g|| when ||g|| > clip, else 1.
 *
 * The weights depend on the last bit of ||g||^2 whenever a batch is
 * clipped, so then it is summed in index order, one term after another,
 * as it always was: a chain of dependent additions, one per parameter.
 * About half the default lesson's batches are not clipped (measured: the
 * others, early in training, are; in 07-reverse-long nearly all are), and
 * for them an estimate summed in eight lanes (no chain) is enough to know
 * it: both sums add the same rounded
 * squares, each within a relative n * 2^-53 of their exact sum (n terms,
 * all >= 0), so an estimate below clip^2 (1 - 1e-6) proves the ordered
 * sum below clip^2 for any n up to 10^9, and the factor is 1 either way. */
#define NORM_LANES 8
static double gradient_scale(const double *grad, size_t np, double clip)
{
    double lane[NORM_LANES] = {0};
    size_t i = 0;
    for (; i + NORM_LANES <= np; i += NORM_LANES)
        for (int j = 0; j < NORM_LANES; j++)
            lane[j] += grad[i + j] * grad[i + j];
    double estimate = 0.0;
    for (int j = 0; j < NORM_LANES; j++)
        estimate += lane[j];
    for (; i < np; i++)
        estimate += grad[i] * grad[i];
    if (estimate <= clip * clip * (1.0 - 1e-6))
        return 1.0;

    double norm2 = 0.0;
    for (i = 0; i < np; i++)
        norm2 += grad[i] * grad[i];
    return norm2 > clip * clip ? clip / sqrt(norm2) : 1.0;
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
    int K = s->decoder_count;
    bool record[MODEL_MAX_DECODERS];
    for (int k = 0; k < K; k++)
        record[k] = !cfg->record_only || (cfg->record_only >> k & 1u);
    /* With two threads or more, one records the clean loss beside
     * training (recorder.h) and the rest share the decoders: the loss
     * needs no lock between batches, the decoders one per batch. */
    int want = cfg->threads > 0 ? cfg->threads : pool_online_cores();
    LossRecorder *recorder =
        log && want >= 2 ? recorder_start(s, pairs, n, record, log) : NULL;
    Pool *pool = pool_create(recorder ? want - 1 : want);
    int threads = pool_size(pool);
    Trainer t = {.set = s, .decoders = K, .pairs = pairs};
    t.grad = xcalloc(np, sizeof *t.grad);
    t.adam_m = xcalloc(np, sizeof *t.adam_m);
    t.adam_v = xcalloc(np, sizeof *t.adam_v);
    t.ws = xcalloc((size_t)threads, sizeof *t.ws);
    for (int i = 0; i < threads; i++)
        workspace_init(&t.ws[i], &s->decoders[0].shape, pairs, n);
    t.h_stride = (size_t)(t.ws[0].max_src + 1) * (size_t)s->dims.hidden;
    t.h = xcalloc(BATCH_SIZE * t.h_stride, sizeof *t.h);
    t.dh_ext = xcalloc(BATCH_SIZE * t.h_stride, sizeof *t.dh_ext);
    t.back = xcalloc((size_t)K * BATCH_SIZE, sizeof *t.back);
    for (int i = 0; i < K * BATCH_SIZE; i++)
        backflow_init(&t.back[i], &t.ws[0], &s->decoders[0].shape);
    t.record = record;
    t.pair_loss = xcalloc((size_t)n * (size_t)K, sizeof *t.pair_loss);
    int *order = xcalloc((size_t)n, sizeof *order);
    if (log) {
        record_snapshot(log, s, 0);
        record_loss(&t, pool, recorder, log, n, 0);
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
        double step_lr = lr * (1.0 - (double)epoch / epochs);
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
            /* the batch loss: sum over decoders of the mean over its
             * pairs, so the shared encoder learns from every decoder */
            t.count = n - start < BATCH_SIZE ? n - start : BATCH_SIZE;
            t.scale = 1.0 / t.count;
            for (int k = 0; k < t.count; k++)
                t.batch[k] = &set[order[start + k]];
            batch_gradient(&t, pool);

            /* Gradient-norm clipping over the whole vector:
             * g <- g * clip / ||g|| when ||g|| > clip, so one bad batch
             * cannot throw the weights out of tanh's useful range. */
            double gscale = gradient_scale(t.grad, np, clip);

            /* Adam, on this thread: it is a few microseconds (7869
             * parameters in the default lesson), and split over the pool
             * it took twice as long, the vectors moving between the
             * cores' caches. */
            beta1_t *= ADAM_BETA1;
            beta2_t *= ADAM_BETA2;
            adam_step(s->params, t.adam_m, t.adam_v, t.grad, np, gscale,
                      step_lr, 1.0 / (1.0 - beta1_t), 1.0 / (1.0 - beta2_t));
        }
        if (stopped)
            break;
        if (log) {
            record_snapshot(log, s, epoch + 1);
            record_loss(&t, pool, recorder, log, n, epoch + 1);
        }
        if (cfg->on_epoch)
            cfg->on_epoch(cfg->ctx, epoch + 1, epochs);
    }

    recorder_finish(recorder, stopped);
    pool_destroy(pool);
    for (int i = 0; i < K * BATCH_SIZE; i++)
        backflow_deinit(&t.back[i]);
    free(t.back);
    free(t.dh_ext);
    free(t.h);
    for (int i = 0; i < threads; i++)
        workspace_deinit(&t.ws[i]);
    free(t.ws);
    free(t.pair_loss);
    free(masked_src);
    free(masked);
    free(order);
    free(t.adam_v);
    free(t.adam_m);
    free(t.grad);
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
