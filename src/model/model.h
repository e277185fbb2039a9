/* The parameters of the seq2seq RNN encoder and its decoders, as in
 * DESIGN.md ("The model (exactly)"). All parameters of a course live in one
 * flat array of doubles so that training, the optimiser and the gradient
 * check treat them as one vector; a decoder (Model) is a set of named
 * views into it. A tensor that a variant or context mode does not use is
 * NULL and takes no space. */
#ifndef S2S_MODEL_H
#define S2S_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    VARIANT_INIT,  /* C is only the decoder's initial state s_0 (figure 4) */
    VARIANT_EVERY, /* C enters every state update and output (figure 5) */
    VARIANT_ATTENTION, /* every step reads its own c_t, a weighted mix of
                          all h_i (beyond the article) */
    VARIANT_COUNT
} Variant;

typedef enum {
    CONTEXT_LAST,           /* C = h_T */
    CONTEXT_LAST_TRANSFORM, /* C = tanh(Q h_T + q) */
    CONTEXT_MEAN,           /* C = (1/T) sum_t h_t */
    CONTEXT_COUNT
} ContextMode;

/* "init" / "every" / "attention"; "last" / "last-transform" / "mean". */
const char *variant_name(Variant v);
const char *context_name(ContextMode c);
/* Parse a name; false when it is none of them. */
bool variant_parse(const char *name, Variant *out);
bool context_parse(const char *name, ContextMode *out);

/* The sizes every decoder of a course shares. */
typedef struct {
    int source_vocab; /* rows of E_src, <unk> included */
    int target_vocab; /* rows of E_tgt: <go> and <eos> included */
    int embed;        /* d */
    int hidden;       /* H */
    int attention;    /* A, the attention's size; 0 means A = H */
} ModelDims;

/* One decoder's shape. output_vocab = target_vocab - 1: <go> is an
 * input-only token with a row in E_tgt but no output class, so W_o, O_e,
 * O_c, b_o, z_t and p_t have one row per output token (output id = target
 * id - 1, see vocab.h). */
typedef struct {
    int source_vocab, target_vocab, output_vocab;
    int embed, hidden;
    int attention; /* A (W_a, U_a are A x H; b_a, v_a have A entries) */
    Variant variant;
    ContextMode context;
} ModelShape;

/* One named parameter tensor, for the dump, the gradient check and tests. */
typedef struct {
    const char *group; /* "encoder", "context" or "decoder" */
    const char *name;  /* the --dump key: "E", "W", "U", "b", "Q", ... */
    int rows, cols;    /* a vector has cols == 1 and is dumped as a list */
    size_t offset;     /* into the whole parameter vector (Model.params) */
} ModelTensor;

/* Tensors of one decoder with the encoder it reads: 6 shared + the 13 of
 * `attention` (every's 9 with W_a, U_a, b_a, v_a), with room to spare. */
#define MODEL_MAX_TENSORS 24

/* One decoder together with the shared encoder it reads: a *view* into a
 * ModelSet's parameter vector (it owns nothing). params is the start of the
 * whole vector, so a gradient laid out like the set's vector is indexed by
 * (view - params) for every tensor, shared or not. tensors lists only the
 * tensors this decoder uses, in dump order. */
typedef struct {
    ModelShape shape;
    double *params;     /* borrowed: the set's vector (or a snapshot of it) */
    size_t param_count; /* of the whole vector */
    ModelTensor tensors[MODEL_MAX_TENSORS];
    int tensor_count;

    /* Views into params, row-major; NULL when unused by this shape. */
    double *enc_E, *enc_W, *enc_U, *enc_b; /* V_s x d, H x d, H x H, H */
    double *ctx_Q, *ctx_q;                 /* H x H, H (last-transform) */
    double *dec_E, *dec_W, *dec_U, *dec_b; /* V_t x d, H x d, H x H, H */
    double *dec_V;                 /* H x H (every, attention) */
    double *dec_Oe, *dec_Oc;       /* V_o x d, V_o x H (every, attention) */
    double *dec_Wa, *dec_Ua;       /* A x H, A x H (attention) */
    double *dec_ba, *dec_va;       /* A, A (attention) */
    double *dec_Wo, *dec_bo;               /* V_o x H, V_o */
} Model;

/* True for the variants whose state update and output read a context at
 * every step (C for every, c_t for attention): they have V_d, O_e, O_c. */
static inline bool variant_reads_context(Variant v)
{
    return v == VARIANT_EVERY || v == VARIANT_ATTENTION;
}

/* Which decoder: a variant with a context mode. */
typedef struct {
    Variant variant;
    ContextMode context;
} DecoderKind;

#define MODEL_MAX_DECODERS 9
#define MODEL_SET_MAX_TENSORS (6 + (MODEL_MAX_TENSORS - 6) * MODEL_MAX_DECODERS)

/* One encoder, many decoders (DESIGN.md): the shared encoder (E_src, W_e,
 * U_e, b_e, and Q, q when a decoder uses last-transform) followed by every
 * decoder's own tensors, all in one owned vector that training, Adam and
 * the gradient check treat as one. decoders[k] are views into it. A new
 * variant (attention) only adds its tensors to the per-decoder layout. */
typedef struct {
    ModelDims dims;
    double *params; /* owned */
    size_t param_count;
    size_t shared_count; /* params[0 .. shared_count) are the encoder's */
    ModelTensor tensors[MODEL_SET_MAX_TENSORS]; /* all, shared first */
    int tensor_count;
    Model decoders[MODEL_MAX_DECODERS];
    int decoder_count;
} ModelSet;

/* Lays out the shared encoder and the n decoders of kinds (1 <= n <=
 * MODEL_MAX_DECODERS) and zeroes them. Aborts on out of memory. Release
 * with model_set_deinit. */
void model_set_init(ModelSet *s, const ModelDims *dims,
                    const DecoderKind *kinds, int n);
void model_set_deinit(ModelSet *s);

/* Fills the weights from the project's own PRNG: uniform in
 * [-1/sqrt(fan_in), 1/sqrt(fan_in)], embeddings in [-0.5, 0.5], biases 0,
 * drawn tensor by tensor in set order. The same seed and layout always
 * give bit-identical weights. */
void model_set_randomize(ModelSet *s, uint64_t seed);

/* Index of the decoder of that kind, or -1. */
int model_set_find(const ModelSet *s, Variant v, ContextMode c);

/* *out becomes decoder m read from another vector with the set's layout
 * (a training snapshot): same shape and tensors, views into params, which
 * must outlive *out. */
void model_view(const Model *m, const double *params, Model *out);

/* The tensor named group/name, or NULL. */
const ModelTensor *model_tensor(const Model *m, const char *group,
                                const char *name);

#endif
