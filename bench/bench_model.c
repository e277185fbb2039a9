/* Benchmark of the model module on the default lesson, as the program
 * trains it: course_create (one shared encoder, every decoder, the
 * lesson's epochs, learning rate, seed and unk_rate, with recording) —
 * budget 100 ms wall; the same training on one thread and on every core,
 * with and without recording (the cost of the loss curves and
 * snapshots), and recording one context mode; a greedy forward pass; and the
 * time to recompute every decoder's trace at another snapshot (what
 * switching snapshot costs the model). Prints figures; never fails on a
 * slow machine. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "session/course.h"
#include "lesson/lesson.h"
#include "model/forward.h"
#include "model/train.h"
#include "paths.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this process: on a machine shared with other work, the wall
 * clock also counts the time others had the cores. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v and returns its median. */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static Lesson *load_default(void)
{
    char *path = paths_default_lesson();
    LessonError err;
    Lesson *l = path ? lesson_load(path, &err) : NULL;
    if (!l)
        fprintf(stderr, "bench_model: cannot load the default lesson\n");
    free(path);
    return l;
}

#define TRAIN_RUNS 7
#define FORWARD_BATCH 100
#define FORWARD_RUNS 201

int main(void)
{
    double create[TRAIN_RUNS], create_cpu[TRAIN_RUNS];
    Course *c = NULL;
    for (int r = 0; r < TRAIN_RUNS; r++) {
        Lesson *l = load_default();
        if (!l)
            return 1;
        course_destroy(c);
        double t0 = now_ms(), c0 = cpu_ms();
        c = course_create(l, NULL, NULL);
        create[r] = now_ms() - t0;
        create_cpu[r] = cpu_ms() - c0;
    }
    const Lesson *l = c->lesson;
    printf("model: course_create of %s: %d pairs, H=%d d=%d, %d epochs, "
           "unk_rate %g, one encoder + %d decoders, %d snapshots\n",
           l->name, l->pair_count, l->hidden, l->embed, c->log.epochs,
           l->unk_rate, c->set.decoder_count, c->log.snapshot_count);
    printf("model: course_create: median %.1f ms wall (%.1f ms CPU) over %d "
           "runs (budget 100 ms wall)\n",
           median(create, TRAIN_RUNS), median(create_cpu, TRAIN_RUNS),
           TRAIN_RUNS);

    /* the same training on one thread and on every core; recorded, not
     * recorded, and recording one decoder's loss (what --dump and
     * --export need) */
    TrainPair *pairs = lesson_train_pairs(l);
    ModelSet set;
    DecoderKind kinds[MODEL_MAX_DECODERS];
    for (int k = 0; k < c->set.decoder_count; k++)
        kinds[k] = (DecoderKind){c->set.decoders[k].shape.variant,
                                 c->set.decoders[k].shape.context};
    model_set_init(&set, &c->set.dims, kinds, c->set.decoder_count);
    static const struct {
        const char *name;
        int threads;
        int record; /* 0 none, 1 every decoder, 2 the lesson's context
                       mode's (what --dump and --export record) */
    } modes[] = {
        {"1 thread, recording every decoder", 1, 1},
        {"all cores, recording every decoder", 0, 1},
        {"1 thread, not recording", 1, 0},
        {"all cores, not recording", 0, 0},
        {"all cores, recording one context mode (--dump, --export)", 0, 2},
    };
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        TrainConfig cfg = {.epochs = l->epochs,
                           .learning_rate = l->learning_rate,
                           .seed = l->seed, .unk_rate = l->unk_rate,
                           .threads = modes[i].threads,
                           .record_only = modes[i].record == 2
                                              ? course_context_decoders(
                                                    l->context)
                                              : 0u};
        double wall[TRAIN_RUNS], cpu[TRAIN_RUNS];
        for (int r = 0; r < TRAIN_RUNS; r++) {
            TrainLog log;
            double w0 = now_ms(), c0 = cpu_ms();
            model_set_train(&set, pairs, l->pair_count, &cfg,
                            modes[i].record ? &log : NULL);
            wall[r] = now_ms() - w0;
            cpu[r] = cpu_ms() - c0;
            if (modes[i].record)
                train_log_deinit(&log);
        }
        printf("model: training, %s: median %.1f ms wall / %.1f ms CPU "
               "(budget 100 ms wall on 2 cores)\n",
               modes[i].name, median(wall, TRAIN_RUNS),
               median(cpu, TRAIN_RUNS));
    }
    model_set_deinit(&set);
    free(pairs);

    /* forward: the lesson's input, every decoder, batches of 100 */
    double fwd[FORWARD_RUNS];
    int nd = c->set.decoder_count;
    for (int r = 0; r < FORWARD_RUNS; r++) {
        double t0 = now_ms();
        for (int i = 0; i < FORWARD_BATCH; i++) {
            Trace t;
            model_forward(&c->set.decoders[i % nd], l->input, l->input_len,
                          l->max_len, &t);
            trace_deinit(&t);
        }
        fwd[r] = (now_ms() - t0) / FORWARD_BATCH;
    }
    printf("model: one forward pass (%d tokens in, trace allocated): "
           "median %.4f ms\n", l->input_len, median(fwd, FORWARD_RUNS));

    /* switching snapshot: every decoder's trace at each snapshot in turn */
    int snaps = c->log.snapshot_count;
    double *sw = malloc((size_t)snaps * sizeof *sw);
    for (int i = 0; i < snaps; i++) {
        double t0 = now_ms();
        for (int v = 0; v < VARIANT_COUNT; v++)
            for (int m = 0; m < CONTEXT_COUNT; m++) {
                Trace t;
                course_run_at(c, (Variant)v, (ContextMode)m, i, l->input,
                              l->input_len, &t);
                trace_deinit(&t);
            }
        sw[i] = now_ms() - t0;
    }
    printf("model: every decoder's trace at another snapshot: median %.4f "
           "ms\n", median(sw, snaps));
    free(sw);
    course_destroy(c);
    return 0;
}
