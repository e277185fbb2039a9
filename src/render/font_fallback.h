/* Fallback fonts: for a character the shipped font lacks, the installed
 * font that has it, found with fontconfig (an outline font SDL_ttf can
 * open and size). Lookups are cached per character and the fonts opened
 * per (face, pixel size, bold), since fontconfig is slow and opening a
 * font reads its file. Private to render/. */
#ifndef S2S_RENDER_FONT_FALLBACK_H
#define S2S_RENDER_FONT_FALLBACK_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL_ttf.h>

typedef struct FontFallback FontFallback;

/* Never fails: without fontconfig's configuration every lookup just
 * answers "none". fontconfig is loaded on the first lookup, not here.
 * Needs SDL_ttf initialised while it is used. */
FontFallback *font_fallback_create(void);
void font_fallback_destroy(FontFallback *ff);

/* The face (an index >= 0) that draws c, or -1 when no installed font
 * has it. The same face is answered for the same c every time. */
int font_fallback_face(FontFallback *ff, uint32_t c);

/* The face's family name and file, for --check. */
const char *font_fallback_family(const FontFallback *ff, int face);
const char *font_fallback_file(const FontFallback *ff, int face);

/* The face opened at px pixels (bold or not), or NULL if SDL_ttf cannot
 * open it; owned by ff. */
TTF_Font *font_fallback_font(FontFallback *ff, int face, int px, bool bold);

#endif
