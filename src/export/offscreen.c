/* Drawing without a window: a software renderer on a surface of the asked
 * pixel size (the scene is laid out for that size, never scaled). */
#include "export/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"

void offscreen_close(Offscreen *o)
{
    scene_deinit(&o->scene);
    render_destroy(o->rc);
    if (o->sdl)
        SDL_DestroyRenderer(o->sdl);
    SDL_FreeSurface(o->surface);
    if (o->video)
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    memset(o, 0, sizeof *o);
}

/* Prepares a w x h software canvas with the font (NULL = shipped). Works
 * with no display: when SDL's video is not running yet it is started with
 * the dummy driver (export never needs a window). */
bool offscreen_open(Offscreen *o, int w, int h, const char *font_path,
                    char *err, size_t err_size)
{
    memset(o, 0, sizeof *o);
    scene_init(&o->scene);
    o->w = w;
    o->h = h;
    char *found = NULL;

    if (!SDL_WasInit(SDL_INIT_VIDEO)) {
        /* Override even SDL_VIDEODRIVER: an x11 driver with DISPLAY unset
         * would fail, and nothing here is ever shown. */
        SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "dummy",
                                SDL_HINT_OVERRIDE);
        int rc = SDL_InitSubSystem(SDL_INIT_VIDEO);
#if SDL_VERSION_ATLEAST(2, 24, 0)
        SDL_ResetHint(SDL_HINT_VIDEODRIVER);
#endif
        if (rc != 0) {
            set_err(err, err_size, "cannot start SDL video: %s",
                    SDL_GetError());
            goto fail;
        }
        o->video = true;
    }
    o->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SURFACE_FORMAT);
    if (!o->surface) {
        set_err(err, err_size, "cannot create a %dx%d picture: %s", w, h,
                SDL_GetError());
        goto fail;
    }
    o->sdl = SDL_CreateSoftwareRenderer(o->surface);
    if (!o->sdl) {
        set_err(err, err_size, "cannot create a software renderer: %s",
                SDL_GetError());
        goto fail;
    }
    if (!font_path) {
        found = paths_asset(PATHS_FONT_FILE);
        if (!found) {
            set_err(err, err_size,
                    "cannot find the font %s (set S2S_ASSETS_DIR)",
                    PATHS_FONT_FILE);
            goto fail;
        }
        font_path = found;
    }
    o->rc = render_create(o->sdl, font_path, err, err_size);
    if (!o->rc)
        goto fail;
    free(found);
    return true;
fail:
    free(found);
    offscreen_close(o);
    return false;
}

/* Draws step k (0-based) of the session, finished, into o->surface; the
 * session's own step stays where it is. */
bool offscreen_draw(Offscreen *o, const Session *session, int k,
                    const ViewOptions *view, char *err,
                    size_t err_size)
{
    SceneInput in;
    scene_input_at(session, k, 1.0f, &in);
    /* Laid out for the picture's shape (a 4:3 slide is not a letterboxed
     * 16:9 one). */
    ViewOptions v = *view;
    v.canvas_w = canvas_width_for(o->w, o->h);
    v.key_hints = false; /* a slide never carries the window's key hints */
    v.auto_seconds = 0;  /* nor its auto-play indicator */
    scene_build(&o->scene, &in, &v, render_text_measure(o->rc, o->w, o->h));

    if (!render_scene(o->rc, &o->scene, o->w, o->h)) {
        set_err(err, err_size, "cannot draw step %d: %s", k + 1,
                render_error(o->rc));
        return false;
    }
    if (SDL_RenderFlush(o->sdl) != 0) {
        set_err(err, err_size, "cannot draw the picture: %s",
                SDL_GetError());
        return false;
    }
    return true;
}
