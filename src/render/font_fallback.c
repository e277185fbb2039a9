/* Fallback fonts through fontconfig: the first font of fontconfig's sort
 * for "sans-serif" with character c whose charset has c, is an outline
 * (scalable) TrueType/CFF font, and that SDL_ttf opens and agrees has c.
 * Answers are remembered per character, faces (file, index) once each,
 * and opened sizes in a small least-recently-used table. */
#include "render/font_fallback.h"

#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "xalloc.h"

#define MAX_OPEN 16       /* fallback fonts open at once, all faces/sizes */
#define CHAR_SLOTS 4096   /* remembered characters before starting over */
#define PROBE_PX 16

typedef struct {
    char *file;
    int index;   /* face index inside a collection (.ttc) */
    char *family;
    TTF_Font *probe; /* opened once to confirm glyphs */
} Face;

typedef struct {
    TTF_Font *font;
    int face, px;
    bool bold;
    unsigned last_used;
} OpenFont;

typedef struct {
    uint32_t c;  /* 0 = empty slot (U+0000 is never looked up) */
    int face;
} CharSlot;

struct FontFallback {
    FcConfig *config; /* NULL: no fontconfig, so no fallback */
    bool config_loaded; /* loaded on the first lookup: ~20 ms, and most
                         * lessons never need a fallback */
    Face *faces;
    int face_count;
    OpenFont open[MAX_OPEN];
    unsigned clock;
    CharSlot chars[CHAR_SLOTS];
    int char_count;
};

FontFallback *font_fallback_create(void)
{
    return xcalloc(1, sizeof(FontFallback));
}

void font_fallback_destroy(FontFallback *ff)
{
    if (!ff)
        return;
    for (int i = 0; i < MAX_OPEN; i++)
        if (ff->open[i].font)
            TTF_CloseFont(ff->open[i].font);
    for (int i = 0; i < ff->face_count; i++) {
        if (ff->faces[i].probe)
            TTF_CloseFont(ff->faces[i].probe);
        free(ff->faces[i].file);
        free(ff->faces[i].family);
    }
    free(ff->faces);
    if (ff->config)
        FcConfigDestroy(ff->config);
    free(ff);
}

/* The face for (file, index), added (and opened once) on first sight;
 * -1 when SDL_ttf cannot open it. */
static int face_of(FontFallback *ff, const char *file, int index,
                   const char *family)
{
    for (int i = 0; i < ff->face_count; i++)
        if (ff->faces[i].index == index && strcmp(ff->faces[i].file, file) == 0)
            return ff->faces[i].probe ? i : -1;
    ff->faces = xrealloc(ff->faces, (size_t)(ff->face_count + 1) *
                                        sizeof *ff->faces);
    Face *f = &ff->faces[ff->face_count];
    *f = (Face){.file = xstrdup(file), .index = index,
                .family = xstrdup(family ? family : file),
                .probe = TTF_OpenFontIndex(file, PROBE_PX, index)};
    int id = ff->face_count++;
    return f->probe ? id : -1; /* a failed face is remembered as such */
}

/* fontconfig's answer for c, checked against SDL_ttf. */
static int look_up(FontFallback *ff, uint32_t c)
{
    if (!ff->config_loaded) {
        ff->config = FcInitLoadConfigAndFonts();
        ff->config_loaded = true;
    }
    if (!ff->config)
        return -1;
    FcPattern *pat = FcPatternCreate();
    FcCharSet *want = FcCharSetCreate();
    FcCharSetAddChar(want, c);
    FcPatternAddCharSet(pat, FC_CHARSET, want);
    FcPatternAddBool(pat, FC_OUTLINE, FcTrue);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"sans-serif");
    FcConfigSubstitute(ff->config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcFontSet *set = FcFontSort(ff->config, pat, FcFalse, NULL, &res);
    int found = -1;
    for (int i = 0; set && i < set->nfont && found < 0; i++) {
        FcPattern *font = set->fonts[i];
        FcCharSet *has;
        FcBool outline = FcFalse, scalable = FcFalse;
        FcChar8 *file, *format = NULL, *family = NULL;
        int index = 0;
        if (FcPatternGetCharSet(font, FC_CHARSET, 0, &has) != FcResultMatch ||
            !FcCharSetHasChar(has, c) ||
            FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetBool(font, FC_OUTLINE, 0, &outline);
        FcPatternGetBool(font, FC_SCALABLE, 0, &scalable);
        FcPatternGetString(font, FC_FONTFORMAT, 0, &format);
        FcPatternGetString(font, FC_FAMILY, 0, &family);
        FcPatternGetInteger(font, FC_INDEX, 0, &index);
        /* Bitmap and colour-bitmap fonts (Noto Color Emoji) cannot be
         * sized freely by SDL_ttf; Type 1 has no Unicode cmap to trust. */
        if (!outline || !scalable || !format ||
            (strcmp((const char *)format, "TrueType") != 0 &&
             strcmp((const char *)format, "CFF") != 0))
            continue;
        int face = face_of(ff, (const char *)file, index,
                           (const char *)family);
        if (face >= 0 && TTF_GlyphIsProvided32(ff->faces[face].probe, c))
            found = face;
    }
    if (set)
        FcFontSetDestroy(set);
    FcPatternDestroy(pat);
    FcCharSetDestroy(want);
    return found;
}

int font_fallback_face(FontFallback *ff, uint32_t c)
{
    if (c == 0)
        return -1;
    if (ff->char_count >= CHAR_SLOTS / 2) {
        /* Half full: start over rather than let probing grow long. */
        memset(ff->chars, 0, sizeof ff->chars);
        ff->char_count = 0;
    }
    size_t slot = (c * 2654435761u) % CHAR_SLOTS;
    while (ff->chars[slot].c && ff->chars[slot].c != c)
        slot = (slot + 1) % CHAR_SLOTS;
    if (!ff->chars[slot].c) {
        ff->chars[slot] = (CharSlot){c, look_up(ff, c)};
        ff->char_count++;
    }
    return ff->chars[slot].face;
}

const char *font_fallback_family(const FontFallback *ff, int face)
{
    return face >= 0 && face < ff->face_count ? ff->faces[face].family : "";
}

const char *font_fallback_file(const FontFallback *ff, int face)
{
    return face >= 0 && face < ff->face_count ? ff->faces[face].file : "";
}

TTF_Font *font_fallback_font(FontFallback *ff, int face, int px, bool bold)
{
    if (face < 0 || face >= ff->face_count || !ff->faces[face].probe)
        return NULL;
    int victim = 0;
    for (int i = 0; i < MAX_OPEN; i++) {
        OpenFont *o = &ff->open[i];
        if (o->font && o->face == face && o->px == px && o->bold == bold) {
            o->last_used = ++ff->clock;
            return o->font;
        }
        if (!o->font)
            victim = i;
        else if (ff->open[victim].font &&
                 o->last_used < ff->open[victim].last_used)
            victim = i;
    }
    TTF_Font *font = TTF_OpenFontIndex(ff->faces[face].file, px,
                                       ff->faces[face].index);
    if (!font)
        return NULL;
    if (bold)
        TTF_SetFontStyle(font, TTF_STYLE_BOLD);
    OpenFont *o = &ff->open[victim];
    if (o->font)
        TTF_CloseFont(o->font);
    *o = (OpenFont){font, face, px, bold, ++ff->clock};
    return font;
}
