/* The slide formats where there is no cairo: the browser build offers the
 * steps as PNGs (S, and E as a zip) and says so, in one line, for a PDF,
 * SVG or GIF. Chosen by export/meson.build in place of slides.c and its
 * writers. */
#include "export/slides.h"

#include <stdio.h>
#include <string.h>

#include "export/export.h"

int export_slides(const Session *session, const SlidesDesc *desc, char *err,
                  size_t err_size)
{
    (void)session;
    snprintf(err, err_size,
             "%s: PDF, SVG and GIF slides are made by the desktop program; "
             "the browser saves PNGs",
             desc->path);
    return EXPORT_USAGE;
}

int export_deck_beside(const Session *session, const ViewOptions *view,
                       int w, int h, const char *font_path,
                       const char *folder, char *out_path, size_t out_size,
                       char *err, size_t err_size)
{
    (void)session, (void)view, (void)w, (void)h, (void)font_path;
    (void)folder, (void)err, (void)err_size;
    if (out_size)
        out_path[0] = '\0'; /* no deck: the PNGs alone */
    return EXPORT_OK;
}
