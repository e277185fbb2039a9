/* Feathered (anti-aliased) triangle geometry in pixel coordinates, batched
 * into one vertex/index buffer and drawn with SDL_RenderGeometry. Private
 * to render/. */
#ifndef S2S_RENDER_GEOMETRY_H
#define S2S_RENDER_GEOMETRY_H

#include <stdbool.h>

#include <SDL.h>

/* An opaque rectangle of the batch and its colour. */
typedef struct {
    SDL_Rect rect;
    SDL_Color color;
} GeomRect;

typedef struct {
    SDL_Renderer *sdl; /* borrowed */
    bool failed;       /* an SDL_RenderGeometry call failed */
    SDL_Vertex *vertices;
    int vertex_count, vertex_capacity;
    int *indices; /* blended triangles: feathered edges, translucent */
    int index_count, index_capacity;
    int *solid; /* opaque one-colour triangles, drawn without blending */
    int solid_count, solid_capacity;
    GeomRect *rects; /* drawn after the solid triangles */
    int rect_count, rect_capacity;
    SDL_FPoint *scratch; /* paths and offsets while building one shape */
    int scratch_capacity;
} GeomBatch;

/* The software renderer blends each triangle through a temporary surface
 * the size of its bounding box; opaque interiors skip that by being drawn
 * with SDL_BLENDMODE_NONE, so the batch keeps them apart and flushes by
 * itself when order demands it. */
void geom_init(GeomBatch *g, SDL_Renderer *sdl);
void geom_deinit(GeomBatch *g);

/* Draws everything batched so far (opaque part first) and empties the
 * batch (an empty one makes no SDL call), leaving SDL_BLENDMODE_BLEND
 * set. Returns false when an SDL_RenderGeometry call since the last flush
 * failed (SDL_GetError() says why). */
bool geom_flush(GeomBatch *g, SDL_Renderer *sdl);

/* A filled convex polygon (either winding) with a 1 px feathered edge
 * centred on its outline, or a hard edge when feather is false (for an
 * edge an opaque stroke will cover). */
void geom_fill_convex(GeomBatch *g, const SDL_FPoint *pts, int n,
                      SDL_Color c, bool feather);

/* A stroke of width px through pts, feathered on both sides, with mitred
 * joins (limited at sharp turns) and butt ends. closed joins the last
 * point back to the first. Long segments are cut into short pieces because
 * the software renderer's cost grows with each triangle's bounding box. */
void geom_stroke(GeomBatch *g, const SDL_FPoint *pts, int n, bool closed,
                 float width, SDL_Color c);

/* Writes the outline of a rounded rectangle (radius clamped to fit) into
 * out, clockwise from the top-left corner, and returns the point count
 * (at most 4 * 65). */
int geom_rounded_rect_path(float x, float y, float w, float h, float r,
                           SDL_FPoint *out);
#define GEOM_ROUNDED_RECT_MAX (4 * 65)

/* Writes a circle outline into out; returns the count (at most 256). */
int geom_circle_path(float cx, float cy, float r, SDL_FPoint *out);
#define GEOM_CIRCLE_MAX 256

#endif
