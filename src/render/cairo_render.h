/* Draws a scene onto a cairo context: the vector backend behind the PDF
 * and SVG export and the raster frames of the GIF. The same display list
 * as the SDL backend (render.h), drawn with the same geometry rules
 * (strokes inside boxes, arrow heads on the last point) and the same text
 * split (text_runs.h: shipped font, fontconfig fallback, boxes with the
 * code point), the glyphs through cairo's FreeType font backend so PDF
 * and SVG keep text as text. It draws what it is given and nothing else. */
#ifndef S2S_CAIRO_RENDER_H
#define S2S_CAIRO_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "scene/display_list.h"
#include "scene/text_measure.h"

typedef struct CairoRender CairoRender;

/* Opens the TrueType/OpenType font at font_path for drawing and for the
 * run split. Returns NULL with a one-line reason in err on failure.
 * Destroy with cairo_render_destroy. */
CairoRender *cairo_render_create(const char *font_path, char *err,
                                 size_t err_size);
void cairo_render_destroy(CairoRender *r);

/* A measure for scene_build in canvas units. Vector text has no pixel
 * grid, so widths do not depend on the output size: they are the fonts'
 * own unhinted advances. Valid while r lives. */
const TextMeasure *cairo_render_text_measure(CairoRender *r);

/* Draws the scene over out_w x out_h user units of cr (the canvas scaled
 * uniformly and centred, margins filled with the background; a background
 * with alpha 0 paints nothing). cr's state is saved and restored. Returns
 * false when cairo failed (cairo_render_error says what). */
bool cairo_render_scene(CairoRender *r, cairo_t *cr, const Scene *scene,
                        int out_w, int out_h);

/* The first failure of the last cairo_render_scene, or "". */
const char *cairo_render_error(const CairoRender *r);

#endif
