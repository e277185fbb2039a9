/* The small parts of the model module: the PRNG against reference values,
 * vocabularies and their reserved entries, variant and context names, and
 * the parameter layout (the --dump names and shapes) with seeded init. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "model/model.h"
#include "model/prng.h"
#include "model/vocab.h"

static void test_prng(void)
{
    /* xoshiro256** seeded by SplitMix64: first outputs, computed by an
     * independent Python transcription of the reference algorithms. */
    Prng r;
    prng_init(&r, 0);
    CHECK(prng_next(&r) == 0x99ec5f36cb75f2b4ULL);
    CHECK(prng_next(&r) == 0xbf6e1f784956452aULL);
    CHECK(prng_next(&r) == 0x1a5f849d4933e6e0ULL);
    prng_init(&r, 7);
    CHECK(prng_next(&r) == 0xb358faf74ef9765aULL);
    CHECK(prng_next(&r) == 0x475c3d964f482cd2ULL);

    /* same seed, same stream; other seed, other stream */
    Prng a, b, c;
    prng_init(&a, 12345);
    prng_init(&b, 12345);
    prng_init(&c, 12346);
    int same = 1, differ = 0;
    for (int i = 0; i < 100; i++) {
        uint64_t x = prng_next(&a);
        same &= x == prng_next(&b);
        differ |= x != prng_next(&c);
    }
    CHECK(same);
    CHECK(differ);

    /* ranges and rough uniformity */
    int counts[7] = {0};
    double lo = 1, hi = 0, mean = 0;
    int range_ok = 1;
    for (int i = 0; i < 70000; i++) {
        double u = prng_uniform(&a);
        lo = u < lo ? u : lo;
        hi = u > hi ? u : hi;
        mean += u;
        double g = prng_range(&a, -2.0, 3.0);
        range_ok &= g >= -2.0 && g < 3.0;
        int k = prng_below(&a, 7);
        range_ok &= k >= 0 && k < 7;
        if (k >= 0 && k < 7)
            counts[k]++;
    }
    CHECK(range_ok);
    CHECK(lo >= 0.0 && hi < 1.0);
    CHECK_NEAR(mean / 70000, 0.5, 0.01);
    for (int k = 0; k < 7; k++)
        CHECK_MSG(counts[k] > 9500 && counts[k] < 10500, "bucket %d: %d", k,
                  counts[k]);
    CHECK(prng_below(&a, 1) == 0);
}

static void test_vocab(void)
{
    Vocab s, t, e, copy;
    vocab_init_source(&s);
    vocab_init_target(&t);
    vocab_init(&e);
    CHECK(s.count == 1 && strcmp(s.tokens[VOCAB_UNK], "<unk>") == 0);
    CHECK(t.count == 2 && strcmp(t.tokens[VOCAB_GO], "<go>") == 0);
    CHECK(strcmp(t.tokens[VOCAB_EOS], "<eos>") == 0);
    CHECK(e.count == 0);
    CHECK(vocab_find(&e, "x") == -1);

    CHECK(vocab_add(&s, "机") == 1);
    CHECK(vocab_add(&s, "器") == 2);
    CHECK(vocab_add(&s, "机") == 1); /* already there */
    CHECK(s.count == 3);
    CHECK(vocab_find(&s, "器") == 2);
    CHECK(vocab_find(&s, "学") == -1);
    /* growth past the first allocation */
    char name[16];
    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof name, "w%d", i);
        CHECK(vocab_add(&t, name) == 2 + i);
    }
    CHECK(vocab_find(&t, "w99") == 101);

    vocab_copy(&copy, &t);
    CHECK(copy.count == t.count);
    CHECK(copy.tokens[5] != t.tokens[5]);
    CHECK(strcmp(copy.tokens[5], t.tokens[5]) == 0);

    vocab_deinit(&s);
    vocab_deinit(&t);
    vocab_deinit(&e);
    vocab_deinit(&copy);
    CHECK(copy.count == 0 && copy.tokens == NULL);
    vocab_deinit(NULL);
}

static void test_names(void)
{
    Variant v;
    ContextMode c;
    CHECK(variant_parse("init", &v) && v == VARIANT_INIT);
    CHECK(variant_parse("every", &v) && v == VARIANT_EVERY);
    CHECK(!variant_parse("Every", &v) && !variant_parse("", &v));
    CHECK(context_parse("last", &c) && c == CONTEXT_LAST);
    CHECK(context_parse("last-transform", &c) && c == CONTEXT_LAST_TRANSFORM);
    CHECK(context_parse("mean", &c) && c == CONTEXT_MEAN);
    CHECK(!context_parse("last_transform", &c));
    for (int i = 0; i < VARIANT_COUNT; i++)
        CHECK(variant_parse(variant_name((Variant)i), &v) && v == (Variant)i);
    for (int i = 0; i < CONTEXT_COUNT; i++)
        CHECK(context_parse(context_name((ContextMode)i), &c) &&
              c == (ContextMode)i);
}

/* Expected tensors of a shape: group, name, rows, cols, in dump order. */
typedef struct {
    const char *group, *name;
    int rows, cols;
} Want;

/* Decoder m of a set (sizes vs, vt, d, H) has exactly the tensors DESIGN.md
 * lists for its variant and context mode, the output layer with one row
 * per output token (no <go>). */
static void check_decoder_tensors(const Model *m, int vs, int vt, int d,
                                  int H)
{
    Variant v = m->shape.variant;
    ContextMode c = m->shape.context;
    int vo = vt - 1;
    Want want[MODEL_MAX_TENSORS];
    int n = 0;
    want[n++] = (Want){"encoder", "E", vs, d};
    want[n++] = (Want){"encoder", "W", H, d};
    want[n++] = (Want){"encoder", "U", H, H};
    want[n++] = (Want){"encoder", "b", H, 1};
    if (c == CONTEXT_LAST_TRANSFORM) {
        want[n++] = (Want){"context", "Q", H, H};
        want[n++] = (Want){"context", "q", H, 1};
    }
    want[n++] = (Want){"decoder", "E", vt, d};
    want[n++] = (Want){"decoder", "W", H, d};
    want[n++] = (Want){"decoder", "U", H, H};
    want[n++] = (Want){"decoder", "b", H, 1};
    if (v == VARIANT_EVERY || v == VARIANT_ATTENTION) {
        want[n++] = (Want){"decoder", "V", H, H};
        want[n++] = (Want){"decoder", "Oe", vo, d};
        want[n++] = (Want){"decoder", "Oc", vo, H};
    }
    if (v == VARIANT_ATTENTION) { /* A = H: the set leaves it unsaid */
        want[n++] = (Want){"decoder", "Wa", H, H};
        want[n++] = (Want){"decoder", "Ua", H, H};
        want[n++] = (Want){"decoder", "ba", H, 1};
        want[n++] = (Want){"decoder", "va", H, 1};
    }
    want[n++] = (Want){"decoder", "Wo", vo, H};
    want[n++] = (Want){"decoder", "bo", vo, 1};

    CHECK(m->tensor_count == n);
    CHECK(m->shape.output_vocab == vo && m->shape.target_vocab == vt);
    for (int i = 0; i < n && i < m->tensor_count; i++) {
        const ModelTensor *t = &m->tensors[i];
        CHECK_MSG(strcmp(t->group, want[i].group) == 0 &&
                      strcmp(t->name, want[i].name) == 0 &&
                      t->rows == want[i].rows && t->cols == want[i].cols,
                  "%s/%s tensor %d", variant_name(v), context_name(c), i);
        CHECK(model_tensor(m, want[i].group, want[i].name) == t);
        CHECK(t->offset + (size_t)t->rows * t->cols <= m->param_count);
    }
    CHECK(model_tensor(m, "decoder", "nope") == NULL);
    CHECK(model_tensor(m, "context", "E") == NULL);
    /* the views point at their tensors; unused ones are NULL */
    CHECK(m->enc_E == m->params + model_tensor(m, "encoder", "E")->offset);
    CHECK(m->dec_bo == m->params + model_tensor(m, "decoder", "bo")->offset);
    CHECK((m->ctx_Q != NULL) == (c == CONTEXT_LAST_TRANSFORM));
    CHECK((m->ctx_q != NULL) == (c == CONTEXT_LAST_TRANSFORM));
    bool reads = v == VARIANT_EVERY || v == VARIANT_ATTENTION;
    CHECK((m->dec_V != NULL) == reads);
    CHECK((m->dec_Oe != NULL) == reads);
    CHECK((m->dec_Oc != NULL) == reads);
    CHECK((m->dec_Wa != NULL) == (v == VARIANT_ATTENTION));
    CHECK((m->dec_va != NULL) == (v == VARIANT_ATTENTION));
}

/* One encoder, many decoders: every decoder of a set reads the same
 * encoder (and Q, q) tensors, each decoder's own tensors are its own, and
 * together they tile the parameter vector exactly. */
static void test_set_layout(void)
{
    const int vs = 7, vt = 5, d = 3, H = 4;
    ModelDims dims = {vs, vt, d, H, 0};
    DecoderKind kinds[VARIANT_COUNT * CONTEXT_COUNT];
    int nk = 0;
    for (int v = 0; v < VARIANT_COUNT; v++)
        for (int c = 0; c < CONTEXT_COUNT; c++)
            kinds[nk++] = (DecoderKind){(Variant)v, (ContextMode)c};
    ModelSet s;
    model_set_init(&s, &dims, kinds, nk);
    CHECK(s.decoder_count == nk);
    char *owner = calloc(s.param_count, 1); /* 0 free, 1 shared, 2 own */
    for (int k = 0; k < nk; k++) {
        const Model *m = &s.decoders[k];
        CHECK(m->params == s.params && m->param_count == s.param_count);
        CHECK(m->shape.variant == kinds[k].variant &&
              m->shape.context == kinds[k].context);
        CHECK(model_set_find(&s, kinds[k].variant, kinds[k].context) == k);
        check_decoder_tensors(m, vs, vt, d, H);
        CHECK(m->enc_W == s.decoders[0].enc_W && m->enc_E == s.params);
        for (int i = 0; i < m->tensor_count; i++) {
            const ModelTensor *t = &m->tensors[i];
            bool shared = strcmp(t->group, "decoder") != 0;
            CHECK(shared == (t->offset < s.shared_count));
            for (size_t j = 0; j < (size_t)t->rows * t->cols; j++) {
                char *o = &owner[t->offset + j];
                CHECK_MSG(shared ? *o != 2 : *o == 0, "decoder %d %s", k,
                          t->name);
                *o = shared ? 1 : 2;
            }
        }
    }
    int tiled = 1;
    for (size_t i = 0; i < s.param_count; i++)
        tiled &= owner[i] != 0;
    CHECK(tiled);
    free(owner);
    int zero = 1;
    for (size_t i = 0; i < s.param_count; i++)
        zero &= s.params[i] == 0.0;
    CHECK(zero);

    /* seeded init: biases 0, embeddings in [-0.5, 0.5], weights within
     * 1/sqrt(fan_in) (v_a, a vector but no bias: 1/sqrt(A)); reproducible */
    model_set_randomize(&s, 99);
    for (int i = 0; i < s.tensor_count; i++) {
        const ModelTensor *t = &s.tensors[i];
        bool va = strcmp(t->name, "va") == 0;
        bool bias = t->cols == 1 && !va;
        bool embed = strcmp(t->name, "E") == 0;
        double r = embed ? 0.5 : 1.0 / sqrt(va ? t->rows : t->cols);
        int ok = 1, nonzero = 0;
        for (int k = 0; k < t->rows * t->cols; k++) {
            double x = s.params[t->offset + (size_t)k];
            ok &= bias ? x == 0.0 : fabs(x) <= r;
            nonzero |= x != 0.0;
        }
        CHECK_MSG(ok && nonzero == !bias, "%s.%s", t->group, t->name);
    }
    ModelSet again;
    model_set_init(&again, &dims, kinds, nk);
    model_set_randomize(&again, 99);
    CHECK(memcmp(again.params, s.params, s.param_count * sizeof(double)) == 0);
    model_set_randomize(&again, 100);
    CHECK(memcmp(again.params, s.params, s.param_count * sizeof(double)) != 0);

    /* a view of decoder 4 into another vector with the same layout */
    Model view;
    model_view(&s.decoders[4], again.params, &view);
    CHECK(view.params == again.params && view.tensor_count ==
                                             s.decoders[4].tensor_count);
    CHECK(view.dec_Wo == again.params + (s.decoders[4].dec_Wo - s.params));
    CHECK(view.enc_U == again.params + (s.decoders[4].enc_U - s.params));
    CHECK((view.ctx_Q == NULL) == (s.decoders[4].ctx_Q == NULL));

    /* a set without last-transform has no Q, q */
    ModelSet plain;
    model_set_init(&plain, &dims, kinds, 1); /* init / last */
    CHECK(plain.shared_count == (size_t)(vs * d + H * d + H * H + H));
    CHECK(plain.decoders[0].ctx_Q == NULL);
    CHECK(model_set_find(&plain, VARIANT_EVERY, CONTEXT_LAST) == -1);
    model_set_deinit(&plain);
    model_set_deinit(&again);
    model_set_deinit(&s);
    model_set_deinit(NULL);
}

/* <go> has no output class: target id and output id differ by one. */
static void test_output_ids(void)
{
    CHECK(vocab_output_id(VOCAB_EOS) == 0);
    CHECK(vocab_target_id(0) == VOCAB_EOS);
    CHECK(vocab_target_id(vocab_output_id(7)) == 7);
    CHECK(vocab_target_id(0) != VOCAB_GO);
}

int main(void)
{
    test_prng();
    test_vocab();
    test_names();
    test_set_layout();
    test_output_ids();
    return check_exit();
}
