/* The display list that the scene makes and the renderer draws: plain
 * shapes and text boxes in canvas units (a logical canvas 1080 high whose
 * width follows the output's shape, y down). Nothing here knows about
 * SDL; render/ turns it into pixels. */
#ifndef S2S_SHAPE_H
#define S2S_SHAPE_H

#include <stdbool.h>
#include <stdint.h>

/* The canvas is 1080 units high and as wide as the output's aspect ratio,
 * snapped to the four shapes the layout is tested at (DESIGN.md, "The
 * picture"): 1440 (4:3), 1728 (16:10), 1920 (16:9, the default), 2520
 * (21:9). A 4:3 projector gets a picture laid out for 4:3, not a 16:9
 * strip letterboxed into it. */
#define CANVAS_W 1920.0f
#define CANVAS_H 1080.0f
#define CANVAS_W_4_3 1440.0f
#define CANVAS_W_16_10 1728.0f
#define CANVAS_W_21_9 2520.0f

typedef struct {
    uint8_t r, g, b, a;
} Rgba;

typedef enum {
    SHAPE_RECT,     /* rounded rectangle: fill, then stroke inside the box */
    SHAPE_CIRCLE,   /* circle inscribed in the box */
    SHAPE_POLYLINE, /* stroke through points; optional arrow head at end */
    SHAPE_TEXT,     /* one line of UTF-8 text in the box */
} ShapeKind;

/* What a shape is, for the layout tests (which kinds must not overlap) and
 * for hover (which value a cell holds). */
typedef enum {
    ROLE_DECOR,   /* backgrounds, bands, frames: may hold other shapes */
    ROLE_TEXT,    /* text: must not overlap other text, cells or bars */
    ROLE_CELL,    /* one number cell of a vector strip */
    ROLE_BAR,     /* a softmax bar */
    ROLE_BOX,     /* a node box (token box, C box, cell frame) */
    ROLE_ARROW,   /* lines and arrows: may cross other shapes */
    ROLE_OVERLAY, /* help, toasts, input field: drawn over everything */
    ROLE_MOVING,  /* a token in flight during an animation (0 < u < 1): it
                     may cross other shapes; none is left at u = 1 */
    ROLE_FORMULA, /* a piece of a typeset formula (scene/formula.h): its
                     line box may reach into a neighbouring piece's (a
                     subscript under its base), never into other shapes */
} ShapeRole;

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } TextAlign;

typedef struct {
    float x, y;
} Point;

typedef struct {
    ShapeKind kind;
    ShapeRole role;
    float x, y, w, h; /* bounding box (text: the box the line sits in) */

    Rgba fill;          /* rect, circle; text colour for text */
    Rgba stroke;        /* rect, circle outline; polyline colour */
    float stroke_width; /* 0 = no outline */
    float radius;       /* rect corner radius */

    int first_point; /* polyline: index into Scene.points */
    int point_count;
    float head_size; /* polyline: arrow head length at the end, 0 = none */

    char *text;       /* text: owned by the scene */
    float font_size;  /* text: em size in canvas units */
    TextAlign align;  /* text: within the box */
    bool bold;

    int tooltip; /* index into Scene.tooltips for hover, or -1 */
} Shape;

/* The canvas width for an output of w x h pixels: of the four shapes, the
 * one nearest in aspect ratio (compared as logarithms, so 5:4 goes to 4:3
 * and 32:9 to 21:9). A degenerate size gets the default. */
static inline float canvas_width_for(int w, int h)
{
    if (w <= 0 || h <= 0)
        return CANVAS_W;
    static const float widths[4] = {CANVAS_W_4_3, CANVAS_W_16_10, CANVAS_W,
                                    CANVAS_W_21_9};
    float aspect = (float)w / (float)h, best = CANVAS_W, best_d = 1e30f;
    for (int i = 0; i < 4; i++) {
        float r = aspect * CANVAS_H / widths[i]; /* 1 when it matches */
        float d = r > 1 ? r : 1 / r;
        if (d < best_d) {
            best_d = d;
            best = widths[i];
        }
    }
    return best;
}

/* How a canvas canvas_w wide maps onto an output of w x h pixels: uniform
 * scale, then centred (thin bars only where the output is between two of
 * the four shapes). */
typedef struct {
    float scale, offset_x, offset_y;
} CanvasMap;

static inline CanvasMap canvas_map(int w, int h, float canvas_w)
{
    if (!(canvas_w > 0))
        canvas_w = CANVAS_W;
    float sx = (float)w / canvas_w, sy = (float)h / CANVAS_H;
    CanvasMap m;
    m.scale = sx < sy ? sx : sy;
    m.offset_x = ((float)w - canvas_w * m.scale) * 0.5f;
    m.offset_y = ((float)h - CANVAS_H * m.scale) * 0.5f;
    return m;
}

#endif
