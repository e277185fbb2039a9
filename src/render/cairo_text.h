/* Text for the cairo backend: lines split into runs by text_runs.h (the
 * same split as the SDL backend's, so both draw a character from the same
 * font or as the same box), each font run drawn as real glyphs with a
 * cairo FreeType face (so PDF and SVG carry selectable text and embed the
 * font subset), each box as a frame with the code point in hex. Sizes and
 * positions are in the cairo context's user units. Private to render/. */
#ifndef S2S_RENDER_CAIRO_TEXT_H
#define S2S_RENDER_CAIRO_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

typedef struct CairoText CairoText;

/* Opens the font file (for glyphs and for the split's glyph questions).
 * NULL with a one-line reason in err on failure. Initialises SDL_ttf
 * (its glyph lookups drive the split). Destroy with cairo_text_destroy. */
CairoText *cairo_text_create(const char *font_path, char *err,
                             size_t err_size);
void cairo_text_destroy(CairoText *t);

/* The advance of one line at em size `size`, in the same units; -1 when a
 * font cannot be opened. 0 for the empty string only. */
double cairo_text_width(CairoText *t, const char *utf8, double size,
                        bool bold);

/* Draws the line with its left end at x and its baseline at baseline, in
 * the context's current source colour. False when a font failed. */
bool cairo_text_draw(CairoText *t, cairo_t *cr, const char *utf8, double x,
                     double baseline, double size, bool bold);

#endif
