/* Render tests: hand-made scenes drawn headless onto a software renderer,
 * pixels checked at known places (background, fills, anti-aliased edges,
 * arrow tips, text boxes, letterboxing, repeatability), plus the text
 * measure and the shipped font's coverage.
 *
 * Usage: test_render FONT   (or S2S_ASSETS_DIR pointing at assets/) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "check.h"
#include "hand_scene.h"
#include "paths.h"
#include "render/render.h"

static const Rgba LIGHT = {250, 250, 247, 255};
static const Rgba DARK = {24, 26, 32, 255};
static const Rgba RED = {210, 40, 30, 255};
static const Rgba BLUE = {20, 60, 200, 255};
static const Rgba INK = {10, 10, 10, 255};
static const Rgba NONE = {0, 0, 0, 0};

/* A software renderer drawing into a w x h surface, and its pixels. */
typedef struct {
    SDL_Surface *surface;
    SDL_Renderer *sdl;
    RenderContext *rc;
    Uint32 *pixels; /* ARGB8888, read back after draw() */
    int w, h;
} Target;

static const char *font_path;

static bool target_open(Target *t, int w, int h)
{
    memset(t, 0, sizeof *t);
    t->w = w, t->h = h;
    t->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32,
                                                SDL_PIXELFORMAT_ARGB8888);
    /* A set-up that fails is a failed test, never a skipped one. */
    t->sdl = t->surface ? SDL_CreateSoftwareRenderer(t->surface) : NULL;
    CHECK_MSG(t->sdl != NULL, "cannot make a software renderer: %s",
              SDL_GetError());
    if (!t->sdl)
        return false;
    char err[256] = "";
    t->rc = render_create(t->sdl, font_path, err, sizeof err);
    CHECK_MSG(t->rc != NULL, "render_create: %s", err);
    if (!t->rc)
        return false;
    t->pixels = malloc((size_t)w * (size_t)h * 4);
    CHECK(t->pixels != NULL);
    return t->pixels != NULL;
}

static void target_close(Target *t)
{
    render_destroy(t->rc);
    if (t->sdl)
        SDL_DestroyRenderer(t->sdl);
    SDL_FreeSurface(t->surface);
    free(t->pixels);
}

static void draw(Target *t, const Scene *s)
{
    CHECK_MSG(render_scene(t->rc, s, t->w, t->h), "%s", render_error(t->rc));
    CHECK(SDL_RenderReadPixels(t->sdl, NULL, SDL_PIXELFORMAT_ARGB8888,
                               t->pixels, t->w * 4) == 0);
}

static Rgba px(const Target *t, int x, int y)
{
    Uint32 p = t->pixels[y * t->w + x];
    return (Rgba){(p >> 16) & 255, (p >> 8) & 255, p & 255, p >> 24};
}

static bool same(Rgba a, Rgba b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static void test_background(void)
{
    Target t;
    if (!target_open(&t, 320, 180))
        return;
    HandScene s;
    hand_init(&s, LIGHT);
    draw(&t, &s.scene);
    CHECK(same(px(&t, 0, 0), LIGHT));
    CHECK(same(px(&t, 160, 90), LIGHT));
    CHECK(same(px(&t, 319, 179), LIGHT));
    hand_init(&s, DARK);
    draw(&t, &s.scene);
    CHECK(same(px(&t, 0, 0), DARK));
    CHECK(same(px(&t, 319, 179), DARK));
    /* Transparent export: alpha 0 everywhere nothing is drawn. */
    hand_init(&s, (Rgba){250, 250, 247, 0});
    hand_rect(&s, 900, 500, 120, 80, 0, RED, NONE, 0);
    draw(&t, &s.scene);
    CHECK(px(&t, 5, 5).a == 0);
    CHECK(same(px(&t, 160, 90), RED));
    target_close(&t);
}

static void test_rect(void)
{
    Target t;
    if (!target_open(&t, 1920, 1080))
        return;
    HandScene s;
    hand_init(&s, LIGHT);
    hand_rect(&s, 300, 300, 600, 300, 60, RED, NONE, 0);
    /* Outlined box: the stroke lies inside the box. */
    hand_rect(&s, 1100, 300, 400, 200, 0, LIGHT, BLUE, 10);
    draw(&t, &s.scene);
    CHECK(same(px(&t, 600, 450), RED));
    CHECK(same(px(&t, 250, 450), LIGHT));
    /* A straight edge on a pixel boundary: at most one pixel of blend
     * (the software renderer snaps vertices to whole pixels, so the ramp
     * may sit half a pixel off)... */
    CHECK(same(px(&t, 600, 301), RED));
    CHECK(same(px(&t, 600, 298), LIGHT));
    /* ...and the rounded corner has partly covered pixels between. */
    int blends = 0;
    for (int y = 300; y < 360; y++)
        for (int x = 300; x < 360; x++) {
            Rgba p = px(&t, x, y);
            if (!same(p, RED) && !same(p, LIGHT))
                blends++;
        }
    CHECK_MSG(blends >= 20, "only %d blended corner pixels", blends);
    /* The corner itself is outside the rounding. */
    CHECK(same(px(&t, 302, 302), LIGHT));

    CHECK(same(px(&t, 1105, 400), BLUE));
    CHECK(same(px(&t, 1098, 400), LIGHT));
    CHECK(same(px(&t, 1300, 305), BLUE));
    CHECK(same(px(&t, 1300, 400), LIGHT));
    CHECK(same(px(&t, 1494, 400), BLUE));
    CHECK(same(px(&t, 1501, 400), LIGHT));
    target_close(&t);
}

static void test_circle(void)
{
    Target t;
    if (!target_open(&t, 640, 360))
        return;
    HandScene s;
    hand_init(&s, DARK);
    /* Centre (960, 540), radius 300 units. */
    Shape *c = hand_add(&s, SHAPE_CIRCLE, ROLE_BOX, 660, 240, 600, 600);
    c->fill = RED;
    draw(&t, &s.scene);
    CHECK(same(px(&t, 320, 180), RED));
    CHECK(same(px(&t, 320 + 110, 180), DARK)); /* r = 100 px */
    /* Partly covered pixels around the rim (the software renderer keeps
     * vertices to half a pixel, so not every rim pixel is a blend). */
    int blends = 0;
    for (int y = 70; y < 290; y++)
        for (int x = 210; x < 430; x++) {
            Rgba p = px(&t, x, y);
            if (!same(p, RED) && !same(p, DARK))
                blends++;
        }
    CHECK_MSG(blends >= 100, "only %d blended rim pixels", blends);
    target_close(&t);
}

static void test_arrow_and_line(void)
{
    Target t;
    if (!target_open(&t, 1920, 1080))
        return;
    HandScene s;
    hand_init(&s, LIGHT);
    /* A diagonal arrow ending at (1500, 300), head 40 long. */
    hand_line(&s, (Point[]){{500, 800}, {1500, 300}}, 2, 6, BLUE, 40);
    /* A plain line from A to B. */
    hand_line(&s, (Point[]){{100, 1000}, {900, 1000}}, 2, 8, RED, 0);
    /* A bent arrow pointing straight down at (300, 600). */
    hand_line(&s, (Point[]){{100, 300}, {300, 300}, {300, 600}}, 3, 4, INK,
              30);
    draw(&t, &s.scene);

    /* Direction of the diagonal arrow. */
    float dx = 1000.0f / 1118.034f, dy = -500.0f / 1118.034f;
    Rgba back2 = px(&t, (int)(1500 - dx * 3), (int)(300 - dy * 3));
    CHECK_MSG(back2.b > 150 && back2.r < 150, "near tip: %d %d %d",
              back2.r, back2.g, back2.b);
    Rgba beyond = px(&t, (int)(1500 + dx * 3), (int)(300 + dy * 3));
    CHECK(same(beyond, LIGHT));
    /* The head is wider than the line near its base. */
    Rgba side = px(&t, (int)(1500 - dx * 35 - dy * 12),
                   (int)(300 - dy * 35 + dx * 12));
    CHECK(same(side, BLUE));
    /* The shaft is drawn. */
    CHECK(same(px(&t, 1000, 550), BLUE));

    CHECK(same(px(&t, 500, 1000), RED));
    CHECK(same(px(&t, 500, 1002), RED));
    CHECK(same(px(&t, 500, 1006), LIGHT));
    CHECK(same(px(&t, 95, 1000), LIGHT)); /* butt end: nothing beyond */

    CHECK(px(&t, 300, 595).r < 128); /* near the tip of the bent arrow */
    CHECK(same(px(&t, 300, 603), LIGHT));
    CHECK(same(px(&t, 300, 450), INK));
    CHECK(same(px(&t, 200, 300), INK));
    target_close(&t);
}

/* Counts pixels differing from bg inside [x0,x1) x [y0,y1), and reports
 * the horizontal extent of the ink. */
static int ink(const Target *t, Rgba bg, int x0, int y0, int x1, int y1,
               int *left, int *right)
{
    int n = 0;
    *left = x1, *right = x0 - 1;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            if (!same(px(t, x, y), bg)) {
                n++;
                if (x < *left)
                    *left = x;
                if (x > *right)
                    *right = x;
            }
    return n;
}

static void test_text(void)
{
    Target t;
    if (!target_open(&t, 1920, 1080))
        return;
    HandScene s;
    hand_init(&s, LIGHT);
    hand_text(&s, "机器学习 → machine", 100, 100, 800, 80, 48, ALIGN_LEFT,
              INK, false);
    hand_text(&s, "h₃ = tanh(W·x₃)", 100, 300, 800, 80, 48, ALIGN_CENTER,
              BLUE, false);
    hand_text(&s, "你好", 100, 500, 800, 80, 48, ALIGN_RIGHT, RED, false);
    draw(&t, &s.scene);

    int l, r;
    int total = ink(&t, LIGHT, 0, 0, 1920, 1080, &l, &r);
    int a = ink(&t, LIGHT, 100, 100, 900, 180, &l, &r);
    CHECK_MSG(a > 1000, "only %d ink pixels", a);
    CHECK(l >= 100 && l < 110);
    int b = ink(&t, LIGHT, 100, 300, 900, 380, &l, &r);
    CHECK(b > 500);
    CHECK_MSG(abs((l + r) / 2 - 500) < 12, "centred text spans %d..%d", l,
              r);
    int c = ink(&t, LIGHT, 100, 500, 900, 580, &l, &r);
    CHECK(c > 300);
    CHECK_MSG(r > 885 && r < 900, "right-aligned text ends at %d", r);
    CHECK_MSG(total == a + b + c, "%d ink pixels outside the boxes",
              total - a - b - c);

    /* Vertically centred: as much ink above the box's middle as below,
     * roughly, for ideographs. */
    int top = ink(&t, LIGHT, 100, 500, 900, 540, &l, &r);
    int bottom = ink(&t, LIGHT, 100, 540, 900, 580, &l, &r);
    CHECK_MSG(abs(top - bottom) < (top + bottom) / 5, "%d above, %d below",
              top, bottom);
    target_close(&t);
}

static void test_letterbox(void)
{
    Target t;
    if (!target_open(&t, 640, 480))
        return;
    HandScene s;
    hand_init(&s, DARK);
    hand_rect(&s, 0, 0, CANVAS_W, CANVAS_H, 0, LIGHT, NONE, 0);
    draw(&t, &s.scene);
    /* 640 / 1920 = 1/3: the canvas is 640 x 360, centred at y 60..420. */
    CHECK(same(px(&t, 320, 10), DARK));
    CHECK(same(px(&t, 320, 58), DARK));
    CHECK(same(px(&t, 320, 61), LIGHT));
    CHECK(same(px(&t, 320, 240), LIGHT));
    CHECK(same(px(&t, 320, 418), LIGHT));
    CHECK(same(px(&t, 320, 421), DARK));
    CHECK(same(px(&t, 320, 479), DARK));
    target_close(&t);
}

static void test_repeatable(void)
{
    Target t;
    if (!target_open(&t, 800, 450))
        return;
    HandScene s;
    hand_init(&s, LIGHT);
    hand_rect(&s, 100, 100, 500, 300, 24, RED, INK, 3);
    hand_line(&s, (Point[]){{100, 700}, {700, 500}, {1300, 900}}, 3, 5,
              BLUE, 24);
    hand_text(&s, "机器学习 p = 0.8390", 700, 100, 900, 80, 40,
              ALIGN_CENTER, INK, false);
    draw(&t, &s.scene);
    size_t size = (size_t)t.w * (size_t)t.h * 4;
    Uint32 *first = malloc(size);
    memcpy(first, t.pixels, size);
    draw(&t, &s.scene);
    CHECK(memcmp(first, t.pixels, size) == 0);
    free(first);
    target_close(&t);
}

/* ---- box.c: rounded boxes and circles from cached corner masks ---- */

/* The largest difference of one channel of a and b. */
static int diff(Rgba a, Rgba b)
{
    int d = abs(a.r - b.r);
    d = abs(a.g - b.g) > d ? abs(a.g - b.g) : d;
    d = abs(a.b - b.b) > d ? abs(a.b - b.b) : d;
    return abs(a.a - b.a) > d ? abs(a.a - b.a) : d;
}

/* bg with c blended over it at coverage a (0..1). */
static Rgba over(Rgba bg, Rgba c, double a)
{
    return (Rgba){(uint8_t)lround(bg.r + (c.r - bg.r) * a),
                  (uint8_t)lround(bg.g + (c.g - bg.g) * a),
                  (uint8_t)lround(bg.b + (c.b - bg.b) * a), 255};
}

/* Two boxes of the same size and radius in different colours share one
 * corner mask tinted twice: each is its own colour inside, and each
 * corner pixel is its colour at the same coverage. */
static void test_box_colours(void)
{
    Target t;
    if (!target_open(&t, 1920, 1080)) /* one unit = one pixel */
        return;
    const Rgba green = {20, 150, 60, 255};
    HandScene s;
    hand_init(&s, LIGHT);
    hand_rect(&s, 100, 100, 200, 120, 20, RED, NONE, 0);
    hand_rect(&s, 400, 100, 200, 120, 20, BLUE, NONE, 0);
    hand_rect(&s, 700, 100, 200, 120, 20, green, NONE, 0);
    draw(&t, &s.scene);
    CHECK(same(px(&t, 200, 160), RED));
    CHECK(same(px(&t, 500, 160), BLUE));
    CHECK(same(px(&t, 800, 160), green));
    /* The straight edges are crisp: whole pixels in, whole pixels out. */
    CHECK(same(px(&t, 200, 100), RED) && same(px(&t, 200, 99), LIGHT));
    CHECK(same(px(&t, 500, 219), BLUE) && same(px(&t, 500, 220), LIGHT));
    CHECK(same(px(&t, 100, 160), RED) && same(px(&t, 99, 160), LIGHT));
    CHECK(same(px(&t, 699, 160), LIGHT) && same(px(&t, 700, 160), green));

    int partial = 0, worst = 0;
    for (int y = 100; y < 120; y++)
        for (int x = 100; x < 120; x++) {
            /* Coverage of the red corner pixel, from its green channel
             * (the one that differs most from the background). */
            Rgba r = px(&t, x, y);
            double a = (double)(LIGHT.g - r.g) / (LIGHT.g - RED.g);
            int d = diff(px(&t, x + 300, y), over(LIGHT, BLUE, a));
            int e = diff(px(&t, x + 600, y), over(LIGHT, green, a));
            worst = d > worst ? d : worst;
            worst = e > worst ? e : worst;
            if (a > 0.05 && a < 0.95)
                partial++;
        }
    CHECK_MSG(worst <= 3, "a corner pixel is %d off its colour", worst);
    CHECK_MSG(partial >= 10, "only %d partly covered corner pixels",
              partial);
    CHECK(same(px(&t, 100, 100), LIGHT)); /* outside the rounding */
    /* The four corners of one box are mirror images. */
    int asym = 0;
    for (int y = 0; y < 20; y++)
        for (int x = 0; x < 20; x++) {
            Rgba tl = px(&t, 400 + x, 100 + y);
            asym += !same(tl, px(&t, 599 - x, 100 + y)) +
                    !same(tl, px(&t, 400 + x, 219 - y)) +
                    !same(tl, px(&t, 599 - x, 219 - y));
        }
    CHECK_MSG(asym == 0, "%d corner pixels differ from their mirror", asym);
    target_close(&t);
}

/* A translucent fill under an opaque outline: the middle is the fill
 * blended once over the background, the outline is the outline's colour. */
static void test_box_translucent_fill(void)
{
    Target t;
    if (!target_open(&t, 1920, 1080))
        return;
    const Rgba glass = {20, 60, 200, 128};
    HandScene s;
    hand_init(&s, LIGHT);
    hand_rect(&s, 100, 100, 300, 200, 24, glass, INK, 4);
    draw(&t, &s.scene);
    Rgba want = over(LIGHT, (Rgba){20, 60, 200, 255}, 128 / 255.0);
    Rgba mid = px(&t, 250, 200);
    CHECK_MSG(diff(mid, want) <= 2, "centre %d %d %d, want %d %d %d", mid.r,
              mid.g, mid.b, want.r, want.g, want.b);
    CHECK(diff(px(&t, 150, 200), want) <= 2); /* the interior is even */
    CHECK(same(px(&t, 101, 200), INK));       /* the outline, 4 px inside */
    CHECK(same(px(&t, 250, 102), INK));
    CHECK(same(px(&t, 398, 200), INK));
    CHECK(same(px(&t, 250, 297), INK));
    CHECK(diff(px(&t, 105, 200), want) <= 2); /* just inside the outline */
    CHECK(same(px(&t, 99, 200), LIGHT));
    target_close(&t);
}

/* A circle of odd diameter, outlined, is symmetric about both axes and
 * both diagonals, pixel for pixel. */
static void test_box_odd_circle(void)
{
    Target t;
    if (!target_open(&t, 1920, 1080))
        return;
    HandScene s;
    hand_init(&s, LIGHT);
    /* Diameter 41 px from x, y = 100 to 141: the centre is a pixel's. */
    Shape *c = hand_add(&s, SHAPE_CIRCLE, ROLE_BOX, 100, 100, 41, 41);
    c->fill = RED;
    c->stroke = INK;
    c->stroke_width = 3;
    draw(&t, &s.scene);
    CHECK(same(px(&t, 120, 120), RED));
    CHECK(same(px(&t, 120, 100), INK) && same(px(&t, 120, 99), LIGHT));
    CHECK(same(px(&t, 120, 140), INK) && same(px(&t, 120, 141), LIGHT));
    int asym = 0;
    for (int y = 0; y < 41; y++)
        for (int x = 0; x < 41; x++) {
            Rgba p = px(&t, 100 + x, 100 + y);
            asym += !same(p, px(&t, 140 - x, 100 + y)) +
                    !same(p, px(&t, 100 + x, 140 - y)) +
                    !same(p, px(&t, 100 + y, 100 + x));
        }
    CHECK_MSG(asym == 0, "%d pixels differ from their mirror", asym);
    target_close(&t);
}

/* A box with next to no height (0.01 units) and rounded corners draws at
 * most a faint line where it is, nothing elsewhere, and no error. */
static void test_box_flat(void)
{
    Target t;
    if (!target_open(&t, 1920, 1080))
        return;
    HandScene s;
    hand_init(&s, LIGHT);
    hand_rect(&s, 100, 200.5f, 300, 0.01f, 12, RED, INK, 2);
    hand_rect(&s, 500, 200, 0.01f, 0.01f, 12, RED, NONE, 0);
    draw(&t, &s.scene);
    int outside = 0, strong = 0;
    for (int y = 150; y < 250; y++)
        for (int x = 50; x < 650; x++) {
            Rgba p = px(&t, x, y);
            if (same(p, LIGHT))
                continue;
            if (y < 198 || y > 203 || x < 97 || x > 403)
                outside++;
            else if (diff(p, LIGHT) > 128)
                strong++;
        }
    CHECK_MSG(outside == 0, "%d pixels drawn away from the flat box",
              outside);
    CHECK_MSG(strong == 0, "%d strong pixels in a 0.01-unit-high box",
              strong);
    target_close(&t);
}

static void test_measure(void)
{
    Target t;
    if (!target_open(&t, 1920, 1080))
        return;
    const TextMeasure *m = render_text_measure(t.rc, 1920, 1080);
    float w1 = text_width(m, "a", 32, false);
    float w2 = text_width(m, "ab", 32, false);
    float w3 = text_width(m, "abc", 32, false);
    CHECK(w1 > 0 && w2 > w1 && w3 > w2);
    float zh = text_width(m, "机器学习", 32, false);
    CHECK_NEAR(zh, 4 * 32, 4); /* ideographs are one em wide */
    CHECK(text_width(m, "", 32, false) == 0);
    CHECK(text_width(m, "machine", 32, true) >=
          text_width(m, "machine", 32, false));
    /* The same text in canvas units at another output size: close, as
     * only rounding of the pixel size differs. */
    const TextMeasure *small = render_text_measure(t.rc, 640, 360);
    CHECK(small == m);
    float zh_small = text_width(small, "机器学习", 32, false);
    CHECK_NEAR(zh_small, zh, zh * 0.1);
    /* A tiny output still gives a usable answer. */
    render_text_measure(t.rc, 16, 9);
    CHECK(text_width(m, "machine", 32, false) > 32);
    target_close(&t);
}

static void test_font_coverage(void)
{
    CHECK(TTF_Init() == 0);
    TTF_Font *f = TTF_OpenFont(font_path, 24);
    CHECK(f != NULL);
    if (!f)
        return;
    const Uint32 cps[] = {0x673A, 0x5668, 0x5B66, 0x4E60, /* 机器学习 */
                          0x2083, 0x2082, 0x00B2,         /* ₃ ₂ ² */
                          0x2192, 0x03A3, 0x03C0, 0x00B7, /* → Σ π · */
                          0x00D7, 0x201C, 0x201D, 0xFF08, /* × “ ” （ */
                          0xFF09, 0xFF1F, 0xFF0C, 0x3002, /* ） ？ ， 。 */
                          0x2212, 0x2211, 0x220F, 0x2264, /* − ∑ ∏ ≤ */
                          'A', 'z', '0', '<', '>'};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++)
        CHECK_MSG(TTF_GlyphIsProvided32(f, cps[i]), "U+%04X missing",
                  (unsigned)cps[i]);
    TTF_CloseFont(f);
    TTF_Quit();
}

static void test_errors(void)
{
    SDL_Surface *surf =
        SDL_CreateRGBSurfaceWithFormat(0, 16, 16, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = SDL_CreateSoftwareRenderer(surf);
    char err[256] = "";
    RenderContext *rc =
        render_create(sdl, "/nonexistent/font.otf", err, sizeof err);
    CHECK(rc == NULL);
    CHECK(strstr(err, "/nonexistent/font.otf") != NULL);
    render_destroy(NULL);
    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(surf);
}

int main(int argc, char **argv)
{
    static char path[4096];
    if (argc > 1) {
        font_path = argv[1];
    } else {
        const char *dir = getenv("S2S_ASSETS_DIR");
        snprintf(path, sizeof path, "%s/" PATHS_FONT_FILE,
                 dir ? dir : "assets");
        font_path = path;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    test_background();
    test_rect();
    test_circle();
    test_arrow_and_line();
    test_text();
    test_letterbox();
    test_repeatable();
    test_box_colours();
    test_box_translucent_fill();
    test_box_odd_circle();
    test_box_flat();
    test_measure();
    test_font_coverage();
    test_errors();
    SDL_Quit();
    return check_exit();
}
