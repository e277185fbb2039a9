/* Drawing without a window: a software renderer on a surface of the asked
 * pixel size (the scene is laid out for that size, never scaled). */
#define _GNU_SOURCE /* MAP_ANONYMOUS and MAP_POPULATE for the picture buffers */
#include "export/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#define HAVE_POPULATE 1
#endif

#include "paths.h"

/* size bytes of zeroed memory for a picture, every page already there:
 * touched page by page, a fresh 8 MB buffer costs tens of milliseconds of
 * page faults on some machines (25-35 ms on the 2-core VM this is built
 * on) against ~3 ms when the kernel fills it in one call. */
static unsigned char *picture_alloc(size_t size, bool *mapped)
{
    *mapped = false;
#ifdef HAVE_POPULATE
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p != MAP_FAILED) {
        *mapped = true;
        return p;
    }
#endif
    return calloc(1, size);
}

static void picture_free(unsigned char *p, size_t size, bool mapped)
{
    if (!p)
        return;
#ifdef HAVE_POPULATE
    if (mapped) {
        munmap(p, size);
        return;
    }
#endif
    (void)size;
    (void)mapped;
    free(p);
}

void offscreen_close(Offscreen *o)
{
    scene_deinit(&o->scene);
    render_destroy(o->rc);
    if (o->sdl)
        SDL_DestroyRenderer(o->sdl);
    SDL_FreeSurface(o->surface);
    for (int i = 0; i < OFFSCREEN_BUFFERS; i++)
        picture_free(o->pixels[i], o->pixels_size, o->mapped[i]);
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
    /* 4 bytes a pixel, rows unpadded: the pitch SDL would choose. */
    int pitch = w * 4;
    o->pixels_size = (size_t)pitch * (size_t)h;
    o->pixels[0] = picture_alloc(o->pixels_size, &o->mapped[0]);
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

bool offscreen_flip(Offscreen *o, int buffers)
{
    int next = (o->current + 1) % buffers;
    if (!o->pixels[next])
        o->pixels[next] = picture_alloc(o->pixels_size, &o->mapped[next]);
    if (!o->pixels[next])
        return false;
    /* The software renderer draws through the surface's pixel pointer at
     * each call (nothing of the old buffer is kept once flushed), and
     * every picture starts with a clear of the whole canvas. */
    o->surface->pixels = o->pixels[next];
    o->current = next;
    return true;
}
