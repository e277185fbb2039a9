/* A lesson: what a teacher writes in a .lesson file (see lessons/README.md)
 * turned into a value: titles, model sizes, training pairs as token ids,
 * the input sentence, and the narration templates for each step kind.
 * Loading never trains; see session/course.h for the trained models. */
#ifndef S2S_LESSON_H
#define S2S_LESSON_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "model/train.h"
#include "model/vocab.h"
#include "lesson/template.h"
#include "timeline/step.h"

typedef enum { LANG_ZH, LANG_EN, LANG_COUNT } Lang;

/* "zh" / "en"; false when neither. */
const char *lang_name(Lang l);
bool lang_parse(const char *name, Lang *out);

typedef enum {
    TOKENIZE_CHARS,  /* every UTF-8 character is a token; spaces dropped */
    TOKENIZE_SPACES, /* tokens are separated by runs of spaces */
} Tokenizer;

/* What goes between two tokens when they are written back as text: a
 * space between words, nothing between characters (so 机器学习 is not
 * written 机 器 学 习). Every joiner of tokens uses this. */
static inline const char *tokenizer_separator(Tokenizer tk)
{
    return tk == TOKENIZE_SPACES ? " " : "";
}

typedef struct {
    int *source; /* owned ids into Lesson.source_vocab */
    int source_len;
    int *target; /* owned ids into Lesson.target_vocab, ends with <eos> */
    int target_len;
} LessonPair;

#define LESSON_MAX_INPUT 32 /* tokens */

/* The training budget: a lesson whose training work exceeds
 * LESSON_MAX_TRAINING_WORK is refused, so every accepted lesson trains in
 * at most about LESSON_TRAINING_BUDGET_S seconds on the project's 2-core
 * machines (measured at 5-9 ns per unit with other builds running; see
 * lessons/README.md). */
#define LESSON_TRAINING_BUDGET_S 10
#define LESSON_MAX_TRAINING_WORK 1.0e9


#define LESSON_DEFAULT_UNK_RATE 0.03

typedef struct {
    char *path; /* owned; the file it came from ("<built-in>" otherwise) */
    char *name; /* owned; file name without folder and .lesson */

    char *title[LANG_COUNT];       /* owned, never NULL */
    char *description[LANG_COUNT]; /* owned, may be "" */

    Variant variant;     /* to start with */
    ContextMode context; /* to start with */
    int hidden, embed, epochs, max_len;
    bool attention;     /* the attention decoders are trained (key
                           attention = yes|no, default yes) */
    int attention_size; /* A; 0 means A = H */
    double learning_rate;
    double unk_rate; /* TrainConfig.unk_rate: how often training shows a
                        source token as <unk>, so typed unknowns decode */
    uint64_t seed;
    Tokenizer source_tokenizer, target_tokenizer;

    Vocab source_vocab; /* <unk> first */
    Vocab target_vocab; /* <go>, <eos> first */

    LessonPair *pairs; /* owned; training pairs */
    int pair_count;
    LessonPair *tests; /* owned; held-out pairs for --check, may be none */
    int test_count;

    int *input; /* owned; the sentence to show, source ids */
    int input_len;

    /* Narration templates, owned, NULL when the lesson gives none (the
     * built-in text of session/narration.c is used then): one per step
     * kind, and at NARRATION_TRAINING the training view's opening
     * sentence (key training.zh / training.en). */
    char *narration[NARRATION_KEYS][LANG_COUNT];

    /* Optional softmax worked example (the article's V = [-3, 2, -1, 0]):
     * when example_count > 0 the timeline adds a step that shows it. */
    double *example_logits; /* owned */
    char **example_labels;  /* owned, example_count strings */
    int example_count;
} Lesson;

/* The work of training l, in multiply-adds of the model: per epoch, for
 * every decoder D and pair n with S_n source and T_n target steps,
 *   (S_n + T_n) H (H + E) + T_n (H + 32) V_t    (the RNN steps; softmax
 *                                                with exp costing ~32)
 * plus one Adam update of all P parameters every 4 pairs,
 *   P = V_s E + D (V_t E + 2 H (H + E) + H V_t). */
double lesson_training_work(const Lesson *l);

/* Where a load failed: file, 1-based line (0 when not about one line),
 * and a one-line message. */
typedef enum {
    LESSON_OK,
    LESSON_ERR_IO,          /* unreadable, a directory, missing */
    LESSON_ERR_TOO_BIG,     /* over 1 MiB */
    LESSON_ERR_ENCODING,    /* invalid UTF-8 or a NUL byte */
    LESSON_ERR_LINE_LONG,   /* a line over the parser's limit */
    LESSON_ERR_SYNTAX,      /* not INI */
    LESSON_ERR_SECTION,     /* unknown section */
    LESSON_ERR_KEY,         /* unknown key */
    LESSON_ERR_MISSING,     /* a required section or key is absent */
    LESSON_ERR_DUPLICATE,   /* a key that must be unique is repeated */
    LESSON_ERR_VALUE,       /* not a number, out of range, bad name */
    LESSON_ERR_PAIR,        /* a pair without '|' or with an empty side */
    LESSON_ERR_INPUT,       /* an input token outside the vocabulary */
    LESSON_ERR_PLACEHOLDER, /* a narration placeholder that does not exist */
} LessonErrorKind;

typedef struct {
    LessonErrorKind kind;
    char file[4096]; /* PATH_MAX: a long path is not cut */
    int line;
    char message[512]; /* without the "file:line: " prefix */
} LessonError;

/* Room for lesson_error_format's line: the file name with its control
 * characters escaped (up to 4 bytes each), the line number, the message. */
#define LESSON_ERROR_TEXT_SIZE (4 * 4096 + 600)

/* Loads and checks the lesson at path. On failure returns NULL and fills
 * *err. Free the result with lesson_free. */
Lesson *lesson_load(const char *path, LessonError *err);

/* The same from memory; name is used in errors (e.g. a path). */
Lesson *lesson_load_string(const char *text, size_t len, const char *name,
                           LessonError *err);

void lesson_free(Lesson *l);

/* Formats err as "file:line: message" (or "file: message") into buf. */
void lesson_error_format(const LessonError *err, char *buf, size_t size);

/* Splits text by the lesson's source tokenizer into source ids; a token
 * outside the vocabulary becomes VOCAB_UNK. Returns the token count, or -1
 * when there are none or more than max. unknown (may be NULL) counts the
 * <unk> tokens. ids has room for max. */
int lesson_tokenize_input(const Lesson *l, const char *text, int *ids,
                          int max, int *unknown);

/* The same split, keeping what was written: stores the first max tokens'
 * ids in ids and, when written is not NULL, each token's text as a
 * malloc'd string in written (the caller frees them). Returns how many
 * tokens text holds, which may be 0 or more than max. */
int lesson_split_input(const Lesson *l, const char *text, int *ids,
                       char **written, int max);

/* The pairs as the trainer takes them; the array is owned by the caller
 * (free()), its pointers borrow from l. */
TrainPair *lesson_train_pairs(const Lesson *l);

#endif
