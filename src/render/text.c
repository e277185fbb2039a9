/* The renderer's text: a few TTF_Fonts opened from the font file held in
 * memory and set to the (pixel size, bold) asked for, fallback fonts for what it lacks
 * (font_fallback.c), lines laid out and drawn run by run (text_line.c)
 * into textures faded with alpha modulation when drawn, and two caches
 * keyed by (text, pixel size, bold): textures (and colour), swept each
 * frame, and widths. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#if defined(__unix__) && !defined(__EMSCRIPTEN__)
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#define HAVE_MMAP 1
#endif

#include <SDL_ttf.h>

#include "render/alloc.h"
#include "render/text.h"
#include "render/text_line.h"

/* Fonts open at once (see font_at). */
#if SDL_TTF_VERSION_ATLEAST(2, 0, 18)
#define MAX_FONTS 3
#else
#define MAX_FONTS 24
#endif
#define BUCKETS 1024
/* A texture unused for this many frames is dropped. */
#define KEEP_FRAMES 90
/* Above this many textures, anything not drawn this frame is dropped. */
#define MAX_TEXTURES 1024
/* Above this many remembered widths, the width cache starts over. */
#define MAX_WIDTHS 16384

typedef struct {
    TTF_Font *font;
    int px;
    bool bold;
    unsigned last_used;
} FontSlot;

typedef struct Entry {
    struct Entry *next;
    uint32_t hash;
    int px;
    bool bold;
    uint32_t rgb; /* texture table only */
    char *text;
    SDL_Texture *texture; /* texture table only */
    int w, h, ascent;
    unsigned last_frame;
} Entry;

struct TextCache {
    SDL_Renderer *sdl;
    void *font_data;
    size_t font_size;
    bool font_mapped; /* font_data is the file mapped (else SDL_LoadFile's) */
    FontSlot fonts[MAX_FONTS];
    TTF_Font *probe; /* never evicted: asked which glyphs the font has */
    FontFallback *fallback;
    LineFonts line_fonts;
    unsigned font_clock;
    unsigned frame;
    Entry *textures[BUCKETS];
    int texture_count;
    Entry *widths[BUCKETS];
    int width_count;
};

static TTF_Font *shipped_at(void *ctx, int px, bool bold);

/* The font file in memory, one copy for every size: mapped where the
 * system can (no copy, pages shared with the page cache; reading the
 * 2.6 MB font into fresh memory measured ~15 ms against ~2 ms), else read
 * whole. NULL with SDL_GetError saying why. */
static void *font_file_load(TextCache *tc, const char *path, off_t size)
{
#ifdef HAVE_MMAP
    int fd = size > 0 ? open(path, O_RDONLY) : -1;
    if (fd >= 0) {
        void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
        close(fd);
        if (p != MAP_FAILED) {
            tc->font_size = (size_t)size;
            tc->font_mapped = true;
            return p;
        }
    }
#else
    (void)size;
#endif
    return SDL_LoadFile(path, &tc->font_size);
}

static void font_file_free(TextCache *tc)
{
    if (!tc->font_data)
        return;
#ifdef HAVE_MMAP
    if (tc->font_mapped) {
        munmap(tc->font_data, tc->font_size);
        return;
    }
#endif
    SDL_free(tc->font_data);
}

/* FNV-1a over the key. */
static uint32_t key_hash(const char *text, int px, bool bold, uint32_t rgb)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 16777619u;
    h = (h ^ (uint32_t)px) * 16777619u;
    h = (h ^ (bold ? 1u : 0u)) * 16777619u;
    h = (h ^ rgb) * 16777619u;
    return h;
}

static Entry *find(Entry **table, uint32_t hash, const char *text, int px,
                   bool bold, uint32_t rgb)
{
    for (Entry *e = table[hash % BUCKETS]; e; e = e->next)
        if (e->hash == hash && e->px == px && e->bold == bold &&
            e->rgb == rgb &&
            strcmp(e->text, text) == 0)
            return e;
    return NULL;
}

static Entry *insert(Entry **table, uint32_t hash, const char *text, int px,
                     bool bold, uint32_t rgb)
{
    Entry *e = xrealloc(NULL, sizeof *e);
    *e = (Entry){.hash = hash, .px = px, .bold = bold, .rgb = rgb,
                 .text = xstrdup(text)};
    e->next = table[hash % BUCKETS];
    table[hash % BUCKETS] = e;
    return e;
}

static void free_entry(Entry *e)
{
    if (e->texture)
        SDL_DestroyTexture(e->texture);
    free(e->text);
    free(e);
}

static void clear_table(Entry **table)
{
    for (int b = 0; b < BUCKETS; b++) {
        Entry *e = table[b];
        while (e) {
            Entry *next = e->next;
            free_entry(e);
            e = next;
        }
        table[b] = NULL;
    }
}

TextCache *text_cache_create(SDL_Renderer *sdl, const char *font_path,
                             char *err, size_t err_size)
{
    TextCache *tc = xrealloc(NULL, sizeof *tc);
    *tc = (TextCache){.sdl = sdl};
    /* SDL_ttf counts its users, so this pairs with TTF_Quit in destroy. */
    if (TTF_Init() != 0) {
        snprintf(err, err_size, "cannot start SDL_ttf: %s", TTF_GetError());
        free(tc);
        return NULL;
    }
    /* A folder there crashed SDL_LoadFile and a FIFO hung it. */
    struct stat st;
    errno = 0;
    if (stat(font_path, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, err_size, "%s: cannot read font: %s", font_path,
                 errno ? strerror(errno) : "not a regular file");
        goto fail;
    }
    tc->font_data = font_file_load(tc, font_path, st.st_size);
    if (!tc->font_data) {
        snprintf(err, err_size, "%s: cannot read font: %s", font_path,
                 SDL_GetError());
        goto fail;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(tc->font_data, (int)tc->font_size);
    TTF_Font *probe = rw ? TTF_OpenFontRW(rw, 1, 16) : NULL;
    if (!probe) {
        snprintf(err, err_size, "%s: not a usable font: %s", font_path,
                 TTF_GetError());
        goto fail;
    }
    tc->probe = probe;
    tc->fallback = font_fallback_create();
    tc->line_fonts = (LineFonts){shipped_at, tc, probe, tc->fallback};
    return tc;

fail:
    font_file_free(tc);
    TTF_Quit();
    free(tc);
    return NULL;
}

void text_cache_destroy(TextCache *tc)
{
    if (!tc)
        return;
    clear_table(tc->textures);
    clear_table(tc->widths);
    for (int i = 0; i < MAX_FONTS; i++)
        if (tc->fonts[i].font)
            TTF_CloseFont(tc->fonts[i].font);
    TTF_CloseFont(tc->probe);
    font_fallback_destroy(tc->fallback);
    font_file_free(tc);
    TTF_Quit();
    free(tc);
}

/* The font at px pixels (bold or not). Opening the shipped font costs
 * several milliseconds and about a megabyte each time (FreeType copies the
 * CFF tables out of SDL_ttf's stream), and a slide uses ten or more sizes,
 * so a few fonts are opened once and set to the size asked for
 * (TTF_SetFontSize: the same metrics and glyphs as a font opened at that
 * size, its glyph cache starting over); the least recently used is the one
 * re-sized. Where SDL_ttf cannot re-size, each size is opened once. */
static TTF_Font *font_at(TextCache *tc, int px, bool bold)
{
    int victim = 0;
    for (int i = 0; i < MAX_FONTS; i++) {
        FontSlot *s = &tc->fonts[i];
        if (s->font && s->px == px && s->bold == bold) {
            s->last_used = ++tc->font_clock;
            return s->font;
        }
        if (!s->font)
            victim = i;
        else if (tc->fonts[victim].font &&
                 s->last_used < tc->fonts[victim].last_used)
            victim = i;
    }
    FontSlot *s = &tc->fonts[victim];
#if SDL_TTF_VERSION_ATLEAST(2, 0, 18)
    if (s->font && TTF_SetFontSize(s->font, px) == 0) {
        TTF_SetFontStyle(s->font, bold ? TTF_STYLE_BOLD : TTF_STYLE_NORMAL);
        s->px = px;
        s->bold = bold;
        s->last_used = ++tc->font_clock;
        return s->font;
    }
#endif
    SDL_RWops *rw = SDL_RWFromConstMem(tc->font_data, (int)tc->font_size);
    TTF_Font *font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
    if (!font)
        return NULL;
    if (bold)
        TTF_SetFontStyle(font, TTF_STYLE_BOLD);
    if (s->font)
        TTF_CloseFont(s->font);
    *s = (FontSlot){font, px, bold, ++tc->font_clock};
    return font;
}

static TTF_Font *shipped_at(void *ctx, int px, bool bold)
{
    return font_at(ctx, px, bold);
}

SDL_Texture *text_cache_line(TextCache *tc, const char *utf8, int px,
                             bool bold, SDL_Color color, int *w, int *h,
                             int *ascent)
{
    *w = *h = *ascent = 0;
    if (!utf8 || !*utf8 || px < 1)
        return NULL;
    uint32_t rgb = (uint32_t)color.r << 16 | (uint32_t)color.g << 8 | color.b;
    uint32_t hash = key_hash(utf8, px, bold, rgb);
    Entry *e = find(tc->textures, hash, utf8, px, bold, rgb);
    if (!e) {
        int line_ascent;
        SDL_Surface *surf = text_line_draw(&tc->line_fonts, utf8, px, bold,
                                           color, &line_ascent);
        if (!surf)
            return NULL;
        SDL_Texture *tex = SDL_CreateTextureFromSurface(tc->sdl, surf);
        int sw = surf->w, sh = surf->h;
        SDL_FreeSurface(surf);
        if (!tex)
            return NULL;
        if (SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND) != 0) {
            SDL_DestroyTexture(tex);
            return NULL;
        }
        e = insert(tc->textures, hash, utf8, px, bold, rgb);
        e->texture = tex;
        e->w = sw;
        e->h = sh;
        e->ascent = line_ascent;
        tc->texture_count++;
    }
    e->last_frame = tc->frame;
    *w = e->w;
    *h = e->h;
    *ascent = e->ascent;
    return e->texture;
}

int text_cache_width(TextCache *tc, const char *utf8, int px, bool bold)
{
    if (!utf8 || !*utf8 || px < 1)
        return 0;
    uint32_t hash = key_hash(utf8, px, bold, 0);
    Entry *e = find(tc->widths, hash, utf8, px, bold, 0);
    if (e)
        return e->w;
    int w = text_line_width(&tc->line_fonts, utf8, px, bold);
    if (w < 0)
        return -1;
    if (tc->width_count >= MAX_WIDTHS) {
        clear_table(tc->widths);
        tc->width_count = 0;
    }
    e = insert(tc->widths, hash, utf8, px, bold, 0);
    e->w = w;
    tc->width_count++;
    return w;
}

void text_cache_end_frame(TextCache *tc)
{
    bool crowded = tc->texture_count > MAX_TEXTURES;
    for (int b = 0; b < BUCKETS; b++) {
        Entry **link = &tc->textures[b];
        while (*link) {
            Entry *e = *link;
            unsigned age = tc->frame - e->last_frame;
            if (age > KEEP_FRAMES || (crowded && age > 0)) {
                *link = e->next;
                free_entry(e);
                tc->texture_count--;
            } else {
                link = &e->next;
            }
        }
    }
    tc->frame++;
}

int text_cache_texture_count(const TextCache *tc)
{
    return tc->texture_count;
}
