/* Fallback fonts where there are none to find: the browser build has no
 * installed fonts and no fontconfig, so every character the shipped font
 * lacks is drawn as a box with its code point (text_runs.c decides that
 * when a lookup answers -1). Chosen by meson.build in place of
 * font_fallback.c. */
#include "render/font_fallback.h"

#include <stdlib.h>

struct FontFallback {
    int unused;
};

FontFallback *font_fallback_create(void)
{
    static FontFallback none;
    return &none;
}

void font_fallback_destroy(FontFallback *ff)
{
    (void)ff;
}

int font_fallback_face(FontFallback *ff, uint32_t c)
{
    (void)ff;
    (void)c;
    return -1;
}

const char *font_fallback_family(const FontFallback *ff, int face)
{
    (void)ff;
    (void)face;
    return NULL;
}

const char *font_fallback_file(const FontFallback *ff, int face)
{
    (void)ff;
    (void)face;
    return NULL;
}

TTF_Font *font_fallback_font(FontFallback *ff, int face, int px, bool bold)
{
    (void)ff;
    (void)face;
    (void)px;
    (void)bold;
    return NULL;
}
