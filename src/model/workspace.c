/* The preallocated buffers of training (internal.h): one Workspace per
 * thread doing forward and backward passes, one Backflow per decoder and
 * pair of a batch. Allocated once before the first epoch, so training
 * never calls malloc in its loops. */
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

void workspace_init(Workspace *w, const ModelShape *shape,
                    const TrainPair *pairs, int n)
{
    int H = shape->hidden, d = shape->embed, vt = shape->output_vocab;
    w->max_src = 1;
    w->max_tgt = 1;
    for (int i = 0; i < n; i++) {
        if (pairs[i].source_len > w->max_src)
            w->max_src = pairs[i].source_len;
        if (pairs[i].target_len > w->max_tgt)
            w->max_tgt = pairs[i].target_len;
    }
    w->h = xcalloc((size_t)(w->max_src + 1) * H, sizeof(double));
    w->dh_ext = xcalloc((size_t)(w->max_src + 1) * H, sizeof(double));
    w->ctx = xcalloc((size_t)H, sizeof(double));
    w->s = xcalloc((size_t)(w->max_tgt + 1) * H, sizeof(double));
    w->p = xcalloc((size_t)w->max_tgt * vt, sizeof(double));
    w->dh = xcalloc((size_t)H, sizeof(double));
    w->ds = xcalloc((size_t)H, sizeof(double));
    w->dctx = xcalloc((size_t)H, sizeof(double));
    w->da = xcalloc((size_t)H, sizeof(double));
    w->de = xcalloc((size_t)d, sizeof(double));
    w->dz = xcalloc((size_t)vt, sizeof(double));
    w->base_s = xcalloc((size_t)H, sizeof(double));
    w->base_z = xcalloc((size_t)vt, sizeof(double));
    w->da_sum = xcalloc((size_t)H, sizeof(double));
    w->dz_sum = xcalloc((size_t)vt, sizeof(double));
    int A = shape->attention > 0 ? shape->attention : H;
    size_t S = (size_t)w->max_src, Tq = (size_t)w->max_tgt;
    w->keys = xcalloc(S * A, sizeof(double));
    w->u = xcalloc(Tq * S * A, sizeof(double));
    w->alpha = xcalloc(Tq * S, sizeof(double));
    w->att = xcalloc(Tq * H, sizeof(double));
    w->scores = xcalloc(S, sizeof(double));
    w->query = xcalloc((size_t)A, sizeof(double));
    w->dkey = xcalloc(S * A, sizeof(double));
    w->dpre = xcalloc((size_t)A, sizeof(double));
    w->dpre_sum = xcalloc((size_t)A, sizeof(double));
    w->datt = xcalloc((size_t)H, sizeof(double));
}

void workspace_deinit(Workspace *w)
{
    if (!w)
        return;
    free(w->h);
    free(w->dh_ext);
    free(w->ctx);
    free(w->s);
    free(w->p);
    free(w->dh);
    free(w->ds);
    free(w->dctx);
    free(w->da);
    free(w->de);
    free(w->dz);
    free(w->base_s);
    free(w->base_z);
    free(w->da_sum);
    free(w->dz_sum);
    free(w->keys);
    free(w->u);
    free(w->alpha);
    free(w->att);
    free(w->scores);
    free(w->query);
    free(w->dkey);
    free(w->dpre);
    free(w->dpre_sum);
    free(w->datt);
    memset(w, 0, sizeof *w);
}

void backflow_init(Backflow *b, const Workspace *w, const ModelShape *shape)
{
    int H = shape->hidden;
    int A = shape->attention > 0 ? shape->attention : H;
    size_t S = (size_t)w->max_src, Tq = (size_t)w->max_tgt;
    b->max_src = w->max_src;
    b->dctx = xcalloc((size_t)H, sizeof(double));
    b->dc = xcalloc(Tq * H, sizeof(double));
    b->alpha = xcalloc(Tq * S, sizeof(double));
    b->dkey = xcalloc(S * A, sizeof(double));
}

void backflow_deinit(Backflow *b)
{
    if (!b)
        return;
    free(b->dctx);
    free(b->dc);
    free(b->alpha);
    free(b->dkey);
    memset(b, 0, sizeof *b);
}
