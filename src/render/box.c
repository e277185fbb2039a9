/* Rounded boxes from cached masks. Triangles are what the software
 * renderer draws slowest (each blended one goes through a temporary
 * surface the size of its bounding box), and a frame is mostly rounded
 * cells and boxes. So a box is cut into a 3 x 3 grid: the corners are
 * copied from a small mask texture of the rounded shape (white, alpha =
 * coverage, tinted with colour and alpha modulation, so one mask serves
 * every colour and fade), and the straight edges and the interior, whose
 * coverage does not change along them, are filled as rectangles (opaque
 * ones without blending). A mask is keyed by geometry alone: (size,
 * radius, outline width). The box is whole pixels, so its straight edges
 * are crisp and only the corners carry anti-aliasing. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/box.h"

/* Radius and width are keyed (and drawn) in 1/16 px. */
#define QUANT 16.0f
/* Corners larger than this (pixels) are not worth a mask. */
#define MAX_CORNER 64
/* A mask unused for this many frames is dropped. */
#define KEEP_FRAMES 90
/* Above this many masks, anything not used this frame is dropped. */
#define MAX_MASKS 256

typedef struct {
    int tw, th, rq, swq; /* key: mask size, radius and width in 1/16 px */
    SDL_Texture *fill, *stroke; /* stroke is NULL without an outline */
    Uint8 *fill_cov, *stroke_cov; /* tw x th coverage, 0..255 */
    unsigned last_frame;
} Mask;

struct BoxCache {
    SDL_Renderer *sdl;
    Mask *masks;
    int count, capacity;
    unsigned frame;
};

static void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fprintf(stderr, "render: out of memory (%zu bytes)\n", size);
        abort();
    }
    return q;
}

BoxCache *box_cache_create(SDL_Renderer *sdl)
{
    BoxCache *bc = xrealloc(NULL, sizeof *bc);
    *bc = (BoxCache){.sdl = sdl};
    return bc;
}

static void mask_free(Mask *m)
{
    if (m->fill)
        SDL_DestroyTexture(m->fill);
    if (m->stroke)
        SDL_DestroyTexture(m->stroke);
    free(m->fill_cov);
    free(m->stroke_cov);
}

void box_cache_destroy(BoxCache *bc)
{
    if (!bc)
        return;
    for (int i = 0; i < bc->count; i++)
        mask_free(&bc->masks[i]);
    free(bc->masks);
    free(bc);
}

int box_cache_count(const BoxCache *bc)
{
    return bc->count;
}

void box_cache_end_frame(BoxCache *bc)
{
    bool crowded = bc->count > MAX_MASKS;
    int kept = 0;
    for (int i = 0; i < bc->count; i++) {
        Mask *m = &bc->masks[i];
        unsigned age = bc->frame - m->last_frame;
        if (age > KEEP_FRAMES || (crowded && age > 0))
            mask_free(m);
        else
            bc->masks[kept++] = *m;
    }
    bc->count = kept;
    bc->frame++;
}

/* Share of a pixel whose centre lies e pixels inside the outline that is
 * at least t pixels inside it (a one-pixel box filter across the edge). */
static float cover(float e, float t)
{
    float c = e - t + 0.5f;
    return c < 0 ? 0 : c > 1 ? 1 : c;
}

static SDL_Texture *mask_texture(SDL_Renderer *sdl, const Uint8 *cov, int w,
                                 int h)
{
    Uint32 *pixels = xrealloc(NULL, (size_t)w * (size_t)h * sizeof *pixels);
    for (int i = 0; i < w * h; i++)
        pixels[i] = (Uint32)cov[i] << 24 | 0xFFFFFFu;
    SDL_Texture *tex = SDL_CreateTexture(sdl, SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_STATIC, w, h);
    if (tex && (SDL_UpdateTexture(tex, NULL, pixels, w * 4) != 0 ||
                SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND) != 0)) {
        SDL_DestroyTexture(tex);
        tex = NULL;
    }
    free(pixels);
    return tex;
}

/* Renders the coverage of a tw x th rounded box (radius rq/16) and its
 * outline (swq/16 wide): the fill reaches the middle of the outline. */
static bool mask_make(SDL_Renderer *sdl, Mask *m)
{
    float r = (float)m->rq / QUANT, sw = (float)m->swq / QUANT;
    size_t n = (size_t)m->tw * (size_t)m->th;
    m->fill_cov = xrealloc(NULL, n);
    m->stroke_cov = xrealloc(NULL, n);
    float hx = (float)m->tw * 0.5f, hy = (float)m->th * 0.5f;
    for (int y = 0; y < m->th; y++) {
        for (int x = 0; x < m->tw; x++) {
            /* Signed distance from the pixel centre to the outline
             * (negative inside): e is how far inside it lies. */
            float qx = fabsf((float)x + 0.5f - hx) - (hx - r);
            float qy = fabsf((float)y + 0.5f - hy) - (hy - r);
            float ox = qx > 0 ? qx : 0, oy = qy > 0 ? qy : 0;
            float in = qx > qy ? qx : qy;
            float e = -(sqrtf(ox * ox + oy * oy) + (in < 0 ? in : 0) - r);
            float f = sw > 0 ? cover(e, sw * 0.5f) : cover(e, 0);
            float s = sw > 0 ? cover(e, 0) - cover(e, sw) : 0;
            size_t i = (size_t)y * (size_t)m->tw + (size_t)x;
            m->fill_cov[i] = (Uint8)lroundf(f * 255.0f);
            m->stroke_cov[i] = (Uint8)lroundf(s * 255.0f);
        }
    }
    m->fill = mask_texture(sdl, m->fill_cov, m->tw, m->th);
    m->stroke = m->swq > 0 && m->fill
                    ? mask_texture(sdl, m->stroke_cov, m->tw, m->th)
                    : NULL;
    return m->fill && (m->swq == 0 || m->stroke);
}

static Mask *mask_get(BoxCache *bc, int tw, int th, int rq, int swq)
{
    for (int i = 0; i < bc->count; i++) {
        Mask *m = &bc->masks[i];
        if (m->tw == tw && m->th == th && m->rq == rq && m->swq == swq) {
            m->last_frame = bc->frame;
            return m;
        }
    }
    Mask m = {.tw = tw, .th = th, .rq = rq, .swq = swq,
              .last_frame = bc->frame};
    if (!mask_make(bc->sdl, &m)) {
        mask_free(&m);
        return NULL;
    }
    if (bc->count == bc->capacity) {
        bc->capacity = bc->capacity ? 2 * bc->capacity : 32;
        bc->masks = xrealloc(bc->masks,
                             (size_t)bc->capacity * sizeof *bc->masks);
    }
    bc->masks[bc->count] = m;
    return &bc->masks[bc->count++];
}

/* One run of a box along an axis: len pixels from dst (relative to the
 * box), copied from the mask at src, or the mask's line at src repeated
 * (stretch). */
typedef struct {
    int dst, len, src;
    bool stretch;
} Run;

/* Cuts a side of `size` pixels with corners of c pixels into runs; the
 * mask is 2c + 1 pixels across (corner, one repeatable line, corner), or
 * the whole side when that is not longer. */
static int runs(int size, int c, int *mask_size, Run out[3])
{
    if (size < 2 * c + 1) {
        *mask_size = size;
        out[0] = (Run){0, size, 0, false};
        return 1;
    }
    *mask_size = 2 * c + 1;
    int n = 0;
    if (c > 0)
        out[n++] = (Run){0, c, 0, false};
    out[n++] = (Run){c, size - 2 * c, c, true};
    if (c > 0)
        out[n++] = (Run){size - c, c, c + 1, false};
    return n;
}

/* A rectangle of colour col at coverage cov (0..255). */
static bool fill_rect(SDL_Renderer *sdl, SDL_Rect r, SDL_Color col, int cov)
{
    int a = (col.a * cov + 127) / 255;
    if (a == 0 || r.w <= 0 || r.h <= 0)
        return true;
    return SDL_SetRenderDrawBlendMode(sdl, a == 255 ? SDL_BLENDMODE_NONE
                                                    : SDL_BLENDMODE_BLEND) ==
               0 &&
           SDL_SetRenderDrawColor(sdl, col.r, col.g, col.b, (Uint8)a) == 0 &&
           SDL_RenderFillRect(sdl, &r) == 0;
}

/* A stretched edge run: each line across it has one coverage, so it is
 * filled line by line, equal neighbouring lines as one rectangle. along
 * is the run being repeated, across the run of lines. */
static bool fill_lines(SDL_Renderer *sdl, const Mask *m, SDL_Rect box,
                       Run along, Run across, bool vertical_lines,
                       SDL_Color fill, SDL_Color stroke)
{
    bool ok = true;
    int j = 0;
    while (j < across.len) {
        int x = vertical_lines ? across.src + j : along.src;
        int y = vertical_lines ? along.src : across.src + j;
        size_t i = (size_t)y * (size_t)m->tw + (size_t)x;
        int fc = m->fill_cov[i], sc = m->stroke_cov[i];
        int k = j + 1;
        for (; k < across.len; k++) {
            int x2 = vertical_lines ? across.src + k : along.src;
            int y2 = vertical_lines ? along.src : across.src + k;
            size_t i2 = (size_t)y2 * (size_t)m->tw + (size_t)x2;
            if (m->fill_cov[i2] != fc || m->stroke_cov[i2] != sc)
                break;
        }
        SDL_Rect r;
        if (vertical_lines)
            r = (SDL_Rect){box.x + across.dst + j, box.y + along.dst, k - j,
                           along.len};
        else
            r = (SDL_Rect){box.x + along.dst, box.y + across.dst + j,
                           along.len, k - j};
        /* An opaque outline hides the fill beneath it. */
        if (!(sc == 255 && stroke.a == 255))
            ok &= fill_rect(sdl, r, fill, fc);
        ok &= fill_rect(sdl, r, stroke, sc);
        j = k;
    }
    return ok;
}

static bool copy_mask(SDL_Renderer *sdl, SDL_Texture *tex, SDL_Color col,
                      SDL_Rect src, SDL_Rect dst)
{
    if (col.a == 0)
        return true;
    return SDL_SetTextureColorMod(tex, col.r, col.g, col.b) == 0 &&
           SDL_SetTextureAlphaMod(tex, col.a) == 0 &&
           SDL_RenderCopy(sdl, tex, &src, &dst) == 0;
}

BoxResult box_draw(BoxCache *bc, SDL_Rect box, float r, float sw,
                   SDL_Color fill, SDL_Color stroke)
{
    if (box.w <= 0 || box.h <= 0)
        return BOX_DRAWN;
    float half = (float)(box.w < box.h ? box.w : box.h) * 0.5f;
    if (!(r > 0))
        r = 0;
    if (r > half)
        r = half;
    if (!(sw > 0) || stroke.a == 0)
        sw = 0;
    if (sw > half)
        sw = half;
    int rq = (int)lroundf(r * QUANT), swq = (int)lroundf(sw * QUANT);
    /* Corner runs reach as far in as the rounding or the outline. */
    int c = (int)ceilf((float)(rq > swq ? rq : swq) / QUANT);
    if (c > MAX_CORNER)
        return BOX_TOO_LARGE;

    Run xs[3], ys[3];
    int tw, th;
    int nx = runs(box.w, c, &tw, xs), ny = runs(box.h, c, &th, ys);
    if (tw > 2 * MAX_CORNER + 1 || th > 2 * MAX_CORNER + 1)
        return BOX_TOO_LARGE;
    Mask *m = mask_get(bc, tw, th, rq, swq);
    if (!m)
        return BOX_FAILED;

    SDL_Renderer *sdl = bc->sdl;
    bool ok = true;
    /* Fill everywhere, then the outline over it: the pieces do not
     * overlap, so each pixel is blended once per layer. */
    for (int layer = 0; layer < 2; layer++) {
        SDL_Texture *tex = layer == 0 ? m->fill : m->stroke;
        SDL_Color col = layer == 0 ? fill : stroke;
        if (!tex || col.a == 0)
            continue;
        for (int iy = 0; iy < ny; iy++) {
            for (int ix = 0; ix < nx; ix++) {
                Run rx = xs[ix], ry = ys[iy];
                if (rx.stretch || ry.stretch)
                    continue;
                SDL_Rect src = {rx.src, ry.src, rx.len, ry.len};
                SDL_Rect dst = {box.x + rx.dst, box.y + ry.dst, rx.len,
                                ry.len};
                ok &= copy_mask(sdl, tex, col, src, dst);
            }
        }
    }
    for (int iy = 0; iy < ny; iy++) {
        for (int ix = 0; ix < nx; ix++) {
            Run rx = xs[ix], ry = ys[iy];
            if (rx.stretch && ry.stretch) {
                size_t i = (size_t)ry.src * (size_t)m->tw + (size_t)rx.src;
                SDL_Rect dst = {box.x + rx.dst, box.y + ry.dst, rx.len,
                                ry.len};
                int sc = m->stroke_cov[i];
                if (!(sc == 255 && stroke.a == 255))
                    ok &= fill_rect(sdl, dst, fill, m->fill_cov[i]);
                ok &= fill_rect(sdl, dst, stroke, sc);
            } else if (rx.stretch) {
                ok &= fill_lines(sdl, m, box, rx, ry, false, fill, stroke);
            } else if (ry.stretch) {
                ok &= fill_lines(sdl, m, box, ry, rx, true, fill, stroke);
            }
        }
    }
    if (SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_BLEND) != 0)
        ok = false;
    return ok ? BOX_DRAWN : BOX_FAILED;
}
