/* The backward pass against central finite differences: every element of
 * every parameter tensor, for both decoder variants and all three context
 * modes, on a tiny random model and three pairs of different lengths. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../check.h"
#include "model/model.h"
#include "model/prng.h"
#include "model/train.h"
#include "model/vocab.h"

#define STEP 1e-5
#define TOLERANCE 1e-6

/* Source ids use 1..4 (0 is <unk>, left unseen so its gradient must be 0);
 * targets end with <eos> and include a repeated token. */
static const int src0[] = {1, 2, 3, 4, 2};
static const int tgt0[] = {2, 3, VOCAB_EOS};
static const int src1[] = {3};
static const int tgt1[] = {4, 5, 4, 2, VOCAB_EOS};
static const int src2[] = {4, 1, 1};
static const int tgt2[] = {VOCAB_EOS};
static const TrainPair pairs[] = {
    {src0, 5, tgt0, 3},
    {src1, 1, tgt1, 5},
    {src2, 3, tgt2, 1},
};

static void check_shape(Variant v, ContextMode c)
{
    ModelShape sh = {5, 6, 3, 4, v, c};
    Model m;
    model_init(&m, &sh);
    /* Weights larger than the usual init, biases non-zero, so every path
     * (tanh' far from 1, every bias) is exercised. */
    Prng rng;
    prng_init(&rng, 1000 + 10 * (uint64_t)v + (uint64_t)c);
    for (size_t i = 0; i < m.param_count; i++)
        m.params[i] = prng_range(&rng, -0.9, 0.9);

    double *grad = calloc(m.param_count, sizeof *grad);
    double loss = model_loss(&m, pairs, 3, grad);
    CHECK(isfinite(loss) && loss > 0);
    CHECK(model_loss(&m, pairs, 3, NULL) == loss);

    double worst = 0;
    const char *worst_name = "";
    int failures = 0;
    for (int k = 0; k < m.tensor_count; k++) {
        const ModelTensor *t = &m.tensors[k];
        for (int i = 0; i < t->rows * t->cols; i++) {
            size_t at = t->offset + (size_t)i;
            double keep = m.params[at];
            m.params[at] = keep + STEP;
            double up = model_loss(&m, pairs, 3, NULL);
            m.params[at] = keep - STEP;
            double down = model_loss(&m, pairs, 3, NULL);
            m.params[at] = keep;
            double numeric = (up - down) / (2 * STEP);
            double analytic = grad[at];
            double denom = fabs(analytic) + fabs(numeric);
            double rel = fabs(analytic - numeric) / (denom > 1e-8 ? denom : 1e-8);
            if (rel > worst) {
                worst = rel;
                worst_name = t->name;
            }
            if (rel >= TOLERANCE && failures++ < 5)
                fprintf(stderr, "%s/%s %s.%s[%d]: analytic %.12g numeric %.12g\n",
                        variant_name(v), context_name(c), t->group, t->name,
                        i, analytic, numeric);
        }
    }
    CHECK_MSG(failures == 0, "%s/%s: %d elements off", variant_name(v),
              context_name(c), failures);
    printf("%-5s %-14s loss %.6f  %zu params  worst relative error %.2e (%s)\n",
           variant_name(v), context_name(c), loss, m.param_count, worst,
           worst_name);

    /* <unk> (source row 0) never appears, so its gradient is exactly 0 */
    for (int j = 0; j < sh.embed; j++)
        CHECK(grad[j] == 0.0);
    free(grad);
    model_deinit(&m);
}

int main(void)
{
    for (int v = 0; v < VARIANT_COUNT; v++)
        for (int c = 0; c < CONTEXT_COUNT; c++)
            check_shape((Variant)v, (ContextMode)c);
    fflush(stdout);
    return check_exit();
}
