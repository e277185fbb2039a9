/* Feathered triangle geometry: filled convex polygons and thick strokes
 * whose edges fade over one pixel, which anti-aliases them on every
 * SDL_Renderer (the software one does not anti-alias triangles but does
 * interpolate vertex colours). Everything is batched into one buffer so a
 * frame makes few SDL_RenderGeometry calls. */
#include <math.h>
#include <stdlib.h>

#include "render/alloc.h"
#include "render/geometry.h"

/* The software renderer scans each triangle's bounding box: a diagonal
 * stroke is cut into pieces no longer than this (pixels). */
#define MAX_SEGMENT 24.0f
/* Largest distance between a true curve and its chords (pixels): under
 * a 1 px feather a third of a pixel does not show, and each chord costs
 * the software renderer two blended triangles (~1 us each). */
#define CURVE_TOLERANCE 0.3f
#define PI_F 3.14159265358979f

void geom_init(GeomBatch *g, SDL_Renderer *sdl)
{
    *g = (GeomBatch){.sdl = sdl};
}

void geom_deinit(GeomBatch *g)
{
    free(g->vertices);
    free(g->indices);
    free(g->solid);
    free(g->rects);
    free(g->scratch);
    *g = (GeomBatch){0};
}

/* Makes room for nv more vertices, ni more blended and ns more solid
 * indices. */
static void reserve(GeomBatch *g, int nv, int ni, int ns)
{
    g->vertices = render_grow(g->vertices, &g->vertex_capacity,
                              g->vertex_count + nv, 1024, sizeof *g->vertices);
    g->indices = render_grow(g->indices, &g->index_capacity,
                             g->index_count + ni, 2048, sizeof *g->indices);
    g->solid = render_grow(g->solid, &g->solid_capacity, g->solid_count + ns,
                           2048, sizeof *g->solid);
}

/* Room for n points while building one shape. */
static SDL_FPoint *scratch(GeomBatch *g, int n)
{
    g->scratch = render_grow(g->scratch, &g->scratch_capacity, n, 256,
                             sizeof *g->scratch);
    return g->scratch;
}

static void draw(GeomBatch *g, SDL_BlendMode mode, const int *indices,
                 int count)
{
    if (count > 0 &&
        (SDL_SetRenderDrawBlendMode(g->sdl, mode) != 0 ||
         SDL_RenderGeometry(g->sdl, NULL, g->vertices, g->vertex_count,
                            indices, count) != 0))
        g->failed = true;
}

bool geom_flush(GeomBatch *g, SDL_Renderer *sdl)
{
    g->sdl = sdl;
    if (g->solid_count == 0 && g->rect_count == 0 && g->index_count == 0) {
        bool ok = !g->failed;
        g->failed = false;
        g->vertex_count = 0;
        return ok;
    }
    draw(g, SDL_BLENDMODE_NONE, g->solid, g->solid_count);
    for (int i = 0; i < g->rect_count; i++) {
        SDL_Color c = g->rects[i].color;
        if (SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_NONE) != 0 ||
            SDL_SetRenderDrawColor(sdl, c.r, c.g, c.b, c.a) != 0 ||
            SDL_RenderFillRect(sdl, &g->rects[i].rect) != 0)
            g->failed = true;
    }
    draw(g, SDL_BLENDMODE_BLEND, g->indices, g->index_count);
    if (SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_BLEND) != 0)
        g->failed = true;
    bool ok = !g->failed;
    g->failed = false;
    g->vertex_count = 0;
    g->index_count = 0;
    g->solid_count = 0;
    g->rect_count = 0;
    return ok;
}

/* At a flush opaque triangles are drawn first, then rectangles, then
 * blended triangles; a new opaque shape after rectangles or blended
 * triangles therefore first draws what is pending. */
static void begin_solid(GeomBatch *g)
{
    if (g->index_count > 0 || g->rect_count > 0) {
        bool failed = g->failed || !geom_flush(g, g->sdl);
        g->failed = failed;
    }
}

static void vertex(GeomBatch *g, float x, float y, SDL_Color c)
{
    g->vertices[g->vertex_count++] = (SDL_Vertex){{x, y}, c, {0, 0}};
}

/* Appends the triangle abc to the solid (opaque, unblended) indices or to
 * the blended ones. */
static void tri(GeomBatch *g, bool solid, int a, int b, int c)
{
    int *list = solid ? g->solid : g->indices;
    int *count = solid ? &g->solid_count : &g->index_count;
    list[(*count)++] = a;
    list[(*count)++] = b;
    list[(*count)++] = c;
}

static void quad(GeomBatch *g, bool solid, int a, int b, int c, int d)
{
    tri(g, solid, a, b, c);
    tri(g, solid, a, c, d);
}

/* Copies pts into dst without consecutive (and, if closed, wrap-around)
 * duplicates, whose zero-length edges have no normal. */
static int dedupe(const SDL_FPoint *pts, int n, bool closed, SDL_FPoint *dst)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (!isfinite(pts[i].x) || !isfinite(pts[i].y))
            continue;
        if (m > 0 && fabsf(pts[i].x - dst[m - 1].x) < 1e-3f &&
            fabsf(pts[i].y - dst[m - 1].y) < 1e-3f)
            continue;
        dst[m++] = pts[i];
    }
    while (closed && m > 1 && fabsf(dst[0].x - dst[m - 1].x) < 1e-3f &&
           fabsf(dst[0].y - dst[m - 1].y) < 1e-3f)
        m--;
    return m;
}

/* Unit normal (dy, -dx) of the edge a -> b. */
static SDL_FPoint edge_normal(SDL_FPoint a, SDL_FPoint b)
{
    float dx = b.x - a.x, dy = b.y - a.y;
    float len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-6f)
        return (SDL_FPoint){0, 0};
    return (SDL_FPoint){dy / len, -dx / len};
}

/* The offset direction at a join of two edges with unit normals n0, n1,
 * scaled so the offset edges stay parallel to the originals (a mitre),
 * with its length limited to max_len. */
static SDL_FPoint miter(SDL_FPoint n0, SDL_FPoint n1, float max_len)
{
    SDL_FPoint m = {(n0.x + n1.x) * 0.5f, (n0.y + n1.y) * 0.5f};
    float d2 = m.x * m.x + m.y * m.y;
    if (d2 < 1e-6f)
        return n0;
    float inv = 1.0f / d2;
    float lim = max_len * max_len;
    if (inv > lim)
        inv = lim;
    return (SDL_FPoint){m.x * inv, m.y * inv};
}

/* The software renderer tests every pixel of a triangle's bounding box,
 * about 2 ns each: a large opaque axis-aligned slab of a fill (the middle
 * of a band or box) is drawn instead as SDL_RenderFillRect (a plain fill)
 * over its whole pixels plus thin opaque strips along its fractional
 * edges, which may overlap the rectangle harmlessly. Takes the slab
 * between inner vertices l -> nl (one side) and r -> nr (the other) when
 * it is such a rectangle and large; returns whether it did. */
static bool slab(GeomBatch *g, int base, int l, int nl, int r, int nr)
{
    SDL_FPoint a = g->vertices[base + 2 * l].position;
    SDL_FPoint b = g->vertices[base + 2 * nl].position;
    SDL_FPoint c = g->vertices[base + 2 * r].position;
    SDL_FPoint d = g->vertices[base + 2 * nr].position;
    if (a.x != b.x || c.x != d.x || a.y != c.y || b.y != d.y)
        return false;
    float x0 = a.x < c.x ? a.x : c.x, x1 = a.x < c.x ? c.x : a.x;
    float y0 = a.y < b.y ? a.y : b.y, y1 = a.y < b.y ? b.y : a.y;
    if ((x1 - x0) * (y1 - y0) < 4096.0f || x1 - x0 < 8 || y1 - y0 < 8)
        return false;
    SDL_Color col = g->vertices[base + 2 * l].color;

    int ix0 = (int)ceilf(x0), iy0 = (int)ceilf(y0);
    int ix1 = (int)floorf(x1), iy1 = (int)floorf(y1);
    SDL_Rect rect = {ix0, iy0, ix1 - ix0, iy1 - iy0};

    /* Strips one pixel into the rectangle from each fractional edge. */
    const float sx[4][4] = {
        {x0, y0, (float)ix0 + 1, y1},
        {(float)ix1 - 1, y0, x1, y1},
        {x0, y0, x1, (float)iy0 + 1},
        {x0, (float)iy1 - 1, x1, y1},
    };
    reserve(g, 16, 0, 24);
    for (int i = 0; i < 4; i++) {
        int v = g->vertex_count;
        vertex(g, sx[i][0], sx[i][1], col);
        vertex(g, sx[i][2], sx[i][1], col);
        vertex(g, sx[i][2], sx[i][3], col);
        vertex(g, sx[i][0], sx[i][3], col);
        quad(g, true, v, v + 1, v + 2, v + 3);
    }
    g->rects = render_grow(g->rects, &g->rect_capacity, g->rect_count + 1, 16,
                           sizeof *g->rects);
    g->rects[g->rect_count++] = (GeomRect){rect, col};
    return true;
}

void geom_fill_convex(GeomBatch *g, const SDL_FPoint *pts, int n,
                      SDL_Color c, bool feather)
{
    SDL_FPoint *p = scratch(g, n);
    n = dedupe(pts, n, true, p);
    if (n < 3)
        return;

    float area = 0;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        area += p[i].x * p[j].y - p[j].x * p[i].y;
    }
    if (fabsf(area) < 1e-4f)
        return;
    float side = area > 0 ? 1.0f : -1.0f; /* makes normals point outward */

    bool opaque = c.a == 255;
    if (opaque)
        begin_solid(g);
    reserve(g, 2 * n, 3 * (n - 2) + 6 * n, 3 * (n - 2));
    int base = g->vertex_count;
    SDL_Color clear = {c.r, c.g, c.b, 0};
    SDL_FPoint prev = edge_normal(p[n - 1], p[0]);
    for (int i = 0; i < n; i++) {
        SDL_FPoint cur = edge_normal(p[i], p[(i + 1) % n]);
        /* No mitre limit: a sharp arrow tip keeps its point. */
        SDL_FPoint m = miter(prev, cur, 100.0f);
        m.x *= 0.5f * side;
        m.y *= 0.5f * side;
        vertex(g, p[i].x - m.x, p[i].y - m.y, c);     /* inner: 2i */
        vertex(g, p[i].x + m.x, p[i].y + m.y, clear); /* outer: 2i+1 */
        prev = cur;
    }

    /* Interior: sweep down both sides from the top vertex, so each
     * triangle spans a thin horizontal slab (a fan from one vertex would
     * make many triangles with large bounding boxes). */
    int top = 0;
    for (int i = 1; i < n; i++)
        if (p[i].y < p[top].y || (p[i].y == p[top].y && p[i].x < p[top].x))
            top = i;
    int l = (top + 1) % n, r = top;
    for (int k = 0; k < n - 2; k++) {
        int nl = (l + 1) % n, nr = (r + n - 1) % n;
        if (opaque && k + 1 < n - 2 && slab(g, base, l, nl, r, nr)) {
            /* Two triangles' worth drawn as a rectangle. */
            l = nl;
            r = nr;
            k++;
            continue;
        }
        int a, b, d;
        if (p[nl].y <= p[nr].y) {
            a = l, b = nl, d = r;
            l = nl;
        } else {
            a = r, b = nr, d = l;
            r = nr;
        }
        tri(g, opaque, base + 2 * a, base + 2 * b, base + 2 * d);
    }

    /* The 1 px ring fading to alpha 0. */
    for (int i = 0; i < n && feather; i++) {
        int j = (i + 1) % n;
        quad(g, false, base + 2 * i, base + 2 * j, base + 2 * j + 1,
             base + 2 * i + 1);
    }
}

/* How many pieces a stroke cuts the segment a -> b into: diagonal ones
 * into pieces of at most MAX_SEGMENT, straight ones stay whole. */
static int segment_pieces(SDL_FPoint a, SDL_FPoint b)
{
    float dx = b.x - a.x, dy = b.y - a.y;
    if (fabsf(dx) > 2 && fabsf(dy) > 2)
        return (int)ceilf(sqrtf(dx * dx + dy * dy) / MAX_SEGMENT);
    return 1;
}

void geom_stroke(GeomBatch *g, const SDL_FPoint *pts, int n, bool closed,
                 float width, SDL_Color c)
{
    if (n < 2 || !(width > 0))
        return;

    /* Clean the path, then cut long diagonal segments. The scratch holds
     * the cleaned path in its first n slots and the cut path after it. */
    SDL_FPoint *buf = scratch(g, n);
    int m = dedupe(pts, n, closed, buf);
    if (m < 2)
        return;
    int cut = 0;
    int segs = closed ? m : m - 1;
    for (int i = 0; i < segs; i++)
        cut += segment_pieces(buf[i], buf[(i + 1) % m]);
    cut += closed ? 0 : 1;
    buf = scratch(g, m + cut);
    SDL_FPoint *path = buf + m;
    int pn = 0;
    for (int i = 0; i < segs; i++) {
        SDL_FPoint a = buf[i], b = buf[(i + 1) % m];
        float dx = b.x - a.x, dy = b.y - a.y;
        int k = segment_pieces(a, b);
        for (int s = 0; s < k; s++) {
            float t = (float)s / (float)k;
            path[pn++] = (SDL_FPoint){a.x + dx * t, a.y + dy * t};
        }
    }
    if (!closed)
        path[pn++] = buf[m - 1];

    /* A stroke thinner than a pixel is drawn one pixel wide and fainter:
     * the same ink, and no gaps. */
    if (width < 1.0f) {
        c.a = (Uint8)lroundf((float)c.a * width);
        width = 1.0f;
    }
    float core = width * 0.5f - 0.5f; /* full alpha out to here */
    float edge = width * 0.5f + 0.5f; /* alpha 0 here */
    SDL_Color clear = {c.r, c.g, c.b, 0};

    int caps = closed ? 0 : 2;
    bool opaque = c.a == 255;
    if (opaque)
        begin_solid(g);
    reserve(g, 4 * (pn + caps), 18 * (pn + caps), 6 * pn);
    int base = g->vertex_count;
    for (int i = 0; i < pn; i++) {
        SDL_FPoint n0, n1;
        if (closed) {
            n0 = edge_normal(path[(i + pn - 1) % pn], path[i]);
            n1 = edge_normal(path[i], path[(i + 1) % pn]);
        } else {
            n0 = edge_normal(path[i > 0 ? i - 1 : 0], path[i > 0 ? i : 1]);
            n1 = i + 1 < pn ? edge_normal(path[i], path[i + 1]) : n0;
            if (i == 0)
                n0 = n1;
        }
        /* Mitre limited to twice the half width: sharp turns get a
         * slightly thinner corner instead of a long spike. */
        SDL_FPoint d = miter(n0, n1, 2.0f);
        SDL_FPoint q = path[i];
        if (!closed && (i == 0 || i == pn - 1)) {
            /* Pull the ends in by half a pixel: the end caps below fade
             * across the true end. */
            SDL_FPoint t = {-n0.y, n0.x}; /* direction of travel */
            float s = i == 0 ? 0.5f : -0.5f;
            q.x += t.x * s;
            q.y += t.y * s;
        }
        vertex(g, q.x + d.x * edge, q.y + d.y * edge, clear);
        vertex(g, q.x + d.x * core, q.y + d.y * core, c);
        vertex(g, q.x - d.x * core, q.y - d.y * core, c);
        vertex(g, q.x - d.x * edge, q.y - d.y * edge, clear);
    }
    int pieces = closed ? pn : pn - 1;
    for (int i = 0; i < pieces; i++) {
        int a = base + 4 * i, b = base + 4 * ((i + 1) % pn);
        quad(g, false, a, b, b + 1, a + 1);
        quad(g, opaque, a + 1, b + 1, b + 2, a + 2);
        quad(g, false, a + 2, b + 2, b + 3, a + 3);
    }
    if (!closed) {
        /* End caps: a row one pixel beyond each end, all transparent. */
        for (int e = 0; e < 2; e++) {
            int i = e == 0 ? 0 : pn - 1;
            int row = base + 4 * i;
            SDL_FPoint nn = e == 0 ? edge_normal(path[0], path[1])
                                   : edge_normal(path[pn - 2], path[pn - 1]);
            SDL_FPoint t = {-nn.y, nn.x};
            float s = e == 0 ? -1.0f : 1.0f;
            int cap = g->vertex_count;
            for (int k = 0; k < 4; k++) {
                SDL_Vertex v = g->vertices[row + k];
                vertex(g, v.position.x + t.x * s, v.position.y + t.y * s,
                       clear);
            }
            for (int k = 0; k < 3; k++)
                quad(g, false, row + k, row + k + 1, cap + k + 1, cap + k);
        }
    }
}

/* Chords per quarter circle of radius r (pixels) within the tolerance. */
static int quarter_segments(float r)
{
    if (r <= CURVE_TOLERANCE)
        return 1;
    float step = acosf(1.0f - CURVE_TOLERANCE / r) * 2.0f;
    int n = (int)ceilf((PI_F / 2) / step);
    return n < 2 ? 2 : n > 64 ? 64 : n;
}

int geom_rounded_rect_path(float x, float y, float w, float h, float r,
                           SDL_FPoint *out)
{
    if (!(w > 0) || !(h > 0))
        return 0;
    float max_r = (w < h ? w : h) * 0.5f;
    if (r > max_r)
        r = max_r;
    if (!(r >= 0.5f)) {
        out[0] = (SDL_FPoint){x, y};
        out[1] = (SDL_FPoint){x + w, y};
        out[2] = (SDL_FPoint){x + w, y + h};
        out[3] = (SDL_FPoint){x, y + h};
        return 4;
    }
    int seg = quarter_segments(r);
    /* Corner centres clockwise on screen (y down): TL, TR, BR, BL, each
     * arc starting where the previous side ends. */
    const float cx[4] = {x + r, x + w - r, x + w - r, x + r};
    const float cy[4] = {y + r, y + r, y + h - r, y + h - r};
    int n = 0;
    for (int k = 0; k < 4; k++) {
        float a0 = PI_F + (float)k * (PI_F / 2);
        for (int s = 0; s <= seg; s++) {
            float a = a0 + (PI_F / 2) * (float)s / (float)seg;
            out[n++] = (SDL_FPoint){cx[k] + r * cosf(a), cy[k] + r * sinf(a)};
        }
    }
    return n;
}

int geom_circle_path(float cx, float cy, float r, SDL_FPoint *out)
{
    if (!(r > 0))
        return 0;
    int n = 4 * quarter_segments(r);
    if (n < 12)
        n = 12;
    if (n > GEOM_CIRCLE_MAX)
        n = GEOM_CIRCLE_MAX;
    for (int i = 0; i < n; i++) {
        float a = 2 * PI_F * (float)i / (float)n;
        out[i] = (SDL_FPoint){cx + r * cosf(a), cy + r * sinf(a)};
    }
    return n;
}
