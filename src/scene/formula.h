/* Typeset formulas (DESIGN.md, "The picture": real subscripts and
 * superscripts, a fraction bar for the softmax, Σ with its range), written
 * in a small TeX-like notation and laid out here, measured with the
 * scene's TextMeasure like all text, then emitted as ordinary text boxes
 * and lines of the display list, so every backend draws them:
 *
 *     h_3 = tanh(W_e·x_3 + U_e·h_{2} + b_e)
 *     S_i = \frac{e^{v_i}}{\sum_j e^{v_j}}
 *     C = \frac{1}{4} \sum_{t=1}^{4} h_t
 *
 * A script ("_" or "^") takes one character or a {group} and sits after
 * what precedes it; "_" and "^" together stack. \frac{a}{b} is a fraction
 * with a bar, \sum a Σ. A backslash before one of _ ^ { } \ writes that
 * character (formula_escape does it for a token's text). Pure: no SDL. */
#ifndef S2S_FORMULA_H
#define S2S_FORMULA_H

#include <stdbool.h>
#include <stddef.h>

#include "scene/display_list.h"
#include "scene/text_measure.h"

/* The room a formula takes at font size: its width, and how far its line
 * boxes reach above and below the baseline. */
typedef struct {
    float w, above, below;
} FormulaExtent;

FormulaExtent formula_measure(const TextMeasure *m, const char *src,
                              float size, bool bold);

/* Emits the formula with its left end at x and its baseline at baseline:
 * text pieces (role ROLE_FORMULA) and the fraction bars. */
void formula_emit(Scene *s, const TextMeasure *m, const char *src, float x,
                  float baseline, float size, Rgba color, bool bold);

/* The largest size from size down to min_size (in steps of 1) at which
 * the formula is at most max_w wide; min_size when none is. */
float formula_fit(const TextMeasure *m, const char *src, float size,
                  float min_size, float max_w, bool bold);

/* Copies text into out with the notation's characters escaped, so a token
 * such as "a_b" is written as it is. */
void formula_escape(const char *text, char *out, size_t size);

#endif
