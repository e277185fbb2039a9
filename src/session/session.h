/* A session: the state one picture is drawn from, shared by the window, the
 * batch export and the command-line reports. It holds a trained course, the
 * input sentence, the forward trace and timeline of every variant x context
 * mode for that input (so flipping is instant), and the current choice of
 * variant, context mode and step. Pure: no SDL. */
#ifndef S2S_SESSION_H
#define S2S_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "model/forward.h"
#include "session/accuracy.h"
#include "session/course.h"
#include "session/narration_compare.h"
#include "session/view.h"
#include "timeline/timeline.h"

typedef struct {
    Course *course; /* owned */

    int input_len;
    int *input;          /* owned source ids (<unk> = VOCAB_UNK) */
    bool *unknown;       /* owned, input_len flags */
    char **input_tokens; /* owned: the tokens as written */

    Trace traces[VARIANT_COUNT][CONTEXT_COUNT];
    Timeline timelines[VARIANT_COUNT][CONTEXT_COUNT];

    /* The compare view (VIEW_COMPARE): per context mode, the decoder
     * with the longest output and the timeline built from it
     * (timeline_build_compare), and the held-out accuracy by length. */
    Variant compare_longest[CONTEXT_COUNT];
    Timeline compare[CONTEXT_COUNT];
    AccuracyByLength accuracy[CONTEXT_COUNT];

    SessionView view;
    Variant variant;
    ContextMode context;
    int step; /* 0-based, into session_timeline */

    /* The training view (key R): traces and timelines above are computed
     * with the weights of snapshot index `snapshot` of course->log (the
     * last one, the trained weights, in every other view), and each
     * timeline ends with a teacher-forcing step. */
    int snapshot;
    /* Training view, when the input is one of the lesson's pairs: the
     * decoders teacher-forced on its expected output (zeroed otherwise,
     * expected NULL). */
    const LessonPair *expected; /* borrowed from the lesson */
    bool expected_held_out;     /* a [test] pair, not one of L_e's terms */
    Trace forced[VARIANT_COUNT][CONTEXT_COUNT];
} Session;

/* Takes ownership of course; starts on the lesson's input, variant and
 * context mode, at step 0. Free with session_deinit. */
void session_init(Session *s, Course *course);
void session_deinit(Session *s);

/* Replaces the input by text split with the lesson's tokenizer; tokens the
 * model never saw become <unk> and are flagged. On success the step goes
 * back to the overview. Returns false, leaving the session as it was, with a
 * one-line reason in err, in lang, when the text has no token or more than
 * LESSON_MAX_INPUT. */
bool session_set_input_text(Session *s, const char *text, Lang lang,
                            char *err, size_t err_size);

/* The trace and timeline being looked at: the variant's; in the compare
 * view, the compare timeline and the trace of the decoder it follows
 * (the longest output), so a step's title is true of some decoder. */
const Trace *session_trace(const Session *s);
const Timeline *session_timeline(const Session *s);

/* The decoders the compare view shows, one above the other: init, every,
 * and attention where the course trains it. Returns how many (into rows,
 * room for VARIANT_COUNT). */
int session_compare_rows(const Session *s, Variant *rows);
/* Those rows with their traces of the current input and context mode
 * (borrowed from s). */
void session_compare(const Session *s, CompareRows *out);

/* Step k's title and narration (k 0-based, clamped) in lang as the
 * current view says them: the compare view's name no single decoder's
 * token; the training view's narration carries the snapshot's sentence
 * and the teacher-forcing text (narration_training). For the picture,
 * notes and slides. malloc'd: the caller frees. */
char *session_step_title(const Session *s, int k, Lang lang);
char *session_step_narration(const Session *s, int k, Lang lang);

static inline int session_step_count(const Session *s)
{
    return session_timeline(s)->count;
}

/* Moves to step k (clamped). */
void session_go(Session *s, int k);
/* Flips the variant / context mode, keeping the step's meaning. */
void session_set_variant(Session *s, Variant v);
void session_set_context(Session *s, ContextMode c);

/* Switches the view, keeping the step's meaning. Entering the training
 * view starts at the last snapshot (the trained weights: the same picture
 * as the step-through); leaving it goes back to them. Always
 * true (every view is built). */
bool session_set_view(Session *s, SessionView v);
/* Training view: shows snapshot index snap (clamped to the snapshots),
 * keeping the step's meaning. Recomputes every trace (a few hundredths of
 * a millisecond). */
void session_set_snapshot(Session *s, int snap);
/* The epoch of the weights shown (the last epoch outside the training
 * view). */
int session_epoch(const Session *s);
/* The teacher-forced trace of the shown decoder, or NULL when not in the
 * training view or the input has no expected output. */
const Trace *session_forced_trace(const Session *s);

/* "<lesson>-<variant>-<context>" for file names, into buf. */
void session_slug(const Session *s, char *buf, size_t size);

#endif
