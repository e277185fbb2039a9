/* Every colour of the picture: the light and dark palettes and the
 * diverging map of cell values. Light is the default because projectors
 * wash out dark slides; both keep text contrast high. */
#include "scene/colors.h"

#include <math.h>

static const Palette light = {
    .background = {250, 250, 247, 255},
    .band = {240, 241, 236, 255},
    .text = {24, 26, 32, 255},
    .text_dim = {105, 108, 118, 255},
    .accent = {196, 0, 110, 255},
    .bar = {120, 138, 160, 255},
    .bar_slot = {225, 227, 222, 255},
    .box_fill = {255, 255, 255, 255},
    .box_stroke = {60, 64, 74, 255},
    .box_empty = {180, 183, 190, 255},
    .cell_empty = {236, 237, 233, 255},
    .arrow = {70, 74, 86, 255},
    .arrow_future = {200, 202, 206, 255},
    .arrow_context = {118, 42, 170, 255},
    .feedback = {0, 122, 90, 255},
    .warning = {214, 120, 0, 255},
    .highlight = {255, 238, 186, 255},
    .progress_done = {140, 146, 160, 255},
    .progress_todo = {218, 220, 224, 255},
    .overlay_panel = {255, 255, 255, 248},
    .overlay_shade = {20, 20, 24, 150},
};

static const Palette dark = {
    .background = {18, 19, 23, 255},
    .band = {30, 32, 38, 255},
    .text = {236, 237, 240, 255},
    .text_dim = {150, 154, 165, 255},
    .accent = {255, 84, 170, 255},
    .bar = {120, 138, 160, 255},
    .bar_slot = {44, 47, 55, 255},
    .box_fill = {34, 36, 43, 255},
    .box_stroke = {190, 194, 204, 255},
    .box_empty = {80, 84, 94, 255},
    .cell_empty = {42, 44, 52, 255},
    .arrow = {200, 203, 212, 255},
    .arrow_future = {64, 67, 76, 255},
    .arrow_context = {190, 130, 255, 255},
    .feedback = {60, 210, 160, 255},
    .warning = {255, 160, 40, 255},
    .highlight = {62, 56, 30, 255},
    .progress_done = {130, 135, 150, 255},
    .progress_todo = {56, 59, 68, 255},
    .overlay_panel = {28, 30, 36, 248},
    .overlay_shade = {0, 0, 0, 170},
};

const Palette *palette_for(Theme t)
{
    return t == THEME_DARK ? &dark : &light;
}

/* Stops of the map at v = -1, -0.5, 0, 0.5, 1: dark blue, light blue,
 * near-white, light orange, dark orange. Blue against orange stays apart
 * for the common colour-vision deficiencies, and the ends differ in
 * lightness from the middle, so grey-scale prints read too. */
static const Rgba stops[5] = {
    {33, 102, 172, 255},  /* -1 */
    {146, 197, 222, 255}, /* -0.5 */
    {247, 247, 247, 255}, /* 0 */
    {253, 184, 99, 255},  /* +0.5 */
    {230, 97, 1, 255},    /* +1 */
};

Rgba value_color_low(void)
{
    return stops[0];
}

Rgba value_color_high(void)
{
    return stops[4];
}

Rgba value_color(double v)
{
    if (isnan(v))
        v = 0;
    if (v <= -1)
        return stops[0];
    if (v >= 1)
        return stops[4];
    double pos = (v + 1) * 2; /* 0..4 */
    int i = (int)pos;
    if (i > 3)
        i = 3;
    return rgba_mix(stops[i], stops[i + 1], (float)(pos - i));
}

Rgba value_text_color(double v)
{
    return fabs(v) > 0.62 ? (Rgba){255, 255, 255, 255}
                          : (Rgba){20, 22, 28, 255};
}

static uint8_t lerp8(uint8_t a, uint8_t b, float t)
{
    float v = (float)a + ((float)b - (float)a) * t;
    return (uint8_t)(v + 0.5f);
}

Rgba rgba_mix(Rgba a, Rgba b, float t)
{
    if (t <= 0)
        return a;
    if (t >= 1)
        return b;
    return (Rgba){lerp8(a.r, b.r, t), lerp8(a.g, b.g, t),
                  lerp8(a.b, b.b, t), lerp8(a.a, b.a, t)};
}

Rgba rgba_fade(Rgba c, float f)
{
    if (f < 0)
        f = 0;
    if (f > 1)
        f = 1;
    c.a = (uint8_t)((float)c.a * f + 0.5f);
    return c;
}

bool rgba_equal(Rgba a, Rgba b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}
