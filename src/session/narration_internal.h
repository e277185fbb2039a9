/* Internal to session/: what the narration's files share -- the growing
 * string the text is written into, the token helpers, and the filling of
 * one template from a trace (narration_fill.c), used by the choice of text
 * (narration.c). Not for use outside session/. */
#ifndef S2S_NARRATION_INTERNAL_H
#define S2S_NARRATION_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "session/narration.h"

/* A growing NUL-terminated string; free b.s when done. */
typedef struct {
    char *s;
    size_t n, cap;
} Buf;

void narr_buf_add(Buf *b, const char *s, size_t n);
void narr_buf_str(Buf *b, const char *s);
void narr_buf_int(Buf *b, long x);
/* A probability as narration_format_prob prints it. */
void narr_buf_prob(Buf *b, double p);
/* Drops trailing spaces (before a sentence is appended). */
void narr_trim_spaces(Buf *b);

/* Vocabulary token id, "?" out of range. */
const char *narr_token(const Vocab *v, int id);
/* Source token t (1-based) as typed when the model reads it as <unk> and
 * the typed form is known, else as the vocabulary has it. */
const char *narr_source_token(const Lesson *l, const Trace *tr,
                              const char *const *typed, int t);
/* Source token t is <unk> and its typed form is known. */
bool narr_typed_unknown(const Trace *tr, const char *const *typed, int t);
/* Joins ids as the tokenizer splits: chars run together, words spaced. */
void narr_buf_tokens(Buf *b, const Vocab *v, Tokenizer tk, const int *ids,
                     int n, bool drop_eos);
/* The input as typed (a <unk> under its typed form). */
void narr_buf_input(Buf *b, const Lesson *l, const Trace *tr,
                    const char *const *typed);

/* What one template is filled from; out receives the text. */
typedef struct {
    const Lesson *l;
    const Trace *tr;
    Variant v;
    ContextMode c;
    Step step;
    Lang lang;
    const char *const *typed;
    Buf *out;
    const NarrationTraining *train; /* training view, else NULL */
} Fill;

/* Appends tmpl filled from f to f->out. False when tmpl is not a valid
 * template of f->step.kind (then part of it may have been appended). */
bool narr_fill(Fill *f, const char *tmpl);

/* The training view's placeholders ({epoch}, {loss}, ...:
 * narration_training.c); nothing when f->train is NULL. */
void narr_fill_training(Buf *b, const char *name, size_t len, const Fill *f);

#endif
