/* Which SDL renderer the window draws with (docs/performance.md). */
#ifndef S2S_APP_RENDERER_H
#define S2S_APP_RENDERER_H

#include <SDL.h>

/* A renderer for window. On the desktop, SDL's software renderer
 * presented through the window system's own framebuffer (XShm on X11):
 * it draws the busiest step at 1920x1080 within the frame budget, looks
 * the same as the OpenGL renderer, and does not load Mesa's OpenGL
 * libraries (about 70 MB of the 130 MB the window held with them). When
 * SDL_RENDER_DRIVER names a renderer (the user's choice), or the
 * software one cannot be made, SDL's default (accelerated, vsync when it
 * can), then anything. */
SDL_Renderer *app_make_renderer(SDL_Window *window);

#endif
