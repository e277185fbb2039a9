/* The app tests' shared rig: an AppState drawn by SDL's software renderer
 * onto a surface (no display; SDL_VIDEODRIVER=dummy), made-up key and text
 * events, the picture read back, and a temporary folder that S and E write
 * into (XDG_PICTURES_DIR). Each focused test program (tests/app/test_*.c)
 * calls rig_start first and returns rig_finish(check_count, check_failures)
 * so the rig's own checks count with the test's. */
#ifndef S2S_TESTS_APP_RIG_H
#define S2S_TESTS_APP_RIG_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "app/app_state.h"

/* The surface's size: small so that a whole-picture compare stays cheap. */
#define RIG_W 640
#define RIG_H 360

typedef struct {
    SDL_Window *window; /* NULL unless opened by rig_open_window */
    SDL_Surface *surface;
    SDL_Renderer *sdl;
    Session *session;
    AppState *app;
} Rig;

/* Starts SDL's video (dummy driver), finds the default lesson and makes the
 * temporary folder with its pictures/ as XDG_PICTURES_DIR. A failure here
 * is the test's failure: one line on stderr and exit 1, never a skip. */
void rig_start(void);
/* Adds the rig's checks to the test's (check.h counts per file), prints
 * the total, removes the temporary folder and quits SDL. The exit status. */
int rig_finish(int test_checks, int test_failures);
/* The shipped default lesson's path (valid until rig_finish). */
const char *rig_lesson(void);
/* The temporary folder rig_start made (removed by rig_finish). */
const char *rig_tmp_dir(void);

/* A session with the lesson at path trained; exits 1 when it does not
 * load. Free with rig_session_free. */
Session *rig_session_new(const char *path);
void rig_session_free(Session *s);

/* Opens the app on a fresh default-lesson session at RIG_W x RIG_H (desc
 * may be NULL: all defaults); exits 1 when the app cannot be made. */
void rig_open(Rig *r, const AppDesc *desc);
/* The same in a real (dummy-driver) window of w x h with a software
 * renderer: for full screen, and for S whose size must not be the
 * window's. */
void rig_open_window(Rig *r, int w, int h);
void rig_close(Rig *r);
/* The session's current step. */
int rig_step(const Rig *r);

/* Events as SDL would deliver them. */
void rig_key_mod(AppState *app, SDL_Keycode sym, Uint16 mod);
void rig_key(AppState *app, SDL_Keycode sym);
void rig_text(AppState *app, const char *utf8);
/* Lets any animation finish. */
void rig_settle(AppState *app);
/* Feeds events and time until a lesson load ends, drawing now and then
 * (the progress overlay must draw); checks that it ended. */
void rig_wait_loaded(AppState *app);

/* app_draw, then the whole picture (RIG_W x RIG_H ARGB, malloc'd). */
Uint32 *rig_snapshot(Rig *r);
/* One pixel of the last drawn picture, ARGB. */
Uint32 rig_pixel(Rig *r, int x, int y);
/* Whether some text shape of the scene contains needle. */
bool rig_scene_says(const Scene *sc, const char *needle);

/* Where the centre of shape s of scene sc lands in the RIG_W x RIG_H
 * picture (the canvas letterboxed as app_draw maps it): for mouse events. */
void rig_window_point(const Scene *sc, const Shape *s, Sint32 *x, Sint32 *y);

/* Small file helpers for the lesson-file tests (checked). */
void rig_write_file(const char *path, const char *text, size_t len);
char *rig_read_all(const char *path, size_t *len);

#endif
