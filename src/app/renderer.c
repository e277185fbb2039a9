/* The window's renderer (renderer.h). Measured under Xvfb with openbox,
 * the default lesson full screen at 1920x1080 (scripts/bench-memory.sh):
 * 148 MB RSS / 113 MB PSS with SDL's OpenGL renderer (llvmpipe: libLLVM
 * alone is 57 MB), 41 MB RSS / 29 MB PSS with the software renderer
 * below; the pictures differ only in a few hundred antialiased edge
 * pixels. Without the framebuffer hint, SDL presents even a software
 * renderer's frames through an OpenGL texture on X11, and Mesa is
 * loaded anyway. */
#include "app/renderer.h"

#include <stdlib.h>

static SDL_Renderer *software_renderer(SDL_Window *window)
{
#ifdef __EMSCRIPTEN__
    (void)window;
    return NULL; /* the browser's canvas: its WebGL renderer */
#else
    const char *choice = getenv("SDL_RENDER_DRIVER");
    if (choice && *choice)
        return NULL;
    /* The window system's framebuffer (XShm on X11), not a GL texture. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    return SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
#endif
}

SDL_Renderer *app_make_renderer(SDL_Window *window)
{
    SDL_Renderer *r = software_renderer(window);
    if (!r)
        r = SDL_CreateRenderer(
            window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!r)
        r = SDL_CreateRenderer(window, -1, 0);
    if (!r)
        r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    return r;
}
