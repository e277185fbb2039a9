/* Key S (the current view as one PNG) and key E (every step), with the
 * window kept alive behind E's progress bar. */
#include "app/internal.h"
#include "app/handover.h"
#include "defaults.h"
#include "export/slides.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool app_output_size(AppState *app, int *w, int *h)
{
    if (SDL_GetRendererOutputSize(app->sdl, w, h) != 0) {
        snprintf(app->error, sizeof app->error, "SDL_GetRendererOutputSize: %s",
                 SDL_GetError());
        return false;
    }
    return true;
}

/* S and E make slides: the view re-rendered at the slide size (--size,
 * else 1920 x 1080, as --help says), not at the window's size. */
static void save_size(const AppState *app, int *w, int *h)
{
    default_slide_size(app->desc.save_width, app->desc.save_height, w, h);
}

void app_save_one(AppState *app)
{
    int w, h;
    save_size(app, &w, &h);
    char path[PATH_MAX], shown[PATH_MAX], err[512];
    if (export_save_view(app->session, &app->view, w, h, app->font_path, path,
                         sizeof path, err, sizeof err) &&
        handover_saved(path, false, shown, sizeof shown, err, sizeof err)) {
        snprintf(app->last_saved, sizeof app->last_saved, "%s", path);
        app_toast(app, "%s %s", app_text(app, UI_SAVED), shown);
    } else {
        app_toast(app, "%s", err);
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
    /* The exporter draws each step without moving the session, so the
     * window goes on showing the user's step behind the progress bar. */
    if (app_draw(app))
        SDL_RenderPresent(app->sdl);
    return !app->export_cancel;
}

void app_export_all(AppState *app)
{
    int w, h;
    save_size(app, &w, &h);
    char dir[PATH_MAX], shown[PATH_MAX], err[512];
    app->exporting = true;
    app->export_cancel = false;
    app->export_fraction = 0.0f;
    app->autostep = false;
    ExportProgress progress = {export_progress, app};
    int rc = export_all_steps(app->session, &app->view, w, h, app->font_path,
                              progress, dir, sizeof dir, err, sizeof err);
    app->exporting = false;
    /* desktop: the folder stays where it is; browser: a download */
    if (rc == EXPORT_OK &&
        !handover_saved(dir, true, shown, sizeof shown, err, sizeof err))
        rc = EXPORT_FAILED;
    /* and the whole lesson as one PDF deck beside the folder (none in the
     * browser: deck stays empty) */
    char deck[PATH_MAX] = "";
    if (rc == EXPORT_OK)
        rc = export_deck_beside(app->session, &app->view, w, h,
                                app->font_path, dir, deck, sizeof deck, err,
                                sizeof err);
    if (rc == EXPORT_OK) {
        snprintf(app->last_saved, sizeof app->last_saved, "%s", dir);
        if (deck[0])
            app_toast(app, app_text(app, UI_EXPORTED_TO_WITH_DECK), shown,
                      deck);
        else
            app_toast(app, "%s %s", app_text(app, UI_EXPORTED_TO), shown);
    } else if (rc == EXPORT_CANCELLED) {
        app_toast(app, "%s", app_text(app, UI_EXPORT_CANCELLED));
    } else {
        app_toast(app, "%s", err);
    }
}
