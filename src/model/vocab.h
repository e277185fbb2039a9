/* A vocabulary: token strings and their indices, in order of first sight.
 * The target vocabulary always starts with <go> (0) and <eos> (1); the
 * source vocabulary always starts with <unk> (0), the entry every token the
 * model never saw is mapped to. */
#ifndef S2S_VOCAB_H
#define S2S_VOCAB_H

#include <stdbool.h>

#define VOCAB_UNK 0 /* source side */
#define VOCAB_GO 0  /* target side */
#define VOCAB_EOS 1 /* target side */

/* The output vocabulary is the target vocabulary without <go> (an
 * input-only token): output id = target id - 1, so <eos> is output 0.
 * z_t, p_t and the rows of W_o, O_e, O_c, b_o are indexed by output id. */
#define VOCAB_OUTPUT_FIRST 1 /* the target id of output 0 */
static inline int vocab_output_id(int target_id)
{
    return target_id - VOCAB_OUTPUT_FIRST;
}
static inline int vocab_target_id(int output_id)
{
    return output_id + VOCAB_OUTPUT_FIRST;
}

#define VOCAB_UNK_TOKEN "<unk>"
#define VOCAB_GO_TOKEN "<go>"
#define VOCAB_EOS_TOKEN "<eos>"

typedef struct {
    char **tokens; /* owned, NUL-terminated UTF-8 */
    int count;
    int capacity;
    /* An index for vocab_find, kept by vocab_add: open addressing, each
     * slot a token index or -1, at most half full; NULL = none yet (find
     * then scans). A 1 MiB lesson has ~60 000 distinct tokens, where a
     * scan per token made loading quadratic (12 s). */
    int *slots;
    int slot_count; /* a power of two */
} Vocab;

/* An empty vocabulary (no reserved entries). Free with vocab_deinit. */
void vocab_init(Vocab *v);
/* A source vocabulary: <unk> at 0. */
void vocab_init_source(Vocab *v);
/* A target vocabulary: <go> at 0, <eos> at 1. */
void vocab_init_target(Vocab *v);
void vocab_deinit(Vocab *v);

/* Index of token, or -1. */
int vocab_find(const Vocab *v, const char *token);
/* Index of token, adding it at the end when new. */
int vocab_add(Vocab *v, const char *token);
/* Deep copy; dst is initialised by this call. */
void vocab_copy(Vocab *dst, const Vocab *src);

#endif
