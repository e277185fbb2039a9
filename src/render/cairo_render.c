/* The cairo backend: the display list drawn as vector paths in canvas
 * units (the canvas mapped onto the output by one translate and scale,
 * as canvas_map says), so a PDF or SVG page stays sharp at any zoom. The
 * geometry rules are render.c's: a box's outline lies inside the box and
 * the fill reaches the middle of the outline; an arrow head's tip sits on
 * the last point, the head points along the chord over its own length,
 * and the line stops under the head. Text is cairo_text.c. */
#include "render/cairo_render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/cairo_text.h"
#include "xalloc.h"

/* Where the eye sees the middle of a line of text, above the baseline, in
 * ems (render.c: halfway up a capital or an ideograph). */
#define TEXT_VISUAL_CENTRE 0.37
/* Arrow head half width as a fraction of its length (render.c). */
#define HEAD_HALF_WIDTH 0.45
/* C11 has no PI. */
#define PI 3.14159265358979323846

struct CairoRender {
    CairoText *text;
    TextMeasure measure;
    char error[256];
};

static float measure_width(void *ctx, const char *utf8, float font_size,
                           bool bold)
{
    CairoRender *r = ctx;
    double w = cairo_text_width(r->text, utf8, font_size, bold);
    if (w < 0) /* unmeasurable: a generous guess keeps boxes apart */
        return (float)strlen(utf8) * font_size * 0.6f;
    return (float)w;
}

CairoRender *cairo_render_create(const char *font_path, char *err,
                                 size_t err_size)
{
    if (!font_path) {
        snprintf(err, err_size, "cairo_render_create: no font path");
        return NULL;
    }
    CairoRender *r = xrealloc(NULL, sizeof *r);
    *r = (CairoRender){0};
    r->text = cairo_text_create(font_path, err, err_size);
    if (!r->text) {
        free(r);
        return NULL;
    }
    r->measure = (TextMeasure){measure_width, r};
    return r;
}

void cairo_render_destroy(CairoRender *r)
{
    if (!r)
        return;
    cairo_text_destroy(r->text);
    free(r);
}

const TextMeasure *cairo_render_text_measure(CairoRender *r)
{
    return &r->measure;
}

const char *cairo_render_error(const CairoRender *r)
{
    return r->error;
}

static void fail(CairoRender *r, const char *what, cairo_t *cr)
{
    if (!r->error[0])
        snprintf(r->error, sizeof r->error, "%s: %s", what,
                 cairo_status_to_string(cairo_status(cr)));
}

static void set_colour(cairo_t *cr, Rgba c)
{
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0,
                          c.a / 255.0);
}

/* A rounded rectangle path, the radius clamped to fit. */
static void rounded_rect(cairo_t *cr, double x, double y, double w, double h,
                         double r)
{
    double lim = (w < h ? w : h) * 0.5;
    if (r > lim)
        r = lim;
    if (r <= 0) {
        cairo_rectangle(cr, x, y, w, h);
        return;
    }
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, PI / 2, PI);
    cairo_arc(cr, x + r, y + r, r, PI, 3 * PI / 2);
    cairo_close_path(cr);
}

/* Fills the current path with s's fill, then strokes it sw wide. */
static void fill_and_stroke(cairo_t *cr, const Shape *s, double sw)
{
    if (s->fill.a > 0) {
        set_colour(cr, s->fill);
        cairo_fill_preserve(cr);
    }
    if (sw > 0) {
        set_colour(cr, s->stroke);
        cairo_set_line_width(cr, sw);
        cairo_stroke_preserve(cr);
    }
    cairo_new_path(cr);
}

static double stroke_of(const Shape *s)
{
    return s->stroke_width > 0 && s->stroke.a > 0 ? s->stroke_width : 0;
}

/* The path runs along the middle of the outline, so the outline lies
 * inside the box and the fill reaches its middle. */
static void draw_rect(cairo_t *cr, const Shape *s)
{
    double sw = stroke_of(s), in = sw * 0.5;
    if (s->w - sw <= 0 || s->h - sw <= 0)
        return;
    rounded_rect(cr, s->x + in, s->y + in, s->w - sw, s->h - sw,
                 s->radius - in);
    fill_and_stroke(cr, s, sw);
}

static void draw_circle(cairo_t *cr, const Shape *s)
{
    double sw = stroke_of(s);
    double r = (s->w < s->h ? s->w : s->h) * 0.5 - sw * 0.5;
    if (r <= 0)
        return;
    cairo_new_sub_path(cr);
    cairo_arc(cr, s->x + s->w * 0.5, s->y + s->h * 0.5, r, 0, 2 * PI);
    cairo_close_path(cr);
    fill_and_stroke(cr, s, sw);
}

/* The point at distance d back along pts from their end; *seg is the
 * first point of the segment it lies on (-1: past the start). */
static Point point_back(const Point *p, int n, double d, int *seg)
{
    for (int i = n - 1; i > 0; i--) {
        double len = hypot(p[i].x - p[i - 1].x, p[i].y - p[i - 1].y);
        if (d <= len && len > 0) {
            double t = d / len;
            *seg = i - 1;
            return (Point){(float)(p[i].x + (p[i - 1].x - p[i].x) * t),
                           (float)(p[i].y + (p[i - 1].y - p[i].y) * t)};
        }
        d -= len;
    }
    *seg = -1;
    return p[0];
}

static void stroke_points(cairo_t *cr, const Point *p, int n, Point end,
                          double width)
{
    cairo_move_to(cr, p[0].x, p[0].y);
    for (int i = 1; i < n; i++)
        cairo_line_to(cr, p[i].x, p[i].y);
    cairo_line_to(cr, end.x, end.y);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
}

static void draw_polyline(cairo_t *cr, const Scene *scene, const Shape *s)
{
    int first = s->first_point, n = s->point_count;
    if (first < 0 || n < 2 || first > scene->point_count - n ||
        s->stroke.a == 0)
        return;
    const Point *p = &scene->points[first];
    double width = s->stroke_width, head = s->head_size;
    set_colour(cr, s->stroke);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_set_miter_limit(cr, 4.0);
    if (!(head > 0)) {
        stroke_points(cr, p, n - 1, p[n - 1], width);
        return;
    }
    Point tip = p[n - 1];
    int seg;
    Point back = point_back(p, n, head, &seg);
    double dx = tip.x - back.x, dy = tip.y - back.y;
    double len = hypot(dx, dy);
    if (len < 1e-4) {
        stroke_points(cr, p, n - 1, p[n - 1], width);
        return;
    }
    dx /= len;
    dy /= len;
    double half = head * HEAD_HALF_WIDTH;
    if (half < width * 1.2)
        half = width * 1.2;
    /* Stop the line where the head is wider than the line. */
    double stop = (width * 0.5) / half;
    stop = stop < 0.5 ? 0.5 : stop > 0.95 ? 0.95 : stop;
    Point end = point_back(p, n, head * stop, &seg);
    if (seg >= 0)
        stroke_points(cr, p, seg + 1, end, width);
    double bx = tip.x - dx * head, by = tip.y - dy * head;
    cairo_move_to(cr, tip.x, tip.y);
    cairo_line_to(cr, bx - dy * half, by + dx * half);
    cairo_line_to(cr, bx + dy * half, by - dx * half);
    cairo_close_path(cr);
    cairo_fill(cr);
}

/* One line aligned in its box horizontally, centred vertically. */
static bool draw_text(CairoRender *r, cairo_t *cr, const Shape *s)
{
    if (!s->text || !s->text[0] || s->fill.a == 0 || !(s->font_size > 0))
        return true;
    double size = s->font_size;
    double x = s->x;
    if (s->align != ALIGN_LEFT) {
        double w = cairo_text_width(r->text, s->text, size, s->bold);
        if (w < 0)
            return false;
        x = s->align == ALIGN_CENTER ? s->x + (s->w - w) * 0.5
                                     : s->x + s->w - w;
    }
    double baseline = s->y + s->h * 0.5 + TEXT_VISUAL_CENTRE * size;
    set_colour(cr, s->fill);
    return cairo_text_draw(r->text, cr, s->text, x, baseline, size, s->bold);
}

bool cairo_render_scene(CairoRender *r, cairo_t *cr, const Scene *scene,
                        int out_w, int out_h)
{
    r->error[0] = '\0';
    cairo_save(cr);
    Rgba bg = scene->background;
    if (bg.a > 0) {
        set_colour(cr, bg);
        cairo_rectangle(cr, 0, 0, out_w, out_h);
        cairo_fill(cr);
    }
    CanvasMap m = canvas_map(out_w, out_h, scene->width);
    cairo_translate(cr, m.offset_x, m.offset_y);
    cairo_scale(cr, m.scale, m.scale);
    for (int i = 0; i < scene->count; i++) {
        const Shape *s = &scene->shapes[i];
        switch (s->kind) {
        case SHAPE_RECT:
            draw_rect(cr, s);
            break;
        case SHAPE_CIRCLE:
            draw_circle(cr, s);
            break;
        case SHAPE_POLYLINE:
            draw_polyline(cr, scene, s);
            break;
        case SHAPE_TEXT:
            if (!draw_text(r, cr, s))
                fail(r, "cannot draw text", cr);
            break;
        }
    }
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        fail(r, "cannot draw the scene", cr);
    cairo_restore(cr);
    return r->error[0] == '\0';
}
