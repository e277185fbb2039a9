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

static const char *const variant_names[VARIANT_COUNT] = {"init", "every",
                                                         "attention"};
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

/* The tensor table of a set, in dump order: the shared encoder first,
 * then each decoder's own tensors; field is the view pointer a decoder
 * reads it through. */

typedef struct {
    const char *group, *name;
    int rows, cols;
    size_t field; /* offsetof the view pointer in Model */
} Layout;

#define VIEW(f) offsetof(Model, f)

static bool uses_last_transform(const DecoderKind *kinds, int n)
{
    for (int k = 0; k < n; k++)
        if (kinds[k].context == CONTEXT_LAST_TRANSFORM)
            return true;
    return false;
}

/* The shared encoder: E_src, W_e, U_e, b_e [, Q, q]. */
static int shared_layout(const ModelDims *dm, bool transform, Layout *out)
{
    int H = dm->hidden, d = dm->embed, n = 0;
    out[n++] = (Layout){"encoder", "E", dm->source_vocab, d,
                        VIEW(enc_E)};
    out[n++] = (Layout){"encoder", "W", H, d, VIEW(enc_W)};
    out[n++] = (Layout){"encoder", "U", H, H, VIEW(enc_U)};
    out[n++] = (Layout){"encoder", "b", H, 1, VIEW(enc_b)};
    if (transform) {
        out[n++] = (Layout){"context", "Q", H, H, VIEW(ctx_Q)};
        out[n++] = (Layout){"context", "q", H, 1, VIEW(ctx_q)};
    }
    return n;
}

/* A = H unless the lesson says otherwise (DESIGN.md). */
static int attention_size(const ModelDims *dm)
{
    return dm->attention > 0 ? dm->attention : dm->hidden;
}

/* One decoder's own tensors; the output layer has one row per output
 * token (no <go>). */
static int decoder_layout(const ModelDims *dm, Variant v, Layout *out)
{
    int H = dm->hidden, d = dm->embed, n = 0;
    int vt = dm->target_vocab, vo = dm->target_vocab - 1;
    out[n++] = (Layout){"decoder", "E", vt, d, VIEW(dec_E)};
    out[n++] = (Layout){"decoder", "W", H, d, VIEW(dec_W)};
    out[n++] = (Layout){"decoder", "U", H, H, VIEW(dec_U)};
    out[n++] = (Layout){"decoder", "b", H, 1, VIEW(dec_b)};
    if (variant_reads_context(v)) {
        out[n++] = (Layout){"decoder", "V", H, H, VIEW(dec_V)};
        out[n++] = (Layout){"decoder", "Oe", vo, d, VIEW(dec_Oe)};
        out[n++] = (Layout){"decoder", "Oc", vo, H, VIEW(dec_Oc)};
    }
    if (v == VARIANT_ATTENTION) {
        int A = attention_size(dm);
        out[n++] = (Layout){"decoder", "Wa", A, H, VIEW(dec_Wa)};
        out[n++] = (Layout){"decoder", "Ua", A, H, VIEW(dec_Ua)};
        out[n++] = (Layout){"decoder", "ba", A, 1, VIEW(dec_ba)};
        out[n++] = (Layout){"decoder", "va", A, 1, VIEW(dec_va)};
    }
    out[n++] = (Layout){"decoder", "Wo", vo, H, VIEW(dec_Wo)};
    out[n++] = (Layout){"decoder", "bo", vo, 1, VIEW(dec_bo)};
    return n;
}

static double **view_slot(Model *m, size_t field)
{
    return (double **)(void *)((char *)m + field);
}

/* Adds tensor lay (at offset) to decoder m: its table entry and its view. */
static void model_add(Model *m, const Layout *lay, size_t offset)
{
    m->tensors[m->tensor_count++] =
        (ModelTensor){lay->group, lay->name, lay->rows, lay->cols, offset};
    *view_slot(m, lay->field) = m->params + offset;
}

void model_set_init(ModelSet *s, const ModelDims *dims,
                    const DecoderKind *kinds, int n)
{
    if (n < 1)
        n = 1;
    if (n > MODEL_MAX_DECODERS)
        n = MODEL_MAX_DECODERS;
    memset(s, 0, sizeof *s);
    s->dims = *dims;
    s->decoder_count = n;

    bool transform = uses_last_transform(kinds, n);
    Layout shared[6], own[MODEL_MAX_TENSORS];
    int ns = shared_layout(dims, transform, shared);
    size_t offsets[MODEL_SET_MAX_TENSORS], offset = 0;
    for (int i = 0; i < ns; i++) {
        offsets[s->tensor_count] = offset;
        s->tensors[s->tensor_count++] = (ModelTensor){
            shared[i].group, shared[i].name, shared[i].rows, shared[i].cols,
            offset};
        offset += (size_t)shared[i].rows * (size_t)shared[i].cols;
    }
    s->shared_count = offset;
    size_t first_own[MODEL_MAX_DECODERS];
    for (int k = 0; k < n; k++) {
        first_own[k] = (size_t)s->tensor_count;
        int no = decoder_layout(dims, kinds[k].variant, own);
        for (int i = 0; i < no; i++) {
            offsets[s->tensor_count] = offset;
            s->tensors[s->tensor_count++] = (ModelTensor){
                own[i].group, own[i].name, own[i].rows, own[i].cols, offset};
            offset += (size_t)own[i].rows * (size_t)own[i].cols;
        }
    }
    s->param_count = offset;
    s->params = xcalloc(offset, sizeof *s->params);

    for (int k = 0; k < n; k++) {
        Model *m = &s->decoders[k];
        m->shape = (ModelShape){
            .source_vocab = dims->source_vocab,
            .target_vocab = dims->target_vocab,
            .output_vocab = dims->target_vocab - 1,
            .embed = dims->embed,
            .hidden = dims->hidden,
            .attention = attention_size(dims),
            .variant = kinds[k].variant,
            .context = kinds[k].context,
        };
        m->params = s->params;
        m->param_count = s->param_count;
        /* the shared encoder, Q and q only for a last-transform decoder */
        for (int i = 0; i < ns; i++)
            if (shared[i].group[0] == 'e' ||
                kinds[k].context == CONTEXT_LAST_TRANSFORM)
                model_add(m, &shared[i], offsets[i]);
        int no = decoder_layout(dims, kinds[k].variant, own);
        for (int i = 0; i < no; i++)
            model_add(m, &own[i], offsets[first_own[k] + (size_t)i]);
    }
}

void model_set_deinit(ModelSet *s)
{
    if (!s)
        return;
    free(s->params);
    memset(s, 0, sizeof *s);
}

int model_set_find(const ModelSet *s, Variant v, ContextMode c)
{
    for (int k = 0; k < s->decoder_count; k++)
        if (s->decoders[k].shape.variant == v &&
            s->decoders[k].shape.context == c)
            return k;
    return -1;
}

void model_view(const Model *m, const double *params, Model *out)
{
    *out = *m;
    out->params = (double *)params;
    double **fields[] = {
        &out->enc_E, &out->enc_W, &out->enc_U, &out->enc_b, &out->ctx_Q,
        &out->ctx_q, &out->dec_E, &out->dec_W, &out->dec_U, &out->dec_b,
        &out->dec_V, &out->dec_Oe, &out->dec_Oc, &out->dec_Wa, &out->dec_Ua,
        &out->dec_ba, &out->dec_va, &out->dec_Wo, &out->dec_bo};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (*fields[i])
            *fields[i] = out->params + (*fields[i] - m->params);
}

void model_set_randomize(ModelSet *s, uint64_t seed)
{
    Prng rng;
    prng_init(&rng, seed);
    /* One stream, drawn tensor by tensor in set order, row-major, so the
     * weights depend only on the seed and the layout. */
    for (int i = 0; i < s->tensor_count; i++) {
        const ModelTensor *t = &s->tensors[i];
        double *p = s->params + t->offset;
        size_t count = (size_t)t->rows * (size_t)t->cols;
        bool embed = strcmp(t->name, "E") == 0;
        /* v_a is a vector but no bias: at 0 every score would be 0 and
         * W_a, U_a would get no gradient at the start */
        bool bias = t->cols == 1 && strcmp(t->name, "va") != 0;
        /* Fan-in scaling keeps each pre-activation's variance near that of
         * one input, so tanh starts out of saturation. */
        int fan_in = strcmp(t->name, "va") == 0 ? t->rows : t->cols;
        double r = embed ? 0.5 : 1.0 / sqrt(fan_in);
        for (size_t k = 0; k < count; k++)
            p[k] = bias ? 0.0 : prng_range(&rng, -r, r);
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
