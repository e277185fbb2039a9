/* Feathered (anti-aliased) triangle geometry in pixel coordinates, batched
 * into one vertex/index buffer and drawn with SDL_RenderGeometry. Private
 * to render/. */
#ifndef S2S_RENDER_GEOMETRY_H
#define S2S_RENDER_GEOMETRY_H

#include <stdbool.h>

#include <SDL.h>

typedef struct {
    SDL_Vertex *vertices;
    int vertex_count, vertex_capacity;
    int *indices;
    int index_count, index_capacity;
    SDL_FPoint *scratch; /* paths and offsets while building one shape */
    int scratch_capacity;
} GeomBatch;

void geom_init(GeomBatch *g);
void geom_deinit(GeomBatch *g);

/* Draws everything batched so far and empties the batch. Returns false
 * when SDL_RenderGeometry fails (SDL_GetError() says why). */
bool geom_flush(GeomBatch *g, SDL_Renderer *sdl);

/* A filled convex polygon (either winding) with a 1 px feathered edge
 * centred on its outline. */
void geom_fill_convex(GeomBatch *g, const SDL_FPoint *pts, int n,
                      SDL_Color c);

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
