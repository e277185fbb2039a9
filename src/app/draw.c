/* Drawing one frame: the scene of the current step and the overlays. */
#include "app/internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *app_hover_text(const AppState *app)
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
    if (!app_output_size(app, &w, &h))
        return false;
    if (w <= 0 || h <= 0)
        return true; /* minimised */
    const TextMeasure *measure = render_text_measure(app->rc, w, h);
    Scene *s = &app->scene;
    /* The canvas takes the window's shape (4:3 projector, 21:9 screen). */
    app->view.canvas_w = canvas_width_for(w, h);
    app->view.auto_seconds = app->autostep ? (float)(app->auto_ms / 1000.0)
                                           : 0;
    s->width = app->view.canvas_w;

    if (!app->session->course) {
        /* Still training the first lesson: only the progress bar. */
        scene_clear(s);
        s->background = palette_for(app->view.theme)->background;
        if (app->loader)
            scene_overlay_progress(
                s, &app->view, measure,
                app_text(app, UI_TRAINING),
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
        scene_input_at(app->session, app->session->step, clock_progress(&app->clock, app->now),
                         &in);
        scene_build(s, &in, &app->view, measure);
        /* The hover index refers to this list: look again after a
         * rebuild (the picture may have moved under the pointer). */
        app->hover = (app->mouse_in && !app_modal(app))
                         ? scene_hit_tooltip(s, app->mouse_x, app->mouse_y)
                         : -1;
        const char *tip = app_hover_text(app);
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
            if (!app->coverage) {
                char err[256]; /* without it the field only lacks a note */
                app->coverage =
                    font_coverage_open(app->font_path, err, sizeof err);
            }
            int n = app_input_token_count(app);
            char counter[64];
            snprintf(counter, sizeof counter, app_text(app, UI_INPUT_COUNTER),
                     n, LESSON_MAX_INPUT);
            overlay_input(s, &app->view, measure, &app->field, app->coverage,
                          counter, n > LESSON_MAX_INPUT, r);
            /* Move the candidate window only when the caret moved. */
            if (!app->ime_rect_set || memcmp(r, app->ime_rect, sizeof r)) {
                memcpy(app->ime_rect, r, sizeof r);
                app->ime_rect_set = true;
                app_place_ime(app);
            }
        }
        if (app->picker.open)
            overlay_picker(s, &app->view, measure, &app->picker);
        if (app->loader)
            scene_overlay_progress(
                s, &app->view, measure,
                app_text(app, UI_TRAINING),
                loader_progress(app->loader));
        if (app->exporting)
            scene_overlay_progress(
                s, &app->view, measure,
                app_text(app, UI_EXPORTING),
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
