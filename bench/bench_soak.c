/* Soak: N frames of auto-play through every shipped lesson and view
 * (variant x context x theme x language, flipped as it plays), headless on
 * a software renderer, printing the resident set size at intervals. Flat
 * is the goal: a leak shows as a line that keeps rising.
 *   bench_soak [FRAMES]      (default 20000; S2S_LESSONS_DIR as the tests) */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>

#include "app/app_state.h"
#include "paths.h"

#define W 960
#define H 540
#define FRAME_MS (1000.0 / 60.0)

/* Resident set size in MB, from /proc/self/statm. */
static double rss_mb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return (double)resident * (double)sysconf(_SC_PAGESIZE) / 1e6;
}

static void key(AppState *app, SDL_Keycode sym)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = sym;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    app_handle_event(app, &ev);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    long frames = argc > 1 ? atol(argv[1]) : 20000;
    if (frames < 1) {
        fprintf(stderr, "usage: bench_soak [FRAMES]\n");
        return 2;
    }
    char *dir = paths_lessons_dir();
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        fprintf(stderr, "bench_soak: no lessons folder (set S2S_LESSONS_DIR)\n");
        return 1;
    }
    char *paths[64];
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) && count < 64) {
        size_t n = strlen(e->d_name);
        if (n > 7 && strcmp(e->d_name + n - 7, ".lesson") == 0) {
            paths[count] = malloc(strlen(dir) + n + 2);
            sprintf(paths[count], "%s/%s", dir, e->d_name);
            count++;
        }
    }
    closedir(d);
    qsort(paths, (size_t)count, sizeof *paths, cmp_str);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "bench_soak: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *surface =
        SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    if (!sdl) {
        fprintf(stderr, "bench_soak: %s\n", SDL_GetError());
        return 1;
    }
    printf("soak: %ld frames over %d lessons at %dx%d; RSS at start %.1f MB\n",
           frames, count, W, H, rss_mb());
    /* The views flipped in turn: variant, context, theme, language. */
    const SDL_Keycode flips[] = {SDLK_v, SDLK_c, SDLK_t, SDLK_l};
    long frame = 0, report_every = frames / 20 > 0 ? frames / 20 : 1;
    double first_rss = 0, peak = 0, last_rss = 0;
    int status = 0;
    for (int round = 0; frame < frames; round++) {
        const char *path = paths[round % count];
        LessonError lerr;
        Lesson *l = lesson_load(path, &lerr);
        if (!l) {
            fprintf(stderr, "bench_soak: %s: %s\n", path, lerr.message);
            status = 1;
            break;
        }
        Session session;
        session_init(&session, course_create(l, NULL, NULL));
        char err[512] = "";
        AppDesc desc = {.lesson_path = path};
        AppState *app = app_state_create(NULL, sdl, &session, &desc, err,
                                         sizeof err);
        if (!app) {
            fprintf(stderr, "bench_soak: %s\n", err);
            session_deinit(&session);
            status = 1;
            break;
        }
        key(app, SDLK_a); /* auto-play */
        long per_lesson = frames / count / 2 > 600 ? frames / count / 2 : 600;
        for (long k = 0; k < per_lesson && frame < frames; k++, frame++) {
            if (k > 0 && k % 400 == 0)
                key(app, flips[(k / 400) % 4]);
            if (!app_autostep(app)) {
                key(app, SDLK_HOME);
                key(app, SDLK_a);
            }
            app_tick(app, FRAME_MS);
            if (app_needs_redraw(app) && !app_draw(app)) {
                fprintf(stderr, "bench_soak: drawing failed: %s\n",
                        app_error(app));
                status = 1;
                break;
            }
            if (frame % report_every == 0 || frame == frames - 1) {
                double r = rss_mb();
                if (frame == 0)
                    first_rss = r;
                if (r > peak)
                    peak = r;
                last_rss = r;
                printf("frame %7ld  RSS %7.1f MB  (%s)\n", frame, r,
                       strrchr(path, '/') + 1);
                fflush(stdout);
            }
        }
        app_state_destroy(app);
        session_deinit(&session);
        if (status)
            break;
    }
    printf("soak: RSS first %.1f MB, last %.1f MB, peak %.1f MB\n", first_rss,
           last_rss, peak);
    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(surface);
    SDL_Quit();
    for (int i = 0; i < count; i++)
        free(paths[i]);
    free(dir);
    return status;
}
