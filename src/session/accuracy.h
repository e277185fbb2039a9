/* Accuracy by input length on a lesson's held-out [test] pairs, for each
 * decoder of one context mode (DESIGN.md, "Three views": the shape of the
 * classic result). A pair is right when greedy decoding writes exactly
 * its target, <eos> included. Pure: no SDL. */
#ifndef S2S_ACCURACY_H
#define S2S_ACCURACY_H

#include "lesson/lesson.h"
#include "session/course.h"

typedef struct {
    int test_count;                  /* [test] pairs; 0: no chart */
    int pairs[LESSON_MAX_INPUT + 1]; /* [test] pairs of input length n */
    /* right[v][n]: pairs of length n decoder v decodes exactly; only for
     * the variants the course trains (trained[v]). */
    int right[VARIANT_COUNT][LESSON_MAX_INPUT + 1];
    bool trained[VARIANT_COUNT];
} AccuracyByLength;

/* Runs every trained decoder of context mode m on every [test] pair. */
void accuracy_by_length(const Course *c, ContextMode m, AccuracyByLength *out);

/* The input lengths that have [test] pairs, ascending, into lens (room for
 * LESSON_MAX_INPUT); returns how many. */
int accuracy_lengths(const AccuracyByLength *a, int *lens);

#endif
