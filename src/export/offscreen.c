/* Drawing without a window: a software renderer on a surface of the asked
 * pixel size (the scene is laid out for that size, never scaled). */
#include "export/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"

/* The first write to a fresh buffer is what costs: the system backs each
 * page then (on the 2-core VM this is measured on, ~14 ms for the 8 MB of
 * a 1920x1080 picture, whether or not mmap is asked to populate it). So
 * the spare buffers are written once on a helper thread while the first
 * step is drawn into the first one, instead of by their first clear on
 * the drawing thread. */
static int warm_main(void *data)
{
    Offscreen *o = data;
    for (int i = 1; i < o->buffers; i++)
        memset(o->pixels[i], 0, o->pixels_size);
    return 0;
}

/* Waits for the helper thread's writes (if any) to end. */
static void warm_wait(Offscreen *o)
{
    if (o->warm)
        SDL_WaitThread(o->warm, NULL);
    o->warm = NULL;
}

void offscreen_close(Offscreen *o)
{
    warm_wait(o);
    scene_deinit(&o->scene);
    render_destroy(o->rc);
    if (o->sdl)
        SDL_DestroyRenderer(o->sdl);
    SDL_FreeSurface(o->surface);
    for (int i = 0; i < o->buffers; i++)
        free(o->pixels[i]);
    if (o->video)
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    memset(o, 0, sizeof *o);
}

/* Prepares a w x h software canvas with the font (NULL = shipped) and
 * up to `buffers` picture buffers. Works with no display: when SDL's video
 * is not running yet it is started with the dummy driver (export never
 * needs a window). */
bool offscreen_open(Offscreen *o, int w, int h, int buffers,
                    const char *font_path, char *err, size_t err_size)
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
    /* 4 bytes a pixel, rows unpadded: the pitch SDL would choose. */
    int pitch = w * 4;
    o->pixels_size = (size_t)pitch * (size_t)h;
    /* As many buffers as asked for and there is memory for, one at least. */
    if (buffers > OFFSCREEN_BUFFERS)
        buffers = OFFSCREEN_BUFFERS;
    for (int i = 0; i < buffers; i++) {
        o->pixels[i] = calloc(1, o->pixels_size);
        if (!o->pixels[i])
            break;
        o->buffers++;
    }
    if (o->buffers > 1)
        o->warm = SDL_CreateThread(warm_main, "s2s-warm", o);
    o->surface = o->pixels[0] ? SDL_CreateRGBSurfaceWithFormatFrom(
                                    o->pixels[0], w, h, 32, pitch,
                                    SURFACE_FORMAT)
                              : NULL;
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

bool offscreen_flip(Offscreen *o)
{
    if (o->buffers < 2)
        return false;
    warm_wait(o);
    int next = (o->current + 1) % o->buffers;
    /* The software renderer draws through the surface's pixel pointer at
     * each call (nothing of the old buffer is kept once flushed), and
     * every picture starts with a clear of the whole canvas. */
    o->surface->pixels = o->pixels[next];
    o->current = next;
    return true;
}
