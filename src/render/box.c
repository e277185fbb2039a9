/* Rounded boxes from cached masks. Triangles are what the software
 * renderer draws slowest (each blended one goes through a temporary
 * surface the size of its bounding box), and a frame is mostly rounded
 * cells and boxes. So a box is cut into a 3 x 3 grid: the corners are
 * copied from a small texture of the rounded shape, and the straight
 * edges and the interior, whose colour does not change along them, are
 * filled as rectangles (opaque ones without blending). A mask holds the
 * coverage of fill and outline for one geometry (size, radius, outline
 * width); each (fill, outline) colour pair gets its texture with the
 * outline composited over the fill, so a corner is one plain blended copy
 * (colour modulation would cost the software renderer a slower blitter
 * and a second copy for the outline). The box is whole pixels, so its
 * straight edges are crisp and only the corners carry anti-aliasing. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "render/alloc.h"
#include "render/box.h"

/* Radius and width are keyed (and drawn) in 1/16 px. */
#define QUANT 16.0f
/* Corners larger than this (pixels) are not worth a mask. */
#define MAX_CORNER 64
/* A mask unused for this many frames is dropped. */
#define KEEP_FRAMES 90
/* Above this many masks, anything not used this frame is dropped; the
 * same for the colours of one mask. */
#define MAX_MASKS 256
#define MAX_TINTS 256

/* A mask tinted with one fill and one outline colour, the outline
 * composited over the fill. */
typedef struct {
    SDL_Color fill, stroke;
    SDL_Texture *texture;
    SDL_Color *rows; /* colour of each line across the middle column */
    SDL_Color *cols; /* colour of each line across the middle row */
    unsigned last_frame;
} Tint;

typedef struct {
    int tw, th, rq, swq; /* key: mask size, radius and width in 1/16 px */
    Uint8 *fill_cov, *stroke_cov; /* tw x th coverage, 0..255 */
    Tint *tints;
    int tint_count, tint_capacity;
    unsigned last_frame;
} Mask;

struct BoxCache {
    SDL_Renderer *sdl;
    Mask *masks;
    int count, capacity;
    unsigned frame;
};

BoxCache *box_cache_create(SDL_Renderer *sdl)
{
    BoxCache *bc = xrealloc(NULL, sizeof *bc);
    *bc = (BoxCache){.sdl = sdl};
    return bc;
}

static void tint_free(Tint *t)
{
    SDL_DestroyTexture(t->texture);
    free(t->rows);
    free(t->cols);
}

static void mask_free(Mask *m)
{
    for (int i = 0; i < m->tint_count; i++)
        tint_free(&m->tints[i]);
    free(m->tints);
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
    int n = 0;
    for (int i = 0; i < bc->count; i++)
        n += bc->masks[i].tint_count;
    return n;
}

void box_cache_end_frame(BoxCache *bc)
{
    bool crowded = bc->count > MAX_MASKS;
    int kept = 0;
    for (int i = 0; i < bc->count; i++) {
        Mask *m = &bc->masks[i];
        unsigned age = bc->frame - m->last_frame;
        if (age > KEEP_FRAMES || (crowded && age > 0)) {
            mask_free(m);
            continue;
        }
        bool tints_crowded = m->tint_count > MAX_TINTS;
        int tk = 0;
        for (int t = 0; t < m->tint_count; t++) {
            Tint *tint = &m->tints[t];
            unsigned tage = bc->frame - tint->last_frame;
            if (tage > KEEP_FRAMES || (tints_crowded && tage > 0))
                tint_free(tint);
            else
                m->tints[tk++] = *tint;
        }
        m->tint_count = tk;
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

/* Renders the coverage of a tw x th rounded box (radius rq/16) and its
 * outline (swq/16 wide): the fill reaches the middle of the outline. */
static void mask_make(Mask *m)
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
    mask_make(&m);
    bc->masks = render_grow(bc->masks, &bc->capacity, bc->count + 1, 32,
                            sizeof *bc->masks);
    bc->masks[bc->count] = m;
    return &bc->masks[bc->count++];
}

/* The outline (coverage sc of 255) over the fill (coverage fc) as one
 * straight-alpha colour: blending it once gives what blending the fill
 * and then the outline would. */
static SDL_Color composite(SDL_Color fill, int fc, SDL_Color stroke, int sc)
{
    float fa = (float)(fill.a * fc) / (255.0f * 255.0f);
    float sa = (float)(stroke.a * sc) / (255.0f * 255.0f);
    float a = sa + fa * (1 - sa);
    if (a <= 0)
        return (SDL_Color){fill.r, fill.g, fill.b, 0};
    float kf = fa * (1 - sa) / a, ks = sa / a;
    return (SDL_Color){
        (Uint8)lroundf((float)fill.r * kf + (float)stroke.r * ks),
        (Uint8)lroundf((float)fill.g * kf + (float)stroke.g * ks),
        (Uint8)lroundf((float)fill.b * kf + (float)stroke.b * ks),
        (Uint8)lroundf(a * 255.0f)};
}

static bool same_color(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The mask in these colours, made on first use. */
static const Tint *tint_get(BoxCache *bc, Mask *m, SDL_Color fill,
                            SDL_Color stroke)
{
    for (int i = 0; i < m->tint_count; i++) {
        Tint *t = &m->tints[i];
        if (same_color(t->fill, fill) && same_color(t->stroke, stroke)) {
            t->last_frame = bc->frame;
            return t;
        }
    }
    int n = m->tw * m->th;
    Uint32 *pixels = xrealloc(NULL, (size_t)n * sizeof *pixels);
    SDL_Color *rows = xrealloc(NULL, (size_t)m->th * sizeof *rows);
    SDL_Color *cols = xrealloc(NULL, (size_t)m->tw * sizeof *cols);
    for (int i = 0; i < n; i++) {
        SDL_Color c = composite(fill, m->fill_cov[i], stroke,
                                m->stroke_cov[i]);
        pixels[i] = (Uint32)c.a << 24 | (Uint32)c.r << 16 |
                    (Uint32)c.g << 8 | c.b;
        int x = i % m->tw, y = i / m->tw;
        if (x == m->tw / 2)
            rows[y] = c;
        if (y == m->th / 2)
            cols[x] = c;
    }
    SDL_Texture *tex = SDL_CreateTexture(bc->sdl, SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_STATIC, m->tw,
                                         m->th);
    if (tex && (SDL_UpdateTexture(tex, NULL, pixels, m->tw * 4) != 0 ||
                SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND) != 0)) {
        SDL_DestroyTexture(tex);
        tex = NULL;
    }
    free(pixels);
    if (!tex) {
        free(rows);
        free(cols);
        return NULL;
    }
    m->tints = render_grow(m->tints, &m->tint_capacity, m->tint_count + 1, 16,
                           sizeof *m->tints);
    m->tints[m->tint_count++] = (Tint){fill, stroke, tex, rows, cols,
                                       bc->frame};
    return &m->tints[m->tint_count - 1];
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

/* A rectangle in colour col (straight alpha), without blending when
 * opaque. */
static bool fill_rect(SDL_Renderer *sdl, SDL_Rect r, SDL_Color col)
{
    if (col.a == 0 || r.w <= 0 || r.h <= 0)
        return true;
    return SDL_SetRenderDrawBlendMode(sdl, col.a == 255
                                               ? SDL_BLENDMODE_NONE
                                               : SDL_BLENDMODE_BLEND) == 0 &&
           SDL_SetRenderDrawColor(sdl, col.r, col.g, col.b, col.a) == 0 &&
           SDL_RenderFillRect(sdl, &r) == 0;
}

/* A stretched edge run: each line across it has one colour (the mask's
 * middle line), so it is filled line by line, equal neighbouring lines as
 * one rectangle. along is the run being repeated, across the run of lines
 * (its first `lines` only: the rest is drawn with the interior). */
static bool fill_lines(SDL_Renderer *sdl, const Tint *t, SDL_Rect box,
                       Run along, Run across, int lines, bool vertical)
{
    const SDL_Color *line = (vertical ? t->cols : t->rows) + across.src;
    bool ok = true;
    int j = 0;
    while (j < lines) {
        int k = j + 1;
        while (k < lines && same_color(line[k], line[j]))
            k++;
        SDL_Rect r;
        if (vertical)
            r = (SDL_Rect){box.x + across.dst + j, box.y + along.dst, k - j,
                           along.len};
        else
            r = (SDL_Rect){box.x + along.dst, box.y + across.dst + j,
                           along.len, k - j};
        ok &= fill_rect(sdl, r, line[j]);
        j = k;
    }
    return ok;
}

/* How many lines of a corner run (from its outer edge, step +1 or -1
 * from line `first`) differ from the interior colour; the others are
 * drawn as part of the interior. */
static int edge_lines(const Tint *t, int len, int mid, int first, int step)
{
    int n = len;
    while (n > 0 && same_color(t->rows[first + step * (n - 1)], t->rows[mid]))
        n--;
    return n;
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
    if (sw == 0)
        stroke = (SDL_Color){0, 0, 0, 0};
    if (fill.a == 0 && stroke.a == 0)
        return BOX_DRAWN;
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
    const Tint *tint = tint_get(bc, m, fill, stroke);
    if (!tint)
        return BOX_FAILED;
    SDL_Texture *tex = tint->texture;

    SDL_Renderer *sdl = bc->sdl;
    bool ok = true;
    /* The pieces do not overlap, so each pixel is blended once. */
    for (int iy = 0; iy < ny; iy++) {
        for (int ix = 0; ix < nx; ix++) {
            Run rx = xs[ix], ry = ys[iy];
            if (rx.stretch || ry.stretch)
                continue;
            SDL_Rect src = {rx.src, ry.src, rx.len, ry.len};
            SDL_Rect dst = {box.x + rx.dst, box.y + ry.dst, rx.len, ry.len};
            ok &= SDL_RenderCopy(sdl, tex, &src, &dst) == 0;
        }
    }
    /* Edges: lines of one colour each. The top and bottom edge lines that
     * already have the interior's colour join the interior. */
    int top = 0, bottom = 0;
    if (nx == 3 && ny == 3) {
        top = edge_lines(tint, c, c, 0, 1);
        bottom = edge_lines(tint, c, c, th - 1, -1);
    }
    for (int iy = 0; iy < ny; iy++) {
        for (int ix = 0; ix < nx; ix++) {
            Run rx = xs[ix], ry = ys[iy];
            if (rx.stretch && ry.stretch) {
                SDL_Rect dst = {box.x + rx.dst, box.y + top, rx.len,
                                box.h - top - bottom};
                ok &= fill_rect(sdl, dst, tint->rows[ry.src]);
            } else if (rx.stretch) {
                int lines = ry.len;
                if (ny == 3 && iy == 0) {
                    lines = top;
                } else if (ny == 3 && iy == 2) {
                    /* Bottom lines that differ are the last ones. */
                    ry.src += ry.len - bottom;
                    ry.dst += ry.len - bottom;
                    lines = bottom;
                }
                ok &= fill_lines(sdl, tint, box, rx, ry, lines, false);
            } else if (ry.stretch) {
                ok &= fill_lines(sdl, tint, box, ry, rx, rx.len, true);
            }
        }
    }
    if (SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_BLEND) != 0)
        ok = false;
    return ok ? BOX_DRAWN : BOX_FAILED;
}
