/* Draws a scene onto an SDL_Renderer: anti-aliased (feathered) rounded
 * rectangles, circles, polylines and arrow heads, and blended text from
 * the shipped font. It draws what it is given and nothing else. */
#ifndef S2S_RENDER_H
#define S2S_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "scene/display_list.h"
#include "scene/text_measure.h"

typedef struct RenderContext RenderContext;

/* Prepares drawing onto sdl (borrowed: it must outlive the context) with
 * the TrueType/OpenType font at font_path. Returns NULL and writes a
 * one-line reason into err on failure. Initialises SDL_ttf if needed.
 * Destroy with render_destroy. */
RenderContext *render_create(SDL_Renderer *sdl, const char *font_path,
                             char *err, size_t err_size);
void render_destroy(RenderContext *rc);

/* Draws the scene over the whole output (out_w x out_h pixels), the canvas
 * scaled uniformly and centred, the margins filled with the background.
 * A background with alpha 0 clears to transparent (for export). Returns
 * false if SDL failed somewhere (the rest is still drawn); render_error
 * then says what. */
bool render_scene(RenderContext *rc, const Scene *scene, int out_w,
                  int out_h);

/* The first failure of the last render_scene, or "" if it succeeded. */
const char *render_error(const RenderContext *rc);

/* A measure for scene_build that answers in canvas units for text drawn at
 * an output of out_w x out_h pixels. Valid while rc lives; calling it again
 * with another size updates the same measure. */
const TextMeasure *render_text_measure(RenderContext *rc, int out_w,
                                       int out_h);

#endif
