/* The model of every shipped lesson (S2S_LESSONS_DIR) as course_create
 * trains it: one shared encoder and a decoder per variant x context mode.
 *   - every decoder decodes every training pair;
 *   - on the lesson's input, every decoder sees the same x_t and h_t, and
 *     the decoders of one context mode the same C, bit for bit;
 *   - no decoder ever picks <go>;
 *   - the influence of C, ||ds_t/dC||_F, agrees with central finite
 *     differences of s_t with respect to C (y_<t held fixed) at every
 *     decoder step of every decoder, relative error <= 1e-6;
 *   - for the default lesson, the recorded clean loss L_e of every decoder
 *     at every snapshot equals the loss recomputed from that snapshot's
 *     weights (1e-12), and the last snapshot is the trained weights. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "session/course.h"
#include "model/vocab.h"
#include "reference_loss.h"

#define FD_STEP 1e-6
#define FD_TOLERANCE 1e-6

/* s_1 .. s_steps of decoder m from s_0 = C, fed the target ids prev[]
 * (y_<t held fixed), by DESIGN.md with libm's tanh:
 *   s_t = tanh(W_d e_t + U_d s_{t-1} [+ V_d C] + b_d) */
static void decoder_states(const Model *m, const double *C, const int *prev,
                           int steps, double *s_out /* steps x H */)
{
    int H = m->shape.hidden, d = m->shape.embed;
    bool every = m->shape.variant == VARIANT_EVERY;
    double sp[64], s[64];
    memcpy(sp, C, (size_t)H * sizeof *sp);
    for (int t = 0; t < steps; t++) {
        const double *e = m->dec_E + (size_t)prev[t] * d;
        for (int i = 0; i < H; i++)
            s[i] = tanh(ref_dot(m->dec_W + i * d, e, d) +
                        ref_dot(m->dec_U + i * H, sp, H) + m->dec_b[i] +
                        (every ? ref_dot(m->dec_V + i * H, C, H) : 0));
        memcpy(s_out + (size_t)t * H, s, (size_t)H * sizeof *s);
        memcpy(sp, s, (size_t)H * sizeof *sp);
    }
}

/* ||J_t||_F by central differences, column k of J_t being
 * (s_t(C + h e_k) - s_t(C - h e_k)) / 2h; returns the worst relative
 * error against the trace's influence over its steps. */
static double influence_error(const Model *m, const Trace *tr)
{
    int H = m->shape.hidden, n = tr->output_len;
    double *up = calloc((size_t)n * H, sizeof *up);
    double *down = calloc((size_t)n * H, sizeof *down);
    double *norm2 = calloc((size_t)n, sizeof *norm2);
    double C[64];
    for (int k = 0; k < H; k++) {
        memcpy(C, tr->context, (size_t)H * sizeof *C);
        C[k] += FD_STEP;
        decoder_states(m, C, tr->prev, n, up);
        C[k] -= 2 * FD_STEP;
        decoder_states(m, C, tr->prev, n, down);
        for (int t = 0; t < n; t++)
            for (int i = 0; i < H; i++) {
                double dj = (up[(size_t)t * H + i] - down[(size_t)t * H + i]) /
                            (2 * FD_STEP);
                norm2[t] += dj * dj;
            }
    }
    double worst = 0;
    for (int t = 0; t < n; t++) {
        double fd = sqrt(norm2[t]);
        double rel = fabs(tr->influence[t] - fd) / fd;
        worst = fmax(worst, rel);
    }
    free(norm2);
    free(down);
    free(up);
    return worst;
}

static bool decodes(const Trace *tr, const LessonPair *p)
{
    return tr->output_len == p->target_len &&
           memcmp(tr->pick, p->target, (size_t)p->target_len * sizeof(int)) ==
               0;
}

static void check_recording(const Course *c)
{
    const Lesson *l = c->lesson;
    const TrainLog *log = &c->log;
    TrainPair *pairs = lesson_train_pairs(l);
    double worst = 0;
    for (int i = 0; i < log->snapshot_count; i++) {
        int e = log->snapshot_epochs[i];
        for (int v = 0; v < VARIANT_COUNT; v++)
            for (int m = 0; m < CONTEXT_COUNT; m++) {
                if (!course_has_variant(c, (Variant)v))
                    continue;
                Model at;
                course_model_at(c, (Variant)v, (ContextMode)m, i, &at);
                double again = reference_loss(&at, pairs, l->pair_count);
                double recorded = course_loss(c, (Variant)v, (ContextMode)m)[e];
                worst = fmax(worst, fabs(again - recorded));
                CHECK_MSG(fabs(again - recorded) <= 1e-12,
                          "%s %s/%s epoch %d: L_e %.17g, recomputed %.17g",
                          l->name, variant_name((Variant)v),
                          context_name((ContextMode)m), e, recorded, again);
            }
    }
    CHECK(log->snapshot_epochs[0] == 0);
    CHECK(log->snapshot_epochs[log->snapshot_count - 1] == log->epochs);
    CHECK(memcmp(train_log_params(log, log->snapshot_count - 1),
                 c->set.params, c->set.param_count * sizeof(double)) == 0);
    printf("%s: L_e of %d snapshots x %d decoders recomputed, worst "
           "difference %.2e\n",
           l->name, log->snapshot_count, c->set.decoder_count, worst);
    free(pairs);
}

static void check_lesson(const char *path)
{
    LessonError err;
    Lesson *l = lesson_load(path, &err);
    CHECK_MSG(l != NULL, "%s:%d: %s", path, err.line, err.message);
    if (!l)
        return;
    Course *c = course_create(l, NULL, NULL);
    int variants = l->attention ? VARIANT_COUNT : VARIANT_ATTENTION;
    CHECK(c->set.decoder_count == variants * CONTEXT_COUNT);
    CHECK(course_has_variant(c, VARIANT_ATTENTION) == l->attention);

    Trace traces[VARIANT_COUNT][CONTEXT_COUNT] = {0};
    double worst_fd = 0;
    for (int v = 0; v < variants; v++)
        for (int m = 0; m < CONTEXT_COUNT; m++) {
            /* the influence of C is init's and every's question */
            bool influence = v != VARIANT_ATTENTION;
            const Model *model = course_model(c, (Variant)v, (ContextMode)m);
            CHECK(model->shape.variant == (Variant)v &&
                  model->shape.context == (ContextMode)m);
            int right = 0;
            for (int i = 0; i < l->pair_count; i++) {
                Trace tr;
                course_run(c, (Variant)v, (ContextMode)m, l->pairs[i].source,
                           l->pairs[i].source_len, &tr);
                right += decodes(&tr, &l->pairs[i]);
                for (int k = 0; k < tr.output_len; k++)
                    CHECK(tr.pick[k] != VOCAB_GO);
                if (influence)
                    worst_fd = fmax(worst_fd, influence_error(model, &tr));
                trace_deinit(&tr);
            }
            /* A lesson about attention (its own variant) keeps init and
             * every to show what one C cannot hold: there only attention
             * must decode every pair. */
            bool must = l->variant != VARIANT_ATTENTION ||
                        v == VARIANT_ATTENTION;
            CHECK_MSG(!must || right == l->pair_count,
                      "%s: %s/%s decodes %d of %d",
                      l->name, variant_name((Variant)v),
                      context_name((ContextMode)m), right, l->pair_count);

            Trace *tr = &traces[v][m];
            course_run(c, (Variant)v, (ContextMode)m, l->input, l->input_len,
                       tr);
            double rel = influence ? influence_error(model, tr) : 0;
            worst_fd = fmax(worst_fd, rel);
            CHECK_MSG(rel <= FD_TOLERANCE, "%s %s/%s: influence off by %.2e",
                      l->name, variant_name((Variant)v),
                      context_name((ContextMode)m), rel);
        }
    CHECK_MSG(worst_fd <= FD_TOLERANCE, "%s: influence off by %.2e", l->name,
              worst_fd);

    /* one encoder: the same x_t, h_t for every decoder, the same C for
     * every decoder of a context mode */
    const Trace *ref = &traces[0][0];
    int H = l->hidden, d = l->embed, T = ref->source_len;
    for (int v = 0; v < variants; v++)
        for (int m = 0; m < CONTEXT_COUNT; m++) {
            const Trace *tr = &traces[v][m];
            CHECK(tr->source_len == T);
            CHECK(memcmp(tr->x, ref->x, (size_t)T * d * sizeof(double)) == 0);
            CHECK(memcmp(tr->h, ref->h, (size_t)(T + 1) * H * sizeof(double)) ==
                  0);
            CHECK(memcmp(tr->context, traces[0][m].context,
                         (size_t)H * sizeof(double)) == 0);
        }
    /* ...and what the article contrasts differs: init fades, every holds */
    for (int m = 0; m < CONTEXT_COUNT; m++)
        CHECK(traces[VARIANT_INIT][m].influence[0] !=
              traces[VARIANT_EVERY][m].influence[0]);
    printf("%s: %d decoders decode all %d pairs (attention's where the "
           "lesson is about it); influence vs finite "
           "differences: worst relative error %.2e\n",
           l->name, c->set.decoder_count, l->pair_count, worst_fd);

    if (strcmp(l->name, "01-machine-learning") == 0)
        check_recording(c);
    for (int v = 0; v < VARIANT_COUNT; v++)
        for (int m = 0; m < CONTEXT_COUNT; m++)
            trace_deinit(&traces[v][m]);
    course_destroy(c);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    const char *dir = getenv("S2S_LESSONS_DIR");
    CHECK(dir != NULL);
    DIR *dd = dir ? opendir(dir) : NULL;
    CHECK(dd != NULL);
    if (!dd)
        return check_exit();
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dd)) != NULL && n < 64) {
        size_t len = strlen(e->d_name);
        if (len > 7 && strcmp(e->d_name + len - 7, ".lesson") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(dd);
    qsort(names, (size_t)n, sizeof *names, by_name);
    CHECK(n >= 6);
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        check_lesson(path);
        free(names[i]);
    }
    fflush(stdout);
    return check_exit();
}
