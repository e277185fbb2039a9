/* Key O: the lesson picker, and taking over the lesson the loader thread
 * trained (the start options applied once to the first one). */
#include "app/internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_open_picker(AppState *app)
{
    char *shipped = paths_lessons_dir();
    picker_scan(&app->picker, shipped, app->opened_path, app->lesson_path);
    free(shipped);
    app->picker.open = true;
    app->autostep = false;
    app->dirty = true;
}

void app_picker_choose(AppState *app)
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
void app_open_dropped(AppState *app, const char *path)
{
    if (app->loader)
        return;
    char err[512];
    app->loader = loader_start(path, app->wake_event, err, sizeof err);
    if (!app->loader)
        app_toast(app, "%s", err);
    app->dirty = true;
}

/* The command line's choices for the first lesson, which loads on the
 * loader thread after the window is already up. */
static void apply_start_options(AppState *app)
{
    if (app->desc.has_variant)
        session_set_variant(app->session, app->desc.variant);
    if (app->desc.has_context)
        session_set_context(app->session, app->desc.context);
    if (app->desc.input) {
        char err[256];
        if (!session_set_input_text(app->session, app->desc.input,
                                    app->view.lang, err, sizeof err))
            app_toast(app, "%s", err);
    }
    app->desc.input = NULL; /* borrowed from argv: not kept */
    if (app->desc.has_view)
        session_set_view(app->session, app->desc.start_view);
    if (app->desc.has_epoch)
        session_set_snapshot(app->session,
                             course_snapshot_index(app->session->course,
                                                   app->desc.epoch));
}

void app_loader_finish(AppState *app)
{
    Session fresh;
    char err[1200];
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s",
             app->picker.entries ? app->picker.entries[app->picker.selected].path
                                 : "");
    bool ok = loader_take(app->loader, &fresh, err, sizeof err);
    loader_destroy(app->loader);
    app->loader = NULL;
    if (!ok && !app->session->course) {
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
    bool first = !app->session->course;
    if (app->session->course)
        session_deinit(app->session);
    *app->session = fresh;
    if (first)
        apply_start_options(app);
    free(app->lesson_path);
    app->lesson_path = xstrdup(app->session->course->lesson->path);
    app->picker.open = false;
    app->hover = -1;
    app_go_instant(app, 0);
    /* Not at start: the header already says the title, and a toast over
     * the key hints would hide them just when a newcomer reads them. */
    if (!first)
        app_toast(app, "%s",
                  app->session->course->lesson->title[app->view.lang]);
}

void app_picker_key(AppState *app, const SDL_KeyboardEvent *k)
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
        app_picker_choose(app);
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
