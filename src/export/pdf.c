/* The PDF deck: one page per step at its finished state, drawn by the
 * cairo backend as vector paths and real text (cairo embeds the subset of
 * the font each page uses, so the text can be selected and searched).
 * A page is the export size at 96 dpi (1920 x 1080 px = 20 x 11.25 in),
 * so a viewer at 100 % shows it at the size the PNG export has. Each page
 * has an outline entry with the step's title and the step number as its
 * label, so a viewer's sidebar lists the steps. */
#include "export/slides_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include <cairo-pdf.h>

#include "export/internal.h"
#include "files.h"
#include "session/narration.h"

/* PDF points per export pixel: 72 pt per inch over 96 px per inch. */
#define POINTS_PER_PIXEL 0.75

/* The page's label and its outline entry. */
static void label_page(cairo_surface_t *pdf, const Session *session, int k,
                       Lang lang)
{
    char label[16], link[32];
    snprintf(label, sizeof label, "%d", k + 1);
    cairo_pdf_surface_set_page_label(pdf, label);
    char *title = session_step_title(session, k, lang);
    char entry[600];
    snprintf(entry, sizeof entry, "%d. %s", k + 1, title);
    snprintf(link, sizeof link, "page=%d", k + 1);
    cairo_pdf_surface_add_outline(pdf, CAIRO_PDF_OUTLINE_ROOT, entry, link,
                                  0);
    free(title);
}

bool pdf_write_temp(SlideCanvas *c, int first, int last, const char *dir,
                    const char *name, char *tmp, size_t tmp_size, char *err,
                    size_t err_size)
{
    FILE *fp = files_open_temp(dir, name, tmp, tmp_size, err, err_size);
    if (!fp)
        return false;
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(
        slide_write_stream, fp, c->w * POINTS_PER_PIXEL,
        c->h * POINTS_PER_PIXEL);
    const Lesson *lesson = c->session->course->lesson;
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE,
                                   lesson->title[c->view->lang]);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR,
                                   "seq2seq-viz");
    cairo_t *cr = cairo_create(pdf);
    cairo_scale(cr, POINTS_PER_PIXEL, POINTS_PER_PIXEL);
    bool ok = true;
    for (int k = first; k <= last && ok; k++) {
        /* Page numbers count this deck's pages, from 1. */
        label_page(pdf, c->session, k, c->view->lang);
        ok = slide_draw(c, cr, k, 1.0f, err, err_size);
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    cairo_status_t st = cairo_surface_status(pdf);
    cairo_surface_destroy(pdf);
    if (ok && st != CAIRO_STATUS_SUCCESS) {
        set_err(err, err_size, "%s: cannot write the PDF: %s", tmp,
                cairo_status_to_string(st));
        ok = false;
    }
    if (!ok) { /* the reason is in err already */
        fclose(fp);
        remove(tmp);
        return false;
    }
    return files_close_temp(fp, true, tmp, err, err_size);
}
