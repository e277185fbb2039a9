/* The kinds of step in a lesson's timeline (DESIGN.md, "Timeline"). */
#ifndef S2S_STEP_H
#define S2S_STEP_H

typedef enum {
    STEP_OVERVIEW,        /* the whole unrolled network, nothing computed */
    STEP_SOFTMAX_EXAMPLE, /* a lesson's worked softmax example (optional) */
    STEP_ENCODER,         /* encoder step t: x_t and h_{t-1} give h_t */
    STEP_CONTEXT,         /* C is formed from the encoder states */
    STEP_DECODER_STATE,   /* y_{t-1} comes back, s_t is computed */
    STEP_DECODER_ATTEND,  /* (attention) a_t, alpha_t over h_1..h_T, c_t */
    STEP_DECODER_SOFTMAX, /* p_t's bars grow, the argmax is written out */
    STEP_SUMMARY,         /* the output and p(y|x) = prod p_t[y_t] */
    STEP_TEACHER_FORCING, /* (training view) the decoder fed the expected
                             y*_{t-1}: each -log p_t[y*_t], their sum
                             log p(y*|x), the mean over the pairs L_e */
    STEP_KIND_COUNT
} StepKind;

/* "overview", "softmax-example", "encoder", "context", "decoder-state",
 * "decoder-attend", "decoder-softmax", "summary", "teacher-forcing": the
 * --list-steps kinds and the narration
 * keys of a lesson file. */
const char *step_kind_name(StepKind k);
/* -1 when name is none of them. */
int step_kind_parse(const char *name);

typedef struct {
    StepKind kind;
    int t; /* encoder: 1..T; decoder: 1..T'; otherwise 0 */
} Step;

#endif
