/* Laying out and drawing one line run by run. Every run's width is fixed
 * first (TTF_SizeUTF8 for font runs, the hex label plus padding for
 * boxes), runs are then drawn at those x positions and nothing outside
 * its own column: the drawn width is the sum of the laid-out widths.
 *
 * All ink is the one colour, so runs are merged by keeping the larger
 * coverage (alpha) at each pixel; that needs no blending maths and lets a
 * glyph's overhang into its neighbour's column survive. */
#include "render/text_line.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/text_runs.h"
#include "xalloc.h"

/* The hex label of a box is this fraction of the line's pixel size. */
#define LABEL_SCALE 0.45f
#define MIN_LABEL_PX 6

typedef struct {
    TextRun run;
    int x, w;
    bool blank; /* rounds to no width at this size: drawn as nothing */
} Placed;

static int label_px(int px)
{
    int l = (int)((float)px * LABEL_SCALE + 0.5f);
    return l < MIN_LABEL_PX ? MIN_LABEL_PX : l;
}

/* Padding inside a box, and the gap either side of it. */
static int box_pad(int px) { return px / 10 > 1 ? px / 10 : 1; }
static int box_gap(int px) { return px / 16 > 1 ? px / 16 : 1; }

static void hex_label(uint32_t code, char out[12])
{
    snprintf(out, 12, "%04X", (unsigned)code);
}

static TTF_Font *font_of(const LineFonts *f, const TextRun *r, int px,
                         bool bold)
{
    if (r->source == RUN_SHIPPED)
        return f->shipped_at(f->ctx, px, bold);
    if (r->source == RUN_FALLBACK)
        return font_fallback_font(f->ff, r->face, px, bold);
    return f->shipped_at(f->ctx, label_px(px), false); /* the hex label */
}

static char *run_text(const char *utf8, const TextRun *r, char *label)
{
    if (r->source == RUN_BOX || r->source == RUN_MARKER) {
        hex_label(r->code, label);
        return xstrdup(label);
    }
    char *t = xrealloc(NULL, r->len + 1);
    memcpy(t, utf8 + r->start, r->len);
    t[r->len] = '\0';
    return t;
}

/* Lays out utf8: runs with x and width into *out; returns the line
 * width, or -1 on failure. */
static int lay_out(const LineFonts *f, const char *utf8, int px, bool bold,
                   Placed **out, int *count)
{
    TextRun *runs;
    int n = text_runs_split(f->shipped_probe, f->ff, utf8, &runs);
    Placed *p = xrealloc(NULL, (size_t)(n ? n : 1) * sizeof *p);
    int x = 0;
    for (int i = 0; i < n; i++) {
        char label[12];
        char *text = run_text(utf8, &runs[i], label);
        TTF_Font *font = font_of(f, &runs[i], px, bold);
        int w = 0, h = 0;
        bool ok = font && TTF_SizeUTF8(font, text, &w, &h) == 0;
        free(text);
        if (!ok) {
            free(runs);
            free(p);
            return -1;
        }
        bool blank = w < 1 && (runs[i].source == RUN_SHIPPED ||
                               runs[i].source == RUN_FALLBACK);
        if (blank)
            w = 1; /* so no non-empty line is 0 wide, which SDL refuses */
        if (runs[i].source == RUN_BOX || runs[i].source == RUN_MARKER)
            w += 2 * (box_pad(px) + 1 + box_gap(px)); /* label in a frame */
        p[i] = (Placed){runs[i], x, w, blank};
        x += w;
    }
    free(runs);
    *out = p;
    *count = n;
    return x;
}

int text_line_width(const LineFonts *f, const char *utf8, int px, bool bold)
{
    if (!utf8 || !*utf8)
        return 0;
    Placed *p;
    int n;
    int w = lay_out(f, utf8, px, bold, &p, &n);
    if (w >= 0)
        free(p);
    return w;
}

/* Merges coverage a at (x, y) of dst, inside columns [x0, x1). */
static void ink(SDL_Surface *dst, int x, int y, Uint8 a, int x0, int x1)
{
    if (x < x0 || x >= x1 || x < 0 || y < 0 || x >= dst->w || y >= dst->h)
        return;
    Uint32 *px = (Uint32 *)((Uint8 *)dst->pixels + y * dst->pitch) + x;
    if (a > (*px >> 24))
        *px = (*px & 0x00FFFFFFu) | (Uint32)a << 24;
}

/* Copies the coverage of a rendered run (any format) onto dst at
 * (x, y), clipped to columns [x0, x1): ink() for every pixel, a row at a
 * time. */
static bool merge(SDL_Surface *dst, SDL_Surface *src, int x, int y, int x0,
                  int x1)
{
    /* SDL_ttf's blended runs are ARGB8888 already: no copy then. */
    SDL_Surface *s = src->format->format == SDL_PIXELFORMAT_ARGB8888 &&
                             !SDL_MUSTLOCK(src)
                         ? src
                         : SDL_ConvertSurfaceFormat(
                               src, SDL_PIXELFORMAT_ARGB8888, 0);
    if (!s)
        return false;
    int from = x0 > 0 ? x0 : 0, to = x1 < dst->w ? x1 : dst->w;
    if (from < x)
        from = x;
    if (to > x + s->w)
        to = x + s->w;
    for (int j = 0; j < s->h && from < to; j++) {
        int yy = y + j;
        if (yy < 0 || yy >= dst->h)
            continue;
        const Uint32 *row = (const Uint32 *)((Uint8 *)s->pixels + j * s->pitch);
        Uint32 *out = (Uint32 *)((Uint8 *)dst->pixels + yy * dst->pitch);
        for (int xx = from; xx < to; xx++) {
            Uint32 a = row[xx - x] >> 24;
            if (a > (out[xx] >> 24))
                out[xx] = (out[xx] & 0x00FFFFFFu) | a << 24;
        }
    }
    if (s != src)
        SDL_FreeSurface(s);
    return true;
}

/* A box's frame: solid for a missing glyph, dotted for an invisible
 * character (every other pixel), so the two read differently. */
static void frame(SDL_Surface *dst, int x0, int y0, int x1, int y1,
                  bool dotted)
{
    for (int x = x0; x <= x1; x++)
        for (int k = 0; k < 2; k++)
            if (!dotted || (x - x0) % 2 == 0)
                ink(dst, x, k ? y1 : y0, 255, x0, x1 + 1);
    for (int y = y0; y <= y1; y++)
        for (int k = 0; k < 2; k++)
            if (!dotted || (y - y0) % 2 == 0)
                ink(dst, k ? x1 : x0, y, 255, x0, x1 + 1);
}

SDL_Surface *text_line_draw(const LineFonts *f, const char *utf8, int px,
                            bool bold, SDL_Color rgb, int *ascent)
{
    *ascent = 0;
    if (!utf8 || !*utf8)
        return NULL;
    TTF_Font *shipped = f->shipped_at(f->ctx, px, bold);
    if (!shipped)
        return NULL;
    int base = TTF_FontAscent(shipped), height = TTF_FontHeight(shipped);
    Placed *p;
    int n;
    int width = lay_out(f, utf8, px, bold, &p, &n);
    if (width <= 0) {
        if (width == 0)
            free(p);
        return NULL;
    }
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(
        0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst) {
        free(p);
        return NULL;
    }
    /* Transparent pixels of the ink colour: coverage is all that varies. */
    Uint32 clear = (Uint32)rgb.r << 16 | (Uint32)rgb.g << 8 | rgb.b;
    for (int y = 0; y < height; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)dst->pixels + y * dst->pitch);
        for (int x = 0; x < width; x++)
            row[x] = clear;
    }
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        const Placed *r = &p[i];
        if (r->blank)
            continue;
        char label[12];
        char *text = run_text(utf8, &r->run, label);
        TTF_Font *font = font_of(f, &r->run, px, bold);
        SDL_Surface *s = font ? TTF_RenderUTF8_Blended(
                                    font, text, (SDL_Color){255, 255, 255, 255})
                              : NULL;
        free(text);
        if (!s) {
            ok = false;
            break;
        }
        if (r->run.source == RUN_SHIPPED || r->run.source == RUN_FALLBACK) {
            /* On the shipped font's baseline; overhang may reach the
             * neighbours, the line's edges clip it. */
            ok = merge(dst, s, r->x, base - TTF_FontAscent(font), 0, width);
        } else {
            /* The box spans the height of a capital and a bit below. */
            int gap = box_gap(px), pad = box_pad(px);
            int x0 = r->x + gap, x1 = r->x + r->w - gap - 1;
            int y0 = base - (int)((float)px * 0.78f), y1 = base + px / 8;
            if (y0 < 0)
                y0 = 0;
            if (y1 >= height)
                y1 = height - 1;
            frame(dst, x0, y0, x1, y1, r->run.source == RUN_MARKER);
            int ly = (y0 + y1 + 1 - s->h) / 2;
            ok = merge(dst, s, x0 + 1 + pad, ly, x0 + 1, x1);
        }
        SDL_FreeSurface(s);
    }
    free(p);
    if (!ok) {
        SDL_FreeSurface(dst);
        return NULL;
    }
    *ascent = base;
    return dst;
}
