/* The display list: growing arrays of shapes, polyline points and tooltip
 * strings that scene_build and the overlays append to and the renderer
 * reads, and the hover hit test. */
#include "scene/display_list.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Grows *p (of elem bytes each) to hold at least need; aborts on OOM. */
static void grow(void **p, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return;
    int n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    *p = xrealloc(*p, (size_t)n * elem);
    *cap = n;
}

static char *dup_text(const char *s)
{
    return xstrdup(s);
}

void scene_init(Scene *s)
{
    memset(s, 0, sizeof *s);
    s->background = (Rgba){255, 255, 255, 255};
    s->width = CANVAS_W;
}

void scene_clear(Scene *s)
{
    for (int i = 0; i < s->count; i++)
        free(s->shapes[i].text);
    for (int i = 0; i < s->tooltip_count; i++)
        free(s->tooltips[i]);
    s->count = 0;
    s->point_count = 0;
    s->tooltip_count = 0;
}

void scene_deinit(Scene *s)
{
    scene_clear(s);
    free(s->shapes);
    free(s->points);
    free(s->tooltips);
    memset(s, 0, sizeof *s);
}

/* Appends a shape of this kind and role with the box x, y, w, h and
 * everything else zero (no points, no tooltip). */
static Shape *add(Scene *s, ShapeKind kind, ShapeRole role, float x, float y,
                  float w, float h)
{
    grow((void **)&s->shapes, &s->capacity, s->count + 1, sizeof *s->shapes);
    Shape *sh = &s->shapes[s->count++];
    memset(sh, 0, sizeof *sh);
    sh->kind = kind;
    sh->role = role;
    sh->x = x;
    sh->y = y;
    sh->w = w;
    sh->h = h;
    sh->first_point = -1;
    sh->tooltip = -1;
    return sh;
}

Shape *scene_add_rect(Scene *s, ShapeRole role, float x, float y, float w,
                      float h, float radius, Rgba fill, Rgba stroke,
                      float stroke_width)
{
    Shape *sh = add(s, SHAPE_RECT, role, x, y, w, h);
    sh->radius = radius;
    sh->fill = fill;
    sh->stroke = stroke;
    sh->stroke_width = stroke_width;
    return sh;
}

Shape *scene_add_circle(Scene *s, ShapeRole role, float cx, float cy,
                        float r, Rgba fill, Rgba stroke, float stroke_width)
{
    Shape *sh = add(s, SHAPE_CIRCLE, role, cx - r, cy - r, 2 * r, 2 * r);
    sh->fill = fill;
    sh->stroke = stroke;
    sh->stroke_width = stroke_width;
    return sh;
}

Shape *scene_add_polyline(Scene *s, const Point *pts, int n, float width,
                          Rgba color, float head_size)
{
    /* The bounding box, widened by the stroke and the head. */
    float pad = width * 0.5f + head_size * 0.5f;
    float x0 = pts[0].x, x1 = pts[0].x, y0 = pts[0].y, y1 = pts[0].y;
    for (int i = 1; i < n; i++) {
        x0 = pts[i].x < x0 ? pts[i].x : x0;
        x1 = pts[i].x > x1 ? pts[i].x : x1;
        y0 = pts[i].y < y0 ? pts[i].y : y0;
        y1 = pts[i].y > y1 ? pts[i].y : y1;
    }
    Shape *sh = add(s, SHAPE_POLYLINE, ROLE_ARROW, x0 - pad, y0 - pad,
                    x1 - x0 + 2 * pad, y1 - y0 + 2 * pad);
    grow((void **)&s->points, &s->point_capacity, s->point_count + n,
         sizeof *s->points);
    sh->first_point = s->point_count;
    sh->point_count = n;
    memcpy(s->points + s->point_count, pts, (size_t)n * sizeof *pts);
    s->point_count += n;
    sh->stroke = color;
    sh->stroke_width = width;
    sh->head_size = head_size;
    return sh;
}

Shape *scene_add_text(Scene *s, const char *utf8, float x, float y, float w,
                      float h, float font_size, TextAlign align, Rgba color,
                      bool bold)
{
    Shape *sh = add(s, SHAPE_TEXT, ROLE_TEXT, x, y, w, h);
    sh->text = dup_text(utf8);
    sh->font_size = font_size;
    sh->align = align;
    sh->fill = color;
    sh->bold = bold;
    return sh;
}

void scene_set_tooltip(Scene *s, Shape *shape, const char *text)
{
    grow((void **)&s->tooltips, &s->tooltip_capacity, s->tooltip_count + 1,
         sizeof *s->tooltips);
    s->tooltips[s->tooltip_count] = dup_text(text);
    shape->tooltip = s->tooltip_count++;
}

int scene_hit_tooltip(const Scene *s, float x, float y)
{
    for (int i = s->count - 1; i >= 0; i--) {
        const Shape *sh = &s->shapes[i];
        if (sh->tooltip < 0)
            continue;
        if (x >= sh->x && x < sh->x + sh->w && y >= sh->y &&
            y < sh->y + sh->h)
            return i;
    }
    return -1;
}
