/* The cairo and SDL backends agree: one real step of the default lesson
 * (a decoder softmax step: cells, bars, arrows, text) laid out once and
 * drawn by both at 1920 x 1080. At most MAX_DIFFERENT_SHARE of the pixels
 * may differ by more than TOLERANCE in a channel (glyph rasterisation and
 * edge anti-aliasing are each backend's own), and the picked softmax bar,
 * the most negative and the most positive cell show their exact colours
 * in both. Needs _XOPEN_SOURCE for the fixture. */
#define _XOPEN_SOURCE 700
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <cairo.h>

#include "check.h"
#include "export_fixture.h"
#include "render/cairo_render.h"
#include "render/render.h"
#include "scene/colors.h"
#include "scene/scene.h"

#define W 1920
#define H 1080
/* A channel difference at most this is "the same" (anti-aliasing). */
#define TOLERANCE 48
/* Glyphs differ by design: SDL_ttf hints them to the pixel grid, cairo
 * draws them unhinted (a PDF page has no grid), so lines of text shift by
 * a pixel or two and bold strokes differ. Measured on Debian 12: 3.0 % of
 * all pixels, nearly all inside text boxes. Outside text (shapes, arrows,
 * cells, bars) the share must be tiny: a misplaced cell (44 x 24) alone is
 * 0.05 %, a wrong band colour 10 %. */
#define MAX_DIFFERENT_SHARE 0.05
#define MAX_DIFFERENT_SHAPES_SHARE 0.002
/* Text boxes are widened by this many pixels for glyph overhang. */
#define TEXT_MARGIN 6

typedef struct {
    uint8_t r, g, b;
} Rgb;

static Rgb sdl_pixel(SDL_Surface *s, int x, int y)
{
    const uint8_t *p = (const uint8_t *)s->pixels + y * s->pitch + x * 4;
    return (Rgb){p[0], p[1], p[2]}; /* SDL_PIXELFORMAT_RGBA32: bytes */
}

static Rgb cairo_pixel(cairo_surface_t *s, int x, int y)
{
    const uint8_t *d = cairo_image_surface_get_data(s);
    uint32_t p = ((const uint32_t *)(d + y * cairo_image_surface_get_stride(s)))[x];
    return (Rgb){(uint8_t)(p >> 16), (uint8_t)(p >> 8), (uint8_t)p};
}

static int channel_diff(Rgb a, Rgb b)
{
    int d = abs(a.r - b.r), e = abs(a.g - b.g), f = abs(a.b - b.b);
    return d > e ? (d > f ? d : f) : (e > f ? e : f);
}

static int rgba_distance(Rgba a, Rgba b)
{
    return abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b);
}

/* Both backends show colour c at the canvas point (x, y) (1:1 at W x H),
 * within 2 per channel. */
static void check_colour(SDL_Surface *sdl, cairo_surface_t *cs, float x,
                         float y, Rgba c, const char *what)
{
    int px = (int)x, py = (int)y;
    Rgb a = sdl_pixel(sdl, px, py), b = cairo_pixel(cs, px, py);
    Rgb want = {c.r, c.g, c.b};
    CHECK_MSG(channel_diff(a, want) <= 2, "%s in SDL: %d,%d,%d, want %d,%d,%d",
              what, a.r, a.g, a.b, c.r, c.g, c.b);
    CHECK_MSG(channel_diff(b, want) <= 2,
              "%s in cairo: %d,%d,%d, want %d,%d,%d", what, b.r, b.g, b.b,
              c.r, c.g, c.b);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_backends FONT\n");
        return 2;
    }
    Session session;
    if (!fixture_default_show(&session, "test_backends"))
        return 1;
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "test_backends: SDL: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *surf =
        SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *sdl = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    char err[512] = "";
    RenderContext *rc = sdl ? render_create(sdl, argv[1], err, sizeof err)
                            : NULL;
    CairoRender *cr = cairo_render_create(argv[1], err, sizeof err);
    if (!rc || !cr) {
        fprintf(stderr, "test_backends: cannot set up: %s %s\n", err,
                SDL_GetError());
        return 1;
    }

    /* The first decoder softmax step. */
    const Timeline *tl = session_timeline(&session);
    int k = 0;
    while (k < tl->count && tl->steps[k].kind != STEP_DECODER_SOFTMAX)
        k++;
    CHECK(k < tl->count);
    ViewOptions view = {.lang = LANG_EN, .numbers = true};
    SceneInput in;
    scene_input_at(&session, k, 1.0f, &in);
    Scene scene;
    scene_init(&scene);
    scene_build(&scene, &in, &view, render_text_measure(rc, W, H));

    CHECK(render_scene(rc, &scene, W, H));
    SDL_RenderFlush(sdl);
    cairo_surface_t *cs = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *ctx = cairo_create(cs);
    CHECK(cairo_render_scene(cr, ctx, &scene, W, H));
    cairo_surface_flush(cs);

    /* Which pixels text may cover. */
    bool *text = calloc((size_t)W * H, 1);
    for (int i = 0; i < scene.count; i++) {
        const Shape *s = &scene.shapes[i];
        if (s->kind != SHAPE_TEXT)
            continue;
        int x0 = (int)s->x - TEXT_MARGIN, x1 = (int)(s->x + s->w) + TEXT_MARGIN;
        int y0 = (int)s->y - TEXT_MARGIN, y1 = (int)(s->y + s->h) + TEXT_MARGIN;
        for (int y = y0 < 0 ? 0 : y0; y < H && y <= y1; y++)
            for (int x = x0 < 0 ? 0 : x0; x < W && x <= x1; x++)
                text[(size_t)y * W + x] = true;
    }
    long different = 0, outside_text = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if (channel_diff(sdl_pixel(surf, x, y), cairo_pixel(cs, x, y)) >
                TOLERANCE) {
                different++;
                outside_text += !text[(size_t)y * W + x];
            }
    free(text);
    double share = (double)different / (W * H);
    double shapes_share = (double)outside_text / (W * H);
    printf("pixels differing by more than %d: %ld (%.2f %%), outside text "
           "%ld (%.3f %%)\n", TOLERANCE, different, share * 100,
           outside_text, shapes_share * 100);
    CHECK_MSG(share <= MAX_DIFFERENT_SHARE, "%.2f %% of pixels differ",
              share * 100);
    CHECK_MSG(shapes_share <= MAX_DIFFERENT_SHAPES_SHARE,
              "%.3f %% of pixels outside text differ", shapes_share * 100);

    /* The picked bar (the accent colour), and the cells nearest -1 and +1
     * (they are saturated: the trained states reach |h| > 0.99), sampled
     * beside their numbers. */
    const Palette *pal = palette_for(view.theme);
    const Shape *bar = NULL, *low = NULL, *high = NULL;
    for (int i = 0; i < scene.count; i++) {
        const Shape *s = &scene.shapes[i];
        if (s->role == ROLE_BAR && rgba_equal(s->fill, pal->accent))
            bar = s;
        if (s->role != ROLE_CELL)
            continue;
        if (!low || rgba_distance(s->fill, value_color_low()) <
                        rgba_distance(low->fill, value_color_low()))
            low = s;
        if (!high || rgba_distance(s->fill, value_color_high()) <
                         rgba_distance(high->fill, value_color_high()))
            high = s;
    }
    CHECK(bar && bar->h > 20);
    CHECK(low && rgba_distance(low->fill, value_color_low()) <= 9);
    CHECK(high && rgba_distance(high->fill, value_color_high()) <= 9);
    if (bar)
        check_colour(surf, cs, bar->x + bar->w * 0.5f, bar->y + bar->h * 0.5f,
                     bar->fill, "the picked bar");
    if (low)
        check_colour(surf, cs, low->x + low->w * 0.1f + 2,
                     low->y + low->h * 0.5f, low->fill, "the -1 cell");
    if (high)
        check_colour(surf, cs, high->x + high->w * 0.1f + 2,
                     high->y + high->h * 0.5f, high->fill, "the +1 cell");

    cairo_destroy(ctx);
    cairo_surface_destroy(cs);
    scene_deinit(&scene);
    cairo_render_destroy(cr);
    render_destroy(rc);
    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(surf);
    SDL_Quit();
    session_deinit(&session);
    return check_exit();
}
