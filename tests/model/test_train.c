/* Training on the default lesson's data (tests/model/default_data.h) and
 * the forward trace: one shared encoder with a decoder for each variant and
 * context mode, trained jointly; every pair decodes exactly with every
 * decoder; the recorded loss curve and snapshots agree with an independent
 * recomputation from the weights; the same seed gives bit-identical
 * weights and another seed different ones; and the trace matches an
 * independent, naive re-computation of DESIGN.md's formulas. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "default_data.h"
#include "reference_loss.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/softmax.h"
#include "model/train.h"

#define SEED 7
#define MAX_LEN 10
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
    /* z_t and p_t range over the output vocabulary: no <go> entry */
    int H = sh->hidden, d = sh->embed, vt = sh->target_vocab - 1;
    bool attend = sh->variant == VARIANT_ATTENTION;
    bool every = sh->variant == VARIANT_EVERY || attend;
    int A = sh->attention;
    const double tol = 1e-12;
    Trace t;
    model_forward(m, src, len, MAX_LEN, &t);

    CHECK(t.hidden == H && t.embed == d && t.output_vocab == vt);
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
        if (attend) {
            /* a_{t,i} = v_a . tanh(W_a s_{t-1} + U_a h_i + b_a),
             * alpha_t = softmax(a_t), c_t = sum_i alpha_{t,i} h_i takes
             * C's place in s_t and z_t */
            double a[32], amax = -INFINITY, asum = 0, alpha_sum = 0;
            for (int i = 1; i <= len; i++) {
                a[i - 1] = 0;
                for (int j = 0; j < A; j++)
                    a[i - 1] += m->dec_va[j] *
                                tanh(dot(m->dec_Wa + j * H, sp, H) +
                                     dot(m->dec_Ua + j * H, h[i], H) +
                                     m->dec_ba[j]);
                CHECK_NEAR(trace_scores(&t, k)[i - 1], a[i - 1], tol);
                amax = fmax(amax, a[i - 1]);
            }
            for (int i = 0; i < len; i++)
                asum += exp(a[i] - amax);
            for (int i = 0; i < len; i++) {
                CHECK_NEAR(trace_alpha(&t, k)[i], exp(a[i] - amax) / asum, tol);
                alpha_sum += trace_alpha(&t, k)[i];
            }
            CHECK_NEAR(alpha_sum, 1.0, 1e-12);
            for (int j = 0; j < H; j++) {
                C[j] = 0;
                for (int i = 1; i <= len; i++)
                    C[j] += exp(a[i - 1] - amax) / asum * h[i][j];
                CHECK_NEAR(trace_attended(&t, k)[j], C[j], tol);
            }
        }
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
        CHECK(y != VOCAB_GO);
        CHECK(y == vocab_target_id(argmax(trace_probs(&t, k), vt)));
        CHECK(t.p[k] == trace_probs(&t, k)[vocab_output_id(y)]);
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

/* Training settings of this test on the default lesson's data (the lesson
 * file itself, with its own settings, is checked by test_course.c). */
#define EPOCHS 200
#define LEARNING_RATE 0.03
#define UNK_RATE 0.03

static void all_kinds(DecoderKind *kinds)
{
    for (int v = 0; v < VARIANT_COUNT; v++)
        for (int c = 0; c < CONTEXT_COUNT; c++)
            kinds[v * CONTEXT_COUNT + c] = (DecoderKind){(Variant)v,
                                                         (ContextMode)c};
}

/* Training records itself: L_e of every decoder at every snapshot equals
 * the loss recomputed from that snapshot's weights; L_0 is the loss of the
 * initial weights; the last snapshot is the trained weights; recording
 * does not change what is learnt. */
static void test_recording(const DefaultData *data, const ModelSet *trained,
                           const TrainLog *log, const TrainConfig *cfg)
{
    static const int want[] = {0,  1,  2,  3,   5,   10,  20,  30,
                               50, 75, 100, 150, 200};
    int nw = (int)(sizeof want / sizeof want[0]);
    CHECK(log->epochs == EPOCHS);
    CHECK(log->snapshot_count == nw);
    for (int i = 0; i < nw && i < log->snapshot_count; i++)
        CHECK(log->snapshot_epochs[i] == want[i]);
    CHECK(log->decoder_count == trained->decoder_count);
    CHECK(log->param_count == trained->param_count);

    /* the rule past 300: every 100, and always the last epoch */
    CHECK(train_is_snapshot_epoch(300, 1000) && train_is_snapshot_epoch(400, 1000));
    CHECK(!train_is_snapshot_epoch(350, 1000) && !train_is_snapshot_epoch(4, 1000));
    CHECK(!train_is_snapshot_epoch(250, 1000) && train_is_snapshot_epoch(75, 1000));
    CHECK(train_is_snapshot_epoch(437, 437) && !train_is_snapshot_epoch(438, 437));

    double worst = 0;
    for (int i = 0; i < log->snapshot_count; i++) {
        for (int k = 0; k < trained->decoder_count; k++) {
            Model m;
            model_view(&trained->decoders[k], train_log_params(log, i), &m);
            double recorded = train_log_loss(log, k)[log->snapshot_epochs[i]];
            double again = reference_loss(&m, data->pairs, data->n);
            worst = fmax(worst, fabs(recorded - again));
            CHECK_MSG(fabs(recorded - again) <= 1e-12,
                      "decoder %d epoch %d: recorded %.17g, recomputed %.17g",
                      k, log->snapshot_epochs[i], recorded, again);
        }
    }
    printf("recorded L_e against the loss recomputed from each of %d "
           "snapshots x %d decoders: worst difference %.2e\n",
           log->snapshot_count, trained->decoder_count, worst);

    /* L_0 is the loss of the initial weights, the first snapshot is them */
    ModelSet start;
    DecoderKind kinds[VARIANT_COUNT * CONTEXT_COUNT];
    all_kinds(kinds);
    model_set_init(&start, &trained->dims, kinds, trained->decoder_count);
    model_set_randomize(&start, cfg->seed);
    CHECK(memcmp(train_log_params(log, 0), start.params,
                 start.param_count * sizeof(double)) == 0);
    for (int k = 0; k < start.decoder_count; k++) {
        double l0 = reference_loss(&start.decoders[k], data->pairs, data->n);
        CHECK_NEAR(train_log_loss(log, k)[0], l0, 1e-12);
        /* untrained: near -ln(1/25) per token, three tokens a pair */
        CHECK(l0 > 5.0);
        CHECK(train_log_loss(log, k)[EPOCHS] < 0.2 * l0);
    }
    /* the last snapshot is the trained weights */
    CHECK(memcmp(train_log_params(log, log->snapshot_count - 1),
                 trained->params, trained->param_count * sizeof(double)) == 0);

    /* recording does not change the weights; the same seed gives the same
     * weights, another seed others */
    model_set_train(&start, data->pairs, data->n, cfg, NULL);
    CHECK(memcmp(start.params, trained->params,
                 start.param_count * sizeof(double)) == 0);
    TrainConfig other = *cfg;
    other.seed++;
    model_set_train(&start, data->pairs, data->n, &other, NULL);
    CHECK(memcmp(start.params, trained->params,
                 start.param_count * sizeof(double)) != 0);
    model_set_deinit(&start);
}

int main(void)
{
    DefaultData data;
    default_data_init(&data);
    CHECK(data.n == 25);
    CHECK(data.src.count == 42 && data.tgt.count == 26);
    CHECK(data.pairs[0].source_len == 4 && data.pairs[0].target_len == 3);
    ModelDims dims = default_data_dims(&data);
    DecoderKind kinds[VARIANT_COUNT * CONTEXT_COUNT];
    all_kinds(kinds);
    int nk = VARIANT_COUNT * CONTEXT_COUNT;

    /* Untrained: the trace is still exactly the formulas. */
    ModelSet s;
    model_set_init(&s, &dims, kinds, nk);
    model_set_randomize(&s, SEED);
    for (int k = 0; k < nk; k++) {
        check_trace(&s.decoders[k], data.pairs[7].source,
                    data.pairs[7].source_len);
        const int unk_and_one[2] = {0, 5};
        check_trace(&s.decoders[k], unk_and_one, 2);
    }

    /* Jointly trained with the default lesson's settings: every decoder
     * decodes every pair. */
    TrainLog log;
    TrainConfig cfg = {.epochs = EPOCHS, .learning_rate = LEARNING_RATE,
                       .seed = SEED, .unk_rate = UNK_RATE};
    model_set_train(&s, data.pairs, data.n, &cfg, &log);
    printf("variant context          L_0     L_E   exact\n");
    for (int k = 0; k < nk; k++) {
        const Model *m = &s.decoders[k];
        int exact = count_exact(m, &data);
        printf("%-7s %-15s %7.4f %7.4f  %2d/%d\n",
               variant_name(m->shape.variant), context_name(m->shape.context),
               train_log_loss(&log, k)[0], train_log_loss(&log, k)[EPOCHS],
               exact, data.n);
        CHECK(exact == data.n);
        CHECK_NEAR(train_log_loss(&log, k)[EPOCHS],
                   model_loss(m, data.pairs, data.n, NULL), 1e-12);
        check_trace(m, data.pairs[0].source, data.pairs[0].source_len);
    }
    test_recording(&data, &s, &log, &cfg);

    /* unk_rate: <unk> (row 0 of E_src) is trained only when masking is on */
    {
        ModelSet start, plain;
        TrainConfig none = cfg;
        none.unk_rate = 0;
        model_set_init(&start, &dims, kinds, nk);
        model_set_init(&plain, &dims, kinds, nk);
        model_set_randomize(&start, SEED);
        model_set_train(&plain, data.pairs, data.n, &none, NULL);
        size_t row = (size_t)dims.embed * sizeof(double);
        CHECK(memcmp(s.params, start.params, row) != 0);
        CHECK(memcmp(plain.params, start.params, row) == 0);
        model_set_deinit(&plain);
        model_set_deinit(&start);
    }
    train_log_deinit(&log);
    model_set_deinit(&s);
    default_data_deinit(&data);
    fflush(stdout);
    return check_exit();
}
