/* The layout: (lesson, trace, timeline, step k, progress u, view options,
 * text measure) -> a display list (display_list.h) in canvas units. It is a
 * pure function of its inputs: the same inputs give the same list. */
#ifndef S2S_SCENE_H
#define S2S_SCENE_H

#include <stdbool.h>

#include "lesson/lesson.h"
#include "model/forward.h"
#include "scene/display_list.h"
#include "scene/key_help.h"
#include "scene/text_measure.h"
#include "session/narration_compare.h"
#include "session/session.h"
#include "timeline/timeline.h"

typedef enum { THEME_LIGHT, THEME_DARK, THEME_COUNT } Theme;
const char *theme_name(Theme t);
bool theme_parse(const char *name, Theme *out);

typedef struct {
    Theme theme;
    Lang lang;
    bool numbers;     /* values printed inside the cells (key D) */
    bool transparent; /* export: no background fill */
    float canvas_w;   /* the canvas width for the output's shape
                         (canvas_width_for); 0 = CANVAS_W (16:9) */
    const KeyHelp *keys; /* the key table for the help overlay and the
                            footer (borrowed), or NULL */
    bool key_hints;   /* the footer shows the keys (window only, K); saved
                         and exported pictures never do */
    bool large_text;  /* Z: fewer, larger cells and labels for the back
                         row (numbers at least LARGE_TEXT_MIN units) */
    bool log_bars;    /* G: bar heights on a log scale of p, so the
                         competition shows when one bar takes everything */
    int slow_motion;  /* M: 0 or 1 = normal; 3 or 6 = the parts of a step
                         revealed one after another, with pauses */
    float auto_seconds; /* > 0: auto-play runs at this many seconds a step,
                           shown at the footer's right (window only) */
} ViewOptions;

/* Large text: the smallest text (numbers, labels, logits) in canvas units,
 * 20 px at 1024 x 768 full screen (a 1440-wide canvas at scale 0.711). */
#define LARGE_TEXT_MIN 28.0f

/* Everything one picture shows. All pointers are borrowed. */
typedef struct {
    const Lesson *lesson;
    Variant variant;
    ContextMode context;
    const Trace *trace;       /* the forward trace of this variant/context */
    const Timeline *timeline; /* built from trace */
    const bool *unknown;      /* trace->source_len flags: token was <unk>,
                                 or NULL */
    const char *const *input_tokens; /* the typed tokens as written (shown
                                 instead of "<unk>"), or NULL */
    int step;                 /* 0-based index into timeline */
    float progress;           /* u in [0, 1]: animation within the step */

    /* The training view (view == VIEW_TRAINING; zeros elsewhere): the picture
     * computed with the weights of a snapshot, with the loss chart. */
    SessionView view;
    const TrainLog *log; /* the loss curves and the snapshot epochs */
    int decoder;         /* the shown decoder's index in log */
    int snapshot;        /* index into log->snapshot_epochs */
    const Trace *forced; /* teacher-forced on expected, or NULL */
    const LessonPair *expected; /* the input's pair, or NULL */
    bool expected_held_out;
    /* The compare view (view == VIEW_COMPARE): timeline is the compare
     * timeline (timeline_build_compare), trace the decoder it follows;
     * the rows, top to bottom, each with its own trace and timeline of
     * the same input; the held-out accuracy by length (summary). */
    CompareRows rows;
    const Timeline *row_timeline[VARIANT_COUNT];
    const AccuracyByLength *accuracy;
} SceneInput;

/* The scene input of session s at step k (0-based, clamped) and progress
 * u, whatever step the session is looking at: export draws any step this
 * way without moving the session's cursor. Borrows from s. */
void scene_input_at(const Session *s, int k, float progress,
                    SceneInput *out);

/* Lays out the step into s (cleared first). */
void scene_build(Scene *s, const SceneInput *in, const ViewOptions *view,
                 const TextMeasure *measure);

/* The 0-based step whose segment of the header's progress bar is under
 * canvas point (x, y) on a canvas canvas_w wide (the segments depend only
 * on the timeline's length and the width, so no scene is needed), or -1. */
int scene_progress_hit(const SceneInput *in, float canvas_w, float x,
                       float y);

#endif
