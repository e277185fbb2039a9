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

/* How long a toast shows: long enough to read a saved file's path. */
#define TOAST_MS 2800.0
/* Auto-step's time per step stays in these bounds under + and −
 * (defaults.h has where it starts). */
#define AUTO_MIN_MS 800.0
#define AUTO_MAX_MS 12000.0
/* Digits a typed jump takes ("go to step 1234"): more than any lesson has. */
#define JUMP_MAX_DIGITS 4

/* The B / , / . screens: none, black, white (app_blank's 0, 1, 2). */
typedef enum { BLANK_NONE, BLANK_BLACK, BLANK_WHITE } Blank;

/* Everything the window knows between two events; one per window. */
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
/* Shows a one-line message for TOAST_MS, counted from the next tick (so a
 * blocking action before it does not eat its time). */
void app_toast(AppState *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* steps.c */
/* Goes to step k with no animation (backwards, jumps, Home / End): a
 * teacher going back wants the picture at once. */
void app_go_instant(AppState *app, int k);
/* → and its aliases: finishes a running animation, else starts the next
 * step's; restarts the auto-step wait either way. */
void app_next(AppState *app);
/* ← and its aliases: one step back, instantly. */
void app_prev(AppState *app);
/* Forgets the digits typed so far and their "go to step" toast. */
void app_jump_clear(AppState *app);
/* Shows the typed number as a toast that stays until Enter or Esc. */
void app_jump_show(AppState *app);
/* Enter after digits: goes to that step (1-based), or says there is none. */
void app_jump_go(AppState *app);
/* The variant's and context mode's names in the view's language, for V's
 * and C's toasts (one wording, session/ui_text.c). */
const char *app_variant_label(const AppState *app, Variant v);
const char *app_context_label(const AppState *app, ContextMode c);

/* typing.c */
/* Where the IME's candidate window goes: just under the field, in window
 * coordinates (which differ from output pixels on HiDPI). */
void app_place_ime(AppState *app);
/* I / Tab: opens the input field holding the current input, selected (so
 * typing replaces it), stops auto-step and starts SDL's text input. */
void app_open_input(AppState *app);
/* A key while the field is open: Enter applies (or notes why not), Esc
 * closes with nothing changed, the rest edits; none while the IME
 * composes (its keys). */
void app_input_key(AppState *app, const SDL_KeyboardEvent *k);

/* lesson_switch.c */
/* O: lists the shipped lessons and those beside the opened one. */
void app_open_picker(AppState *app);
/* Starts loading the selected lesson on the loader, or shows why its
 * entry cannot load (found when the list was made). */
void app_picker_choose(AppState *app);
/* Opens a dropped lesson file (path borrowed) on the loader. */
void app_open_dropped(AppState *app, const char *path);
/* The loader is done: swaps its session in (the start options apply to
 * the first one), or keeps the current one and shows the reason. */
void app_loader_finish(AppState *app);
/* A key while the picker is open: ↑ ↓ Tab move, Enter loads, Esc closes;
 * only quitting while a lesson trains. */
void app_picker_key(AppState *app, const SDL_KeyboardEvent *k);

/* saving.c */
/* The renderer's output size in pixels (not the window's points on
 * HiDPI); false with app->error set when SDL cannot say. */
bool app_output_size(AppState *app, int *w, int *h);
/* S: the current step as one PNG at the slide size, never over an earlier
 * file; the toast names it (the browser downloads it). */
void app_save_one(AppState *app);
/* E: every step into a new folder behind a progress bar that Esc cancels;
 * the toast names the folder (the browser downloads a zip). */
void app_export_all(AppState *app);

/* actions.c */
/* Full screen on or off (desktop-sized, never a mode change), coming back
 * to the windowed size; a toast when SDL refuses. */
void app_set_fullscreen(AppState *app, bool on);
/* A key press outside text events: routes to the open field or picker,
 * else runs the key's action (keys.c). */
void app_key_down(AppState *app, const SDL_KeyboardEvent *k);

/* training.c */
void app_toggle_training(AppState *app);
/* Training view: to snapshot index snap (clamped), keeping the step;
 * elsewhere a toast says where the keys work. */
void app_snapshot_go(AppState *app, int snap);
/* Auto-play in the training view: the next snapshot, false at the last. */
bool app_snapshot_play_next(AppState *app);

/* mouse.c */
/* Whether something covers the picture (field, picker, loading, help,
 * blank screen, export): then the pointer hovers nothing. */
bool app_modal(const AppState *app);
/* The pointer moved to window point x, y: the tooltip under it. */
void app_mouse_motion(AppState *app, int x, int y);
/* A left click at window point x, y: a picker row, or a progress bar
 * segment's step. */
void app_mouse_click(AppState *app, int x, int y);

#endif
