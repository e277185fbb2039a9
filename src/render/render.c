/* Draws a scene's display list onto an SDL_Renderer: maps canvas units to
 * output pixels (uniform scale, centred), fills the background, turns
 * rectangles, circles, polylines and arrow heads into feathered geometry
 * (geometry.c) and text boxes into cached text textures (text.c). It draws
 * what it is given and nothing else. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/alloc.h"
#include "render/box.h"
#include "render/geometry.h"
#include "render/render.h"
#include "render/text.h"

/* Where the eye sees the middle of a line of text, above the baseline, in
 * ems: halfway up a capital or an ideograph (Noto's ideographic em box runs
 * from -0.12 to 0.88), so text looks centred in its box. */
#define TEXT_VISUAL_CENTRE 0.37f
/* Arrow head half width as a fraction of its length. */
#define HEAD_HALF_WIDTH 0.45f
/* Below this pixel size the text measure answers for scale 1 instead:
 * tiny sizes round too coarsely to predict anything. */
#define MIN_MEASURE_PX 4

struct RenderContext {
    SDL_Renderer *sdl;
    TextCache *text;
    BoxCache *boxes;
    GeomBatch geom;
    SDL_FPoint *path; /* a polyline or outline in pixels */
    int path_capacity;
    TextMeasure measure;
    float measure_scale;
    char error[256];
};

/* Room for n points of a polyline or outline. */
static SDL_FPoint *path_buffer(RenderContext *rc, int n)
{
    rc->path = render_grow(rc->path, &rc->path_capacity, n, 512,
                           sizeof *rc->path);
    return rc->path;
}

/* Remembers the first failure of a frame for render_error. */
static void fail(RenderContext *rc, const char *what)
{
    if (!rc->error[0])
        snprintf(rc->error, sizeof rc->error, "%s: %s", what,
                 SDL_GetError());
}

static float measure_width(void *ctx, const char *utf8, float font_size,
                           bool bold)
{
    RenderContext *rc = ctx;
    float scale = rc->measure_scale;
    long px = lroundf(font_size * scale);
    if (px < MIN_MEASURE_PX) {
        scale = 1.0f;
        px = lroundf(font_size);
    }
    if (px < 1 || px > 4096)
        return 0;
    int w = text_cache_width(rc->text, utf8, (int)px, bold);
    if (w < 0) {
        /* Unmeasurable (a TTF failure): a generous guess keeps the
         * layout from overlapping. */
        return (float)strlen(utf8) * font_size * 0.6f;
    }
    return (float)w / scale;
}

RenderContext *render_create(SDL_Renderer *sdl, const char *font_path,
                             char *err, size_t err_size)
{
    if (!sdl || !font_path) {
        snprintf(err, err_size, "render_create: no renderer or font path");
        return NULL;
    }
    RenderContext *rc = xrealloc(NULL, sizeof *rc);
    *rc = (RenderContext){.sdl = sdl};
    rc->text = text_cache_create(sdl, font_path, err, err_size);
    if (!rc->text) {
        free(rc);
        return NULL;
    }
    rc->boxes = box_cache_create(sdl);
    geom_init(&rc->geom, sdl);
    rc->measure = (TextMeasure){measure_width, rc};
    rc->measure_scale = 1.0f;
    return rc;
}

void render_destroy(RenderContext *rc)
{
    if (!rc)
        return;
    text_cache_destroy(rc->text);
    box_cache_destroy(rc->boxes);
    geom_deinit(&rc->geom);
    free(rc->path);
    free(rc);
}

const TextMeasure *render_text_measure(RenderContext *rc, int out_w,
                                       int out_h)
{
    /* The scene drawn next to this output is laid out on the canvas of
     * the output's shape. */
    CanvasMap m = canvas_map(out_w, out_h, canvas_width_for(out_w, out_h));
    rc->measure_scale = m.scale > 0 ? m.scale : 1.0f;
    return &rc->measure;
}

const char *render_error(const RenderContext *rc)
{
    return rc->error;
}

static SDL_Color to_sdl(Rgba c)
{
    return (SDL_Color){c.r, c.g, c.b, c.a};
}

/* Whether the outline of s (sw pixels wide) hides the fill's edge, which
 * then needs no feather: the software renderer pays per triangle. */
static bool covers(const Shape *s, float sw)
{
    return s->stroke.a == 255 && sw >= 1.5f;
}

/* Draws a box of pixels x, y, w, h from cached corner masks (box.c),
 * its edges snapped to whole pixels. Returns false when it is not such a
 * box (too small, too far out, corners too large) and the caller must
 * draw it as geometry. */
static bool draw_box(RenderContext *rc, float x, float y, float w, float h,
                     float r, float sw, Rgba fill, Rgba stroke)
{
    if (!(fabsf(x) < 1e6f && fabsf(y) < 1e6f && w < 1e6f && h < 1e6f))
        return false;
    long x0 = lroundf(x), y0 = lroundf(y);
    long x1 = lroundf(x + w), y1 = lroundf(y + h);
    if (x1 <= x0 || y1 <= y0)
        return false;
    /* Batched geometry drawn before this shape stays beneath it. */
    if (!geom_flush(&rc->geom, rc->sdl))
        fail(rc, "cannot draw shapes");
    SDL_Rect box = {(int)x0, (int)y0, (int)(x1 - x0), (int)(y1 - y0)};
    BoxResult res = box_draw(rc->boxes, box, r, sw, to_sdl(fill),
                             to_sdl(stroke));
    if (res == BOX_FAILED)
        fail(rc, "cannot draw a box");
    return res != BOX_TOO_LARGE;
}

/* A box or circle that draw_box does not take, as geometry: fills the
 * closed outline p (n points, along the middle of the stroke) and strokes
 * it sw px wide (0: no outline). */
static void fill_and_stroke(RenderContext *rc, const Shape *s,
                            const SDL_FPoint *p, int n, float sw)
{
    if (n == 0)
        return;
    if (s->fill.a > 0)
        geom_fill_convex(&rc->geom, p, n, to_sdl(s->fill), !covers(s, sw));
    if (sw > 0)
        geom_stroke(&rc->geom, p, n, true, sw, to_sdl(s->stroke));
}

/* A rounded rectangle or circle: the fill reaches the middle of the
 * outline, and the outline lies inside the box, so neither bleeds past
 * the box and no fill colour shows outside the stroke. */
static void draw_rect(RenderContext *rc, const Shape *s, CanvasMap m)
{
    float x = m.offset_x + s->x * m.scale, y = m.offset_y + s->y * m.scale;
    float w = s->w * m.scale, h = s->h * m.scale;
    float r = s->radius * m.scale;
    bool stroked = s->stroke_width > 0 && s->stroke.a > 0;
    float sw = stroked ? s->stroke_width * m.scale : 0;
    if (draw_box(rc, x, y, w, h, r, sw, s->fill, s->stroke))
        return;
    float in = sw * 0.5f;
    SDL_FPoint *p = path_buffer(rc, GEOM_ROUNDED_RECT_MAX);
    int n = geom_rounded_rect_path(x + in, y + in, w - 2 * in, h - 2 * in,
                                   r - in, p);
    fill_and_stroke(rc, s, p, n, sw);
}

static void draw_circle(RenderContext *rc, const Shape *s, CanvasMap m)
{
    float cx = m.offset_x + (s->x + s->w * 0.5f) * m.scale;
    float cy = m.offset_y + (s->y + s->h * 0.5f) * m.scale;
    float r = (s->w < s->h ? s->w : s->h) * 0.5f * m.scale;
    bool stroked = s->stroke_width > 0 && s->stroke.a > 0;
    float sw = stroked ? s->stroke_width * m.scale : 0;
    /* A circle is a square box rounded to its half width. */
    float d = (float)lroundf(2 * r);
    if (d >= 1 && draw_box(rc, cx - d * 0.5f, cy - d * 0.5f, d, d, d, sw,
                           s->fill, s->stroke))
        return;
    SDL_FPoint *p = path_buffer(rc, GEOM_CIRCLE_MAX);
    int n = geom_circle_path(cx, cy, r - sw * 0.5f, p);
    fill_and_stroke(rc, s, p, n, sw);
}

static float dist(SDL_FPoint a, SDL_FPoint b)
{
    return hypotf(b.x - a.x, b.y - a.y);
}

/* The point at distance d back along the path from its end; *seg is the
 * index of the first point of the segment it lies on (-1: d is longer
 * than the path, and the start is returned). */
static SDL_FPoint point_back(const SDL_FPoint *p, int n, float d, int *seg)
{
    for (int i = n - 1; i > 0; i--) {
        float len = dist(p[i - 1], p[i]);
        if (d <= len && len > 0) {
            float t = d / len;
            *seg = i - 1;
            return (SDL_FPoint){p[i].x + (p[i - 1].x - p[i].x) * t,
                                p[i].y + (p[i - 1].y - p[i].y) * t};
        }
        d -= len;
    }
    *seg = -1;
    return p[0];
}

/* A stroke through the scene's points; with an arrow head, the head's tip
 * sits exactly on the last point and the line stops under the head. */
static void draw_polyline(RenderContext *rc, const Scene *scene,
                          const Shape *s, CanvasMap m)
{
    int first = s->first_point, n = s->point_count;
    if (first < 0 || n < 2 || first > scene->point_count - n ||
        s->stroke.a == 0)
        return;
    SDL_FPoint *p = path_buffer(rc, n + 1);
    for (int i = 0; i < n; i++) {
        const Point *q = &scene->points[first + i];
        p[i] = (SDL_FPoint){m.offset_x + q->x * m.scale,
                            m.offset_y + q->y * m.scale};
    }
    float width = s->stroke_width * m.scale;
    SDL_Color c = to_sdl(s->stroke);
    float head = s->head_size * m.scale;
    if (!(head > 0)) {
        geom_stroke(&rc->geom, p, n, false, width, c);
        return;
    }

    /* The head points along the chord over its own length, which stays
     * steady on a curved arc. */
    SDL_FPoint tip = p[n - 1];
    int seg;
    SDL_FPoint back = point_back(p, n, head, &seg);
    float dx = tip.x - back.x, dy = tip.y - back.y;
    float len = hypotf(dx, dy);
    if (len < 1e-4f) {
        geom_stroke(&rc->geom, p, n, false, width, c);
        return;
    }
    dx /= len;
    dy /= len;
    float half = head * HEAD_HALF_WIDTH;
    if (half < width * 1.2f)
        half = width * 1.2f;

    /* Stop the line where the head is wider than the line (with its
     * feather), so its end hides under the head. */
    float stop = (width * 0.5f + 0.5f) / half;
    stop = stop < 0.5f ? 0.5f : stop > 0.95f ? 0.95f : stop;
    SDL_FPoint end = point_back(p, n, head * stop, &seg);
    if (seg >= 0) {
        p[seg + 1] = end;
        geom_stroke(&rc->geom, p, seg + 2, false, width, c);
    }

    SDL_FPoint base = {tip.x - dx * head, tip.y - dy * head};
    SDL_FPoint tri[3] = {
        tip,
        {base.x - dy * half, base.y + dx * half},
        {base.x + dy * half, base.y - dx * half},
    };
    geom_fill_convex(&rc->geom, tri, 3, c, true);
}

/* One line of text, aligned in its box horizontally and centred
 * vertically, at whole pixels so glyphs stay crisp. */
static bool draw_text(RenderContext *rc, const Shape *s, CanvasMap m)
{
    if (!s->text || !s->text[0] || s->fill.a == 0)
        return true;
    long px = lroundf(s->font_size * m.scale);
    if (px < 1 || px > 4096)
        return true;
    int w, h, ascent;
    SDL_Texture *tex = text_cache_line(rc->text, s->text, (int)px, s->bold,
                                       to_sdl(s->fill), &w, &h, &ascent);
    if (!tex) {
        fail(rc, "cannot draw text");
        return false;
    }
    float bx = m.offset_x + s->x * m.scale, bw = s->w * m.scale;
    float cy = m.offset_y + (s->y + s->h * 0.5f) * m.scale;
    float x = bx;
    if (s->align == ALIGN_CENTER)
        x = bx + (bw - (float)w) * 0.5f;
    else if (s->align == ALIGN_RIGHT)
        x = bx + bw - (float)w;
    float baseline = cy + TEXT_VISUAL_CENTRE * (float)px;
    SDL_Rect dst = {(int)lroundf(x), (int)lroundf(baseline) - ascent, w, h};
    if (SDL_SetTextureAlphaMod(tex, s->fill.a) != 0 ||
        SDL_RenderCopy(rc->sdl, tex, NULL, &dst) != 0) {
        fail(rc, "cannot draw text");
        return false;
    }
    return true;
}

bool render_scene(RenderContext *rc, const Scene *scene, int out_w,
                  int out_h)
{
    rc->error[0] = '\0';
    CanvasMap m = canvas_map(out_w, out_h, scene->width);
    Rgba bg = scene->background;

    /* A transparent background keeps its colour with alpha 0, so edges
     * blended onto it fade towards that colour rather than black. */
    if (SDL_SetRenderDrawColor(rc->sdl, bg.r, bg.g, bg.b, bg.a) != 0 ||
        SDL_RenderClear(rc->sdl) != 0 ||
        SDL_SetRenderDrawBlendMode(rc->sdl, SDL_BLENDMODE_BLEND) != 0)
        fail(rc, "cannot clear the output");

    for (int i = 0; i < scene->count; i++) {
        const Shape *s = &scene->shapes[i];
        switch (s->kind) {
        case SHAPE_RECT:
            draw_rect(rc, s, m);
            break;
        case SHAPE_CIRCLE:
            draw_circle(rc, s, m);
            break;
        case SHAPE_POLYLINE:
            draw_polyline(rc, scene, s, m);
            break;
        case SHAPE_TEXT:
            /* Text is drawn in order with the shapes around it. */
            if (!geom_flush(&rc->geom, rc->sdl))
                fail(rc, "cannot draw shapes");
            draw_text(rc, s, m);
            break;
        }
    }
    if (!geom_flush(&rc->geom, rc->sdl))
        fail(rc, "cannot draw shapes");
    text_cache_end_frame(rc->text);
    box_cache_end_frame(rc->boxes);
    return rc->error[0] == '\0';
}
