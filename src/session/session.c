/* The session: a trained course plus one input, run through every variant and
 * context mode up front so that flipping between them never waits. */
#include "session/session.h"
#include "session/narration.h"
#include "session/ui_text.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void free_input(Session *s)
{
    for (int i = 0; i < s->input_len; i++)
        free(s->input_tokens[i]);
    free(s->input_tokens);
    free(s->unknown);
    free(s->input);
    s->input_tokens = NULL;
    s->unknown = NULL;
    s->input = NULL;
    s->input_len = 0;
}

static void free_runs(Session *s)
{
    for (int v = 0; v < VARIANT_COUNT; v++)
        for (int c = 0; c < CONTEXT_COUNT; c++) {
            trace_deinit(&s->traces[v][c]);
            timeline_deinit(&s->timelines[v][c]);
            trace_deinit(&s->forced[v][c]);
        }
    s->expected = NULL;
}

static int last_snapshot(const Session *s)
{
    return s->course->log.snapshot_count - 1;
}

/* Runs every model on the current input, with the weights of the view's
 * snapshot, and builds the timelines (and, in the training view, the
 * teacher-forced traces on the expected output). */
static void run_all(Session *s)
{
    const Lesson *l = s->course->lesson;
    bool training = s->view == VIEW_TRAINING;
    int snap = training ? s->snapshot : last_snapshot(s);
    for (int v = 0; v < VARIANT_COUNT; v++)
        for (int c = 0; c < CONTEXT_COUNT; c++) {
            if (!course_has_variant(s->course, (Variant)v))
                continue; /* left zeroed: never shown */
            /* the trained weights themselves at the last snapshot, which
             * is their copy */
            if (snap == last_snapshot(s))
                course_run(s->course, (Variant)v, (ContextMode)c, s->input,
                           s->input_len, &s->traces[v][c]);
            else
                course_run_at(s->course, (Variant)v, (ContextMode)c, snap,
                              s->input, s->input_len, &s->traces[v][c]);
            timeline_build_view(&s->timelines[v][c], &s->traces[v][c],
                                l->example_count > 0, training);
        }
    if (!training)
        return;
    /* the same input for every decoder: any trace finds the pair */
    s->expected = narration_expected_pair(l, &s->traces[0][0],
                                          &s->expected_held_out);
    if (!s->expected)
        return;
    for (int v = 0; v < VARIANT_COUNT; v++)
        for (int c = 0; c < CONTEXT_COUNT; c++) {
            if (!course_has_variant(s->course, (Variant)v))
                continue;
            Model at;
            course_model_at(s->course, (Variant)v, (ContextMode)c, snap, &at);
            model_forward_forced(&at, s->input, s->input_len,
                                 s->expected->target,
                                 s->expected->target_len, &s->forced[v][c]);
        }
}

/* Recomputes the traces for a new view or snapshot, keeping the step's
 * meaning (timeline_map from the old timeline to the new). */
static void rerun(Session *s, SessionView view, int snap)
{
    Timeline from = s->timelines[s->variant][s->context];
    s->timelines[s->variant][s->context] = (Timeline){0}; /* kept for the map */
    free_runs(s);
    s->view = view;
    s->snapshot = snap;
    run_all(s);
    s->step = timeline_map(&from, s->step, session_timeline(s));
    timeline_deinit(&from);
}

bool session_set_view(Session *s, SessionView v)
{
    if (v != VIEW_STEPS && v != VIEW_TRAINING)
        return false; /* compare: not built yet */
    if (v == s->view)
        return true;
    rerun(s, v, last_snapshot(s));
    return true;
}

void session_set_snapshot(Session *s, int snap)
{
    if (s->view != VIEW_TRAINING)
        return;
    int last = last_snapshot(s);
    snap = snap < 0 ? 0 : snap > last ? last : snap;
    if (snap != s->snapshot)
        rerun(s, VIEW_TRAINING, snap);
}

int session_epoch(const Session *s)
{
    const TrainLog *log = &s->course->log;
    int snap = s->view == VIEW_TRAINING ? s->snapshot : last_snapshot(s);
    return log->snapshot_epochs[snap];
}

const Trace *session_forced_trace(const Session *s)
{
    if (s->view != VIEW_TRAINING || !s->expected)
        return NULL;
    return &s->forced[s->variant][s->context];
}

/* Takes ids (owned by the caller) and their written forms as the input. */
static void adopt_input(Session *s, const int *ids, int n, char **tokens)
{
    s->input_len = n;
    s->input = xcalloc((size_t)n, sizeof *s->input);
    s->unknown = xcalloc((size_t)n, sizeof *s->unknown);
    s->input_tokens = tokens;
    for (int i = 0; i < n; i++) {
        s->input[i] = ids[i];
        s->unknown[i] = ids[i] == VOCAB_UNK;
    }
}

void session_init(Session *s, Course *course)
{
    memset(s, 0, sizeof *s);
    s->course = course;
    const Lesson *l = course->lesson;
    char **tokens = xcalloc((size_t)l->input_len, sizeof *tokens);
    for (int i = 0; i < l->input_len; i++)
        tokens[i] = xstrdup(l->source_vocab.tokens[l->input[i]]);
    adopt_input(s, l->input, l->input_len, tokens);
    s->variant = l->variant;
    s->context = l->context;
    s->view = VIEW_STEPS;
    s->snapshot = last_snapshot(s);
    run_all(s);
}

void session_deinit(Session *s)
{
    free_runs(s);
    free_input(s);
    course_destroy(s->course);
    memset(s, 0, sizeof *s);
}

bool session_set_input_text(Session *s, const char *text, Lang lang,
                            char *err, size_t err_size)
{
    const Lesson *l = s->course->lesson;
    int ids[LESSON_MAX_INPUT];
    char *written[LESSON_MAX_INPUT];
    int n = lesson_split_input(l, text, ids, written, LESSON_MAX_INPUT);
    if (n == 0) {
        snprintf(err, err_size, "%s", ui_text(UI_INPUT_EMPTY, lang));
        return false;
    }
    if (n > LESSON_MAX_INPUT) {
        for (int i = 0; i < LESSON_MAX_INPUT; i++)
            free(written[i]);
        snprintf(err, err_size, ui_text(UI_INPUT_TOO_LONG, lang), n,
                 LESSON_MAX_INPUT);
        return false;
    }
    char **tokens = xcalloc((size_t)n, sizeof *tokens);
    memcpy(tokens, written, (size_t)n * sizeof *tokens);

    free_runs(s);
    free_input(s);
    adopt_input(s, ids, n, tokens);
    run_all(s);
    s->step = 0;
    return true;
}

const Trace *session_trace(const Session *s)
{
    return &s->traces[s->variant][s->context];
}

const Timeline *session_timeline(const Session *s)
{
    return &s->timelines[s->variant][s->context];
}

void session_go(Session *s, int k)
{
    int n = session_step_count(s);
    s->step = k < 0 ? 0 : k >= n ? n - 1 : k;
}

void session_set_variant(Session *s, Variant v)
{
    if (!course_has_variant(s->course, v))
        return; /* not trained for this lesson: stay */
    const Timeline *from = session_timeline(s);
    int k = timeline_map(from, s->step, &s->timelines[v][s->context]);
    s->variant = v;
    s->step = k;
}

void session_set_context(Session *s, ContextMode c)
{
    const Timeline *from = session_timeline(s);
    int k = timeline_map(from, s->step, &s->timelines[s->variant][c]);
    s->context = c;
    s->step = k;
}

char *session_narration(const Session *s, int k, Lang lang)
{
    const Lesson *l = s->course->lesson;
    const Timeline *tl = session_timeline(s);
    k = k < 0 ? 0 : k >= tl->count ? tl->count - 1 : k;
    const char *const *typed = (const char *const *)s->input_tokens;
    if (s->view != VIEW_TRAINING)
        return narration_for_step(l, session_trace(s), s->variant,
                                  s->context, &tl->steps[k], lang, typed);
    const double *loss = course_loss(s->course, s->variant, s->context);
    int epoch = session_epoch(s);
    const Trace *forced = session_forced_trace(s);
    NarrationTraining f = {
        .epoch = epoch,
        .epochs = s->course->log.epochs,
        .loss = loss[epoch],
        .loss_start = loss[0],
        .pair_count = l->pair_count,
        .expected = forced ? s->expected : NULL,
        .held_out = s->expected_held_out,
    };
    return narration_training(l, session_trace(s), forced, s->variant,
                              s->context, &tl->steps[k], lang, typed, &f);
}

void session_slug(const Session *s, char *buf, size_t size)
{
    snprintf(buf, size, "%s-%s-%s", s->course->lesson->name,
             variant_name(s->variant), context_name(s->context));
}
