/* What the slide writers (pdf.c, pdfpc.c, svg.c, gif.c) share with
 * slides.c. Private to export/. */
#ifndef S2S_EXPORT_SLIDES_INTERNAL_H
#define S2S_EXPORT_SLIDES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cairo.h>

#include "export/slides.h"
#include "render/cairo_render.h"

/* A session's steps laid out with the cairo backend's measure and drawn
 * on any cairo context of w x h user units. */
typedef struct {
    const Session *session; /* borrowed */
    const ViewOptions *view;
    CairoRender *render;
    Scene scene;
    int w, h;
} SlideCanvas;

/* Lays out step k (0-based) at progress u and draws it on cr. */
bool slide_draw(SlideCanvas *c, cairo_t *cr, int k, float u, char *err,
                size_t err_size);

/* A cairo write callback onto a FILE * (closure); a short write is a
 * CAIRO_STATUS_WRITE_ERROR, so the surface's status reports it. */
cairo_status_t slide_write_stream(void *closure, const unsigned char *data,
                                  unsigned int length);

/* Each writer writes a new temporary file beside dir/name (its path into
 * tmp) and leaves nothing on disk when it fails. */

/* pdf.c: steps first..last as pages, text as text, the font embedded. */
bool pdf_write_temp(SlideCanvas *c, int first, int last, const char *dir,
                    const char *name, char *tmp, size_t tmp_size, char *err,
                    size_t err_size);

/* pdfpc.c: pdf-presenter-console's notes (JSON, format 2): page i's note
 * is step first+i's title and narration. malloc'd. */
char *pdfpc_notes(const Session *session, int first, int last, Lang lang);

/* svg.c: step k as one SVG picture of w x h pixels. */
bool svg_write_temp(SlideCanvas *c, int k, const char *dir, const char *name,
                    char *tmp, size_t tmp_size, char *err, size_t err_size);

/* gif.c: the ease-in of steps first..last, each held on its finished
 * state, looping. */
bool gif_write_temp(SlideCanvas *c, int first, int last, const char *dir,
                    const char *name, char *tmp, size_t tmp_size, char *err,
                    size_t err_size);

#endif
