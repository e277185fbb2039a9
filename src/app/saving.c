/* Key S (the current view as one PNG) and key E (every step), with the
 * window kept alive behind E's progress bar. */
#include "app/internal.h"
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

static void save_size(AppState *app, int *w, int *h)
{
    if (app->desc.save_width > 0 && app->desc.save_height > 0) {
        *w = app->desc.save_width;
        *h = app->desc.save_height;
    } else if (!app_output_size(app, w, h)) {
        *w = 1920;
        *h = 1080;
    }
}

void app_save_one(AppState *app)
{
    int w, h;
    save_size(app, &w, &h);
    char path[PATH_MAX], err[512];
    if (export_save_view(app->session, &app->view, w, h, app->font_path, path,
                         sizeof path, err, sizeof err)) {
        snprintf(app->last_saved, sizeof app->last_saved, "%s", path);
        app_toast(app, "%s %s", app_tr(app, "Saved", "已保存"), path);
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
    char dir[PATH_MAX], err[512];
    app->exporting = true;
    app->export_cancel = false;
    app->export_fraction = 0.0f;
    app->autostep = false;
    ExportProgress progress = {export_progress, app};
    int rc = export_all_steps(app->session, &app->view, w, h, app->font_path,
                              progress, dir, sizeof dir, err, sizeof err);
    app->exporting = false;
    char deck[PATH_MAX];
    if (rc == EXPORT_OK)
        rc = export_deck_beside(app->session, &app->view, w, h,
                                app->font_path, dir, deck, sizeof deck, err,
                                sizeof err);
    if (rc == EXPORT_OK) {
        snprintf(app->last_saved, sizeof app->last_saved, "%s", dir);
        app_toast(app, "%s %s %s %s",
                  app_tr(app, "Exported every step to", "每一步已导出到"), dir,
                  app_tr(app, "and the PDF deck", "以及 PDF 幻灯片"), deck);
    } else if (rc == EXPORT_CANCELLED) {
        app_toast(app, "%s", app_tr(app, "Export cancelled", "导出已取消"));
    } else {
        app_toast(app, "%s", err);
    }
}
