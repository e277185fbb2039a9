/* The mouse: window to canvas coordinates, hover tooltips, clicks on the
 * progress bar and the picker. */
#include "app/internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    CanvasMap m = canvas_map(ow, oh, app->scene.width);
    *cx = ((float)x * kx - m.offset_x) / m.scale;
    *cy = ((float)y * ky - m.offset_y) / m.scale;
    return true;
}

bool app_modal(const AppState *app)
{
    return app->field.open || app->picker.open || app->loader || app->help ||
           app->blank != BLANK_NONE || app->exporting;
}

void app_mouse_motion(AppState *app, int x, int y)
{
    if (app->cursor_hidden && SDL_ShowCursor(SDL_ENABLE) >= 0)
        app->cursor_hidden = false;
    if (!to_canvas(app, x, y, &app->mouse_x, &app->mouse_y))
        return;
    app->mouse_in = true;
    int hit = app_modal(app) ? -1
                         : scene_hit_tooltip(&app->scene, app->mouse_x,
                                             app->mouse_y);
    if (hit != app->hover) {
        app->hover = hit;
        app->dirty = true;
    }
}

void app_mouse_click(AppState *app, int x, int y)
{
    float cx, cy;
    if (!to_canvas(app, x, y, &cx, &cy))
        return;
    if (app->picker.open && !app->loader) {
        /* A click on a row picks that lesson. */
        int row = scene_picker_hit(app->picker.count, app->picker.selected,
                                   app->scene.width, cx, cy);
        if (row >= 0) {
            app->picker.selected = row;
            app->picker.note[0] = '\0';
            app_picker_choose(app);
        }
        return;
    }
    if (app_modal(app))
        return;
    SceneInput in;
    scene_input_at(app->session, app->session->step, 1.0f, &in);
    int k = scene_progress_hit(&in, app->scene.width, cx, cy);
    if (k >= 0) {
        app_jump_clear(app);
        app_go_instant(app, k);
    }
}
