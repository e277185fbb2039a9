/* The window's state machine: keys to actions, the animation clock, toasts,
 * overlays, the input field, the lesson picker and the loader thread. It
 * never waits and never presents; app.c owns the loop, so tests can drive
 * this with made-up events and times.
 *
 * Animation choice: "next" during a step's ease-in completes it at once
 * (u = 1) and does not advance; the following press advances. This is what
 * slide builds do, and it means a teacher's quick double press never skips
 * a step nobody saw. "Previous", Home/End, jumps and flips are instant and
 * show the finished state (going back is instant and exact). */
#include "app/app_state.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/handover.h"
#include "app/input_field.h"
#include "app/keys.h"
#include "app/loader.h"
#include "app/overlays.h"
#include "app/picker.h"
#include "export/export.h"
#include "paths.h"
#include "render/render.h"
#include "scene/colors.h"
#include "scene/overlay.h"
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
    Show *show; /* borrowed */
    AppDesc desc;
    ViewOptions view;
    char *opened_path;  /* owned: the lesson given at start (picker folder) */
    char *lesson_path;  /* owned: the lesson shown now */
    char *font_path;    /* owned: the shipped font */

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
    int export_step; /* the step shown behind the progress bar */
    bool export_cancel;

    bool mouse_in;
    bool cursor_hidden;
    float mouse_x, mouse_y; /* canvas units */
    int hover;              /* tooltip shape index, or -1 */

    char last_saved[PATH_MAX];
    char error[1200];
};

/* The interface text in the view's language. */
static const char *tr(const AppState *app, const char *en, const char *zh)
{
    return app->view.lang == LANG_ZH ? zh : en;
}

static void toast(AppState *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void toast(AppState *app, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->toast, sizeof app->toast, fmt, ap);
    va_end(ap);
    /* The toast's time starts at the next tick, not now: after a blocking
     * action (E, a long save) the clock catches up in one tick and would
     * otherwise eat the whole toast before anyone saw it. */
    app->toast_until = -1;
    app->dirty = true;
}

AppState *app_state_create(SDL_Window *window, SDL_Renderer *sdl, Show *show,
                           const AppDesc *desc, char *err, size_t err_size)
{
    AppState *app = xcalloc(1, sizeof *app);
    app->window = window;
    app->sdl = sdl;
    app->show = show;
    if (desc)
        app->desc = *desc;
    app->view = app->desc.view;
    app->fullscreen = app->desc.fullscreen;
    if (!show->course && !app->desc.lesson_path) {
        snprintf(err, err_size, "no lesson to show");
        free(app);
        return NULL;
    }
    const char *lp = app->desc.lesson_path ? app->desc.lesson_path
                                           : show->course->lesson->path;
    app->opened_path = xstrdup(lp);
    app->lesson_path = xstrdup(show->course ? show->course->lesson->path : lp);
    app->desc.lesson_path = NULL; /* not kept: it may not outlive us */
    app->auto_ms = AUTO_DEFAULT_MS;
    app->hover = -1;
    app->dirty = true;
    scene_init(&app->scene);
    input_field_init(&app->field);
    picker_init(&app->picker);

    app->font_path = paths_asset(PATHS_FONT_FILE);
    if (!app->font_path) {
        snprintf(err, err_size,
                 "the font assets/" PATHS_FONT_FILE " was not found "
                 "(set S2S_ASSETS_DIR to the assets folder)");
        goto fail;
    }
    app->rc = render_create(sdl, app->font_path, err, err_size);
    if (!app->rc)
        goto fail;

    app->wake_event = SDL_RegisterEvents(1);
    if (app->wake_event == (Uint32)-1)
        app->wake_event = 0; /* the loop then polls while loading */

    /* The step before the first press is shown finished: nothing should
     * move until the presenter asks. */
    clock_finish(&app->clock);

    /* An empty show: train its lesson on the loader thread, so the first
     * frame (a progress bar) comes at once instead of after training. */
    if (!show->course) {
        app->loader = loader_start(app->lesson_path, app->wake_event, err,
                                   err_size);
        if (!app->loader)
            goto fail;
    }
    return app;
fail:
    app_state_destroy(app);
    return NULL;
}

void app_state_destroy(AppState *app)
{
    if (!app)
        return;
    loader_destroy(app->loader);
    render_destroy(app->rc);
    scene_deinit(&app->scene);
    input_field_deinit(&app->field);
    picker_deinit(&app->picker);
    free(app->opened_path);
    free(app->lesson_path);
    free(app->font_path);
    free(app);
}

/* ---- steps ------------------------------------------------------------ */

static void go_instant(AppState *app, int k)
{
    show_go(app->show, k);
    clock_finish(&app->clock);
    app->dirty = true;
}

static void next(AppState *app)
{
    if (clock_running(&app->clock, app->now)) {
        clock_finish(&app->clock);
    } else if (app->show->step + 1 < show_step_count(app->show)) {
        show_go(app->show, app->show->step + 1);
        clock_start(&app->clock, app->now);
    }
    app->auto_next = app->now + app->auto_ms;
    app->dirty = true;
}

static void prev(AppState *app)
{
    go_instant(app, app->show->step - 1);
    app->auto_next = app->now + app->auto_ms;
}

static void jump_clear(AppState *app)
{
    if (app->jump_digits) {
        app->jump = 0;
        app->jump_digits = 0;
        app->toast[0] = '\0'; /* the "go to step" hint goes with it */
        app->toast_until = 0;
        app->dirty = true;
    }
}

static void jump_show(AppState *app)
{
    /* No expiry while typing: the number stays until Enter or Esc. */
    snprintf(app->toast, sizeof app->toast,
             tr(app, "Go to step %d of %d: Enter", "跳到第 %d 步（共 %d 步）：回车"),
             app->jump, show_step_count(app->show));
    app->toast_until = 1e300;
    app->dirty = true;
}

static void jump_go(AppState *app)
{
    int k = app->jump;
    jump_clear(app);
    int n = show_step_count(app->show);
    if (k < 1 || k > n) {
        toast(app, tr(app, "There is no step %d (1-%d)", "没有第 %d 步（1–%d）"),
              k, n);
        return;
    }
    go_instant(app, k - 1);
}

static const char *variant_label(const AppState *app, Variant v)
{
    return v == VARIANT_INIT ? tr(app, "C as init", "C 作初始状态")
                             : tr(app, "C at every step", "C 参与每一步");
}

static const char *context_label(const AppState *app, ContextMode c)
{
    switch (c) {
    case CONTEXT_LAST:
        return tr(app, "C = the last state", "C = 最后一个隐状态");
    case CONTEXT_LAST_TRANSFORM:
        return tr(app, "C = tanh(Q·(last state) + q)", "C = tanh(Q·最后隐状态 + q)");
    default:
        return tr(app, "C = mean of all states", "C = 所有隐状态的平均");
    }
}

/* ---- full screen, text input ------------------------------------------ */

static void set_fullscreen(AppState *app, bool on)
{
    if (app->window) {
        if (on && !(SDL_GetWindowFlags(app->window) & SDL_WINDOW_FULLSCREEN))
            SDL_GetWindowSize(app->window, &app->windowed_w,
                              &app->windowed_h);
        Uint32 flag = on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0;
        if (SDL_SetWindowFullscreen(app->window, flag) != 0) {
            toast(app, "%s: %s", tr(app, "full screen failed", "全屏失败"),
                  SDL_GetError());
            return;
        }
        /* Without a window manager honouring _NET_WM_STATE (a bare X
         * server, some kiosks) SDL keeps the full-screen size after
         * leaving: ask for the windowed size again, a no-op elsewhere. */
        if (!on && app->windowed_w > 0 && app->windowed_h > 0)
            SDL_SetWindowSize(app->window, app->windowed_w, app->windowed_h);
    }
    app->fullscreen = on;
    app->dirty = true;
}

/* Where the IME's candidate window goes: just under the field, in window
 * coordinates (which differ from output pixels on HiDPI). */
static void place_ime(AppState *app)
{
    if (!app->window || !app->ime_rect_set)
        return;
    int ow, oh, ww, wh;
    if (SDL_GetRendererOutputSize(app->sdl, &ow, &oh) != 0 || ow <= 0 ||
        oh <= 0)
        return;
    SDL_GetWindowSize(app->window, &ww, &wh);
    CanvasMap m = canvas_map(ow, oh);
    float kx = (float)ww / (float)ow, ky = (float)wh / (float)oh;
    SDL_Rect r;
    r.x = (int)((m.offset_x + app->ime_rect[0] * m.scale) * kx);
    r.y = (int)((m.offset_y + app->ime_rect[1] * m.scale) * ky);
    r.w = (int)(app->ime_rect[2] * m.scale * kx);
    r.h = (int)(app->ime_rect[3] * m.scale * ky);
    SDL_SetTextInputRect(&r);
}

/* The current input as the user would type it again. */
static void current_input_text(const AppState *app, char *buf, size_t size)
{
    const Show *s = app->show;
    bool chars = s->course->lesson->source_tokenizer == TOKENIZE_CHARS;
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < s->input_len; i++) {
        int n = snprintf(buf + used, size - used, "%s%s",
                         (i > 0 && !chars) ? " " : "", s->input_tokens[i]);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

static void input_open(AppState *app)
{
    app->ime_rect_set = false;
    char text[INPUT_FIELD_MAX];
    current_input_text(app, text, sizeof text);
    input_field_open(&app->field, text);
    app->autostep = false;
    SDL_StartTextInput();
    place_ime(app);
    app->dirty = true;
}

static void input_close(AppState *app)
{
    input_field_close(&app->field);
    SDL_StopTextInput();
    app->dirty = true;
}

static void input_apply(AppState *app)
{
    char err[256];
    if (!show_set_input_text(app->show, app->field.text, err, sizeof err)) {
        snprintf(app->field.note, sizeof app->field.note, "%s", err);
        app->dirty = true;
        return;
    }
    input_close(app);
    go_instant(app, 0);
    int unknown = 0;
    for (int i = 0; i < app->show->input_len; i++)
        unknown += app->show->unknown[i];
    if (unknown == 1)
        toast(app, "%s", tr(app, "1 token is new to the model: it reads <unk>",
                            "有 1 个词模型没见过：它读作 <unk>"));
    else if (unknown > 1)
        toast(app,
              tr(app, "%d tokens are new to the model: it reads them as <unk>",
                 "有 %d 个词模型没见过：它们读作 <unk>"),
              unknown);
}

static void input_key(AppState *app, const SDL_KeyboardEvent *k)
{
    /* While the IME composes, Enter/Backspace/Esc are its keys. */
    if (input_field_composing(&app->field))
        return;
    switch (k->keysym.sym) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_RETURN2:
        input_apply(app);
        break;
    case SDLK_ESCAPE:
        input_close(app); /* the show was never touched: nothing to undo */
        break;
    case SDLK_BACKSPACE:
        if (input_field_backspace(&app->field))
            app->dirty = true;
        break;
    case SDLK_q:
        if (k->keysym.mod & KMOD_CTRL)
            app->quit = true;
        break;
    default:
        break;
    }
}

/* ---- lesson picker and loader ------------------------------------------ */

static void picker_open(AppState *app)
{
    char *shipped = paths_lessons_dir();
    picker_scan(&app->picker, shipped, app->opened_path, app->lesson_path);
    free(shipped);
    app->picker.open = true;
    app->autostep = false;
    app->dirty = true;
}

static void picker_choose(AppState *app)
{
    if (app->picker.count == 0 || app->loader)
        return;
    const PickerEntry *e = &app->picker.entries[app->picker.selected];
    if (e->error) {
        snprintf(app->picker.note, sizeof app->picker.note, "%s", e->error);
        app->dirty = true;
        return;
    }
    char err[512];
    app->loader = loader_start(e->path, app->wake_event, err, sizeof err);
    if (!app->loader)
        snprintf(app->picker.note, sizeof app->picker.note, "%s", err);
    app->dirty = true;
}

/* A .lesson file dropped on the window (in the browser: opened from disk
 * by the page, which sends the same event): trained like a picker choice. */
static void open_dropped(AppState *app, const char *path)
{
    if (app->loader)
        return;
    char err[512];
    app->loader = loader_start(path, app->wake_event, err, sizeof err);
    if (!app->loader)
        toast(app, "%s", err);
    app->dirty = true;
}

/* The command line's choices for the first lesson, which loads on the
 * loader thread after the window is already up. */
static void apply_start_options(AppState *app)
{
    if (app->desc.has_variant)
        show_set_variant(app->show, app->desc.variant);
    if (app->desc.has_context)
        show_set_context(app->show, app->desc.context);
    if (app->desc.input) {
        char err[256];
        if (!show_set_input_text(app->show, app->desc.input, err, sizeof err))
            toast(app, "%s", err);
    }
    app->desc.input = NULL; /* borrowed from argv: not kept */
}

static void loader_finish(AppState *app)
{
    Show fresh;
    char err[1200];
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s",
             app->picker.entries ? app->picker.entries[app->picker.selected].path
                                 : "");
    bool ok = loader_take(app->loader, &fresh, err, sizeof err);
    loader_destroy(app->loader);
    app->loader = NULL;
    if (!ok && !app->show->course) {
        /* The first lesson failed (changed since it was checked): there
         * is nothing to fall back to. */
        snprintf(app->error, sizeof app->error, "%s", err);
        app->quit = true;
        return;
    }
    if (!ok) {
        snprintf(app->picker.note, sizeof app->picker.note, "%s", err);
        app->picker.open = true;
        app->dirty = true;
        return;
    }
    bool first = !app->show->course;
    if (app->show->course)
        show_deinit(app->show);
    *app->show = fresh;
    if (first)
        apply_start_options(app);
    free(app->lesson_path);
    app->lesson_path = xstrdup(app->show->course->lesson->path);
    app->picker.open = false;
    app->hover = -1;
    go_instant(app, 0);
    toast(app, "%s", app->show->course->lesson->title[app->view.lang]);
}

static void picker_key(AppState *app, const SDL_KeyboardEvent *k)
{
    if (app->loader) {
        /* Training: the choice is made, wait for it; quitting still works
         * (destroying waits for the thread, a few hundred ms at most). */
        if (keys_action(k->keysym.sym, k->keysym.mod) == ACT_QUIT)
            app->quit = true;
        return;
    }
    switch (k->keysym.sym) {
    case SDLK_UP:
        picker_move(&app->picker, -1);
        break;
    case SDLK_DOWN:
    case SDLK_TAB:
        picker_move(&app->picker, 1);
        break;
    case SDLK_PAGEUP:
    case SDLK_HOME:
        picker_move(&app->picker, -app->picker.count);
        break;
    case SDLK_PAGEDOWN:
    case SDLK_END:
        picker_move(&app->picker, app->picker.count);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_RETURN2:
        picker_choose(app);
        break;
    case SDLK_ESCAPE:
    case SDLK_o:
        app->picker.open = false;
        break;
    case SDLK_q:
        app->quit = true;
        break;
    default:
        return;
    }
    if (k->keysym.sym == SDLK_UP || k->keysym.sym == SDLK_DOWN)
        app->picker.note[0] = '\0';
    app->dirty = true;
}

/* ---- S and E ------------------------------------------------------------ */

static bool output_size(AppState *app, int *w, int *h)
{
    if (SDL_GetRendererOutputSize(app->sdl, w, h) != 0) {
        snprintf(app->error, sizeof app->error, "SDL_GetRendererOutputSize: %s",
                 SDL_GetError());
        return false;
    }
    return true;
}

static void save_size(AppState *app, int *w, int *h)
{
    if (app->desc.save_width > 0 && app->desc.save_height > 0) {
        *w = app->desc.save_width;
        *h = app->desc.save_height;
    } else if (!output_size(app, w, h)) {
        *w = 1920;
        *h = 1080;
    }
}

static void save_one(AppState *app)
{
    int w, h;
    save_size(app, &w, &h);
    char path[PATH_MAX], shown[PATH_MAX], err[512];
    if (export_save_view(app->show, &app->view, w, h, app->font_path, path,
                         sizeof path, err, sizeof err) &&
        handover_saved(path, false, shown, sizeof shown, err, sizeof err)) {
        snprintf(app->last_saved, sizeof app->last_saved, "%s", path);
        toast(app, "%s %s", tr(app, "Saved", "已保存"), shown);
    } else {
        toast(app, "%s", err);
    }
}

/* Export progress: draws the bar and reads Esc between steps, so the
 * window stays alive without a second renderer on another thread. */
static bool export_progress(void *ctx, int done, int total)
{
    AppState *app = ctx;
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        if (ev.type == SDL_KEYDOWN && ev.key.keysym.sym == SDLK_ESCAPE)
            app->export_cancel = true;
        else if (ev.type == SDL_QUIT) {
            app->export_cancel = true;
            app->quit = true;
        }
    }
    app->export_fraction = total > 0 ? (float)done / (float)total : 1.0f;
    app->dirty = true;
    /* The exporter walks the show through its steps; the window keeps
     * showing the step the user was on behind the progress bar. */
    int exporting_step = app->show->step;
    app->show->step = app->export_step;
    if (app_draw(app))
        SDL_RenderPresent(app->sdl);
    app->show->step = exporting_step;
    return !app->export_cancel;
}

static void export_all(AppState *app)
{
    int w, h;
    save_size(app, &w, &h);
    char dir[PATH_MAX], shown[PATH_MAX], err[512];
    app->exporting = true;
    app->export_step = app->show->step;
    app->export_cancel = false;
    app->export_fraction = 0.0f;
    app->autostep = false;
    ExportProgress progress = {export_progress, app};
    int rc = export_all_steps(app->show, &app->view, w, h, app->font_path,
                              progress, dir, sizeof dir, err, sizeof err);
    app->exporting = false;
    if (rc == EXPORT_OK &&
        !handover_saved(dir, true, shown, sizeof shown, err, sizeof err))
        rc = EXPORT_FAILED;
    if (rc == EXPORT_OK) {
        snprintf(app->last_saved, sizeof app->last_saved, "%s", dir);
        toast(app, "%s %s", tr(app, "Exported every step to", "每一步已导出到"),
              shown);
    } else if (rc == EXPORT_CANCELLED) {
        toast(app, "%s", tr(app, "Export cancelled", "导出已取消"));
    } else {
        toast(app, "%s", err);
    }
}

/* ---- keys --------------------------------------------------------------- */

static void action(AppState *app, KeyAction a, SDL_Keycode sym)
{
    /* A typed number waits for Enter; Backspace takes back a digit. */
    if (app->jump_digits) {
        if (a == ACT_DIGIT) {
            if (app->jump_digits < JUMP_MAX_DIGITS) {
                app->jump = app->jump * 10 + keys_digit(sym);
                app->jump_digits++;
            }
            jump_show(app);
            return;
        }
        if (a == ACT_NEXT && (sym == SDLK_RETURN || sym == SDLK_KP_ENTER ||
                              sym == SDLK_RETURN2)) {
            jump_go(app);
            return;
        }
        if (sym == SDLK_BACKSPACE) {
            app->jump /= 10;
            if (--app->jump_digits == 0)
                jump_clear(app);
            else
                jump_show(app);
            return;
        }
        jump_clear(app);
        if (a == ACT_ESCAPE)
            return;
    }
    /* PowerPoint: on a blank screen a key brings the picture back
     * without acting, so nobody advances in the dark. */
    if (app->blank != BLANK_NONE && a != ACT_QUIT && a != ACT_FULLSCREEN &&
        a != ACT_NONE) {
        Blank was = app->blank;
        app->blank = BLANK_NONE;
        app->dirty = true;
        if (!((a == ACT_BLACK && was == BLANK_WHITE) ||
              (a == ACT_WHITE && was == BLANK_BLACK)))
            return;
    }
    /* The help overlay closes on its own keys and on Esc; any other key
     * closes it and acts. */
    if (app->help && a != ACT_NONE) {
        app->help = false;
        app->dirty = true;
        if (a == ACT_HELP || a == ACT_ESCAPE)
            return;
    }

    switch (a) {
    case ACT_NONE:
        break;
    case ACT_NEXT:
        next(app);
        break;
    case ACT_PREV:
        prev(app);
        break;
    case ACT_FIRST:
        go_instant(app, 0);
        break;
    case ACT_LAST:
        go_instant(app, show_step_count(app->show) - 1);
        break;
    case ACT_DIGIT:
        app->jump = keys_digit(sym);
        app->jump_digits = 1;
        jump_show(app);
        break;
    case ACT_AUTO:
        app->autostep = !app->autostep;
        app->auto_next = app->now + app->auto_ms;
        toast(app, app->autostep ? tr(app, "Auto-step on: %.1f s a step (+/-)",
                                      "自动播放：每步 %.1f 秒（+/−）")
                                 : tr(app, "Auto-step off (%.1f s)",
                                      "自动播放关闭（%.1f 秒）"),
              app->auto_ms / 1000.0);
        break;
    case ACT_FASTER:
    case ACT_SLOWER:
        app->auto_ms *= a == ACT_FASTER ? 0.8 : 1.25;
        if (app->auto_ms < AUTO_MIN_MS)
            app->auto_ms = AUTO_MIN_MS;
        if (app->auto_ms > AUTO_MAX_MS)
            app->auto_ms = AUTO_MAX_MS;
        app->auto_next = app->now + app->auto_ms;
        toast(app, tr(app, "Auto-step: %.1f s a step%s", "自动播放：每步 %.1f 秒%s"),
              app->auto_ms / 1000.0,
              app->autostep ? "" : tr(app, " (A starts it)", "（按 A 开始）"));
        break;
    case ACT_VARIANT: {
        Variant v = app->show->variant == VARIANT_INIT ? VARIANT_EVERY
                                                       : VARIANT_INIT;
        show_set_variant(app->show, v);
        clock_finish(&app->clock);
        toast(app, "%s", variant_label(app, v));
        break;
    }
    case ACT_CONTEXT: {
        ContextMode c = (ContextMode)((app->show->context + 1) % CONTEXT_COUNT);
        show_set_context(app->show, c);
        clock_finish(&app->clock);
        toast(app, "%s", context_label(app, c));
        break;
    }
    case ACT_NUMBERS:
        app->view.numbers = !app->view.numbers;
        toast(app, "%s", app->view.numbers ? tr(app, "Numbers on", "显示数值")
                                           : tr(app, "Numbers off", "隐藏数值"));
        break;
    case ACT_LANG:
        app->view.lang = app->view.lang == LANG_ZH ? LANG_EN : LANG_ZH;
        toast(app, "%s", tr(app, "English", "中文"));
        break;
    case ACT_THEME:
        app->view.theme = app->view.theme == THEME_LIGHT ? THEME_DARK
                                                         : THEME_LIGHT;
        app->dirty = true;
        break;
    case ACT_FULLSCREEN:
        set_fullscreen(app, !app->fullscreen);
        break;
    case ACT_ESCAPE:
        /* Esc never quits: a remote's F5/Esc button must not end class. */
        if (app->fullscreen)
            set_fullscreen(app, false);
        else if (app->autostep) {
            app->autostep = false;
            toast(app, "%s", tr(app, "Auto-step off", "自动播放关闭"));
        }
        break;
    case ACT_BLACK:
    case ACT_WHITE: {
        Blank want = a == ACT_BLACK ? BLANK_BLACK : BLANK_WHITE;
        app->blank = app->blank == want ? BLANK_NONE : want;
        app->dirty = true;
        break;
    }
    case ACT_SAVE:
        save_one(app);
        break;
    case ACT_EXPORT:
        export_all(app);
        break;
    case ACT_INPUT:
        input_open(app);
        break;
    case ACT_PICKER:
        picker_open(app);
        break;
    case ACT_HELP:
        app->help = true;
        app->dirty = true;
        break;
    case ACT_QUIT:
        app->quit = true;
        break;
    case ACT_COUNT:
        break;
    }
}

static void key_down(AppState *app, const SDL_KeyboardEvent *k)
{
    /* A presenter on the keyboard or a remote is not pointing: the hover
     * box goes until the mouse moves, and in full screen the pointer too. */
    if (app->mouse_in) {
        app->mouse_in = false;
        app->hover = -1;
        app->dirty = true;
    }
    if (app->window && app->fullscreen && !app->cursor_hidden) {
        app->cursor_hidden = SDL_ShowCursor(SDL_DISABLE) >= 0;
    }
    if (app->field.open) {
        input_key(app, k);
        return;
    }
    if (app->picker.open || app->loader) {
        picker_key(app, k);
        return;
    }
    action(app, keys_action(k->keysym.sym, k->keysym.mod), k->keysym.sym);
}

/* ---- mouse -------------------------------------------------------------- */

/* Window coordinates -> canvas units (output pixels may differ from window
 * coordinates on HiDPI). */
static bool to_canvas(AppState *app, int x, int y, float *cx, float *cy)
{
    int ow, oh;
    if (SDL_GetRendererOutputSize(app->sdl, &ow, &oh) != 0 || ow <= 0 ||
        oh <= 0)
        return false;
    float kx = 1.0f, ky = 1.0f;
    if (app->window) {
        int ww, wh;
        SDL_GetWindowSize(app->window, &ww, &wh);
        if (ww > 0 && wh > 0) {
            kx = (float)ow / (float)ww;
            ky = (float)oh / (float)wh;
        }
    }
    CanvasMap m = canvas_map(ow, oh);
    *cx = ((float)x * kx - m.offset_x) / m.scale;
    *cy = ((float)y * ky - m.offset_y) / m.scale;
    return true;
}

static bool modal(const AppState *app)
{
    return app->field.open || app->picker.open || app->loader || app->help ||
           app->blank != BLANK_NONE || app->exporting;
}

static void mouse_motion(AppState *app, int x, int y)
{
    if (app->cursor_hidden && SDL_ShowCursor(SDL_ENABLE) >= 0)
        app->cursor_hidden = false;
    if (!to_canvas(app, x, y, &app->mouse_x, &app->mouse_y))
        return;
    app->mouse_in = true;
    int hit = modal(app) ? -1
                         : scene_hit_tooltip(&app->scene, app->mouse_x,
                                             app->mouse_y);
    if (hit != app->hover) {
        app->hover = hit;
        app->dirty = true;
    }
}

static void mouse_click(AppState *app, int x, int y)
{
    float cx, cy;
    if (!to_canvas(app, x, y, &cx, &cy))
        return;
    if (app->picker.open && !app->loader) {
        /* A click on a row picks that lesson. */
        int row = scene_picker_hit(app->picker.count, app->picker.selected,
                                   cx, cy);
        if (row >= 0) {
            app->picker.selected = row;
            app->picker.note[0] = '\0';
            picker_choose(app);
        }
        return;
    }
    if (modal(app))
        return;
    SceneInput in;
    show_scene_input(app->show, 1.0f, &in);
    int k = scene_progress_hit(&in, cx, cy);
    if (k >= 0) {
        jump_clear(app);
        go_instant(app, k);
    }
}

/* ---- events, ticks ------------------------------------------------------ */

void app_handle_event(AppState *app, const SDL_Event *ev)
{
    if (app->wake_event && ev->type == app->wake_event) {
        app->dirty = true;
        return;
    }
    switch (ev->type) {
    case SDL_DROPFILE:
        open_dropped(app, ev->drop.file);
        SDL_free(ev->drop.file); /* ours to free, per SDL */
        break;
    case SDL_QUIT:
        app->quit = true;
        break;
    case SDL_WINDOWEVENT:
        switch (ev->window.event) {
        case SDL_WINDOWEVENT_LEAVE:
            app->mouse_in = false;
            app->hover = -1;
            app->dirty = true;
            break;
        case SDL_WINDOWEVENT_CLOSE:
            app->quit = true;
            break;
        default:
            app->dirty = true; /* resized, exposed, restored, ... */
            break;
        }
        break;
    case SDL_KEYDOWN:
        key_down(app, &ev->key);
        break;
    case SDL_TEXTINPUT:
        if (app->field.open) {
            /* Committed text ends any composition. */
            input_field_set_composition(&app->field, NULL, 0);
            if (!input_field_insert(&app->field, ev->text.text))
                snprintf(app->field.note, sizeof app->field.note, "%s",
                         tr(app, "The field is full", "输入框已满"));
            app->dirty = true;
        }
        break;
    case SDL_TEXTEDITING:
        if (app->field.open) {
            input_field_set_composition(&app->field, ev->edit.text,
                                        ev->edit.start);
            app->dirty = true;
        }
        break;
    case SDL_TEXTEDITING_EXT:
        /* The caller frees ev->editExt.text (SDL's rule for this event);
         * we copy it. */
        if (app->field.open) {
            input_field_set_composition(&app->field, ev->editExt.text,
                                        ev->editExt.start);
            app->dirty = true;
        }
        break;
    case SDL_MOUSEMOTION:
        mouse_motion(app, ev->motion.x, ev->motion.y);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.button == SDL_BUTTON_LEFT)
            mouse_click(app, ev->button.x, ev->button.y);
        break;
    default:
        break;
    }
}

void app_tick(AppState *app, double dt_ms)
{
    if (dt_ms > 0)
        app->now += dt_ms;
    if (app->loader && loader_done(app->loader))
        loader_finish(app);
    if (app->clock.running) {
        app->dirty = true; /* every frame of the ease-in */
        (void)clock_running(&app->clock, app->now);
    }
    if (app->toast[0] && app->toast_until < 0)
        app->toast_until = app->now + TOAST_MS;
    if (app->toast[0] && app->now >= app->toast_until) {
        app->toast[0] = '\0';
        app->dirty = true;
    }
    if (app->autostep && !modal(app) &&
        !clock_running(&app->clock, app->now) &&
        app->now >= app->auto_next) {
        if (app->show->step + 1 < show_step_count(app->show)) {
            next(app);
        } else {
            app->autostep = false;
            toast(app, "%s", tr(app, "Auto-step: the end", "自动播放结束"));
        }
    }
}

bool app_needs_redraw(const AppState *app)
{
    return app->dirty;
}

int app_wait_ms(const AppState *app)
{
    if (app->clock.running)
        return 0;
    double wait = -1;
    if (app->toast[0] && app->toast_until < 0)
        wait = 1; /* its time starts at the next tick */
    else if (app->toast[0] && app->toast_until < 1e299)
        wait = app->toast_until - app->now;
    if (app->autostep && !modal(app)) {
        double w = app->auto_next - app->now;
        if (wait < 0 || w < wait)
            wait = w;
    }
    if (app->loader && (wait < 0 || wait > 100))
        wait = 100; /* a lost wake-up must not hang the swap */
    if (wait < 0)
        return -1;
    return wait < 1 ? 1 : (int)(wait + 0.5);
}

/* ---- drawing ------------------------------------------------------------ */

static const char *hover_text(const AppState *app)
{
    if (app->hover < 0 || app->hover >= app->scene.count)
        return NULL;
    int t = app->scene.shapes[app->hover].tooltip;
    if (t < 0 || t >= app->scene.tooltip_count)
        return NULL;
    return app->scene.tooltips[t];
}

bool app_draw(AppState *app)
{
    int w, h;
    if (!output_size(app, &w, &h))
        return false;
    if (w <= 0 || h <= 0)
        return true; /* minimised */
    const TextMeasure *measure = render_text_measure(app->rc, w, h);
    Scene *s = &app->scene;

    if (!app->show->course) {
        /* Still training the first lesson: only the progress bar. */
        scene_clear(s);
        s->background = palette_for(app->view.theme)->background;
        if (app->loader)
            scene_overlay_progress(
                s, &app->view, measure,
                tr(app, "Training the lesson...", "正在训练这一课……"),
                loader_progress(app->loader));
    } else if (app->blank != BLANK_NONE) {
        bool white = app->blank == BLANK_WHITE;
        scene_clear(s);
        /* The letterbox margins too: a blank screen is blank edge to edge. */
        s->background = white ? (Rgba){255, 255, 255, 255}
                              : (Rgba){0, 0, 0, 255};
        scene_overlay_blank(s, white);
    } else {
        SceneInput in;
        show_scene_input(app->show, clock_progress(&app->clock, app->now),
                         &in);
        scene_build(s, &in, &app->view, measure);
        /* The hover index refers to this list: look again after a
         * rebuild (the picture may have moved under the pointer). */
        app->hover = (app->mouse_in && !modal(app))
                         ? scene_hit_tooltip(s, app->mouse_x, app->mouse_y)
                         : -1;
        const char *tip = hover_text(app);
        if (tip) {
            /* The overlay appends to the list the text lives in. */
            char *copy = xstrdup(tip);
            scene_overlay_tooltip(s, &app->view, measure, copy, app->mouse_x,
                                  app->mouse_y);
            free(copy);
        }
        if (app->help)
            scene_overlay_help(s, &app->view, measure);
        if (app->field.open) {
            float r[4] = {0, 0, 0, 0};
            overlay_input(s, &app->view, measure, &app->field, r);
            /* Move the candidate window only when the caret moved. */
            if (!app->ime_rect_set || memcmp(r, app->ime_rect, sizeof r)) {
                memcpy(app->ime_rect, r, sizeof r);
                app->ime_rect_set = true;
                place_ime(app);
            }
        }
        if (app->picker.open)
            overlay_picker(s, &app->view, measure, &app->picker);
        if (app->loader)
            scene_overlay_progress(
                s, &app->view, measure,
                tr(app, "Training the lesson...", "正在训练这一课……"),
                loader_progress(app->loader));
        if (app->exporting)
            scene_overlay_progress(
                s, &app->view, measure,
                tr(app, "Exporting every step... (Esc cancels)",
                   "正在导出每一步……（Esc 取消）"),
                app->export_fraction);
    }
    if (app->toast[0])
        scene_overlay_toast(s, &app->view, measure, app->toast);
    app->dirty = false;
    if (!render_scene(app->rc, s, w, h)) {
        snprintf(app->error, sizeof app->error, "%s", render_error(app->rc));
        return false;
    }
    return true;
}

/* ---- queries ------------------------------------------------------------ */

const char *app_error(const AppState *app) { return app->error; }

bool app_quit_requested(const AppState *app) { return app->quit; }
bool app_fullscreen(const AppState *app) { return app->fullscreen; }
bool app_animating(const AppState *app) { return app->clock.running; }
float app_progress(const AppState *app)
{
    return clock_progress(&app->clock, app->now);
}
const char *app_toast_text(const AppState *app) { return app->toast; }
bool app_input_open(const AppState *app) { return app->field.open; }
const char *app_input_note(const AppState *app) { return app->field.note; }
bool app_picker_open(const AppState *app) { return app->picker.open; }
const char *app_picker_note(const AppState *app) { return app->picker.note; }
bool app_loading(const AppState *app) { return app->loader != NULL; }
const char *app_last_saved(const AppState *app) { return app->last_saved; }
const char *app_lesson_path(const AppState *app) { return app->lesson_path; }

int app_picker_find(const AppState *app, const char *path)
{
    for (int i = 0; i < app->picker.count; i++)
        if (strcmp(app->picker.entries[i].path, path) == 0)
            return i;
    return -1;
}

void app_input_display(const AppState *app, char *buf, size_t size)
{
    input_field_display(&app->field, buf, size);
}
const char *app_input_composition(const AppState *app)
{
    return app->field.composition;
}
const Scene *app_scene(const AppState *app) { return &app->scene; }
const char *app_hover_text(const AppState *app) { return hover_text(app); }
bool app_autostep(const AppState *app) { return app->autostep; }
int app_blank(const AppState *app) { return (int)app->blank; }
bool app_help_open(const AppState *app) { return app->help; }
