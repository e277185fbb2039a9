/* Overlays: layers the app appends over a built scene (after scene_build),
 * each a pure function of its arguments, all shapes ROLE_OVERLAY: the help
 * with every key, a toast, a blank screen, a progress bar (export,
 * training), the input field for a sentence, the lesson picker, and the
 * hover tooltip box. All strings are borrowed and copied into the scene. */
#ifndef S2S_OVERLAY_H
#define S2S_OVERLAY_H

#include <stdbool.h>

#include "scene/scene.h"
#include "scene/text_measure.h"

/* The help panel: every key of DESIGN.md's "Keys" table, in view->lang. */
void scene_overlay_help(Scene *s, const ViewOptions *view,
                        const TextMeasure *m);

/* One line of text in an accent strip over the footer band (in place of
 * the key hints, so it covers nothing of the step). */
void scene_overlay_toast(Scene *s, const ViewOptions *view,
                         const TextMeasure *m, const char *text);

/* A full-canvas black (white = false) or white screen (keys B and W). */
void scene_overlay_blank(Scene *s, bool white);

/* A title and a bar filled to fraction (clamped to [0, 1]), with "n %". */
void scene_overlay_progress(Scene *s, const ViewOptions *view,
                            const TextMeasure *m, const char *title,
                            double fraction);

typedef struct {
    const char *prompt;      /* title line; NULL = built-in in view->lang */
    const char *text;        /* what is typed so far (UTF-8) */
    int caret;               /* byte offset of the caret in text */
    int sel_start, sel_end;  /* the selection in text, bytes; equal when
                                none */
    const char *counter;     /* "4 / 32 tokens", right of the prompt, or
                                NULL */
    bool counter_over;       /* the count is over the limit: warning colour */
    const char *composition; /* IME text being composed, or NULL */
    int composition_caret;   /* byte offset of the caret in composition */
    const char *note;        /* a hint line, or NULL (built-in) */
    const char *error;       /* an error line, or NULL */
} InputFieldView;

/* The input field: prompt, a box with the text, the composition text
 * inserted at the caret and underlined, the caret, a note and an error.
 * Returns (through rect, may be NULL) the box of the caret in canvas units,
 * for SDL_SetTextInputRect. */
void scene_overlay_input(Scene *s, const ViewOptions *view,
                         const TextMeasure *m, const InputFieldView *f,
                         float rect[4]);

/* A list of lesson titles with row `selected` highlighted (scrolled so it
 * shows) and an optional error line. */
void scene_overlay_picker(Scene *s, const ViewOptions *view,
                          const TextMeasure *m, const char *const *titles,
                          int count, int selected, const char *error);

/* Row of the picker under canvas point (x, y) of a canvas canvas_w wide
 * for a list of count titles with `selected` highlighted (the same
 * scrolling), or -1. */
int scene_picker_hit(int count, int selected, float canvas_w, float x,
                     float y);

/* The hover box for tooltip text near canvas point (x, y), kept on the
 * canvas. */
void scene_overlay_tooltip(Scene *s, const ViewOptions *view,
                           const TextMeasure *m, const char *text, float x,
                           float y);

#endif
