/* What the window draws over the picture, appended to the step's display
 * list through the scene API (so a screenshot shows exactly what the
 * window shows, and nothing here talks to SDL): toasts, the help overlay,
 * the input field, the lesson picker, a progress panel, hover tooltips and
 * the black/white screens. */
#ifndef S2S_APP_OVERLAYS_H
#define S2S_APP_OVERLAYS_H

#include "app/picker.h"
#include "scene/scene.h"

/* A short message near the bottom edge. */
void overlay_toast(Scene *s, const ViewOptions *v, const TextMeasure *m,
                   const char *text);

/* Every key of DESIGN.md, in the view's language. */
void overlay_help(Scene *s, const ViewOptions *v, const TextMeasure *m);

/* A modal panel with a title and a bar filled to fraction in [0, 1], and
 * a hint line ("Esc cancels") or NULL. */
void overlay_progress(Scene *s, const ViewOptions *v, const TextMeasure *m,
                      const char *title, float fraction, const char *hint);

/* The input field with text (committed + composition), the composition's
 * byte offset in text (-1 when none: it is underlined), and a note (refusal
 * reason, "" for none). *ime_rect gets the field's box in canvas units
 * (x, y, w, h) for SDL_SetTextInputRect. */
void overlay_input(Scene *s, const ViewOptions *v, const TextMeasure *m,
                   const char *text, int composition_at, const char *note,
                   float ime_rect[4]);

/* The lesson picker's list, selection and note. */
void overlay_picker(Scene *s, const ViewOptions *v, const TextMeasure *m,
                    const Picker *p);

/* A tooltip box holding text near canvas point (x, y), kept inside the
 * canvas. */
void overlay_tooltip(Scene *s, const ViewOptions *v, const TextMeasure *m,
                     const char *text, float x, float y);

/* Replaces the picture by a plain black (white == false) or white screen. */
void overlay_blank(Scene *s, bool white);

/* The 0-based step whose segment of the header progress bar holds canvas
 * point (x, y), or -1. */
int overlay_progress_bar_hit(const Scene *s, int step_count, float x,
                             float y);

#endif
