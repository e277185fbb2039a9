/* Tests of the training view (issue 12) with the stand-in text measure:
 * for the default lesson at every snapshot, every step, every canvas
 * shape, normal and large text, both languages, nothing leaves the canvas
 * and no text, cell, bar or box overlaps; at epoch 0 the cells' values are
 * those of the untrained weights' own forward pass and differ from the
 * trained picture; the loss chart's marker sits at the snapshot's epoch on
 * a linear axis; the teacher-forcing step's terms, recomputed here over
 * all the pairs, average to the recorded L_e; a typed sentence's
 * teacher-forcing step says it has no expected output; the header names
 * the epoch. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "scene_check.h"
#include "session/narration.h"
#include "session/session.h"

static bool has_text(const Scene *sc, const char *text)
{
    for (int i = 0; i < sc->count; i++)
        if (sc->shapes[i].text && strstr(sc->shapes[i].text, text))
            return true;
    return false;
}

/* Large text: the network and softmax bands' text at least LARGE_TEXT_MIN. */
static void check_large_text(const Scene *sc, const char *where)
{
    for (int i = 0; i < sc->count; i++) {
        const Shape *sh = &sc->shapes[i];
        if (sh->kind != SHAPE_TEXT || sh->role == ROLE_MOVING ||
            sh->role == ROLE_FORMULA || sh->y < NETWORK_Y ||
            sh->y + sh->h > SOFTMAX_Y + SOFTMAX_H)
            continue;
        CHECK_MSG(sh->font_size >= LARGE_TEXT_MIN - 0.01f,
                  "%s: large text %.1f: %s", where, (double)sh->font_size,
                  sh->text);
    }
}

static void build(const Session *s, int k, float u, const ViewOptions *v,
                  Scene *sc)
{
    SceneInput in;
    scene_input_at(s, k, u, &in);
    scene_build(sc, &in, v, &fake_measure);
}

/* Every step at every snapshot, shape, text size; variants init and every. */
static void test_invariants(Session *s, Scene *sc)
{
    const TrainLog *log = &s->course->log;
    for (int v = 0; v < 2; v++) {
        session_set_variant(s, (Variant)v);
        for (int snap = 0; snap < log->snapshot_count; snap++) {
            session_set_snapshot(s, snap);
            CHECK(s->snapshot == snap);
            int n = session_step_count(s);
            CHECK_MSG(session_timeline(s)->steps[n - 1].kind ==
                          STEP_TEACHER_FORCING,
                      "the training timeline ends with teacher forcing");
            for (int k = 0; k < n; k++)
                for (int j = 0; j < 4 * 2; j++) {
                    int w = j % 4;
                    bool large = j >= 4;
                    ViewOptions view = {.theme = (Theme)((k + w) % 2),
                                        .lang = (Lang)((k + j / 2) % 2),
                                        .numbers = true,
                                        .canvas_w = canvas_widths[w],
                                        .large_text = large};
                    build(s, k, (k + j) % 3 == 0 ? 0.5f : 1.0f, &view, sc);
                    char where[200];
                    snprintf(where, sizeof where,
                             "training %s epoch %d step %d %s%s",
                             variant_name((Variant)v),
                             log->snapshot_epochs[snap], k + 1,
                             canvas_names[w], large ? " large" : "");
                    check_invariants(sc, &fake_measure, where);
                    if (large)
                        check_large_text(sc, where);
                }
        }
    }
    session_set_variant(s, s->course->lesson->variant);
}

/* The value a cell's tooltip gives ("s₁[3] = −0.12345"), as a number. */
static bool tooltip_value(const Scene *sc, const char *name, int i,
                          double *out)
{
    char want[64];
    snprintf(want, sizeof want, "%s[%d] = ", name, i);
    for (int k = 0; k < sc->tooltip_count; k++)
        if (strncmp(sc->tooltips[k], want, strlen(want)) == 0) {
            const char *num = sc->tooltips[k] + strlen(want);
            bool neg = strncmp(num, "\xE2\x88\x92", 3) == 0;
            *out = strtod(neg ? num + 3 : num, NULL) * (neg ? -1 : 1);
            return true;
        }
    return false;
}

/* Epoch 0: the picture's cells are the untrained weights' forward pass
 * (recomputed here from snapshot 0's parameters), not the trained one's. */
static void test_epoch_zero(Session *s, Scene *sc)
{
    session_set_snapshot(s, 0);
    CHECK(session_epoch(s) == 0);
    Model at;
    course_model_at(s->course, s->variant, s->context, 0, &at);
    Trace untrained, trained;
    model_forward(&at, s->input, s->input_len, s->course->lesson->max_len,
                  &untrained);
    course_run(s->course, s->variant, s->context, s->input, s->input_len,
               &trained);
    const Trace *shown = session_trace(s);
    CHECK(shown->output_len == untrained.output_len);
    CHECK(memcmp(shown->pick, untrained.pick,
                 (size_t)untrained.output_len * sizeof(int)) == 0);
    CHECK_NEAR(shown->logprob, untrained.logprob, 1e-12);
    /* the first decoder state step's s_1 cells as drawn */
    int k = -1;
    for (int i = 0; i < session_step_count(s) && k < 0; i++)
        if (session_timeline(s)->steps[i].kind == STEP_DECODER_STATE)
            k = i;
    ViewOptions view = {.numbers = true, .lang = LANG_EN};
    build(s, k, 1, &view, sc);
    bool differs = false;
    for (int i = 0; i < untrained.hidden; i++) {
        double got = NAN;
        CHECK_MSG(tooltip_value(sc, "s\xE2\x82\x81", i + 1, &got),
                  "s1[%d] has a tooltip", i + 1);
        CHECK_NEAR(got, trace_s(&untrained, 1)[i], 1e-5);
        differs |= fabs(trace_s(&trained, 1)[i] - got) > 1e-3;
    }
    CHECK_MSG(differs, "epoch 0's s1 differs from the trained s1");
    CHECK(has_text(sc, "epoch 0 / "));
    /* the lesson's training.en sentence with {stage} at epoch 0 */
    char *said = session_step_narration(s, k, LANG_EN);
    CHECK_MSG(strstr(said, "The snapshot at epoch 0 of ") == said &&
                  strstr(said, "the model has learnt nothing yet"),
              "%s", said);
    free(said);
    trace_deinit(&untrained);
    trace_deinit(&trained);
}

/* The marker: a circle with a tooltip in the softmax band; its x is linear
 * in the epoch (0 at the axis' left end, E at its right end). */
static bool marker_x(const Scene *sc, float *x)
{
    for (int i = 0; i < sc->count; i++) {
        const Shape *sh = &sc->shapes[i];
        if (sh->kind == SHAPE_CIRCLE && sh->tooltip >= 0 &&
            sh->y >= SOFTMAX_Y && sh->y + sh->h <= SOFTMAX_Y + SOFTMAX_H) {
            *x = sh->x + sh->w / 2;
            return true;
        }
    }
    return false;
}

static void test_marker(Session *s, Scene *sc)
{
    const TrainLog *log = &s->course->log;
    int n = log->snapshot_count, E = log->epochs;
    float *xs = calloc((size_t)n, sizeof *xs);
    ViewOptions view = {.numbers = true};
    for (int i = 0; i < n; i++) {
        session_set_snapshot(s, i);
        build(s, 0, 1, &view, sc);
        CHECK_MSG(marker_x(sc, &xs[i]), "a marker at snapshot %d", i);
    }
    for (int i = 1; i < n; i++) {
        CHECK(xs[i] > xs[i - 1]);
        float want = xs[0] + (xs[n - 1] - xs[0]) *
                                 (float)log->snapshot_epochs[i] / (float)E;
        CHECK_MSG(fabsf(xs[i] - want) < 0.5f, "marker of epoch %d at %.1f, "
                  "want %.1f", log->snapshot_epochs[i], (double)xs[i],
                  (double)want);
    }
    free(xs);
}

/* The teacher-forcing step's numbers are training's: at every snapshot the
 * forced log p(y*|x) of every pair, averaged, is the recorded L_e, and the
 * step shows this pair's terms. */
static void test_teacher_forcing(Session *s, Scene *sc)
{
    const Lesson *l = s->course->lesson;
    const TrainLog *tlog = &s->course->log;
    for (int snap = 0; snap < tlog->snapshot_count; snap++) {
        session_set_snapshot(s, snap);
        int e = tlog->snapshot_epochs[snap];
        Model at;
        course_model_at(s->course, s->variant, s->context, snap, &at);
        double sum = 0;
        for (int i = 0; i < l->pair_count; i++) {
            Trace tf;
            model_forward_forced(&at, l->pairs[i].source,
                                 l->pairs[i].source_len, l->pairs[i].target,
                                 l->pairs[i].target_len, &tf);
            sum += tf.logprob;
            trace_deinit(&tf);
        }
        CHECK_NEAR(-sum / l->pair_count,
                   course_loss(s->course, s->variant, s->context)[e], 1e-9);
        const Trace *tf = session_forced_trace(s);
        CHECK(tf != NULL && s->expected != NULL);
        if (!tf)
            continue;
        CHECK(tf->output_len == s->expected->target_len);
        ViewOptions view = {.numbers = true, .lang = LANG_EN};
        build(s, session_step_count(s) - 1, 1, &view, sc);
        for (int t = 0; t < tf->output_len; t++) {
            char num[32];
            format_num(-log(tf->p[t]), 4, num, sizeof num);
            CHECK_MSG(has_text(sc, num), "epoch %d: -log p_%d = %s shown", e,
                      t + 1, num);
            CHECK(tf->prev[t] == (t == 0 ? VOCAB_GO
                                         : s->expected->target[t - 1]));
        }
    }
}

static void test_typed(Session *s, Scene *sc)
{
    char err[256];
    /* a sentence of the lesson's tokens that is none of its pairs */
    CHECK(session_set_input_text(s, "习 学 器 机", LANG_EN, err, sizeof err));
    CHECK(s->expected == NULL && session_forced_trace(s) == NULL);
    ViewOptions view = {.lang = LANG_EN};
    build(s, session_step_count(s) - 1, 1, &view, sc);
    CHECK(has_text(sc, ui_text(UI_TF_NO_EXPECTED, LANG_EN)));
    check_invariants(sc, &fake_measure, "typed teacher forcing");
}

int main(void)
{
    Scene sc;
    scene_init(&sc);
    char paths[32][1024];
    int n = lesson_paths(paths, 32);
    CHECK(n >= 1);
    Course *course = n >= 1 ? load_course(paths[0]) : NULL;
    CHECK(course != NULL);
    if (course) {
        Session s;
        session_init(&s, course);
        /* through the compare view and back: the training view comes
         * back at the last snapshot */
        CHECK(session_set_view(&s, VIEW_TRAINING));
        CHECK(session_set_view(&s, VIEW_COMPARE) && s.view == VIEW_COMPARE);
        CHECK(session_set_view(&s, VIEW_TRAINING) && s.view == VIEW_TRAINING);
        CHECK(s.snapshot == course->log.snapshot_count - 1);
        test_invariants(&s, &sc);
        test_epoch_zero(&s, &sc);
        test_marker(&s, &sc);
        test_teacher_forcing(&s, &sc);
        test_typed(&s, &sc);
        session_deinit(&s);
    }
    scene_deinit(&sc);
    return check_exit();
}
