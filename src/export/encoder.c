/* An encoder thread: encoding a PNG takes longer than drawing a step, so
 * while step k (and k-1 on the other encoder) is encoded the next one is
 * drawn. */
#include "export/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static int encoder_main(void *data)
{
    Encoder *e = data;
    e->ok = write_png_temp(e->pixels, e->w, e->h, e->pitch, e->alpha, e->dir,
                           e->name, e->tmp, sizeof e->tmp, e->err,
                           sizeof e->err);
    return 0;
}

/* Hands the pixels of surface s over to be written as dir/name (final
 * path path); they must stay untouched until encoder_collect. The
 * previous step must have been collected. */
void encoder_start(Encoder *e, const SDL_Surface *s, bool alpha,
                   const char *dir, const char *name,
                   const char *path)
{
    e->pixels = s->pixels;
    e->w = s->w;
    e->h = s->h;
    e->pitch = s->pitch;
    e->alpha = alpha;
    e->dir = dir;
    snprintf(e->name, sizeof e->name, "%s", name);
    snprintf(e->path, sizeof e->path, "%s", path);
    e->pending = true;
    e->thread = SDL_CreateThread(encoder_main, "s2s-png", e);
    if (!e->thread)
        encoder_main(e); /* no thread: the same work, in turn */
}

/* Waits for the step handed over (if any); when it was written its files
 * join the batch, else the reason goes to err. */
bool encoder_collect(Encoder *e, Batch *batch, char *err,
                     size_t err_size)
{
    if (!e->pending)
        return true;
    if (e->thread)
        SDL_WaitThread(e->thread, NULL);
    e->thread = NULL;
    e->pending = false;
    if (!e->ok) {
        set_err(err, err_size, "%s", e->err);
        return false;
    }
    batch_add(batch, e->tmp, e->path);
    return true;
}

void encoder_deinit(Encoder *e)
{
    memset(e, 0, sizeof *e);
}
