/* The compare view's words (DESIGN.md, "Three views of the same steps"):
 * where the decoders' outputs part, and the narration of each step, true
 * of the input on screen — it says the outputs part only when they do,
 * and the accuracy sentence says only what the accuracy chart shows. */
#ifndef S2S_NARRATION_COMPARE_H
#define S2S_NARRATION_COMPARE_H

#include "lesson/lesson.h"
#include "model/forward.h"
#include "session/accuracy.h"
#include "timeline/step.h"

/* The decoders of the compare view, one row each, top to bottom, with
 * their traces of the same input (borrowed). */
typedef struct {
    int n;
    Variant variant[VARIANT_COUNT];
    const Trace *trace[VARIANT_COUNT];
    ContextMode context; /* the same for every row */
} CompareRows;

/* The first decoder step t whose output token is not the same in every
 * row (a row that has already ended counts as writing nothing), or 0
 * when every row writes the same output. */
int compare_parting_step(const CompareRows *r);

/* The narration of the compare view at step (a step of the compare
 * timeline), in lang; accuracy is the held-out accuracy of the rows'
 * context mode (summary only). typed as in narration_for_step. Returns a
 * malloc'd string the caller frees. */
char *narration_compare(const Lesson *l, const CompareRows *r,
                        const AccuracyByLength *accuracy, const Step *step,
                        Lang lang, const char *const *typed);

/* The compare view's title of step: the step view's for the shared
 * encoder's steps; at decoder steps and the summary a title that names no
 * decoder's token ("Decoder step 2, every decoder"), since the rows may
 * write different ones. malloc'd. */
char *narration_compare_title(const Lesson *l, const CompareRows *r,
                              const Step *step, Lang lang,
                              const char *const *typed);

/* The accuracy chart's sentence alone (also part of the summary): for
 * each decoder its accuracy at the shortest and the longest held-out
 * length, or that the lesson has no [test] pairs. malloc'd. */
char *narration_compare_accuracy(const CompareRows *r,
                                 const AccuracyByLength *a, Lang lang);

#endif
