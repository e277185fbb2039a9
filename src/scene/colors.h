/* The colours of the picture, defined in one place (colors.c): a palette
 * per theme and the diverging value map that colours the cells of every
 * hidden vector. The render tests call these to know which pixel colour to
 * expect. */
#ifndef S2S_COLORS_H
#define S2S_COLORS_H

#include "scene/scene.h"
#include "scene/shape.h"

typedef struct {
    Rgba background;    /* the canvas */
    Rgba band;          /* panels behind the softmax and narration bands */
    Rgba text;          /* main text */
    Rgba text_dim;      /* hints, future tokens, labels */
    Rgba accent;        /* the picked softmax bar, the current step */
    Rgba bar;           /* a softmax bar that is not picked */
    Rgba bar_slot;      /* the empty track a bar grows in */
    Rgba box_fill;      /* token boxes */
    Rgba box_stroke;    /* token box and strip outlines */
    Rgba box_empty;     /* outline of boxes of steps not reached yet */
    Rgba cell_empty;    /* a cell not computed yet */
    Rgba arrow;         /* data flow arrows (x -> h, h -> h) */
    Rgba arrow_future;  /* arrows of steps not reached yet */
    Rgba arrow_context; /* arrows carrying C */
    Rgba feedback;      /* the feedback arc y_t -> next decoder input */
    Rgba warning;       /* an input token the model never saw */
    Rgba highlight;     /* the column of the current step (behind it) */
    Rgba progress_done; /* progress bar: steps already shown */
    Rgba progress_todo; /* progress bar: steps still to come */
    Rgba overlay_panel; /* help, picker, input field panels */
    Rgba overlay_shade; /* the veil behind a modal panel */
} Palette;

/* The palette of theme t (THEME_LIGHT when t is out of range). */
const Palette *palette_for(Theme t);

/* The diverging, colour-blind-safe map (blue - near-white - orange, after
 * ColorBrewer's RdBu/PuOr) over [-1, 1]; v is clamped, NaN maps to 0.
 * value_color(-1) == value_color_low(), value_color(1) == value_color_high().
 */
Rgba value_color(double v);
Rgba value_color_low(void);  /* the colour of -1 */
Rgba value_color_high(void); /* the colour of +1 */
/* Text colour that reads on a cell of value v (dark or white). */
Rgba value_text_color(double v);

/* Linear blend a -> b by t in [0, 1] (alpha blended too). */
Rgba rgba_mix(Rgba a, Rgba b, float t);
/* c with its alpha multiplied by f in [0, 1]. */
Rgba rgba_fade(Rgba c, float f);
bool rgba_equal(Rgba a, Rgba b);

#endif
