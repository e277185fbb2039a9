/* A scene built by hand over fixed arrays, for the render tests and the
 * render benchmark: they draw known shapes and need no scene code.
 * Adding past the arrays' end aborts. */
#ifndef S2S_TESTS_HAND_SCENE_H
#define S2S_TESTS_HAND_SCENE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene/scene.h"

#define HAND_MAX_SHAPES 1024
#define HAND_MAX_POINTS 1024
#define HAND_MAX_TEXT 128 /* bytes of one text, its NUL included */

typedef struct {
    Scene scene;
    Shape shapes[HAND_MAX_SHAPES];
    Point points[HAND_MAX_POINTS];
    char texts[HAND_MAX_SHAPES][HAND_MAX_TEXT]; /* text of shape i */
} HandScene;

/* Empties h; the scene's background becomes bg. */
static inline void hand_init(HandScene *h, Rgba bg)
{
    memset(&h->scene, 0, sizeof h->scene);
    h->scene.background = bg;
    h->scene.shapes = h->shapes;
    h->scene.capacity = HAND_MAX_SHAPES;
    h->scene.points = h->points;
    h->scene.point_capacity = HAND_MAX_POINTS;
}

/* A shape of this kind and role with the box x, y, w, h and everything
 * else zero (no points, no tooltip). */
static inline Shape *hand_add(HandScene *h, ShapeKind kind, ShapeRole role,
                              float x, float y, float w, float hgt)
{
    if (h->scene.count >= HAND_MAX_SHAPES) {
        fprintf(stderr, "hand_scene: more than %d shapes\n", HAND_MAX_SHAPES);
        abort();
    }
    Shape *s = &h->shapes[h->scene.count++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->role = role;
    s->x = x, s->y = y, s->w = w, s->h = hgt;
    s->first_point = -1;
    s->tooltip = -1;
    return s;
}

static inline Shape *hand_rect(HandScene *h, float x, float y, float w,
                               float hgt, float radius, Rgba fill,
                               Rgba stroke, float stroke_width)
{
    Shape *s = hand_add(h, SHAPE_RECT, ROLE_BOX, x, y, w, hgt);
    s->radius = radius;
    s->fill = fill;
    s->stroke = stroke;
    s->stroke_width = stroke_width;
    return s;
}

/* A polyline through pts[0..n) with an arrow head of head_size at its end
 * (0: none). Its box is left empty: the renderer does not read it. */
static inline Shape *hand_line(HandScene *h, const Point *pts, int n,
                               float width, Rgba color, float head_size)
{
    if (h->scene.point_count + n > HAND_MAX_POINTS) {
        fprintf(stderr, "hand_scene: more than %d points\n", HAND_MAX_POINTS);
        abort();
    }
    Shape *s = hand_add(h, SHAPE_POLYLINE, ROLE_ARROW, 0, 0, 0, 0);
    s->first_point = h->scene.point_count;
    s->point_count = n;
    memcpy(&h->points[h->scene.point_count], pts, (size_t)n * sizeof *pts);
    h->scene.point_count += n;
    s->stroke = color;
    s->stroke_width = width;
    s->head_size = head_size;
    return s;
}

/* A text box; text is copied. */
static inline Shape *hand_text(HandScene *h, const char *text, float x,
                               float y, float w, float hgt, float font_size,
                               TextAlign align, Rgba color, bool bold)
{
    if (strlen(text) >= HAND_MAX_TEXT) {
        fprintf(stderr, "hand_scene: text longer than %d bytes: %s\n",
                HAND_MAX_TEXT - 1, text);
        abort();
    }
    Shape *s = hand_add(h, SHAPE_TEXT, ROLE_TEXT, x, y, w, hgt);
    char *copy = h->texts[s - h->shapes];
    memcpy(copy, text, strlen(text) + 1);
    s->text = copy;
    s->font_size = font_size;
    s->align = align;
    s->fill = color;
    s->bold = bold;
    return s;
}

#endif
