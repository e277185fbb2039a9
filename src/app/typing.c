/* Key I: the input field over the picture, the IME's candidate window
 * placed under it, and applying a typed sentence to the session. */
#include "app/internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the IME's candidate window goes: just under the field, in window
 * coordinates (which differ from output pixels on HiDPI). */
void app_place_ime(AppState *app)
{
    if (!app->window || !app->ime_rect_set)
        return;
    int ow, oh, ww, wh;
    if (SDL_GetRendererOutputSize(app->sdl, &ow, &oh) != 0 || ow <= 0 ||
        oh <= 0)
        return;
    SDL_GetWindowSize(app->window, &ww, &wh);
    CanvasMap m = canvas_map(ow, oh, app->scene.width);
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
    const Session *s = app->session;
    const char *sep =
        tokenizer_separator(s->course->lesson->source_tokenizer);
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < s->input_len; i++) {
        int n = snprintf(buf + used, size - used, "%s%s",
                         i > 0 ? sep : "", s->input_tokens[i]);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

int app_input_token_count(const AppState *app)
{
    if (!app->session->course)
        return 0;
    char line[INPUT_FIELD_MAX + 512];
    input_field_display(&app->field, line, sizeof line);
    int ids[INPUT_FIELD_MAX];
    int n = lesson_tokenize_input(app->session->course->lesson, line, ids,
                                  INPUT_FIELD_MAX, NULL);
    return n < 0 ? 0 : n;
}

void app_open_input(AppState *app)
{
    app->ime_rect_set = false;
    char text[INPUT_FIELD_MAX];
    current_input_text(app, text, sizeof text);
    input_field_open(&app->field, text);
    app->autostep = false;
    SDL_StartTextInput();
    app_place_ime(app);
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
    if (!session_set_input_text(app->session, app->field.text,
                                app->view.lang, err, sizeof err)) {
        snprintf(app->field.note, sizeof app->field.note, "%s", err);
        app->dirty = true;
        return;
    }
    input_close(app);
    app_go_instant(app, 0);
    int unknown = 0;
    for (int i = 0; i < app->session->input_len; i++)
        unknown += app->session->unknown[i];
    if (unknown == 1)
        app_toast(app, "%s", app_text(app, UI_INPUT_ONE_UNKNOWN));
    else if (unknown > 1)
        app_toast(app,
              app_text(app, UI_INPUT_UNKNOWN),
              unknown);
}

void app_input_key(AppState *app, const SDL_KeyboardEvent *k)
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
        input_close(app); /* the session was never touched: nothing to undo */
        break;
    case SDLK_BACKSPACE:
        input_field_backspace(&app->field);
        break;
    case SDLK_DELETE:
    case SDLK_KP_PERIOD:
        input_field_delete(&app->field);
        break;
    case SDLK_LEFT:
    case SDLK_RIGHT:
    case SDLK_HOME:
    case SDLK_END: {
        SDL_Keycode sym = k->keysym.sym;
        int dir = sym == SDLK_LEFT ? -1 : sym == SDLK_RIGHT ? 1
                  : sym == SDLK_HOME ? -2 : 2;
        input_field_move(&app->field, dir, (k->keysym.mod & KMOD_SHIFT) != 0);
        break;
    }
    case SDLK_a:
        if (k->keysym.mod & (KMOD_CTRL | KMOD_GUI))
            input_field_select_all(&app->field);
        break;
    case SDLK_q:
        if (k->keysym.mod & KMOD_CTRL)
            app->quit = true;
        break;
    default:
        return;
    }
    app->dirty = true;
}
