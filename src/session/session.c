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
    for (int c = 0; c < CONTEXT_COUNT; c++)
        timeline_deinit(&s->compare[c]);
    s->expected = NULL;
}

/* The compare timeline of context mode c follows the longest output (the
 * first in the order init, every, attention on a tie). */
static void build_compare(Session *s, ContextMode c)
{
    Variant rows[VARIANT_COUNT];
    int n = session_compare_rows(s, rows);
    Variant longest = rows[0];
    for (int i = 1; i < n; i++)
        if (s->traces[rows[i]][c].output_len >
            s->traces[longest][c].output_len)
            longest = rows[i];
    s->compare_longest[c] = longest;
    timeline_build_compare(&s->compare[c], &s->traces[longest][c],
                           s->course->lesson->example_count > 0);
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
    for (int c = 0; c < CONTEXT_COUNT; c++)
        build_compare(s, (ContextMode)c);
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
    /* the shown timeline (one decoder's, or compare's) is kept for the map */
    Timeline *shown = (Timeline *)session_timeline(s);
    Timeline from = *shown;
    *shown = (Timeline){0};
    free_runs(s);
    s->view = view;
    s->snapshot = snap;
    run_all(s);
    s->step = timeline_map(&from, s->step, session_timeline(s));
    timeline_deinit(&from);
}

bool session_set_view(Session *s, SessionView v)
{
    if (v == s->view)
        return true;
    /* the training view runs at a snapshot and adds the teacher-forcing
     * step: entering or leaving it recomputes; steps <-> compare share the
     * traces and only map the step */
    if (v == VIEW_TRAINING || s->view == VIEW_TRAINING) {
        rerun(s, v, last_snapshot(s));
        return true;
    }
    const Timeline *from = session_timeline(s);
    s->view = v;
    s->step = timeline_map(from, s->step, session_timeline(s));
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
    /* The [test] pairs do not depend on the input: measured once. */
    for (int c = 0; c < CONTEXT_COUNT; c++)
        accuracy_by_length(course, (ContextMode)c, &s->accuracy[c]);
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
    if (s->view == VIEW_COMPARE)
        return &s->traces[s->compare_longest[s->context]][s->context];
    return &s->traces[s->variant][s->context];
}

const Timeline *session_timeline(const Session *s)
{
    if (s->view == VIEW_COMPARE)
        return &s->compare[s->context];
    return &s->timelines[s->variant][s->context];
}

int session_compare_rows(const Session *s, Variant *rows)
{
    int n = 0;
    for (int v = 0; v < VARIANT_COUNT; v++)
        if (course_has_variant(s->course, (Variant)v))
            rows[n++] = (Variant)v;
    return n;
}

void session_compare(const Session *s, CompareRows *out)
{
    memset(out, 0, sizeof *out);
    Variant rows[VARIANT_COUNT];
    out->n = session_compare_rows(s, rows);
    out->context = s->context;
    for (int i = 0; i < out->n; i++) {
        out->variant[i] = rows[i];
        out->trace[i] = &s->traces[rows[i]][s->context];
    }
}

char *session_step_title(const Session *s, int k, Lang lang)
{
    const Step *st = &session_timeline(s)->steps[k];
    const char *const *typed = (const char *const *)s->input_tokens;
    if (s->view == VIEW_COMPARE) {
        CompareRows rows;
        session_compare(s, &rows);
        return narration_compare_title(s->course->lesson, &rows, st, lang,
                                       typed);
    }
    return narration_step_title(s->course->lesson, session_trace(s), st,
                                lang, typed);
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
    if (s->view == VIEW_COMPARE) {
        s->variant = v; /* every decoder is on screen: the step stays */
        return;
    }
    const Timeline *from = session_timeline(s);
    int k = timeline_map(from, s->step, &s->timelines[v][s->context]);
    s->variant = v;
    s->step = k;
}

void session_set_context(Session *s, ContextMode c)
{
    const Timeline *from = session_timeline(s);
    s->context = c;
    s->step = timeline_map(from, s->step, session_timeline(s));
}

char *session_step_narration(const Session *s, int k, Lang lang)
{
    const Lesson *l = s->course->lesson;
    const Timeline *tl = session_timeline(s);
    k = k < 0 ? 0 : k >= tl->count ? tl->count - 1 : k;
    const char *const *typed = (const char *const *)s->input_tokens;
    if (s->view == VIEW_COMPARE) {
        CompareRows rows;
        session_compare(s, &rows);
        return narration_compare(l, &rows, &s->accuracy[s->context],
                                 &tl->steps[k], lang, typed);
    }
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
    if (s->view == VIEW_COMPARE)
        snprintf(buf, size, "%s-compare-%s", s->course->lesson->name,
                 context_name(s->context));
    else
        snprintf(buf, size, "%s-%s-%s", s->course->lesson->name,
                 variant_name(s->variant), context_name(s->context));
}
