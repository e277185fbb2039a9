/* A show: the state one picture is drawn from, shared by the window, the
 * batch export and the command-line reports. It holds a trained course, the
 * input sentence, the forward trace and timeline of every variant x context
 * mode for that input (so flipping is instant), and the current choice of
 * variant, context mode and step. Pure: no SDL. */
#ifndef S2S_SHOW_H
#define S2S_SHOW_H

#include <stdbool.h>
#include <stddef.h>

#include "lesson/course.h"
#include "model/forward.h"
#include "scene/scene.h"
#include "timeline/timeline.h"

typedef struct {
    Course *course; /* owned */

    int input_len;
    int *input;          /* owned source ids (<unk> = VOCAB_UNK) */
    bool *unknown;       /* owned, input_len flags */
    char **input_tokens; /* owned: the tokens as written */

    Trace traces[VARIANT_COUNT][CONTEXT_COUNT];
    Timeline timelines[VARIANT_COUNT][CONTEXT_COUNT];

    Variant variant;
    ContextMode context;
    int step; /* 0-based */
} Show;

/* Takes ownership of course; starts on the lesson's input, variant and
 * context mode, at step 0. Free with show_deinit. */
void show_init(Show *s, Course *course);
void show_deinit(Show *s);

/* Replaces the input by text split with the lesson's tokenizer; tokens the
 * model never saw become <unk> and are flagged. On success the step goes
 * back to the overview. Returns false, leaving the show as it was, with a
 * one-line reason in err when the text has no token or more than
 * LESSON_MAX_INPUT. */
bool show_set_input_text(Show *s, const char *text, char *err,
                         size_t err_size);

const Trace *show_trace(const Show *s);
const Timeline *show_timeline(const Show *s);
static inline int show_step_count(const Show *s)
{
    return show_timeline(s)->count;
}

/* Moves to step k (clamped). */
void show_go(Show *s, int k);
/* Flips the variant / context mode, keeping the step's meaning. */
void show_set_variant(Show *s, Variant v);
void show_set_context(Show *s, ContextMode c);

/* The scene input for the current step at progress u (borrows from s). */
void show_scene_input(const Show *s, float progress, SceneInput *out);

/* "<lesson>-<variant>-<context>" for file names, into buf. */
void show_slug(const Show *s, char *buf, size_t size);

#endif
