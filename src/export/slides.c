/* --export FILE.pdf|.svg|.gif: the checks every format shares (size,
 * step, the folder, an existing file without --force), the cairo backend
 * opened once, the format's writer writing temporary files, and the batch
 * moving them into place together (the deck and its .pdfpc appear both or
 * neither). */
#include "export/slides_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "defaults.h"
#include "export/internal.h"
#include "files.h"
#include "paths.h"

bool slide_draw(SlideCanvas *c, cairo_t *cr, int k, float u, char *err,
                size_t err_size)
{
    SceneInput in;
    scene_input_at(c->session, k, u, &in);
    /* As offscreen_draw: laid out for the page's shape, and a slide never
     * carries the window's key hints or its auto-play indicator. */
    ViewOptions v = *c->view;
    v.canvas_w = canvas_width_for(c->w, c->h);
    v.key_hints = false;
    v.auto_seconds = 0;
    scene_build(&c->scene, &in, &v, cairo_render_text_measure(c->render));
    if (!cairo_render_scene(c->render, cr, &c->scene, c->w, c->h)) {
        set_err(err, err_size, "cannot draw step %d: %s", k + 1,
                cairo_render_error(c->render));
        return false;
    }
    return true;
}

cairo_status_t slide_write_stream(void *closure, const unsigned char *data,
                                  unsigned int length)
{
    return fwrite(data, 1, length, closure) == length
               ? CAIRO_STATUS_SUCCESS
               : CAIRO_STATUS_WRITE_ERROR;
}

/* path's folder into dir and its last part into name. */
static bool split_path(const char *path, char *dir, size_t dir_size,
                       const char **name)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, dir_size, ".");
        *name = path;
        return true;
    }
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    if (n >= dir_size)
        return false;
    memcpy(dir, path, n);
    dir[n] = '\0';
    *name = slash + 1;
    return **name != '\0';
}

/* Whether the usage is sound: a size, a step in range, a step for SVG. */
static int check_usage(const Session *session, const SlidesDesc *desc,
                       SlidesFormat fmt, int *w, int *h, char *err,
                       size_t err_size)
{
    if (fmt == SLIDES_NONE) {
        set_err(err, err_size, "%s: not a .pdf, .svg or .gif file",
                desc->path ? desc->path : "(none)");
        return EXPORT_USAGE;
    }
    default_slide_size(desc->width, desc->height, w, h);
    if (!valid_size(*w, *h, err, err_size))
        return EXPORT_USAGE;
    int count = session_step_count(session);
    if (desc->step < 0 || desc->step > count) {
        set_err(err, err_size,
                "step %d is out of range: this lesson has steps 1 to %d",
                desc->step, count);
        return EXPORT_USAGE;
    }
    if (fmt == SLIDES_SVG && desc->step == 0) {
        set_err(err, err_size, "%s: an SVG holds one step: add --step N "
                               "(1 to %d)", desc->path, count);
        return EXPORT_USAGE;
    }
    return EXPORT_OK;
}

/* Refuses to replace path without force (2) or to write into a folder
 * that is not there (1). */
static int check_target(const char *path, const char *dir, bool force,
                        char *err, size_t err_size)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        set_err(err, err_size, "%s: %s (the export folder must exist)", dir,
                strerror(errno));
        return EXPORT_FAILED;
    }
    if (!S_ISDIR(st.st_mode)) {
        set_err(err, err_size, "%s: not a folder", dir);
        return EXPORT_FAILED;
    }
    if (!force && lstat(path, &st) == 0) {
        set_err(err, err_size, "%s already exists; use --force to replace it",
                path);
        return EXPORT_USAGE;
    }
    return EXPORT_OK;
}

int export_slides(const Session *session, const SlidesDesc *desc, char *err,
                  size_t err_size)
{
    SlidesFormat fmt = slides_format(desc->path);
    int w, h;
    int status = check_usage(session, desc, fmt, &w, &h, err, err_size);
    if (status != EXPORT_OK)
        return status;
    char dir[PATH_SIZE], notes_path[PATH_SIZE], tmp[PATH_SIZE];
    const char *name, *notes_name = NULL;
    if (!split_path(desc->path, dir, sizeof dir, &name)) {
        set_err(err, err_size, "%s: not a file name", desc->path);
        return EXPORT_USAGE;
    }
    status = check_target(desc->path, dir, desc->force, err, err_size);
    if (status == EXPORT_OK && fmt == SLIDES_PDF) {
        if (!slides_pdfpc_path(desc->path, notes_path, sizeof notes_path)) {
            set_err(err, err_size, "%s: path too long", desc->path);
            return EXPORT_USAGE;
        }
        split_path(notes_path, dir, sizeof dir, &notes_name);
        status = check_target(notes_path, dir, desc->force, err, err_size);
    }
    if (status != EXPORT_OK)
        return status;

    int first = desc->step ? desc->step - 1 : 0;
    int last = desc->step ? desc->step - 1
                          : session_step_count(session) - 1;
    char *found = NULL, *notes = NULL;
    const char *font = desc->font_path;
    if (!font) {
        found = paths_asset(PATHS_FONT_FILE);
        if (!found) {
            set_err(err, err_size,
                    "cannot find the font %s (set S2S_ASSETS_DIR)",
                    PATHS_FONT_FILE);
            return EXPORT_FAILED;
        }
        font = found;
    }
    SlideCanvas c = {.session = session, .view = &desc->view, .w = w, .h = h};
    scene_init(&c.scene);
    Batch batch;
    batch_init(&batch, 2);
    status = EXPORT_FAILED;
    c.render = cairo_render_create(font, err, err_size);
    if (!c.render)
        goto done;

    bool ok = false;
    switch (fmt) {
    case SLIDES_PDF:
        ok = pdf_write_temp(&c, first, last, dir, name, tmp, sizeof tmp, err,
                            err_size);
        if (ok) {
            batch_add(&batch, tmp, desc->path);
            notes = pdfpc_notes(session, first, last, desc->view.lang);
            ok = files_write_text_temp(notes, dir, notes_name, tmp,
                                       sizeof tmp, err, err_size);
            if (ok)
                batch_add(&batch, tmp, notes_path);
        }
        break;
    case SLIDES_SVG:
        ok = svg_write_temp(&c, first, dir, name, tmp, sizeof tmp, err,
                            err_size);
        if (ok)
            batch_add(&batch, tmp, desc->path);
        break;
    case SLIDES_GIF:
        ok = gif_write_temp(&c, first, last, dir, name, tmp, sizeof tmp, err,
                            err_size);
        if (ok)
            batch_add(&batch, tmp, desc->path);
        break;
    case SLIDES_NONE:
        break;
    }
    if (!ok) {
        batch_discard(&batch);
        goto done;
    }
    if (batch_commit(&batch, desc->force, err, err_size))
        status = EXPORT_OK;

done:
    batch_deinit(&batch);
    cairo_render_destroy(c.render);
    scene_deinit(&c.scene);
    free(notes);
    free(found);
    return status;
}

int export_deck_beside(const Session *session, const ViewOptions *view,
                       int w, int h, const char *font_path,
                       const char *folder, char *out_path, size_t out_size,
                       char *err, size_t err_size)
{
    if ((size_t)snprintf(out_path, out_size, "%s.pdf", folder) >= out_size) {
        set_err(err, err_size, "%s: path too long", folder);
        return EXPORT_FAILED;
    }
    SlidesDesc desc = {.path = out_path, .width = w, .height = h,
                       .view = *view, .font_path = font_path};
    return export_slides(session, &desc, err, err_size);
}
