/* Internal to app/: the window's state (struct AppState) and what the
 * files of app/ share, after mpv's player/core.h -- a file per concern:
 * app_state.c (create, destroy, toasts, queries), steps.c (moving through
 * the timeline, the typed jump), typing.c (the I input field and the IME),
 * lesson_switch.c (the O picker and the loader's hand-over), saving.c (S
 * and E), actions.c (what a key does), mouse.c, events.c (events, ticks,
 * waiting) and draw.c. Not for use outside app/. */
#ifndef S2S_APP_INTERNAL_H
#define S2S_APP_INTERNAL_H

#include "app/app_state.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/input_field.h"
#include "app/keys.h"
#include "app/loader.h"
#include "app/overlays.h"
#include "app/picker.h"
#include "export/export.h"
#include "paths.h"
#include "render/font_coverage.h"
#include "render/render.h"
#include "scene/colors.h"
#include "scene/overlay.h"
#include "session/ui_text.h"
#include "xalloc.h"

#define TOAST_MS 2800.0
#define AUTO_DEFAULT_MS 3000.0
#define AUTO_MIN_MS 800.0
#define AUTO_MAX_MS 12000.0
#define JUMP_MAX_DIGITS 4

typedef enum { BLANK_NONE, BLANK_BLACK, BLANK_WHITE } Blank;

struct AppState {
    SDL_Window *window; /* borrowed, may be NULL */
    SDL_Renderer *sdl;  /* borrowed */
    RenderContext *rc;
    Session *session; /* borrowed */
    AppDesc desc;
    ViewOptions view;
    KeyHelpRow key_rows[KEYS_HELP_MAX]; /* the key table, for view.keys */
    KeyHelp key_help;
    char *opened_path;  /* owned: the lesson given at start (picker folder) */
    char *lesson_path;  /* owned: the lesson shown now */
    char *font_path;    /* owned: the shipped font */
    FontCoverage *coverage; /* owned, opened when the input field first
                               draws: which typed characters fall back */

    double now; /* ms since creation */
    AnimClock clock;
    Scene scene;
    bool dirty;
    bool quit;
    bool fullscreen;
    int windowed_w, windowed_h; /* the size to come back to */
    bool help;
    Blank blank;

    int jump;        /* digits typed so far */
    int jump_digits; /* how many; 0 = none */

    bool autostep;
    double auto_ms, auto_next;

    char toast[600];
    double toast_until;

    InputField field;
    float ime_rect[4]; /* canvas units, from the last draw */
    bool ime_rect_set;

    Picker picker;
    Loader *loader;
    Uint32 wake_event;

    bool exporting;
    float export_fraction;
    bool export_cancel;

    bool mouse_in;
    bool cursor_hidden;
    float mouse_x, mouse_y; /* canvas units */
    int hover;              /* tooltip shape index, or -1 */

    char last_saved[PATH_MAX];
    char error[1200];
};

/* app_state.c */
/* The interface text in the view's language. */
const char *app_text(const AppState *app, UiText id);
void app_toast(AppState *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* steps.c */
void app_go_instant(AppState *app, int k);
void app_next(AppState *app);
void app_prev(AppState *app);
void app_jump_clear(AppState *app);
void app_jump_show(AppState *app);
void app_jump_go(AppState *app);
const char *app_variant_label(const AppState *app, Variant v);
const char *app_context_label(const AppState *app, ContextMode c);

/* typing.c */
/* Where the IME's candidate window goes: just under the field, in window
 * coordinates (which differ from output pixels on HiDPI). */
void app_place_ime(AppState *app);
void app_open_input(AppState *app);
void app_input_key(AppState *app, const SDL_KeyboardEvent *k);

/* lesson_switch.c */
void app_open_picker(AppState *app);
void app_picker_choose(AppState *app);
/* Opens a dropped lesson file (path borrowed) on the loader. */
void app_open_dropped(AppState *app, const char *path);
void app_loader_finish(AppState *app);
void app_picker_key(AppState *app, const SDL_KeyboardEvent *k);

/* saving.c */
bool app_output_size(AppState *app, int *w, int *h);
void app_save_one(AppState *app);
void app_export_all(AppState *app);

/* actions.c */
void app_set_fullscreen(AppState *app, bool on);
void app_key_down(AppState *app, const SDL_KeyboardEvent *k);

/* training.c */
void app_toggle_training(AppState *app);
/* Training view: to snapshot index snap (clamped), keeping the step;
 * elsewhere a toast says where the keys work. */
void app_snapshot_go(AppState *app, int snap);
/* Auto-play in the training view: the next snapshot, false at the last. */
bool app_snapshot_play_next(AppState *app);

/* mouse.c */
bool app_modal(const AppState *app);
void app_mouse_motion(AppState *app, int x, int y);
void app_mouse_click(AppState *app, int x, int y);

#endif
