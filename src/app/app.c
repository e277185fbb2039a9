/* app_run: the window, the renderer and the event loop around the state
 * machine of app_state.c. The loop sleeps in SDL_WaitEventTimeout whenever
 * nothing moves (idle CPU near zero) and draws only when something
 * changed; while a step eases in it draws every frame, paced by vsync or,
 * on a renderer without it, by a ~60 Hz wait. */
#include "app/app.h"

#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>

#include "app/app_state.h"
#include "app/renderer.h"
#include "defaults.h"

#define FRAME_MS 16

/* Whether a window can be opened at all. On X11/Wayland systems without
 * DISPLAY or WAYLAND_DISPLAY, SDL would try Wayland, print a misleading
 * XDG_RUNTIME_DIR complaint, and could fall through to KMS/DRM with no
 * visible window; say what is missing instead. An explicit SDL_VIDEODRIVER
 * (dummy in the tests, kmsdrm on a console) is the user's choice. */
static bool display_available(void)
{
#if defined(__linux__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
    defined(__NetBSD__)
    const char *driver = getenv("SDL_VIDEODRIVER");
    const char *x11 = getenv("DISPLAY");
    const char *wayland = getenv("WAYLAND_DISPLAY");
    return (driver && *driver) || (x11 && *x11) || (wayland && *wayland);
#else
    return true;
#endif
}

int app_run(Session *session, const AppDesc *desc)
{
    int status = 1;
    SDL_Window *window = NULL;
    SDL_Renderer *sdl = NULL;
    AppState *app = NULL;
    bool video = false;

    /* Before SDL_Init: composition text longer than 32 bytes arrives
     * whole (SDL_TEXTEDITING_EXT) instead of cut. */
    if (!display_available()) {
        fprintf(stderr, "seq2seq-viz: no display to open a window on "
                        "(DISPLAY and WAYLAND_DISPLAY are unset); to make "
                        "slides without one, use --export DIR\n");
        return 1;
    }
    /* Training first: the lesson trains on the loader thread while SDL,
     * the window, the renderer and the font start (tens of milliseconds
     * that would otherwise come before it). */
    char err[512];
    Loader *early = NULL;
    if (!session->course && desc && desc->lesson_path) {
        early = loader_start(desc->lesson_path, 0, err, sizeof err);
        if (!early) {
            fprintf(stderr, "seq2seq-viz: %s\n", err);
            return 1;
        }
    }
    SDL_SetHint(SDL_HINT_IME_SUPPORT_EXTENDED_TEXT, "1");
    SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "seq2seq-viz: cannot start video: %s\n",
                SDL_GetError());
        goto done;
    }
    video = true;

    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (desc && desc->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window = SDL_CreateWindow("seq2seq-viz", SDL_WINDOWPOS_CENTERED,
                              SDL_WINDOWPOS_CENTERED, DEFAULT_WINDOW_WIDTH,
                              DEFAULT_WINDOW_HEIGHT, flags);
    if (!window) {
        fprintf(stderr, "seq2seq-viz: cannot open a window: %s\n",
                SDL_GetError());
        goto done;
    }
    SDL_SetWindowMinimumSize(window, 320, 180);
    sdl = app_make_renderer(window);
    if (!sdl) {
        fprintf(stderr, "seq2seq-viz: cannot create a renderer: %s\n",
                SDL_GetError());
        goto done;
    }
    /* SDL starts text input by itself on desktop; letters must be keys
     * until the input field opens. */
    SDL_StopTextInput();

    app = app_state_create_loading(window, sdl, session, desc, early, err,
                                   sizeof err);
    early = NULL; /* the app's now, whether or not it was made */
    if (!app) {
        fprintf(stderr, "seq2seq-viz: %s\n", err);
        goto done;
    }

    Uint64 last = SDL_GetTicks64();
    /* A signal only sets desc->stop; the loop never sleeps longer than
     * STOP_POLL_MS so it sees it in time. */
    enum { STOP_POLL_MS = 100 };
    bool stopped = false;
    while (!app_quit_requested(app)) {
        int wait = app_wait_ms(app);
        if (desc->stop && (wait < 0 || wait > STOP_POLL_MS))
            wait = STOP_POLL_MS;
        if (desc->stop && atomic_load(desc->stop)) {
            stopped = true;
            break;
        }
        SDL_Event ev;
        bool got;
        if (wait == 0)
            got = SDL_PollEvent(&ev) == 1;
        else if (wait < 0)
            got = SDL_WaitEvent(&ev) == 1;
        else
            got = SDL_WaitEventTimeout(&ev, wait) == 1;
        /* Tick before handling: a key after a long idle wait must see
         * the present time, or its animation would start in the past. */
        Uint64 now = SDL_GetTicks64();
        app_tick(app, (double)(now - last));
        last = now;
        while (got) {
            app_handle_event(app, &ev);
            if (ev.type == SDL_TEXTEDITING_EXT)
                SDL_free(ev.editExt.text); /* ours to free, per SDL */
            got = SDL_PollEvent(&ev) == 1;
        }
        now = SDL_GetTicks64();
        app_tick(app, (double)(now - last));
        last = now;
        if (app_quit_requested(app))
            break;
        if (app_needs_redraw(app)) {
            Uint64 t0 = SDL_GetTicks64();
            if (!app_draw(app)) {
                fprintf(stderr, "seq2seq-viz: drawing failed: %s\n",
                        app_error(app));
                goto done;
            }
            SDL_RenderPresent(sdl);
            /* Without vsync the animation would spin as fast as it can
             * draw: pace it, waking early for input. */
            Uint64 spent = SDL_GetTicks64() - t0;
            if (app_animating(app) && spent < FRAME_MS) {
                SDL_Event e2;
                if (SDL_WaitEventTimeout(&e2, (int)(FRAME_MS - spent)) == 1) {
                    app_handle_event(app, &e2);
                    if (e2.type == SDL_TEXTEDITING_EXT)
                        SDL_free(e2.editExt.text);
                }
            }
        }
    }
    if (stopped)
        goto done; /* main re-raises the signal once all is freed */
    if (app_error(app)[0]) {
        fprintf(stderr, "seq2seq-viz: %s\n", app_error(app));
        goto done;
    }
    status = 0;
done:
    loader_destroy(early); /* stops a training the app never took over */
    app_state_destroy(app);
    if (sdl)
        SDL_DestroyRenderer(sdl);
    if (window)
        SDL_DestroyWindow(window);
    if (video)
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return status;
}
