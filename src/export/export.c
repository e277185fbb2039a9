/* Batch PNG export without a window (--export DIR): every step drawn
 * offscreen, encoded on two threads while the next is drawn, and the
 * files moved into place only when the whole export is complete; without
 * force nothing that exists is replaced. The pieces are in offscreen.c,
 * png.c, encoder.c, batch.c and notes.c; the window's savers in savers.c. */
#include "export/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "defaults.h"
#include "files.h"

void set_err(char *err, size_t size, const char *fmt, ...)
{
    if (!err || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
}

/* Whether w x h is a picture size export takes; says why not in err. */
bool valid_size(int w, int h, char *err, size_t err_size)
{
    if (w >= 1 && h >= 1 && w <= SLIDE_MAX_SIDE && h <= SLIDE_MAX_SIDE)
        return true;
    set_err(err, err_size,
            "bad size %dx%d: width and height must be 1 to %d pixels", w, h,
            SLIDE_MAX_SIDE);
    return false;
}

/* The stderr progress bar. */
static void progress_bar(int done, int total)
{
    enum { WIDTH = 30 };
    char bar[WIDTH + 1];
    int fill = total > 0 ? done * WIDTH / total : WIDTH;
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\rexporting [%s] %d/%d", bar, done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* Encoder threads: PNG encoding costs about twice what drawing a step
 * does, so with two of them and the drawing thread the machine's two cores
 * are both busy; more would only hold more pictures in memory. */
#define ENCODERS 2

/* Waits for the step handed to encoder e (if any), adds its file to the
 * batch and reports progress; false (with err and *status) on a failed
 * encoding or a cancel. Steps are collected in order. */
static bool collect_step(Encoder *e, Batch *batch, const ExportDesc *desc,
                         bool bar, int total, int *status, char *err,
                         size_t err_size)
{
    bool had = e->pending;
    if (!encoder_collect(e, batch, err, err_size))
        return false;
    if (!had)
        return true;
    int done = batch->count;
    if (bar)
        progress_bar(done, total);
    if (desc->on_step.func &&
        !desc->on_step.func(desc->on_step.ctx, done, total)) {
        set_err(err, err_size, "export cancelled");
        *status = EXPORT_CANCELLED;
        return false;
    }
    return true;
}

/* Collects every step still with the encoders, oldest first: encoder
 * `next` holds the oldest. */
static bool collect_all(Encoder *enc, int encoders, int next, Batch *batch,
                        const ExportDesc *desc, bool bar, int total,
                        int *status, char *err, size_t err_size)
{
    for (int i = 0; i < encoders; i++)
        if (!collect_step(&enc[(next + i) % encoders], batch, desc, bar,
                          total, status, err, err_size))
            return false;
    return true;
}

/* Renders, encodes and commits the steps of an export into dir, which
 * exists; the status of export_run. */
static int export_steps(const Session *session, const ExportDesc *desc,
                        const char *dir, int w, int h, int count, char *err,
                        size_t err_size)
{
    int first = desc->step ? desc->step - 1 : 0;
    int last = desc->step ? desc->step - 1 : count - 1;
    int total = last - first + 1;
    bool bar = desc->progress && isatty(STDERR_FILENO);
    int status = EXPORT_FAILED;
    char tmp[PATH_SIZE], path[PATH_SIZE], name[32];
    char *notes = NULL;
    Batch batch;
    batch_init(&batch, total + 1);
    Encoder enc[ENCODERS] = {0};
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
    int encoders = 1; /* no threads: each step is encoded in turn */
#else
    int encoders = SDL_GetCPUCount() > 1 ? ENCODERS : 1;
#endif
    bool flipped = true;
    Offscreen o;
    if (!offscreen_open(&o, w, h, encoders + 1, desc->font_path, err,
                        err_size)) {
        batch_deinit(&batch);
        return EXPORT_FAILED;
    }
    /* Each encoder holds a buffer while the next step is drawn into
     * another: fewer buffers (memory short), fewer encoders. */
    if (encoders > o.buffers - 1)
        encoders = o.buffers > 1 ? o.buffers - 1 : 1;

    /* Temporaries of exports killed before they could clean up (SIGKILL,
     * a crash): their writers are gone, so nobody will move them. */
    files_remove_stale_temps(dir);

    for (int k = first; k <= last; k++) {
        if (desc->stop && atomic_load(desc->stop)) {
            set_err(err, err_size, "export stopped by a signal; nothing "
                                   "was written");
            status = EXPORT_CANCELLED;
            goto fail;
        }
        /* Step k goes to encoder e, which holds step k - encoders (the
         * oldest still encoding, so the steps join the batch in order). */
        int e = (k - first) % encoders;
        /* Without a free buffer the canvas is the encoders' until they
         * are done. */
        if (!flipped && !collect_all(enc, encoders, e, &batch, desc, bar,
                                     total, &status, err, err_size))
            goto fail;
        step_file_name(name, sizeof name, k);
        if (!path_join(path, sizeof path, dir, name)) {
            set_err(err, err_size, "%s: path too long", dir);
            goto fail;
        }
        if (!offscreen_draw(&o, session, k, &desc->view, err, err_size))
            goto fail;
        if (!collect_step(&enc[e], &batch, desc, bar, total, &status, err,
                          err_size))
            goto fail;
        encoder_start(&enc[e], o.surface, desc->view.transparent, dir, name,
                      path);
        flipped = offscreen_flip(&o);
    }
    if (!collect_all(enc, encoders, (last + 1 - first) % encoders, &batch,
                     desc, bar, total, &status, err, err_size))
        goto fail;
    notes = notes_markdown(session, first, last, desc->view.lang);
    if (!path_join(path, sizeof path, dir, "notes.md")) {
        set_err(err, err_size, "%s: path too long", dir);
        goto fail;
    }
    if (!files_write_text_temp(notes, dir, "notes.md", tmp, sizeof tmp, err,
                         err_size))
        goto fail;
    batch_add(&batch, tmp, path);
    if (desc->stop && atomic_load(desc->stop)) {
        set_err(err, err_size, "export stopped by a signal; nothing was "
                               "written");
        status = EXPORT_CANCELLED;
        goto fail;
    }
    if (desc->force ? !batch_swap_in(&batch, dir, err, err_size)
                    : !batch_commit(&batch, false, err, err_size))
        goto fail_committed;
    status = EXPORT_OK;
    goto done;

fail:
    if (bar)
        fputc('\n', stderr);
    for (int i = 0; i < encoders; i++)
        encoder_collect(&enc[i], &batch, NULL, 0);
    batch_discard(&batch);
fail_committed:
done:
    for (int i = 0; i < encoders; i++)
        encoder_deinit(&enc[i]);
    free(notes);
    offscreen_close(&o);
    batch_deinit(&batch);
    return status;
}

int export_run(const Session *session, const ExportDesc *desc, char *err,
               size_t err_size)
{
    int w, h;
    default_slide_size(desc->width, desc->height, &w, &h);
    if (!valid_size(w, h, err, err_size))
        return EXPORT_USAGE;
    int count = session_step_count(session);
    if (desc->step < 0 || desc->step > count) {
        set_err(err, err_size, "step %d is out of range: this lesson has "
                               "steps 1 to %d",
                desc->step, count);
        return EXPORT_USAGE;
    }
    const char *dir = desc->dir;
    struct stat st;
    if (!dir || !*dir) {
        set_err(err, err_size, "no export folder given");
        return EXPORT_USAGE;
    }
    /* The README's `--export slides/` works as written: a missing folder
     * is made (its parent must exist) and removed again if the export
     * fails, so a failed run leaves nothing behind. */
    bool created = false;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0) {
            if (errno == ENOENT) {
                set_err(err, err_size,
                        "%s: its parent folder does not exist", dir);
                return EXPORT_USAGE;
            }
            set_err(err, err_size, "%s: %s", dir, strerror(errno));
            return EXPORT_FAILED;
        }
        created = true;
        if (stat(dir, &st) != 0) {
            set_err(err, err_size, "%s: %s", dir, strerror(errno));
            rmdir(dir);
            return EXPORT_FAILED;
        }
    }
    if (!S_ISDIR(st.st_mode)) {
        set_err(err, err_size, "%s: not a folder", dir);
        return EXPORT_FAILED;
    }
    char earlier[256];
    if (!desc->force && find_earlier_export(dir, earlier, sizeof earlier)) {
        set_err(err, err_size,
                "%s already holds an export (%s); use --force to replace it",
                dir, earlier);
        return EXPORT_USAGE;
    }

    int status = export_steps(session, desc, dir, w, h, count, err,
                              err_size);
    if (status != EXPORT_OK && created)
        rmdir(dir); /* only if empty: it is, as the export left nothing */
    return status;
}
