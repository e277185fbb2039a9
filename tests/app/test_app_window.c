/* The window: F, F11 and F5 toggle full screen, Esc leaves it (and alone
 * does not quit); Q, Ctrl+Q and the window's close quit. */
#include <string.h>

#include "check.h"
#include "rig.h"

static void test_fullscreen_and_quit(void)
{
    Rig r;
    rig_open_window(&r, 800, 450);
    SDL_Window *win = r.window;
    AppState *app = r.app;

    SDL_Keycode toggles[] = {SDLK_f, SDLK_F11, SDLK_F5};
    for (int i = 0; i < 3; i++) {
        rig_key(app, toggles[i]);
        CHECK(app_fullscreen(app));
        CHECK(SDL_GetWindowFlags(win) & SDL_WINDOW_FULLSCREEN_DESKTOP);
        rig_key(app, SDLK_ESCAPE);
        CHECK(!app_fullscreen(app));
        CHECK(!(SDL_GetWindowFlags(win) & SDL_WINDOW_FULLSCREEN));
        CHECK(!app_quit_requested(app));
    }
    rig_key(app, SDLK_ESCAPE);
    rig_key(app, SDLK_ESCAPE);
    CHECK(!app_quit_requested(app));
    CHECK(app_draw(app));

    /* Q quits; so do Ctrl+Q and the window's close */
    rig_key(app, SDLK_q);
    CHECK(app_quit_requested(app));
    app_state_destroy(app);

    char err[512];
    AppDesc d = {0};
    app = app_state_create(win, r.sdl, r.session, &d, err, sizeof err);
    rig_key_mod(app, SDLK_q, KMOD_LCTRL);
    CHECK(app_quit_requested(app));
    app_state_destroy(app);

    app = app_state_create(win, r.sdl, r.session, &d, err, sizeof err);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_QUIT;
    app_handle_event(app, &ev);
    CHECK(app_quit_requested(app));
    app_state_destroy(app);

    r.app = NULL; /* destroyed above */
    rig_close(&r);
}

int main(void)
{
    rig_start();
    test_fullscreen_and_quit();
    return rig_finish(check_count, check_failures);
}
