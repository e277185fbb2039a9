/* Rounded boxes (and so circles) drawn without triangles: anti-aliased
 * corner masks rendered once per shape geometry into small textures and
 * copied, tinted, to the four corners, and the straight edges and the
 * interior filled as rectangles. Private to render/. */
#ifndef S2S_RENDER_BOX_H
#define S2S_RENDER_BOX_H

#include <SDL.h>

typedef struct BoxCache BoxCache;

/* Masks for sdl (borrowed: it must outlive the cache; the textures are
 * made on it). Aborts on allocation failure. Destroy with
 * box_cache_destroy. */
BoxCache *box_cache_create(SDL_Renderer *sdl);
void box_cache_destroy(BoxCache *bc);

typedef enum {
    BOX_DRAWN,
    BOX_FAILED,    /* an SDL call failed: SDL_GetError() says why */
    BOX_TOO_LARGE, /* corners too large for masks: draw it another way */
} BoxResult;

/* Draws the box of whole pixels `box` with outer corner radius r (pixels,
 * clamped to fit), filled with fill out to the middle of an outline sw
 * pixels wide that lies inside the box (sw 0: none), the outline over the
 * fill. Either colour may have alpha 0. Leaves the draw blend mode set to
 * SDL_BLENDMODE_BLEND. */
BoxResult box_draw(BoxCache *bc, SDL_Rect box, float r, float sw,
                   SDL_Color fill, SDL_Color stroke);

/* Call once after each frame: drops masks unused for a while. */
void box_cache_end_frame(BoxCache *bc);

/* How many masks are cached now (for tests). */
int box_cache_count(const BoxCache *bc);

#endif
