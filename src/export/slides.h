/* Slides beyond PNG: --export FILE.pdf (a vector deck, one page per step,
 * with FILE.pdfpc beside it holding each page's narration as its note for
 * pdf-presenter-console), FILE.svg (one step) and FILE.gif (the ease-in
 * animation of one step or of the whole lesson), all drawn by the cairo
 * backend (render/cairo_render.h) and written whole or not at all. */
#ifndef S2S_EXPORT_SLIDES_H
#define S2S_EXPORT_SLIDES_H

#include <stdbool.h>
#include <stddef.h>

#include "scene/scene.h"
#include "session/session.h"

typedef enum { SLIDES_NONE, SLIDES_PDF, SLIDES_SVG, SLIDES_GIF } SlidesFormat;

/* The format a path asks for by its extension (.pdf, .svg, .gif, any
 * case); SLIDES_NONE for anything else (a folder of PNGs). */
SlidesFormat slides_format(const char *path);

typedef struct {
    const char *path;  /* FILE.pdf, FILE.svg or FILE.gif; its folder must
                          exist */
    int step;          /* 1-based; 0 = every step (an SVG needs one) */
    int width, height; /* 0 x 0: the default (defaults.h); else 1..SLIDE_MAX_SIDE */
    ViewOptions view;
    bool force;            /* replace an existing file */
    const char *font_path; /* NULL = the shipped font */
} SlidesDesc;

/* Returns an EXPORT_* status (export.h), the reason in err as one line:
 * 2 for bad usage (an unknown extension, a step out of range, an SVG
 * without a step, a bad size, an existing file without force), 1 for a
 * runtime failure. On failure no file of this export is left behind and
 * an existing file is untouched. The session is only read. */
int export_slides(const Session *session, const SlidesDesc *desc, char *err,
                  size_t err_size);

/* Key E's deck: after the PNG folder `folder` is written, the same steps
 * as folder + ".pdf" (with its .pdfpc) beside it, never replacing a file.
 * The deck's path goes to out_path. Returns an EXPORT_* status with the
 * reason in err. */
int export_deck_beside(const Session *session, const ViewOptions *view,
                       int w, int h, const char *font_path,
                       const char *folder, char *out_path, size_t out_size,
                       char *err, size_t err_size);

/* The notes file beside a deck: "talk.pdf" -> "talk.pdfpc" into out. */
bool slides_pdfpc_path(const char *pdf_path, char *out, size_t out_size);

#endif
