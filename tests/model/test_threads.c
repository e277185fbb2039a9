/* Training on every core gives the same bits as on one thread.
 *   - the pool runs every task exactly once per job, on a worker index in
 *     range, over many jobs in a row, for 1, 2 and 5 threads (1 is also
 *     the path taken when pthread_create fails: everything on the caller);
 *   - for the default lesson (unk_rate > 0) and 07-reverse-long
 *     (attention, three last-transform decoders sharing Q and q), shortened
 *     to a few epochs, model_set_train with 1, 2 and 5 threads gives
 *     memcmp-identical weights, loss log and snapshots (1: the loss on
 *     the caller; 2: the loss on the recorder's thread, the decoders on
 *     the caller; 5: the recorder and a pool of 4; 12 epochs go round the
 *     recorder's ring of 4 weight copies three times);
 *   - a training stopped part-way with the recorder running returns
 *     false, promptly, and frees everything (the ASan build checks);
 *   - recording only some decoders' losses (record_only) leaves the
 *     weights, the snapshots and the recorded losses identical and the
 *     others NaN. */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lesson/lesson.h"
#include "model/pool.h"
#include "model/train.h"
#include "session/course.h"

#define POOL_TASKS 37
#define POOL_JOBS 200

typedef struct {
    atomic_int runs[POOL_TASKS];
    atomic_int bad_worker;
    int size;
} PoolProbe;

static void probe_task(void *ctx, int task, int worker)
{
    PoolProbe *p = ctx;
    atomic_fetch_add(&p->runs[task], 1);
    if (worker < 0 || worker >= p->size)
        atomic_fetch_add(&p->bad_worker, 1);
}

static void test_pool(int threads)
{
    Pool *pool = pool_create(threads);
    int size = pool_size(pool);
    CHECK(size >= 1 && size <= threads);
    PoolProbe probe = {.size = size};
    for (int job = 0; job < POOL_JOBS; job++) {
        int tasks = 1 + job % POOL_TASKS;
        pool_run(pool, tasks, probe_task, &probe);
        for (int t = 0; t < POOL_TASKS; t++) {
            /* done when pool_run returns: exactly once, nothing extra */
            int want = t < tasks ? 1 : 0;
            CHECK_MSG(atomic_load(&probe.runs[t]) == want,
                      "%d threads, job %d: task %d ran %d times", threads, job,
                      t, atomic_load(&probe.runs[t]));
            atomic_store(&probe.runs[t], 0);
        }
    }
    CHECK(atomic_load(&probe.bad_worker) == 0);
    pool_destroy(pool);
}

static Lesson *load(const char *name)
{
    const char *dir = getenv("S2S_LESSONS_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "lessons", name);
    LessonError err;
    Lesson *l = lesson_load(path, &err);
    CHECK_MSG(l != NULL, "%s:%d: %s", path, err.line, err.message);
    return l;
}

/* The lesson's decoders, as course_create lays them out. */
static int lesson_kinds(const Lesson *l, DecoderKind *kinds)
{
    int variants = l->attention ? VARIANT_COUNT : VARIANT_ATTENTION;
    for (int v = 0; v < variants; v++)
        for (int m = 0; m < CONTEXT_COUNT; m++)
            kinds[course_decoder_index((Variant)v, (ContextMode)m)] =
                (DecoderKind){(Variant)v, (ContextMode)m};
    return variants * CONTEXT_COUNT;
}

typedef struct {
    ModelSet set;
    TrainLog log;
} Run;

static void train(const Lesson *l, int epochs, int threads, unsigned only,
                  Run *out)
{
    ModelDims dims = {l->source_vocab.count, l->target_vocab.count,
                      l->embed, l->hidden, l->attention_size};
    DecoderKind kinds[MODEL_MAX_DECODERS];
    int n = lesson_kinds(l, kinds);
    model_set_init(&out->set, &dims, kinds, n);
    TrainPair *pairs = lesson_train_pairs(l);
    TrainConfig cfg = {.epochs = epochs, .learning_rate = l->learning_rate,
                       .seed = l->seed, .unk_rate = l->unk_rate,
                       .threads = threads, .record_only = only};
    CHECK(model_set_train(&out->set, pairs, l->pair_count, &cfg, &out->log));
    free(pairs);
}

static void run_free(Run *r)
{
    model_set_deinit(&r->set);
    train_log_deinit(&r->log);
}

static bool same_bits(const double *a, const double *b, size_t n)
{
    return memcmp(a, b, n * sizeof *a) == 0;
}

static void test_lesson(const char *name, int epochs)
{
    Lesson *l = load(name);
    if (!l)
        return;
    Run one, many[2];
    int counts[2] = {2, 5};
    train(l, epochs, 1, 0, &one);
    size_t np = one.set.param_count;
    size_t losses = (size_t)one.log.decoder_count * (size_t)(epochs + 1);
    for (int i = 0; i < 2; i++) {
        train(l, epochs, counts[i], 0, &many[i]);
        CHECK_MSG(same_bits(one.set.params, many[i].set.params, np),
                  "%s: weights differ with %d threads", name, counts[i]);
        CHECK_MSG(same_bits(one.log.loss, many[i].log.loss, losses),
                  "%s: loss log differs with %d threads", name, counts[i]);
        CHECK(one.log.snapshot_count == many[i].log.snapshot_count);
        CHECK_MSG(same_bits(one.log.snapshots, many[i].log.snapshots,
                            (size_t)one.log.snapshot_count * np),
                  "%s: snapshots differ with %d threads", name, counts[i]);
        run_free(&many[i]);
    }
    /* the loss fell: the run trained something */
    CHECK(train_log_loss(&one.log, 0)[epochs] <
          train_log_loss(&one.log, 0)[0]);

    /* only decoders 0 and the last recorded */
    int last = one.set.decoder_count - 1;
    Run some;
    train(l, epochs, 0, 1u | 1u << last, &some);
    CHECK(same_bits(one.set.params, some.set.params, np));
    CHECK(same_bits(one.log.snapshots, some.log.snapshots,
                    (size_t)one.log.snapshot_count * np));
    for (int k = 0; k <= last; k++) {
        const double *want = train_log_loss(&one.log, k);
        const double *got = train_log_loss(&some.log, k);
        if (k == 0 || k == last) {
            CHECK_MSG(same_bits(want, got, (size_t)epochs + 1),
                      "%s: recorded decoder %d's loss differs", name, k);
        } else {
            for (int e = 0; e <= epochs; e++)
                CHECK(isnan(got[e]));
        }
    }
    run_free(&some);
    printf("%s: %d decoders, %zu parameters, %d epochs: 1, 2 and 5 threads "
           "bit-identical\n",
           name, one.set.decoder_count, np, epochs);
    run_free(&one);
    lesson_free(l);
}

/* Stops training after its third epoch, from the progress callback. */
static void stop_after_three(void *ctx, int done, int total)
{
    (void)total;
    if (done >= 3)
        atomic_store((atomic_int *)ctx, 1);
}

static void test_stop_with_recorder(void)
{
    Lesson *l = load("01-machine-learning.lesson");
    if (!l)
        return;
    ModelDims dims = {l->source_vocab.count, l->target_vocab.count,
                      l->embed, l->hidden, l->attention_size};
    DecoderKind kinds[MODEL_MAX_DECODERS];
    int n = lesson_kinds(l, kinds);
    ModelSet set;
    model_set_init(&set, &dims, kinds, n);
    TrainPair *pairs = lesson_train_pairs(l);
    atomic_int stop = 0;
    int epochs_run = 0;
    TrainConfig cfg = {.epochs = 50, .learning_rate = l->learning_rate,
                       .seed = l->seed, .unk_rate = l->unk_rate,
                       .threads = 2, .stop = &stop,
                       .on_epoch = stop_after_three, .ctx = &stop};
    TrainLog log;
    bool finished = model_set_train(&set, pairs, l->pair_count, &cfg, &log);
    CHECK_MSG(!finished, "a stopped training said it finished");
    /* the snapshots taken before the stop are there, no later ones */
    for (int i = 0; i < log.snapshot_count; i++)
        if (log.snapshot_epochs[i] > epochs_run)
            epochs_run = log.snapshot_epochs[i];
    CHECK_MSG(epochs_run == 3, "last snapshot at epoch %d, not 3",
              epochs_run);
    train_log_deinit(&log);
    model_set_deinit(&set);
    free(pairs);
    lesson_free(l);
}

int main(void)
{
    test_pool(1);
    test_pool(2);
    test_pool(5);
    test_lesson("01-machine-learning.lesson", 12);
    test_lesson("07-reverse-long.lesson", 3);
    test_stop_with_recorder();
    fflush(stdout);
    return check_exit();
}
