/* Font coverage through TTF_GlyphIsProvided32, for --check. */
#include "render/font_coverage.h"

#include <stdio.h>
#include <stdlib.h>

#include <SDL_ttf.h>

#include "xalloc.h"

struct FontCoverage {
    TTF_Font *font;
    bool own_ttf; /* this opened SDL_ttf, so it closes it */
};

FontCoverage *font_coverage_open(const char *path, char *err,
                                 size_t err_size)
{
    FontCoverage *fc = xcalloc(1, sizeof *fc);
    if (!TTF_WasInit()) {
        if (TTF_Init() != 0) {
            snprintf(err, err_size, "cannot start SDL_ttf: %s",
                     TTF_GetError());
            free(fc);
            return NULL;
        }
        fc->own_ttf = true;
    }
    fc->font = TTF_OpenFont(path, 16);
    if (!fc->font) {
        snprintf(err, err_size, "%s: cannot open the font: %s", path,
                 TTF_GetError());
        font_coverage_close(fc);
        return NULL;
    }
    return fc;
}

void font_coverage_close(FontCoverage *fc)
{
    if (!fc)
        return;
    if (fc->font)
        TTF_CloseFont(fc->font);
    if (fc->own_ttf)
        TTF_Quit();
    free(fc);
}

/* Decodes one UTF-8 character (the lesson loader has already rejected
 * invalid UTF-8, so this only needs to be safe, not strict). */
static uint32_t next_char(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = *s++;
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (extra)
        c &= 0x3Fu >> extra;
    while (extra-- > 0 && (*s & 0xC0) == 0x80)
        c = (c << 6) | (*s++ & 0x3F);
    *p = s;
    return c;
}

uint32_t font_coverage_missing(const FontCoverage *fc, const char *utf8)
{
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p) {
        uint32_t c = next_char(&p);
        if (c <= 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
            continue;
        if (!TTF_GlyphIsProvided32(fc->font, c))
            return c;
    }
    return 0;
}
