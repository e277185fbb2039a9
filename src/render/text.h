/* Text for the renderer: the font opened once per pixel size, fallback
 * fonts (fontconfig) for characters it lacks, boxes with the code point
 * for characters no font has or that draw nothing, lines rasterised
 * (blended) into textures that are cached, and widths cached for the
 * layout. Every non-empty string draws. Private to render/. */
#ifndef S2S_RENDER_TEXT_H
#define S2S_RENDER_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

typedef struct TextCache TextCache;

/* Loads the font file at font_path into memory (sizes are opened from it
 * on demand). Returns NULL and writes a reason into err on failure.
 * sdl is borrowed. Destroy with text_cache_destroy. */
TextCache *text_cache_create(SDL_Renderer *sdl, const char *font_path,
                             char *err, size_t err_size);
void text_cache_destroy(TextCache *tc);

/* A line rasterised at px pixels in colour rgb (opaque; fade it with
 * alpha modulation): a texture of w x h pixels (h is the font's line
 * height) whose baseline is ascent pixels below its top.
 * Returns NULL on an SDL/TTF failure (SDL_GetError() says why) or for
 * empty text. The texture belongs to the cache and stays valid until the
 * next text_cache_end_frame. */
SDL_Texture *text_cache_line(TextCache *tc, const char *utf8, int px,
                             bool bold, SDL_Color rgb, int *w, int *h,
                             int *ascent);

/* Width in pixels of a line at px pixels, or -1 on failure. Cached.
 * Exactly the width of the texture text_cache_line draws. */
int text_cache_width(TextCache *tc, const char *utf8, int px, bool bold);

/* Call once after each frame: drops textures that have not been used for
 * a while, so the cache follows what is on screen. */
void text_cache_end_frame(TextCache *tc);

/* How many textures are cached now (for tests). */
int text_cache_texture_count(const TextCache *tc);

#endif
