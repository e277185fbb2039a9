/* SDL events in, time going by (the clock, auto-step, toasts), and how
 * long app.c may sleep. */
#include "app/internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_handle_event(AppState *app, const SDL_Event *ev)
{
    if (app->wake_event && ev->type == app->wake_event) {
        app->dirty = true;
        return;
    }
    switch (ev->type) {
    case SDL_DROPFILE:
        app_open_dropped(app, ev->drop.file);
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
        app_key_down(app, &ev->key);
        break;
    case SDL_TEXTINPUT:
        if (app->field.open) {
            /* Committed text ends any composition. */
            input_field_set_composition(&app->field, NULL, 0);
            if (!input_field_insert(&app->field, ev->text.text))
                snprintf(app->field.note, sizeof app->field.note, "%s",
                         app_text(app, UI_INPUT_FULL));
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
        app_mouse_motion(app, ev->motion.x, ev->motion.y);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.button == SDL_BUTTON_LEFT)
            app_mouse_click(app, ev->button.x, ev->button.y);
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
        app_loader_finish(app);
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
    if (app->autostep && !app_modal(app) &&
        !clock_running(&app->clock, app->now) &&
        app->now >= app->auto_next) {
        if (app->session->view == VIEW_TRAINING) {
            /* the training view plays the snapshots, at the same step */
            if (!app_snapshot_play_next(app)) {
                app->autostep = false;
                app_toast(app, "%s", app_text(app, UI_AUTO_END));
            }
        } else if (app->session->step + 1 < session_step_count(app->session)) {
            app_next(app);
        } else {
            app->autostep = false;
            app_toast(app, "%s", app_text(app, UI_AUTO_END));
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
    if (app->autostep && !app_modal(app)) {
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
