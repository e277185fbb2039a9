/* The window's state machine without the event loop: everything app_run
 * does between SDL_WaitEvent and SDL_RenderPresent. Tests drive it with
 * made-up SDL events and times and read the pixels of app_draw back from
 * a software renderer, with no real display. */
#ifndef S2S_APP_STATE_H
#define S2S_APP_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "app/app.h"
#include "app/loader.h"
#include "session/session.h"

typedef struct AppState AppState;

/* Makes the state for session (borrowed; a picked lesson replaces its
 * contents; an empty session, all zero, is filled by training
 * desc->lesson_path on the loader thread while a progress bar shows) drawn onto sdl (borrowed) in window (borrowed; may be NULL when
 * drawing onto a surface: then full screen and text-input placement are
 * no-ops). Returns NULL with a one-line reason in err when the font or the
 * renderer context cannot be made. Destroy with app_state_destroy. */
AppState *app_state_create(SDL_Window *window, SDL_Renderer *sdl, Session *session,
                           const AppDesc *desc, char *err, size_t err_size);
/* The same, taking over started: a loader already training
 * desc->lesson_path for the empty session (loader_start with no wake
 * event; it gets the app's here). app_run starts it before SDL and the
 * font, so training overlaps the window's start-up. The app owns started
 * from the call on, on failure too. */
AppState *app_state_create_loading(SDL_Window *window, SDL_Renderer *sdl,
                                   Session *session, const AppDesc *desc,
                                   Loader *started, char *err,
                                   size_t err_size);
void app_state_destroy(AppState *app);

/* Handles one event (keys, text input, mouse, window, the loader's
 * wake-ups). */
void app_handle_event(AppState *app, const SDL_Event *ev);
/* Advances the app's clock by dt_ms: animation, toasts, auto-step, a
 * finished lesson load. */
void app_tick(AppState *app, double dt_ms);
/* Draws the current picture with its overlays (no present). Returns false
 * after an SDL failure (reported in app_error). */
bool app_draw(AppState *app);

/* The last failure (SDL, or the first lesson failing to load), "" when
 * none. */
const char *app_error(const AppState *app);

/* True once something changed since the last app_draw. */
bool app_needs_redraw(const AppState *app);
/* How long the loop may sleep before app_tick has something to do: 0
 * while animating, a time for toasts / auto-step / loading, or -1 for
 * "until an event". */
int app_wait_ms(const AppState *app);
/* True after Q, Ctrl+Q or the window's close button. */
bool app_quit_requested(const AppState *app);

/* For tests and the loop. */
bool app_fullscreen(const AppState *app);
bool app_animating(const AppState *app);
float app_progress(const AppState *app);
const char *app_toast_text(const AppState *app); /* "" when none */
bool app_input_open(const AppState *app);
const char *app_input_note(const AppState *app);
/* Committed text followed by the IME composition, into buf. */
void app_input_display(const AppState *app, char *buf, size_t size);
const char *app_input_composition(const AppState *app); /* NULL if none */
/* How many tokens the field's text (with the composition) splits into by
 * the lesson's tokenizer: the live "n / 32 tokens" counter. */
int app_input_token_count(const AppState *app);
/* The display list of the last app_draw, overlays included. */
const Scene *app_scene(const AppState *app);
/* The tooltip under the pointer, or NULL. */
const char *app_hover_text(const AppState *app);
/* Auto-stepping on. */
bool app_autostep(const AppState *app);
/* Black / white screen: 0 none, 1 black, 2 white. */
int app_blank(const AppState *app);
bool app_help_open(const AppState *app);
bool app_picker_open(const AppState *app);
const char *app_picker_note(const AppState *app);
/* Index of entry path in the picker's list, or -1. */
int app_picker_find(const AppState *app, const char *path);
bool app_loading(const AppState *app);
const char *app_last_saved(const AppState *app); /* "" before the first S */
const char *app_lesson_path(const AppState *app);

#endif
