/* Frame-time benchmark for the window: start to first frame (lesson load
 * and training included), then the time of one frame (app_draw: scene
 * layout + overlays + rendering) at 1920x1080 over every step of the
 * default lesson at several animation progress values, on the software
 * renderer at 1920x1080 and 3840x2160, and on the window's renderer
 * (app_make_renderer) when a window can be made; and the peak memory. Prints figures against DESIGN.md's budgets; never
 * fails on a slow machine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <SDL.h>

#include "app/app_state.h"
#include "app/renderer.h"
#include "paths.h"

#define OUT_W 1920
#define OUT_H 1080
#define MAX_FRAMES 20000

/* CPU time of the calling thread: what the window's thread itself costs
 * at start-up, beside the loader's training. */
static double thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 /
           (double)SDL_GetPerformanceFrequency();
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void press(AppState *app, SDL_Keycode sym)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = sym;
    app_handle_event(app, &ev);
}

/* Every step, each drawn at progress 0 and then along its ease-in in 8
 * slices and finished; present (when window is set) counts as part of
 * the frame. Returns the number of frames timed into ms. */
static int time_frames(AppState *app, SDL_Renderer *sdl, bool present,
                       Session *session, double *ms)
{
    int n = 0;
    press(app, SDLK_HOME);
    int steps = session_step_count(session);
    for (int k = 0; k < steps && n < MAX_FRAMES - 16; k++) {
        if (k > 0)
            press(app, SDLK_RIGHT);
        for (int slice = 0; slice <= 9; slice++) {
            double t0 = now_ms();
            if (!app_draw(app)) {
                fprintf(stderr, "draw failed: %s\n", app_error(app));
                return n;
            }
            if (present)
                SDL_RenderPresent(sdl);
            else
                SDL_RenderFlush(sdl);
            ms[n++] = now_ms() - t0;
            app_tick(app, 65.0); /* 9 x 65 ms covers the 550 ms ease */
        }
    }
    return n;
}

static void report(const char *what, double *ms, int n, double budget)
{
    if (n == 0) {
        printf("%s: no frames\n", what);
        return;
    }
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    double median = ms[n / 2];
    double p99 = ms[(int)((n - 1) * 0.99)];
    printf("%s: %d frames, median %.2f ms, p99 %.2f ms, max %.2f ms "
           "(budget: median <= %.0f ms) %s\n",
           what, n, median, p99, ms[n - 1], budget,
           median <= budget ? "OK" : "OVER BUDGET");
}

int main(void)
{
    double t_start = now_ms();
    double cpu_start = thread_cpu_ms();
    char *path = paths_default_lesson();
    if (!path) {
        fprintf(stderr, "bench_frame: no default lesson found\n");
        return 1;
    }
    /* As app_run does: training starts first, on the loader thread, and
     * SDL, the renderer and the font start beside it. */
    char err[512];
    Loader *early = loader_start(path, 0, err, sizeof err);
    if (!early) {
        fprintf(stderr, "bench_frame: %s\n", err);
        return 1;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "bench_frame: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(
        0, OUT_W, OUT_H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *soft = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    if (!soft) {
        fprintf(stderr, "bench_frame: software renderer: %s\n",
                SDL_GetError());
        return 1;
    }
    /* As app_run does with an empty session: the lesson trains on the loader
     * thread while the first frame (a progress bar) is drawn. */
    Session session;
    memset(&session, 0, sizeof session);
    AppDesc desc = {0};
    desc.lesson_path = path;
    AppState *app = app_state_create_loading(NULL, soft, &session, &desc,
                                             early, err, sizeof err);
    if (!app || !app_draw(app)) {
        fprintf(stderr, "bench_frame: %s\n", app ? app_error(app) : err);
        return 1;
    }
    double t_first = now_ms();
    double cpu_first = thread_cpu_ms();
    while (app_loading(app)) {
        SDL_Delay(1);
        app_tick(app, 1.0);
    }
    double t_taken = now_ms(); /* the trained session taken over */
    double cpu_taken = thread_cpu_ms();
    if (!session.course) {
        fprintf(stderr, "bench_frame: %s\n", app_error(app));
        return 1;
    }
    if (!app_draw(app)) {
        fprintf(stderr, "bench_frame: %s\n", app_error(app));
        return 1;
    }
    double t_lesson = now_ms();
    printf("start to first frame (software, 1920x1080, training on the "
           "loader thread): %.1f ms (budget <= 150 ms) %s\n",
           t_first - t_start, t_first - t_start <= 150 ? "OK" : "OVER BUDGET");
    printf("start to the first frame of the trained lesson (loading and "
           "training every decoder included): %.1f ms (budget <= 100 ms) %s\n",
           t_lesson - t_start, t_lesson - t_start <= 100 ? "OK" : "OVER BUDGET");
    printf("  of which: trained and taken over at %.1f ms, its first frame "
           "drawn in %.1f ms (%.1f ms of the window thread's CPU)\n",
           t_taken - t_start, t_lesson - t_taken,
           thread_cpu_ms() - cpu_taken);
    printf("  the window thread's own CPU before it: %.1f ms to the first "
           "frame (SDL, renderer, font, the progress frame), %.1f ms "
           "after it while training ran\n",
           cpu_first - cpu_start, cpu_taken - cpu_first);
    desc.lesson_path = NULL;

    double *ms = malloc(sizeof(double) * MAX_FRAMES);
    if (!ms)
        return 1;
    int n = time_frames(app, soft, false, &session, ms);
    report("frame, software renderer, 1920x1080", ms, n, 4);
    app_state_destroy(app);
    SDL_DestroyRenderer(soft);
    SDL_FreeSurface(surface);

    /* the same at 3840x2160 (budget 16 ms) */
    surface = SDL_CreateRGBSurfaceWithFormat(0, 2 * OUT_W, 2 * OUT_H, 32,
                                             SDL_PIXELFORMAT_ARGB8888);
    soft = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    app = soft ? app_state_create(NULL, soft, &session, &desc, err,
                                  sizeof err)
               : NULL;
    if (!app) {
        printf("frame, software renderer, 3840x2160: skipped (%s)\n",
               soft ? err : SDL_GetError());
    } else {
        n = time_frames(app, soft, false, &session, ms);
        report("frame, software renderer, 3840x2160", ms, n, 16);
        app_state_destroy(app);
    }
    if (soft)
        SDL_DestroyRenderer(soft);
    SDL_FreeSurface(surface);

    /* The window's renderer as app_run makes it (app_make_renderer: the
     * software renderer through the window's framebuffer unless
     * SDL_RENDER_DRIVER says otherwise), presenting every frame. */
    SDL_Window *win = SDL_CreateWindow("bench", SDL_WINDOWPOS_UNDEFINED,
                                       SDL_WINDOWPOS_UNDEFINED, OUT_W, OUT_H,
                                       SDL_WINDOW_HIDDEN);
    SDL_Renderer *def = win ? app_make_renderer(win) : NULL;
    SDL_RendererInfo info;
    if (!win || !def || SDL_GetRendererInfo(def, &info) != 0) {
        printf("frame, window's renderer: skipped (%s)\n", SDL_GetError());
    } else {
        app = app_state_create(win, def, &session, &desc, err, sizeof err);
        if (!app) {
            printf("frame, window's renderer: skipped (%s)\n", err);
        } else {
            int ow = 0, oh = 0;
            SDL_GetRendererOutputSize(def, &ow, &oh);
            n = time_frames(app, def, true, &session, ms);
            char what[160];
            snprintf(what, sizeof what,
                     "frame, window's renderer '%s' (%s driver), "
                     "%dx%d",
                     info.name, SDL_GetCurrentVideoDriver(), ow, oh);
            report(what, ms, n, 4);
            app_state_destroy(app);
        }
    }
    if (def)
        SDL_DestroyRenderer(def);
    if (win)
        SDL_DestroyWindow(win);

    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        printf("peak memory of this benchmark (%s video driver; the "
               "window's is bench_memory's): %.1f MB\n",
               SDL_GetCurrentVideoDriver(), (double)ru.ru_maxrss / 1024.0);

    free(ms);
    session_deinit(&session);
    free(path);
    SDL_Quit();
    return 0;
}
