/* Training on the default lesson's data (tests/model/default_data.h) and
 * the forward trace: every pair decodes exactly after training, for both
 * variants and all three context modes; the final loss is small; the same
 * seed gives bit-identical weights and another seed different ones; and
 * the trace matches an independent, naive re-computation of DESIGN.md's
 * formulas, field by field. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "default_data.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/softmax.h"
#include "model/train.h"

#define SEED 7
#define MAX_LEN 10
/* The clean loss -(1/N) sum log p(y|x) after 400 epochs at seed 7 is
 * 0.0033 / 0.0058 / 0.0035 for every (last / last-transform / mean) and
 * 0.016 / 0.064 / 0.026 for init (this test prints the table). Across
 * seeds 1..16 init sometimes ends near 0.1-0.2 with two inputs sharing one
 * context (then a pair decodes wrong); the lesson's seed must be checked,
 * which this test does for seed 7. */
#define LOSS_BOUND_EVERY 0.02
#define LOSS_BOUND_INIT 0.1

/* a . x, summed left to right */
static double dot(const double *a, const double *x, int n)
{
    double s = 0;
    for (int j = 0; j < n; j++)
        s += a[j] * x[j];
    return s;
}

/* The trace of model m on source src[0..len) against DESIGN.md. */
static void check_trace(const Model *m, const int *src, int len)
{
    const ModelShape *sh = &m->shape;
    int H = sh->hidden, d = sh->embed, vt = sh->target_vocab;
    bool every = sh->variant == VARIANT_EVERY;
    const double tol = 1e-12;
    Trace t;
    model_forward(m, src, len, MAX_LEN, &t);

    CHECK(t.hidden == H && t.embed == d && t.target_vocab == vt);
    CHECK(t.source_len == len);
    CHECK(memcmp(t.source, src, (size_t)len * sizeof *src) == 0);
    CHECK(t.output_len >= 1 && t.output_len <= MAX_LEN);
    CHECK(t.reached_eos == (t.pick[t.output_len - 1] == VOCAB_EOS));
    for (int k = 0; k + 1 < t.output_len; k++)
        CHECK(t.pick[k] != VOCAB_EOS);

    /* encoder: h_0 = 0, x_t = E_src[src_t],
     * h_t = tanh(W_e x_t + U_e h_{t-1} + b_e) */
    for (int i = 0; i < H; i++)
        CHECK(trace_h(&t, 0)[i] == 0.0);
    double h[33][16];
    memset(h[0], 0, sizeof h[0]);
    for (int s = 1; s <= len; s++) {
        const double *x = m->enc_E + (size_t)src[s - 1] * d;
        for (int k = 0; k < d; k++)
            CHECK(t.x[(size_t)(s - 1) * d + k] == x[k]);
        for (int i = 0; i < H; i++) {
            h[s][i] = tanh(dot(m->enc_W + i * d, x, d) +
                           dot(m->enc_U + i * H, h[s - 1], H) + m->enc_b[i]);
            CHECK_NEAR(trace_h(&t, s)[i], h[s][i], tol);
        }
    }

    /* C by mode */
    double C[16];
    for (int i = 0; i < H; i++) {
        switch (sh->context) {
        case CONTEXT_LAST: /* C = h_T */
            C[i] = h[len][i];
            break;
        case CONTEXT_LAST_TRANSFORM: /* C = tanh(Q h_T + q) */
            C[i] = tanh(dot(m->ctx_Q + i * H, h[len], H) + m->ctx_q[i]);
            break;
        default: /* C = (1/T) sum_t h_t */
            C[i] = 0;
            for (int s = 1; s <= len; s++)
                C[i] += h[s][i];
            C[i] /= len;
        }
        CHECK_NEAR(t.context[i], C[i], tol);
        /* s_0 = C, exactly */
        CHECK(trace_s(&t, 0)[i] == t.context[i]);
    }

    /* decoder: e_t = E_tgt[y_{t-1}], y_0 = <go>;
     * s_t = tanh(W_d e_t + U_d s_{t-1} [+ V_d C] + b_d);
     * z_t = W_o s_t [+ O_e e_t + O_c C] + b_o; p_t = softmax(z_t) */
    double sp[16], logprob = 0;
    memcpy(sp, C, sizeof sp);
    for (int k = 0; k < t.output_len; k++) {
        int prev = k == 0 ? VOCAB_GO : t.pick[k - 1];
        CHECK(t.prev[k] == prev);
        const double *e = m->dec_E + (size_t)prev * d;
        for (int j = 0; j < d; j++)
            CHECK(t.e[(size_t)k * d + j] == e[j]);
        double s[16];
        for (int i = 0; i < H; i++) {
            double a = dot(m->dec_W + i * d, e, d) +
                       dot(m->dec_U + i * H, sp, H) + m->dec_b[i];
            if (every)
                a += dot(m->dec_V + i * H, C, H);
            s[i] = tanh(a);
            CHECK_NEAR(trace_s(&t, k + 1)[i], s[i], tol);
        }
        double z[64], zmax = -INFINITY;
        for (int j = 0; j < vt; j++) {
            z[j] = dot(m->dec_Wo + j * H, s, H) + m->dec_bo[j];
            if (every)
                z[j] += dot(m->dec_Oe + j * d, e, d) +
                        dot(m->dec_Oc + j * H, C, H);
            CHECK_NEAR(trace_logits(&t, k)[j], z[j], 1e-11);
            zmax = fmax(zmax, z[j]);
        }
        double sum = 0, psum = 0;
        for (int j = 0; j < vt; j++)
            sum += exp(z[j] - zmax);
        for (int j = 0; j < vt; j++) {
            CHECK_NEAR(trace_probs(&t, k)[j], exp(z[j] - zmax) / sum, 1e-11);
            psum += trace_probs(&t, k)[j];
        }
        CHECK_NEAR(psum, 1.0, 1e-12);
        int y = t.pick[k];
        CHECK(y == argmax(trace_probs(&t, k), vt));
        CHECK(t.p[k] == trace_probs(&t, k)[y]);
        logprob += log(t.p[k]);
        memcpy(sp, s, sizeof sp);
    }
    CHECK_NEAR(t.logprob, logprob, 1e-12);
    trace_deinit(&t);
}

/* Does greedy decoding of every pair give its target, <eos> included? */
static int count_exact(const Model *m, const DefaultData *data)
{
    int exact = 0;
    for (int i = 0; i < data->n; i++) {
        const TrainPair *p = &data->pairs[i];
        Trace t;
        model_forward(m, p->source, p->source_len, MAX_LEN, &t);
        bool ok = t.output_len == p->target_len &&
                  memcmp(t.pick, p->target,
                         (size_t)p->target_len * sizeof(int)) == 0;
        if (ok) {
            exact++;
            /* decoding the target exactly: -log p(y|x) is the pair's
             * teacher-forced loss */
            CHECK_NEAR(-t.logprob, model_loss(m, p, 1, NULL), 1e-9);
        } else {
            fprintf(stderr, "%s/%s: %s ->", variant_name(m->shape.variant),
                    context_name(m->shape.context), default_pairs[i][0]);
            for (int k = 0; k < t.output_len; k++)
                fprintf(stderr, " %s", data->tgt.tokens[t.pick[k]]);
            fputc('\n', stderr);
        }
        trace_deinit(&t);
    }
    return exact;
}

int main(void)
{
    DefaultData data;
    default_data_init(&data);
    CHECK(data.n == 25);
    CHECK(data.src.count == 42 && data.tgt.count == 26);
    CHECK(data.pairs[0].source_len == 4 && data.pairs[0].target_len == 3);

    /* Untrained: the trace is still exactly the formulas. */
    for (int v = 0; v < VARIANT_COUNT; v++) {
        for (int c = 0; c < CONTEXT_COUNT; c++) {
            ModelShape sh = default_data_shape(&data, (Variant)v,
                                               (ContextMode)c);
            Model m;
            model_init(&m, &sh);
            model_randomize(&m, SEED);
            check_trace(&m, data.pairs[7].source, data.pairs[7].source_len);
            const int unk_and_one[2] = {0, 5};
            check_trace(&m, unk_and_one, 2);
            model_deinit(&m);
        }
    }

    printf("variant context         first loss  final loss  clean loss  exact\n");
    for (int v = 0; v < VARIANT_COUNT; v++) {
        for (int c = 0; c < CONTEXT_COUNT; c++) {
            ModelShape sh = default_data_shape(&data, (Variant)v,
                                               (ContextMode)c);
            Model m, again;
            TrainLog log;
            TrainConfig cfg = {.seed = SEED};
            model_init(&m, &sh);
            model_train(&m, data.pairs, data.n, &cfg, &log);
            double clean = model_loss(&m, data.pairs, data.n, NULL);
            int exact = count_exact(&m, &data);
            printf("%-7s %-15s %10.4f  %10.5f  %10.5f  %2d/%d\n",
                   variant_name((Variant)v), context_name((ContextMode)c),
                   log.loss[0], log.loss[log.epochs - 1], clean, exact,
                   data.n);

            CHECK(log.epochs == 400);
            CHECK(log.loss[0] > 1.0); /* it starts near -3 ln(26) */
            CHECK(exact == data.n);
            CHECK_MSG(clean < (v == VARIANT_EVERY ? LOSS_BOUND_EVERY
                                                  : LOSS_BOUND_INIT),
                      "%s/%s clean loss %g", variant_name((Variant)v),
                      context_name((ContextMode)c), clean);
            check_trace(&m, data.pairs[0].source, data.pairs[0].source_len);

            /* Determinism: same seed, bit-identical; the last context
             * mode of each variant also checks another seed. */
            model_init(&again, &sh);
            model_train(&again, data.pairs, data.n, &cfg, NULL);
            CHECK(memcmp(again.params, m.params,
                         m.param_count * sizeof(double)) == 0);
            if (c == CONTEXT_LAST) {
                TrainConfig other = {.seed = SEED + 1};
                model_train(&again, data.pairs, data.n, &other, NULL);
                CHECK(memcmp(again.params, m.params,
                             m.param_count * sizeof(double)) != 0);
            }
            model_deinit(&again);
            train_log_deinit(&log);
            model_deinit(&m);
        }
    }

    /* unk_rate: <unk> gets trained, and the known pairs still decode. */
    {
        ModelShape sh = default_data_shape(&data, VARIANT_EVERY, CONTEXT_LAST);
        Model m, plain;
        TrainConfig cfg = {.seed = SEED, .unk_rate = 0.05};
        TrainConfig none = {.seed = SEED};
        model_init(&m, &sh);
        model_init(&plain, &sh);
        model_train(&m, data.pairs, data.n, &cfg, NULL);
        model_train(&plain, data.pairs, data.n, &none, NULL);
        Model start;
        model_init(&start, &sh);
        model_randomize(&start, SEED);
        /* row 0 of E_src moved only in the unk_rate run */
        CHECK(memcmp(m.enc_E, start.enc_E, (size_t)sh.embed * sizeof(double)) != 0);
        CHECK(memcmp(plain.enc_E, start.enc_E, (size_t)sh.embed * sizeof(double)) == 0);
        int exact = count_exact(&m, &data);
        printf("every   last, unk_rate 0.05: clean loss %.5f, exact %d/%d\n",
               model_loss(&m, data.pairs, data.n, NULL), exact, data.n);
        CHECK(exact == data.n);
        model_deinit(&start);
        model_deinit(&plain);
        model_deinit(&m);
    }

    default_data_deinit(&data);
    fflush(stdout);
    return check_exit();
}
