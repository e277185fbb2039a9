/* Benchmark of the model module: the time to train all six models (two
 * decoder variants x three context modes) of the default lesson's data at
 * H = 8, d = 6, 400 epochs (budget: one lesson <= 300 ms), and the median
 * time of one greedy forward pass. Prints figures; never fails on a slow
 * machine. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../tests/model/default_data.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/train.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

#define TRAIN_RUNS 5
#define FORWARD_BATCH 100
#define FORWARD_RUNS 201

int main(void)
{
    DefaultData data;
    default_data_init(&data);
    Model models[VARIANT_COUNT * CONTEXT_COUNT];
    double per_model[VARIANT_COUNT * CONTEXT_COUNT][TRAIN_RUNS];
    double total[TRAIN_RUNS];
    TrainConfig cfg = {.seed = 7};

    for (int r = 0; r < TRAIN_RUNS; r++) {
        double start = now_ms();
        for (int k = 0; k < VARIANT_COUNT * CONTEXT_COUNT; k++) {
            ModelShape sh = default_data_shape(&data, (Variant)(k / 3),
                                               (ContextMode)(k % 3));
            double t0 = now_ms();
            if (r > 0)
                model_deinit(&models[k]);
            model_init(&models[k], &sh);
            model_train(&models[k], data.pairs, data.n, &cfg, NULL);
            per_model[k][r] = now_ms() - t0;
        }
        total[r] = now_ms() - start;
    }
    printf("model: train 6 models (2 variants x 3 contexts), %d pairs, "
           "H=8 d=6, 400 epochs\n", data.n);
    for (int k = 0; k < VARIANT_COUNT * CONTEXT_COUNT; k++)
        printf("  %-5s %-14s median %7.2f ms  (loss %.4f)\n",
               variant_name((Variant)(k / 3)),
               context_name((ContextMode)(k % 3)),
               median(per_model[k], TRAIN_RUNS),
               model_loss(&models[k], data.pairs, data.n, NULL));
    double sorted[TRAIN_RUNS];
    for (int r = 0; r < TRAIN_RUNS; r++)
        sorted[r] = total[r];
    double med = median(sorted, TRAIN_RUNS);
    printf("model: train all 6: median %.1f ms, min %.1f ms over %d runs "
           "(budget 300 ms)\n", med, sorted[0], TRAIN_RUNS);

    /* forward: the default input 机器学习, every model, batches of 100 */
    double fwd[FORWARD_RUNS];
    const TrainPair *p = &data.pairs[0];
    for (int r = 0; r < FORWARD_RUNS; r++) {
        double t0 = now_ms();
        for (int i = 0; i < FORWARD_BATCH; i++) {
            Trace t;
            model_forward(&models[i % 6], p->source, p->source_len, 10, &t);
            trace_deinit(&t);
        }
        fwd[r] = (now_ms() - t0) / FORWARD_BATCH;
    }
    printf("model: one forward pass (4 tokens in, 3 out, trace allocated): "
           "median %.4f ms\n", median(fwd, FORWARD_RUNS));

    for (int k = 0; k < VARIANT_COUNT * CONTEXT_COUNT; k++)
        model_deinit(&models[k]);
    default_data_deinit(&data);
    return 0;
}
