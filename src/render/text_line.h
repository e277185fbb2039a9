/* One line of text laid out run by run (text_runs.h) and drawn onto one
 * surface: font runs side by side on a common baseline, a box with the
 * hex code for a character no font has, a dotted box with the hex code
 * for one that draws nothing. The width laid out is the width drawn, to
 * the pixel, so the layout's measure and the picture agree. Private to
 * render/. */
#ifndef S2S_RENDER_TEXT_LINE_H
#define S2S_RENDER_TEXT_LINE_H

#include <stdbool.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "render/font_fallback.h"

/* The fonts a line is drawn with: the shipped font at a pixel size comes
 * from shipped_at (the text cache's own table), fallbacks from ff. */
typedef struct {
    TTF_Font *(*shipped_at)(void *ctx, int px, bool bold);
    void *ctx;
    TTF_Font *shipped_probe; /* any size: glyph questions only */
    FontFallback *ff;
} LineFonts;

/* Width in pixels of utf8 at px, or -1 when a font cannot be opened or
 * measured. 0 for the empty string only. */
int text_line_width(const LineFonts *f, const char *utf8, int px, bool bold);

/* utf8 drawn in colour rgb (alpha = coverage) on a new ARGB8888 surface
 * of text_line_width x the shipped font's line height; *ascent is the
 * baseline's distance from the top. NULL on failure (SDL_GetError says
 * why) or for the empty string. */
SDL_Surface *text_line_draw(const LineFonts *f, const char *utf8, int px,
                            bool bold, SDL_Color rgb, int *ascent);

#endif
