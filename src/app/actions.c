/* What each key does (keys.c maps keys to actions), and full screen. */
#include "app/internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_set_fullscreen(AppState *app, bool on)
{
    if (app->window) {
        if (on && !(SDL_GetWindowFlags(app->window) & SDL_WINDOW_FULLSCREEN))
            SDL_GetWindowSize(app->window, &app->windowed_w,
                              &app->windowed_h);
        Uint32 flag = on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0;
        if (SDL_SetWindowFullscreen(app->window, flag) != 0) {
            app_toast(app, "%s: %s", app_text(app, UI_FULLSCREEN_FAILED),
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

static void action(AppState *app, KeyAction a, SDL_Keycode sym)
{
    /* A typed number waits for Enter; Backspace takes back a digit. */
    if (app->jump_digits) {
        if (a == ACT_DIGIT) {
            if (app->jump_digits < JUMP_MAX_DIGITS) {
                app->jump = app->jump * 10 + keys_digit(sym);
                app->jump_digits++;
            }
            app_jump_show(app);
            return;
        }
        if (a == ACT_NEXT && (sym == SDLK_RETURN || sym == SDLK_KP_ENTER ||
                              sym == SDLK_RETURN2)) {
            app_jump_go(app);
            return;
        }
        if (sym == SDLK_BACKSPACE) {
            app->jump /= 10;
            if (--app->jump_digits == 0)
                app_jump_clear(app);
            else
                app_jump_show(app);
            return;
        }
        app_jump_clear(app);
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
        app_next(app);
        break;
    case ACT_PREV:
        app_prev(app);
        break;
    case ACT_FIRST:
        app_go_instant(app, 0);
        break;
    case ACT_LAST:
        app_go_instant(app, session_step_count(app->session) - 1);
        break;
    case ACT_DIGIT:
        app->jump = keys_digit(sym);
        app->jump_digits = 1;
        app_jump_show(app);
        break;
    case ACT_AUTO:
        app->autostep = !app->autostep;
        app->auto_next = app->now + app->auto_ms;
        app_toast(app, app->autostep ? app_text(app, UI_AUTO_ON)
                                 : app_text(app, UI_AUTO_OFF_S),
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
        app_toast(app, app_text(app, UI_AUTO_SPEED),
              app->auto_ms / 1000.0,
              app->autostep ? "" : app_text(app, UI_AUTO_START));
        break;
    case ACT_VARIANT: {
        /* init -> every -> attention (where trained) -> init */
        Variant v = course_next_variant(app->session->course,
                                        app->session->variant);
        session_set_variant(app->session, v);
        clock_finish(&app->clock);
        app_toast(app, "%s", app_variant_label(app, v));
        break;
    }
    case ACT_CONTEXT: {
        ContextMode c = (ContextMode)((app->session->context + 1) % CONTEXT_COUNT);
        session_set_context(app->session, c);
        clock_finish(&app->clock);
        app_toast(app, "%s", app_context_label(app, c));
        break;
    }
    case ACT_COMPARE: {
        /* every decoder on the shared encoder, at the same step */
        bool to_compare = app->session->view != VIEW_COMPARE;
        session_set_view(app->session, to_compare ? VIEW_COMPARE : VIEW_STEPS);
        clock_finish(&app->clock);
        app_toast(app, "%s",
                  to_compare ? app_text(app, UI_COMPARE_LABEL)
                             : app_variant_label(app, app->session->variant));
        break;
    }
    case ACT_NUMBERS:
        app->view.numbers = !app->view.numbers;
        app_toast(app, "%s", app->view.numbers ? app_text(app, UI_NUMBERS_ON)
                                           : app_text(app, UI_NUMBERS_OFF));
        break;
    case ACT_LANG:
        app->view.lang = app->view.lang == LANG_ZH ? LANG_EN : LANG_ZH;
        app_toast(app, "%s", app_text(app, UI_LANGUAGE_NAME));
        break;
    case ACT_SLOW_MOTION:
        app->view.slow_motion = app->view.slow_motion >= 6   ? 1
                                : app->view.slow_motion >= 3 ? 6
                                                             : 3;
        app_toast(app, app_text(app, UI_TOAST_SLOW_MOTION),
                  app->view.slow_motion);
        break;
    case ACT_LOG_BARS:
        app->view.log_bars = !app->view.log_bars;
        app_toast(app, "%s", app->view.log_bars
                                 ? app_text(app, UI_TOAST_BARS_LOG)
                                 : app_text(app, UI_TOAST_BARS_LINEAR));
        break;
    case ACT_LARGE_TEXT:
        app->view.large_text = !app->view.large_text;
        app_toast(app, "%s", app->view.large_text
                                 ? app_text(app, UI_TOAST_LARGE_ON)
                                 : app_text(app, UI_TOAST_LARGE_OFF));
        break;
    case ACT_KEY_HINTS:
        app->view.key_hints = !app->view.key_hints;
        app->dirty = true;
        break;
    case ACT_THEME:
        app->view.theme = app->view.theme == THEME_LIGHT ? THEME_DARK
                                                         : THEME_LIGHT;
        app->dirty = true;
        break;
    case ACT_FULLSCREEN:
        app_set_fullscreen(app, !app->fullscreen);
        break;
    case ACT_ESCAPE:
        /* Esc never quits: a remote's F5/Esc button must not end class. */
        if (app->fullscreen)
            app_set_fullscreen(app, false);
        else if (app->autostep) {
            app->autostep = false;
            app_toast(app, "%s", app_text(app, UI_AUTO_OFF));
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
        app_save_one(app);
        break;
    case ACT_EXPORT:
        app_export_all(app);
        break;
    case ACT_INPUT:
        app_open_input(app);
        break;
    case ACT_PICKER:
        app_open_picker(app);
        break;
    case ACT_TRAINING:
        app_toggle_training(app);
        break;
    case ACT_SNAPSHOT_PREV:
    case ACT_SNAPSHOT_NEXT:
        app_snapshot_go(app, app->session->snapshot +
                                 (a == ACT_SNAPSHOT_NEXT ? 1 : -1));
        break;
    case ACT_SNAPSHOT_FIRST:
        app_snapshot_go(app, 0);
        break;
    case ACT_SNAPSHOT_LAST:
        app_snapshot_go(app, app->session->course->log.snapshot_count - 1);
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

void app_key_down(AppState *app, const SDL_KeyboardEvent *k)
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
        app_input_key(app, k);
        return;
    }
    if (app->picker.open || app->loader) {
        app_picker_key(app, k);
        return;
    }
    action(app, keys_action(k->keysym.sym, k->keysym.mod), k->keysym.sym);
}
