/* Text helpers of the layout (internal to scene/): fitting a line into a
 * width by shrinking its font, cutting it with an ellipsis, wrapping a
 * paragraph (CJK between characters, Latin at spaces), and the small
 * formatting the formulas need (subscript digits, numbers with a real
 * minus sign). */
#ifndef S2S_TEXT_FIT_H
#define S2S_TEXT_FIT_H

#include <stdbool.h>
#include <stddef.h>

#include "scene/text_measure.h"

/* The largest size <= size (and >= min_size) at which text fits w; when it
 * does not fit even at min_size, returns min_size. */
float fit_font(const TextMeasure *m, const char *text, float size,
               float min_size, float w, bool bold);

/* Copies text into out (size bytes), cut at a character boundary and ended
 * with "…" so that it measures <= w at font size; "" when not even "…"
 * fits. */
void ellipsize(const TextMeasure *m, const char *text, float size, float w,
               bool bold, char *out, size_t out_size);

/* Wraps text into at most max_lines lines of width <= w: Latin words break
 * at spaces, CJK between any two characters, an over-long word between
 * characters; the last line is ellipsized when text is left over. Each line
 * is copied into lines[i] (line_size bytes). Returns the line count. */
int wrap_text(const TextMeasure *m, const char *text, float size, float w,
              bool bold, char lines[][512], int max_lines);

/* Bytes of the UTF-8 sequence starting at s (1 for invalid bytes). */
int utf8_len(const char *s);
/* Decodes the codepoint at s. */
unsigned utf8_decode(const char *s);

/* Writes n's digits as Unicode subscripts (₀..₉) into out. */
void subscript(int n, char *out, size_t size);
/* Formats v with `decimals` digits and U+2212 as the minus sign. */
void format_num(double v, int decimals, char *out, size_t size);

/* snprintf that appends to buf at its current end. */
void appendf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
