/* Benchmark: one frame of a busy hand-made scene (about 400 shapes: 40
 * number cells, 20 lines and arrows, 60+ text boxes with Chinese, 30
 * softmax bars) at 1920x1080 on the software renderer. Prints the median
 * and 99th percentile frame time against the 8 ms budget; never fails on
 * a slow machine.
 *
 * Usage: bench_render FONT [FRAMES] [OUT.png]   (OUT.png needs
 * SDL2_image; without it the picture is not saved) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "hand_scene.h"
#include "paths.h"
#include "render/render.h"

/* Diverging blue-white-orange map over [-1, 1]. */
static Rgba diverging(double v)
{
    double t = v < -1 ? -1 : v > 1 ? 1 : v;
    Rgba white = {247, 247, 247, 255};
    Rgba neg = {33, 102, 172, 255}, pos = {214, 96, 77, 255};
    Rgba end = t < 0 ? neg : pos;
    double a = fabs(t);
    return (Rgba){(uint8_t)(white.r + (end.r - white.r) * a),
                  (uint8_t)(white.g + (end.g - white.g) * a),
                  (uint8_t)(white.b + (end.b - white.b) * a), 255};
}

static void build(HandScene *b)
{
    hand_init(b, (Rgba){250, 250, 247, 255});
    const Rgba ink = {30, 32, 40, 255}, muted = {110, 114, 125, 255};
    const Rgba frame = {60, 64, 80, 255}, accent = {230, 120, 20, 255};
    const Rgba band = {238, 240, 244, 255}, bar = {120, 150, 200, 255};

    /* Header. */
    hand_rect(b, 0, 0, 1920, 96, 0, band, (Rgba){0}, 0);
    hand_text(b, "机器翻译：机器学习 → machine learning", 40, 16, 1100, 60,
              38, ALIGN_LEFT, ink, true);
    hand_text(b, "C as init · last", 1200, 20, 420, 50, 28, ALIGN_RIGHT,
              muted, false);
    hand_text(b, "step 7 / 12", 1640, 20, 240, 50, 28, ALIGN_RIGHT, muted,
              false);
    hand_rect(b, 40, 84, 1840, 6, 3, (Rgba){220, 222, 228, 255}, (Rgba){0},
              0);
    hand_rect(b, 40, 84, 1000, 6, 3, accent, (Rgba){0}, 0);

    /* Network: 8 strips of 8 cells (encoder h1..h4, decoder s1..s4). */
    const double vals[8] = {0.83, -0.41, 0.07, -0.96, 0.55, 0.21, -0.68,
                            0.34};
    const char *tokens[8] = {"机", "器", "学", "习",
                             "<go>", "machine", "learning", "<eos>"};
    for (int k = 0; k < 8; k++) {
        float x = 80 + (float)k * 190, y = 180;
        hand_rect(b, x - 12, y - 12, 104, 8 * 44 + 24, 14, (Rgba){0},
                  frame, 2.5f);
        for (int i = 0; i < 8; i++) {
            double v = vals[(i + k) % 8] * (k % 2 ? -1 : 1);
            hand_rect(b, x, y + (float)i * 44, 80, 40, 6, diverging(v),
                      (Rgba){0}, 0);
            char num[16];
            snprintf(num, sizeof num, "%+.2f", v);
            hand_text(b, num, x, y + (float)i * 44, 80, 40, 20,
                      ALIGN_CENTER, ink, false);
        }
        char label[16];
        snprintf(label, sizeof label, k < 4 ? "h%s" : "s%s",
                 (const char *[]){"₁", "₂", "₃", "₄"}[k % 4]);
        hand_text(b, label, x, y - 60, 80, 44, 30, ALIGN_CENTER, ink, true);
        hand_rect(b, x - 14, 600, 108, 64, 12, (Rgba){255, 255, 255, 255},
                  frame, 2);
        hand_text(b, tokens[k], x - 14, 600, 108, 64, k < 5 ? 34 : 22,
                  ALIGN_CENTER, ink, false);
        /* x_t -> h_t */
        hand_line(b, (Point[]){{x + 40, 598}, {x + 40, y + 8 * 44 + 16}}, 2,
                  3, frame, 16);
        /* h_{t-1} -> h_t */
        if (k > 0)
            hand_line(b, (Point[]){{x - 98, y + 170}, {x - 16, y + 170}}, 2,
                      3, frame, 16);
    }
    /* C box and its arrows. */
    hand_rect(b, 1840 - 200, 200, 140, 300, 18, (Rgba){255, 244, 230, 255},
              accent, 3);
    hand_text(b, "C", 1640, 300, 140, 80, 56, ALIGN_CENTER, accent, true);
    for (int i = 0; i < 6; i++) {
        /* Curved feedback-style arcs, many points each. */
        Point arc[24];
        float x0 = 160 + (float)i * 260, x1 = x0 + 240;
        for (int j = 0; j < 24; j++) {
            float t = (float)j / 23.0f;
            arc[j] = (Point){x0 + (x1 - x0) * t,
                             720 + 60 * sinf(t * 3.14159f)};
        }
        hand_line(b, arc, 24, 3, accent, 18);
    }
    hand_line(b, (Point[]){{1540, 350}, {1636, 350}}, 2, 4, accent, 22);
    hand_line(b, (Point[]){{200, 170}, {900, 130}, {1700, 190}}, 3, 2, muted,
              14);
    hand_line(b, (Point[]){{60, 1000}, {1860, 700}}, 2, 2, muted, 0);
    hand_line(b, (Point[]){{60, 700}, {1860, 1000}}, 2, 2, muted, 0);

    /* Softmax: 30 bars with labels and probabilities. */
    for (int i = 0; i < 30; i++) {
        float x = 60 + (float)i * 60, base = 1000;
        float h = 20 + (float)((i * 37) % 100);
        bool pick = i == 7;
        hand_rect(b, x, base - h, 44, h, 4, pick ? accent : bar, (Rgba){0},
                  0);
        char p[16];
        snprintf(p, sizeof p, "%.2f", h / 120.0);
        hand_text(b, p, x - 8, base - h - 30, 60, 26, 17, ALIGN_CENTER,
                  muted, false);
    }
    /* Narration and formula. */
    hand_text(b, "编码器读入第 3 个词“学”，与上一步的隐状态 h₂ 一起算出 h₃。",
              40, 800, 1840, 50, 32, ALIGN_LEFT, ink, false);
    hand_text(b, "h₃ = tanh(W·x₃ + U·h₂ + b) = [0.83, −0.41, 0.07, …]", 40,
              850, 1840, 50, 30, ALIGN_LEFT, ink, false);
    hand_text(b, "→ / Space: next   ← : back   V: variant   S: save", 40,
              1040, 1840, 36, 22, ALIGN_CENTER, muted, false);
    for (int i = 0; i < 10; i++) {
        char w[32];
        snprintf(w, sizeof w, "词%d token", i);
        hand_text(b, w, 60 + (float)i * 180, 1004, 170, 30, 18,
                  ALIGN_CENTER, ink, false);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#ifdef BENCH_SAVE_PNG
#include <SDL_image.h>
#endif

int main(int argc, char **argv)
{
    const char *font = argc > 1 ? argv[1] : "assets/" PATHS_FONT_FILE;
    int frames = argc > 2 ? atoi(argv[2]) : 200;
    if (frames < 1)
        frames = 1;
    const int w = 1920, h = 1080;
    SDL_Surface *surf =
        SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    if (!sdl) {
        fprintf(stderr, "bench_render: %s\n", SDL_GetError());
        return 1;
    }
    char err[256];
    RenderContext *rc = render_create(sdl, font, err, sizeof err);
    if (!rc) {
        fprintf(stderr, "bench_render: %s\n", err);
        return 1;
    }
    static HandScene busy;
    build(&busy);

    Uint64 freq = SDL_GetPerformanceFrequency();
    Uint64 t0 = SDL_GetPerformanceCounter();
    if (!render_scene(rc, &busy.scene, w, h))
        fprintf(stderr, "bench_render: %s\n", render_error(rc));
    double first = (double)(SDL_GetPerformanceCounter() - t0) * 1e3 /
                   (double)freq;

    double *ms = malloc((size_t)frames * sizeof *ms);
    for (int i = 0; i < frames; i++) {
        t0 = SDL_GetPerformanceCounter();
        render_scene(rc, &busy.scene, w, h);
        /* Reading one pixel flushes SDL's command queue, so the frame is
         * really drawn inside the timing. */
        Uint32 pixel;
        SDL_Rect one = {0, 0, 1, 1};
        SDL_RenderReadPixels(sdl, &one, SDL_PIXELFORMAT_ARGB8888, &pixel, 4);
        ms[i] = (double)(SDL_GetPerformanceCounter() - t0) * 1e3 /
                (double)freq;
    }
    qsort(ms, (size_t)frames, sizeof *ms, cmp_double);
    double median = ms[frames / 2];
    double p99 = ms[(int)((frames - 1) * 0.99)];
    printf("render 1920x1080 software, %d shapes: first frame %.2f ms, "
           "median %.2f ms, p99 %.2f ms over %d frames (budget: median "
           "<= 8 ms) %s\n",
           busy.scene.count, first, median, p99, frames,
           median <= 8.0 ? "OK" : "OVER BUDGET");
#ifdef BENCH_SAVE_PNG
    if (argc > 3 && IMG_SavePNG(surf, argv[3]) != 0)
        fprintf(stderr, "bench_render: %s: %s\n", argv[3], IMG_GetError());
#endif
    free(ms);
    render_destroy(rc);
    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(surf);
    return 0;
}
