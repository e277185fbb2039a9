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
#include "app/internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defaults.h"

/* The interface text in the view's language. */
const char *app_text(const AppState *app, UiText id)
{
    return ui_text(id, app->view.lang);
}

void app_toast(AppState *app, const char *fmt, ...)
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

AppState *app_state_create(SDL_Window *window, SDL_Renderer *sdl, Session *session,
                           const AppDesc *desc, char *err, size_t err_size)
{
    return app_state_create_loading(window, sdl, session, desc, NULL, err,
                                    err_size);
}

AppState *app_state_create_loading(SDL_Window *window, SDL_Renderer *sdl,
                                   Session *session, const AppDesc *desc,
                                   Loader *started, char *err,
                                   size_t err_size)
{
    AppState *app = xcalloc(1, sizeof *app);
    app->loader = started; /* ours from here on, even when we fail */
    app->window = window;
    app->sdl = sdl;
    app->session = session;
    if (desc)
        app->desc = *desc;
    app->view = app->desc.view;
    /* The help and the footer list the one key table; the window shows
     * the hints until K hides them. */
    app->key_help.count = keys_help(app->key_rows, KEYS_HELP_MAX);
    app->key_help.rows = app->key_rows;
    app->view.keys = &app->key_help;
    app->view.key_hints = true;
    app->fullscreen = app->desc.fullscreen;
    if (!session->course && !app->desc.lesson_path) {
        snprintf(err, err_size, "no lesson to show");
        loader_destroy(app->loader);
        free(app);
        return NULL;
    }
    const char *lp = app->desc.lesson_path ? app->desc.lesson_path
                                           : session->course->lesson->path;
    app->opened_path = xstrdup(lp);
    app->lesson_path = xstrdup(session->course ? session->course->lesson->path : lp);
    app->desc.lesson_path = NULL; /* not kept: it may not outlive us */
    app->auto_ms = DEFAULT_AUTOSTEP_MS;
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

    /* An empty session: train its lesson on the loader thread, so the first
     * frame (a progress bar) comes at once instead of after training. */
    if (app->loader) {
        loader_set_wake(app->loader, app->wake_event);
    } else if (!session->course) {
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
    /* before the renderer, which may close SDL_ttf under the font */
    font_coverage_close(app->coverage);
    render_destroy(app->rc);
    scene_deinit(&app->scene);
    input_field_deinit(&app->field);
    picker_deinit(&app->picker);
    free(app->opened_path);
    free(app->lesson_path);
    free(app->font_path);
    free(app);
}

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

bool app_autostep(const AppState *app) { return app->autostep; }

int app_blank(const AppState *app) { return (int)app->blank; }

bool app_help_open(const AppState *app) { return app->help; }
