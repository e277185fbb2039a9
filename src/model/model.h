/* The parameters of one seq2seq RNN encoder-decoder, as in DESIGN.md
 * ("The model (exactly)"). All parameters live in one flat array of doubles
 * so that training, the optimiser and the gradient check can treat them as
 * one vector; the named pointers are views into it. A tensor that the
 * variant or context mode does not use is NULL and takes no space. */
#ifndef S2S_MODEL_H
#define S2S_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    VARIANT_INIT,  /* C is only the decoder's initial state s_0 (figure 4) */
    VARIANT_EVERY, /* C enters every state update and output (figure 5) */
    VARIANT_COUNT
} Variant;

typedef enum {
    CONTEXT_LAST,           /* C = h_T */
    CONTEXT_LAST_TRANSFORM, /* C = tanh(Q h_T + q) */
    CONTEXT_MEAN,           /* C = (1/T) sum_t h_t */
    CONTEXT_COUNT
} ContextMode;

/* "init" / "every"; "last" / "last-transform" / "mean". */
const char *variant_name(Variant v);
const char *context_name(ContextMode c);
/* Parse a name; false when it is none of them. */
bool variant_parse(const char *name, Variant *out);
bool context_parse(const char *name, ContextMode *out);

typedef struct {
    int source_vocab; /* rows of E_src, <unk> included */
    int target_vocab; /* rows of E_tgt and of W_o, <go> and <eos> included */
    int embed;        /* d */
    int hidden;       /* H */
    Variant variant;
    ContextMode context;
} ModelShape;

/* One named parameter tensor, for the dump, the gradient check and tests. */
typedef struct {
    const char *group; /* "encoder", "context" or "decoder" */
    const char *name;  /* the --dump key: "E", "W", "U", "b", "Q", ... */
    int rows, cols;    /* a vector has cols == 1 and is dumped as a list */
    size_t offset;     /* into Model.params */
} ModelTensor;

#define MODEL_MAX_TENSORS 16

typedef struct {
    ModelShape shape;
    double *params; /* owned, param_count doubles */
    size_t param_count;
    ModelTensor tensors[MODEL_MAX_TENSORS];
    int tensor_count;

    /* Views into params, row-major; NULL when unused by this shape. */
    double *enc_E, *enc_W, *enc_U, *enc_b; /* V_s x d, H x d, H x H, H */
    double *ctx_Q, *ctx_q;                 /* H x H, H (last-transform) */
    double *dec_E, *dec_W, *dec_U, *dec_b; /* V_t x d, H x d, H x H, H */
    double *dec_V;                         /* H x H (every) */
    double *dec_Oe, *dec_Oc;               /* V_t x d, V_t x H (every) */
    double *dec_Wo, *dec_bo;               /* V_t x H, V_t */
} Model;

/* Lays out the tensors of shape and zeroes them. Aborts on out of memory.
 * Release with model_deinit. */
void model_init(Model *m, const ModelShape *shape);
void model_deinit(Model *m);

/* Deep copy; dst is initialised by this call. */
void model_copy(Model *dst, const Model *src);

/* Fills the weights from the project's own PRNG: uniform in
 * [-1/sqrt(fan_in), 1/sqrt(fan_in)], embeddings in [-0.5, 0.5], biases 0.
 * The same seed and shape always give bit-identical weights. */
void model_randomize(Model *m, uint64_t seed);

/* The tensor named group/name, or NULL. */
const ModelTensor *model_tensor(const Model *m, const char *group,
                                const char *name);

#endif
