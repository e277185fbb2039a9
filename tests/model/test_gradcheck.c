/* The backward pass against central finite differences: every element of
 * every parameter tensor of a set with one shared encoder and a decoder
 * for each variant and context mode, on a tiny random model and three
 * pairs of different lengths. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "model/model.h"
#include "model/prng.h"
#include "model/train.h"
#include "model/vocab.h"

/* Fourth-order central differences,
 *   f' ~ (8 (f(x+h) - f(x-h)) - (f(x+2h) - f(x-2h))) / (12 h),
 * with h = 1e-4: truncation ~h^4, rounding ~eps L / h. The joint loss of
 * nine decoders is ~60, and with the second-order stencil at h = 1e-5 its
 * rounding alone (~6e-10) was 3e-6 of a small attention gradient. */
#define STEP 1e-4
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

typedef double (*LossAt)(const void *arg);

static double numeric_derivative(double *param, LossAt loss, const void *arg)
{
    double keep = *param, f[4];
    const double at[4] = {STEP, -STEP, 2 * STEP, -2 * STEP};
    for (int k = 0; k < 4; k++) {
        *param = keep + at[k];
        f[k] = loss(arg);
    }
    *param = keep;
    return (8 * (f[0] - f[1]) - (f[2] - f[3])) / (12 * STEP);
}

static double set_loss_at(const void *arg)
{
    return model_set_loss(arg, pairs, 3, NULL);
}

static double decoder_loss_at(const void *arg)
{
    return model_loss(arg, pairs, 3, NULL);
}

static double relative_error(double analytic, double numeric)
{
    double denom = fabs(analytic) + fabs(numeric);
    return fabs(analytic - numeric) / (denom > 1e-8 ? denom : 1e-8);
}

/* The joint loss of a set with every decoder (the loss training
 * minimises): each element of every tensor of the set, the shared encoder
 * and Q, q included, against central differences. */
static void check_set(void)
{
    ModelDims dims = {5, 6, 3, 4, 0};
    DecoderKind kinds[VARIANT_COUNT * CONTEXT_COUNT];
    int nk = 0;
    for (int v = 0; v < VARIANT_COUNT; v++)
        for (int c = 0; c < CONTEXT_COUNT; c++)
            kinds[nk++] = (DecoderKind){(Variant)v, (ContextMode)c};
    ModelSet s;
    model_set_init(&s, &dims, kinds, nk);
    /* Weights larger than the usual init, biases non-zero, so every path
     * (tanh' far from 1, every bias) is exercised. */
    Prng rng;
    prng_init(&rng, 1000);
    for (size_t i = 0; i < s.param_count; i++)
        s.params[i] = prng_range(&rng, -0.9, 0.9);

    double *grad = calloc(s.param_count, sizeof *grad);
    double loss = model_set_loss(&s, pairs, 3, grad);
    CHECK(isfinite(loss) && loss > 0);
    CHECK(model_set_loss(&s, pairs, 3, NULL) == loss);
    /* the joint loss is the sum of the decoders' own losses */
    double sum = 0;
    for (int k = 0; k < nk; k++)
        sum += model_loss(&s.decoders[k], pairs, 3, NULL);
    CHECK_NEAR(loss, sum, 1e-12 * sum);

    double worst = 0;
    const char *worst_name = "";
    int failures = 0;
    for (int k = 0; k < s.tensor_count; k++) {
        const ModelTensor *t = &s.tensors[k];
        for (int i = 0; i < t->rows * t->cols; i++) {
            size_t at = t->offset + (size_t)i;
            double numeric = numeric_derivative(&s.params[at], set_loss_at, &s);
            double analytic = grad[at];
            double rel = relative_error(analytic, numeric);
            if (rel > worst) {
                worst = rel;
                worst_name = t->name;
            }
            if (rel >= TOLERANCE && failures++ < 5)
                fprintf(stderr, "tensor %d %s.%s[%d]: analytic %.12g numeric "
                        "%.12g\n", k, t->group, t->name, i, analytic, numeric);
        }
    }
    CHECK_MSG(failures == 0, "%d elements off", failures);
    printf("joint loss of %d decoders %.6f  %zu params (%zu shared)  worst "
           "relative error %.2e (%s)\n",
           nk, loss, s.param_count, s.shared_count, worst, worst_name);

    /* <unk> (source row 0) never appears, so its gradient is exactly 0 */
    for (int j = 0; j < dims.embed; j++)
        CHECK(grad[j] == 0.0);

    /* one decoder's own loss has no gradient on another decoder's tensors,
     * and its gradient on the shared encoder is non-zero */
    for (int k = 0; k < nk; k++) {
        const Model *m = &s.decoders[k];
        model_loss(m, pairs, 3, grad);
        char *mine = calloc(s.param_count, 1);
        for (int i = 0; i < m->tensor_count; i++)
            memset(mine + m->tensors[i].offset, 1,
                   (size_t)m->tensors[i].rows * m->tensors[i].cols);
        int stray = 0, encoder = 0;
        for (size_t i = 0; i < s.param_count; i++) {
            stray += !mine[i] && grad[i] != 0.0;
            encoder += i < s.shared_count && grad[i] != 0.0;
        }
        CHECK_MSG(stray == 0 && encoder > 0, "decoder %d: %d stray", k, stray);
        free(mine);
    }
    free(grad);
    model_set_deinit(&s);
}

/* Each attention decoder alone: its own loss against every tensor it reads,
 * so the shared encoder's gradient is checked through the scores, the
 * weights alpha and c_t (not only the sum with the other decoders). */
static void check_attention(void)
{
    ModelDims dims = {5, 6, 3, 4, 3}; /* A = 3 != H: W_a, U_a not square */
    DecoderKind kinds[CONTEXT_COUNT];
    for (int c = 0; c < CONTEXT_COUNT; c++)
        kinds[c] = (DecoderKind){VARIANT_ATTENTION, (ContextMode)c};
    ModelSet s;
    model_set_init(&s, &dims, kinds, CONTEXT_COUNT);
    Prng rng;
    prng_init(&rng, 2024);
    for (size_t i = 0; i < s.param_count; i++)
        s.params[i] = prng_range(&rng, -0.9, 0.9);
    double *grad = calloc(s.param_count, sizeof *grad);
    for (int k = 0; k < CONTEXT_COUNT; k++) {
        const Model *m = &s.decoders[k];
        CHECK(model_tensor(m, "decoder", "Wa")->rows == 3 &&
              model_tensor(m, "decoder", "Wa")->cols == 4 &&
              model_tensor(m, "decoder", "va")->rows == 3);
        model_loss(m, pairs, 3, grad);
        double worst = 0;
        int failures = 0, checked = 0;
        for (int i = 0; i < m->tensor_count; i++) {
            const ModelTensor *t = &m->tensors[i];
            for (int j = 0; j < t->rows * t->cols; j++) {
                size_t at = t->offset + (size_t)j;
                double numeric =
                    numeric_derivative(&s.params[at], decoder_loss_at, m);
                double rel = relative_error(grad[at], numeric);
                worst = fmax(worst, rel);
                checked++;
                if (rel >= TOLERANCE && failures++ < 5)
                    fprintf(stderr, "attention/%s %s.%s[%d]: analytic %.12g "
                            "numeric %.12g\n", context_name(m->shape.context),
                            t->group, t->name, j, grad[at], numeric);
            }
        }
        CHECK_MSG(failures == 0, "attention/%s: %d elements off",
                  context_name(m->shape.context), failures);
        printf("attention/%s alone: %d params checked, worst relative error "
               "%.2e\n", context_name(m->shape.context), checked, worst);
    }
    free(grad);
    model_set_deinit(&s);
}

int main(void)
{
    check_set();
    check_attention();
    fflush(stdout);
    return check_exit();
}
