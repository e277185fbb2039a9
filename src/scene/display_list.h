/* The display list: what the scene makes and the renderer draws, and all
 * the renderer knows of the core. Shapes and text boxes in canvas units
 * (shape.h), their polyline points and hover texts, in drawing order. Plain
 * data: no SDL, no lesson, no model. */
#ifndef S2S_DISPLAY_LIST_H
#define S2S_DISPLAY_LIST_H

#include <stdbool.h>

#include "scene/shape.h"

typedef struct {
    Rgba background;
    float width; /* canvas units (CANVAS_H high): CANVAS_W unless scene_build
                    laid it out for another shape (shape.h) */
    Shape *shapes; /* owned, in drawing order */
    int count, capacity;
    Point *points; /* owned, polyline points */
    int point_count, point_capacity;
    char **tooltips; /* owned strings for hover */
    int tooltip_count, tooltip_capacity;
} Scene;

void scene_init(Scene *s);
void scene_deinit(Scene *s);
/* Empties the list, keeping its memory. */
void scene_clear(Scene *s);

/* Appends shapes; each returns the new shape (valid until the next add).
 * Text is copied. */
Shape *scene_add_rect(Scene *s, ShapeRole role, float x, float y, float w,
                      float h, float radius, Rgba fill, Rgba stroke,
                      float stroke_width);
Shape *scene_add_circle(Scene *s, ShapeRole role, float cx, float cy,
                        float r, Rgba fill, Rgba stroke, float stroke_width);
Shape *scene_add_polyline(Scene *s, const Point *pts, int n, float width,
                          Rgba color, float head_size);
Shape *scene_add_text(Scene *s, const char *utf8, float x, float y, float w,
                      float h, float font_size, TextAlign align, Rgba color,
                      bool bold);
/* Attaches a hover text to shape (copied). */
void scene_set_tooltip(Scene *s, Shape *shape, const char *text);

/* The index of the topmost shape with a tooltip under canvas point (x, y),
 * or -1. */
int scene_hit_tooltip(const Scene *s, float x, float y);

#endif
