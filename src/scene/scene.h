/* The layout: (course, variant, context mode, step k, progress u, view
 * options, text measure) -> a plain list of shapes in canvas units. It is a
 * pure function of its inputs: the same inputs give the same list. */
#ifndef S2S_SCENE_H
#define S2S_SCENE_H

#include <stdbool.h>

#include "lesson/course.h"
#include "lesson/lesson.h"
#include "model/forward.h"
#include "scene/shape.h"
#include "scene/text_measure.h"
#include "timeline/timeline.h"

typedef enum { THEME_LIGHT, THEME_DARK, THEME_COUNT } Theme;
const char *theme_name(Theme t);
bool theme_parse(const char *name, Theme *out);

typedef struct {
    Theme theme;
    Lang lang;
    bool numbers;     /* values printed inside the cells (key D) */
    bool transparent; /* export: no background fill */
} ViewOptions;

/* Everything one picture shows. All pointers are borrowed. */
typedef struct {
    const Course *course;
    Variant variant;
    ContextMode context;
    const Trace *trace;       /* the forward trace of this variant/context */
    const Timeline *timeline; /* built from trace */
    const bool *unknown;      /* trace->source_len flags: token was <unk>,
                                 or NULL */
    const char *const *input_tokens; /* the typed tokens as written (shown
                                 instead of "<unk>"), or NULL */
    int step;                 /* 0-based index into timeline */
    float progress;           /* u in [0, 1]: animation within the step */
} SceneInput;

typedef struct {
    Rgba background;
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

/* Lays out the step into s (cleared first). */
void scene_build(Scene *s, const SceneInput *in, const ViewOptions *view,
                 const TextMeasure *measure);

/* The index of the topmost shape with a tooltip under canvas point (x, y),
 * or -1. */
int scene_hit_tooltip(const Scene *s, float x, float y);

/* The 0-based step whose segment of the header's progress bar is under
 * canvas point (x, y) (the segments depend only on the timeline's length,
 * so no scene is needed), or -1. */
int scene_progress_hit(const SceneInput *in, float x, float y);

#endif
