/* What the window draws over the picture, appended to the step's display
 * list through the scene's overlay builders (scene/overlay.h), so a
 * screenshot shows exactly what the window shows and nothing here talks to
 * SDL. This file only turns the app's state (the picker's entries, the
 * input field) into the views those builders take. */
#ifndef S2S_APP_OVERLAYS_H
#define S2S_APP_OVERLAYS_H

#include "app/input_field.h"
#include "app/picker.h"
#include "render/font_coverage.h"
#include "scene/scene.h"

/* The lesson picker: each entry's title in the view's language; a lesson
 * that fails to load shows its error on its row; the note under the list. */
void overlay_picker(Scene *s, const ViewOptions *v, const TextMeasure *m,
                    const Picker *p);

/* The input field with its selection, the IME composition at the caret,
 * the token counter (counter, may be NULL; over: past the limit) and the
 * refusal note; *ime_rect gets the caret's box in canvas units for
 * SDL_SetTextInputRect. With fc (may be NULL), the note under the field
 * names the typed characters the shipped font lacks (drawn from a
 * fallback font, or as a box with the code point). */
void overlay_input(Scene *s, const ViewOptions *v, const TextMeasure *m,
                   const InputField *f, FontCoverage *fc,
                   const char *counter, bool over, float ime_rect[4]);

#endif
