/* One step as SVG, for papers: the cairo backend's vector paths, glyphs
 * embedded as outlines by cairo (an SVG viewer has no access to the
 * font), at the export size in pixels. */
#include "export/slides_internal.h"

#include <stdio.h>

#include <cairo-svg.h>

#include "export/internal.h"
#include "files.h"

bool svg_write_temp(SlideCanvas *c, int k, const char *dir, const char *name,
                    char *tmp, size_t tmp_size, char *err, size_t err_size)
{
    FILE *fp = files_open_temp(dir, name, tmp, tmp_size, err, err_size);
    if (!fp)
        return false;
    cairo_surface_t *svg =
        cairo_svg_surface_create_for_stream(slide_write_stream, fp, c->w, c->h);
    /* Sizes in pixels, so the picture is w x h wherever it is placed. */
    cairo_svg_surface_set_document_unit(svg, CAIRO_SVG_UNIT_PX);
    cairo_t *cr = cairo_create(svg);
    bool ok = slide_draw(c, cr, k, 1.0f, err, err_size);
    cairo_destroy(cr);
    cairo_surface_finish(svg);
    cairo_status_t st = cairo_surface_status(svg);
    cairo_surface_destroy(svg);
    if (ok && st != CAIRO_STATUS_SUCCESS) {
        set_err(err, err_size, "%s: cannot write the SVG: %s", tmp,
                cairo_status_to_string(st));
        ok = false;
    }
    if (!ok) {
        fclose(fp);
        remove(tmp);
        return false;
    }
    return files_close_temp(fp, true, tmp, err, err_size);
}
