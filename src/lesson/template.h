/* Narration templates as a lesson file writes them: which placeholders a
 * step kind may use, checking a template, and walking one piece by piece.
 * Knows nothing of traces; filling is the session's (session/narration.h).
 * A template is never used as a printf format. */
#ifndef S2S_TEMPLATE_H
#define S2S_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "timeline/step.h"

/* The [narration] keys: the step kinds, then the training view's opening
 * sentence (training.zh / training.en), said before every step's text in
 * that view; a template of it is checked as of kind NARRATION_TRAINING. */
#define NARRATION_TRAINING STEP_KIND_COUNT
#define NARRATION_KEYS (STEP_KIND_COUNT + 1)

/* The placeholders a template of this kind may use, as one line for
 * messages and docs: "{t} {t-1} {token} ...". Never NULL. */
const char *template_placeholders(StepKind kind);

/* Where template_walk sends the pieces of a template, in order. */
typedef struct {
    void (*text)(void *ctx, const char *s, size_t n); /* literal run */
    void (*placeholder)(void *ctx, const char *name, size_t len);
    void *ctx;
} TemplateSink;

/* Walks tmpl, sending its pieces to out (NULL: only checks). Returns false
 * at the first stray brace or placeholder unknown for kind, its name
 * (or "{" / "}") copied into bad. */
bool template_walk(const char *tmpl, StepKind kind, char *bad,
                   size_t bad_size, const TemplateSink *out);

/* Checks that every {placeholder} in tmpl exists for steps of kind. On
 * failure returns false and copies the bad placeholder's name into bad
 * (which may be NULL). */
bool template_check(const char *tmpl, StepKind kind, char *bad,
                    size_t bad_size);

#endif
