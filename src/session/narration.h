/* Narration: the one or two lines shown under the picture for each step,
 * from the lesson's templates (or the built-in ones), with placeholders
 * such as {t}, {token}, {T}, {p} filled from the trace. The template
 * language itself (which placeholders a step kind has, the checking) is
 * the lesson format's: lesson/template.h. */
#ifndef S2S_NARRATION_H
#define S2S_NARRATION_H

#include <stdbool.h>
#include <stddef.h>

#include "lesson/lesson.h"
#include "model/forward.h"
#include "timeline/step.h"

/* What the training view's narration says besides the trace: which
 * snapshot, the recorded loss, the expected output (DESIGN.md, "Three
 * views of the same steps"). */
typedef struct {
    int epoch, epochs;  /* the snapshot shown, of E */
    double loss;        /* L_e of the shown decoder at that epoch */
    double loss_start;  /* L_0 */
    int pair_count;     /* N, the training pairs L_e averages over */
    const LessonPair *expected; /* the input's pair, or NULL (typed) */
    bool held_out;      /* expected is a [test] pair: not a term of L_e */
} NarrationTraining;

/* The built-in template for a step kind and language; never NULL. */
const char *narration_default(StepKind kind, Lang lang);

/* The narration of step for this trace, in lang: the lesson's template or
 * the built-in one, filled. typed is the input as written (trace's
 * source_len tokens, borrowed) or NULL: a token the model reads as <unk>
 * is then named as typed ({input}, {token}), and its encoder step adds
 * that the model reads it as <unk>. Returns a malloc'd string the caller
 * frees. */
char *narration_for_step(const Lesson *l, const Trace *trace, Variant v,
                         ContextMode c, const Step *step, Lang lang,
                         const char *const *typed);
/* The same, with lesson_text false: the built-in text even where the
 * lesson has its own (the training view's summary before the last epoch:
 * a lesson's summary may state what the trained model does). */
char *narration_for_step_from(const Lesson *l, const Trace *trace, Variant v,
                              ContextMode c, const Step *step, Lang lang,
                              const char *const *typed, bool lesson_text);

/* The training view's narration of step (narration_training.c): one
 * sentence on the snapshot that holds for any epoch (at 0: nothing is
 * learnt yet), then the step's own text; at a softmax step whose earlier
 * picks followed the expected output, whether this pick is the expected
 * token; at the teacher-forcing step the lesson's teacher-forcing
 * template (or the built-in one) filled from forced, the trace teacher-
 * forced on train->expected (NULL with no expected output: then a text
 * that says teacher forcing needs one). Returns a malloc'd string. */
char *narration_training(const Lesson *l, const Trace *trace,
                         const Trace *forced, Variant v, ContextMode c,
                         const Step *step, Lang lang,
                         const char *const *typed,
                         const NarrationTraining *train);

/* A short title for the step ("Encoder step 2: 器"; with typed as above,
 * "Encoder step 4: 猫 (<unk>)"), as --list-steps and the header print it.
 * Returns a malloc'd string the caller frees. */
char *narration_step_title(const Lesson *l, const Trace *trace,
                           const Step *step, Lang lang,
                           const char *const *typed);

/* The lesson's title for this trace at this step: a title that names its
 * example as "prefix：input → output" (or "prefix: input → output") shows
 * the actual input (as typed) and the output written by this step ("…"
 * for what is still to come) instead, so it is never false of what is on
 * screen and never tells the answer early; any other title as written.
 * step NULL: the whole output. trace NULL: the title as written. Returns a
 * malloc'd string the caller frees. */
char *narration_lesson_title(const Lesson *l, const Trace *trace,
                             const Step *step, Lang lang,
                             const char *const *typed);

/* A probability as the narration prints it: four places, a tiny one as
 * "1.23e-05". */
void narration_format_prob(double p, char *out, size_t size);

/* "=" when the n factors, as narration_format_prob prints them, multiply
 * to product as printed; "≈" otherwise. */
const char *narration_product_relation(const double *factors, int n,
                                       double product);

/* The lesson's [data] or [test] pair whose source is the trace's input,
 * or NULL; *held_out (may be NULL) says it is a [test] pair. */
const LessonPair *narration_expected_pair(const Lesson *l, const Trace *tr,
                                          bool *held_out);

/* Whether the trace's output (with <eos>) is the pair's target. */
bool narration_output_right(const LessonPair *pair, const Trace *tr);

#endif
