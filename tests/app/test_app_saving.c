/* S and E from the window: S writes one slide at the slide size (not the
 * window's), never over an earlier file, and names it in a toast; E writes
 * every step into a new folder. Into the rig's XDG_PICTURES_DIR. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL_image.h>

#include "check.h"
#include "rig.h"

static void test_save_and_export(void)
{
    Rig r;
    rig_open_window(&r, 800, 450);
    SDL_Renderer *sdl = r.sdl;
    AppState *app = r.app;

    /* S: a slide at the slide size (--size, default 1920 x 1080, as
     * --help says), not the window's; a second S does not overwrite it */
    int ow, oh;
    CHECK(SDL_GetRendererOutputSize(sdl, &ow, &oh) == 0);
    CHECK(ow != 1920 || oh != 1080); /* else the check below proves nothing */
    rig_key(app, SDLK_s);
    char first[4096];
    snprintf(first, sizeof first, "%s", app_last_saved(app));
    CHECK_MSG(first[0] != '\0', "toast: %s", app_toast_text(app));
    struct stat st1;
    CHECK(stat(first, &st1) == 0);
    SDL_Surface *png = IMG_Load(first);
    CHECK_MSG(png != NULL, "%s", IMG_GetError());
    if (png) {
        CHECK_MSG(png->w == 1920 && png->h == 1080, "%dx%d", png->w, png->h);
        SDL_FreeSurface(png);
    }
    CHECK(strstr(app_toast_text(app), first) != NULL);
    rig_key(app, SDLK_RIGHT);
    rig_settle(app);
    rig_key(app, SDLK_s);
    CHECK(strcmp(app_last_saved(app), first) != 0);
    struct stat st2;
    CHECK(stat(first, &st2) == 0 && st2.st_size == st1.st_size &&
          st2.st_mtime == st1.st_mtime);
    rig_key(app, SDLK_LEFT);
    rig_key(app, SDLK_s); /* the same step again: a new name, not the old one */
    CHECK(strcmp(app_last_saved(app), first) != 0);

    /* E: every step into a new folder, a toast names it */
    rig_key(app, SDLK_e);
    CHECK_MSG(strstr(app_toast_text(app), app_last_saved(app)) != NULL,
              "toast: %s", app_toast_text(app));
    struct stat std;
    CHECK(stat(app_last_saved(app), &std) == 0 && S_ISDIR(std.st_mode));
    CHECK(app_draw(app));
    rig_close(&r);
}

int main(void)
{
    rig_start();
    test_save_and_export();
    return rig_finish(check_count, check_failures);
}
