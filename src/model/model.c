/* The parameter layout of the encoder-decoder: every tensor of DESIGN.md's
 * "The model (exactly)" as a named view into one flat array of doubles, in
 * the order the --dump JSON lists them, plus seeded initialisation. */
#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"
#include "model/prng.h"

static const char *const variant_names[VARIANT_COUNT] = {"init", "every"};
static const char *const context_names[CONTEXT_COUNT] = {
    "last", "last-transform", "mean"};

const char *variant_name(Variant v)
{
    return (unsigned)v < VARIANT_COUNT ? variant_names[v] : "?";
}

const char *context_name(ContextMode c)
{
    return (unsigned)c < CONTEXT_COUNT ? context_names[c] : "?";
}

bool variant_parse(const char *name, Variant *out)
{
    for (int i = 0; i < VARIANT_COUNT; i++) {
        if (strcmp(name, variant_names[i]) == 0) {
            *out = (Variant)i;
            return true;
        }
    }
    return false;
}

bool context_parse(const char *name, ContextMode *out)
{
    for (int i = 0; i < CONTEXT_COUNT; i++) {
        if (strcmp(name, context_names[i]) == 0) {
            *out = (ContextMode)i;
            return true;
        }
    }
    return false;
}

/* The tensor table of a shape, in dump order. Kinds tell model_randomize
 * how to draw each one. */
enum { KIND_EMBED, KIND_WEIGHT, KIND_BIAS };

typedef struct {
    const char *group, *name;
    int rows, cols, kind;
    size_t view; /* offsetof the view pointer in Model */
} Layout;

static int layout(const ModelShape *sh, Layout out[MODEL_MAX_TENSORS])
{
    int H = sh->hidden, d = sh->embed;
    int vs = sh->source_vocab, vt = sh->target_vocab;
    bool every = sh->variant == VARIANT_EVERY;
    int n = 0;
#define ADD(g, nm, r, c, k, field)                                           \
    out[n++] = (Layout){g, nm, r, c, k, offsetof(Model, field)}
    ADD("encoder", "E", vs, d, KIND_EMBED, enc_E);
    ADD("encoder", "W", H, d, KIND_WEIGHT, enc_W);
    ADD("encoder", "U", H, H, KIND_WEIGHT, enc_U);
    ADD("encoder", "b", H, 1, KIND_BIAS, enc_b);
    if (sh->context == CONTEXT_LAST_TRANSFORM) {
        ADD("context", "Q", H, H, KIND_WEIGHT, ctx_Q);
        ADD("context", "q", H, 1, KIND_BIAS, ctx_q);
    }
    ADD("decoder", "E", vt, d, KIND_EMBED, dec_E);
    ADD("decoder", "W", H, d, KIND_WEIGHT, dec_W);
    ADD("decoder", "U", H, H, KIND_WEIGHT, dec_U);
    ADD("decoder", "b", H, 1, KIND_BIAS, dec_b);
    if (every) {
        ADD("decoder", "V", H, H, KIND_WEIGHT, dec_V);
        ADD("decoder", "Oe", vt, d, KIND_WEIGHT, dec_Oe);
        ADD("decoder", "Oc", vt, H, KIND_WEIGHT, dec_Oc);
    }
    ADD("decoder", "Wo", vt, H, KIND_WEIGHT, dec_Wo);
    ADD("decoder", "bo", vt, 1, KIND_BIAS, dec_bo);
#undef ADD
    return n;
}

/* Points every view of m (NULL for the unused ones) into m->params. */
static void bind_views(Model *m)
{
    Layout lay[MODEL_MAX_TENSORS];
    int n = layout(&m->shape, lay);
    m->enc_E = m->enc_W = m->enc_U = m->enc_b = NULL;
    m->ctx_Q = m->ctx_q = NULL;
    m->dec_E = m->dec_W = m->dec_U = m->dec_b = NULL;
    m->dec_V = m->dec_Oe = m->dec_Oc = m->dec_Wo = m->dec_bo = NULL;
    for (int i = 0; i < n; i++) {
        double **view = (double **)((char *)m + lay[i].view);
        *view = m->params + m->tensors[i].offset;
    }
}

void model_init(Model *m, const ModelShape *shape)
{
    Layout lay[MODEL_MAX_TENSORS];
    memset(m, 0, sizeof *m);
    m->shape = *shape;
    m->tensor_count = layout(shape, lay);
    size_t offset = 0;
    for (int i = 0; i < m->tensor_count; i++) {
        m->tensors[i] = (ModelTensor){lay[i].group, lay[i].name, lay[i].rows,
                                      lay[i].cols, offset};
        offset += (size_t)lay[i].rows * (size_t)lay[i].cols;
    }
    m->param_count = offset;
    m->params = xcalloc(offset, sizeof *m->params);
    bind_views(m);
}

void model_deinit(Model *m)
{
    if (!m)
        return;
    free(m->params);
    memset(m, 0, sizeof *m);
}

void model_copy(Model *dst, const Model *src)
{
    model_init(dst, &src->shape);
    memcpy(dst->params, src->params, src->param_count * sizeof *src->params);
}

void model_randomize(Model *m, uint64_t seed)
{
    Layout lay[MODEL_MAX_TENSORS];
    layout(&m->shape, lay);
    Prng rng;
    prng_init(&rng, seed);
    /* One stream, drawn tensor by tensor in dump order, row-major, so the
     * weights depend only on the seed and the shape. */
    for (int i = 0; i < m->tensor_count; i++) {
        const ModelTensor *t = &m->tensors[i];
        double *p = m->params + t->offset;
        size_t count = (size_t)t->rows * (size_t)t->cols;
        /* Fan-in scaling keeps each pre-activation's variance near that of
         * one input, so tanh starts out of saturation. */
        double r = lay[i].kind == KIND_EMBED ? 0.5 : 1.0 / sqrt(t->cols);
        for (size_t k = 0; k < count; k++)
            p[k] = lay[i].kind == KIND_BIAS ? 0.0 : prng_range(&rng, -r, r);
    }
}

const ModelTensor *model_tensor(const Model *m, const char *group,
                                const char *name)
{
    for (int i = 0; i < m->tensor_count; i++)
        if (strcmp(m->tensors[i].group, group) == 0 &&
            strcmp(m->tensors[i].name, name) == 0)
            return &m->tensors[i];
    return NULL;
}
