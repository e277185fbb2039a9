/* A course: a lesson with its trained models, one for each decoder variant
 * and context mode, so the window can flip between them instantly. */
#ifndef S2S_COURSE_H
#define S2S_COURSE_H

#include "lesson/lesson.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/train.h"

typedef struct {
    Lesson *lesson; /* owned */
    Model models[VARIANT_COUNT][CONTEXT_COUNT];
    TrainLog logs[VARIANT_COUNT][CONTEXT_COUNT];
} Course;

/* Takes ownership of lesson and trains every variant and context mode.
 * progress (may be NULL) is called after each model with done/total and
 * may be used to show a progress bar. Never fails (aborts on out of
 * memory). Free with course_destroy. */
Course *course_create(Lesson *lesson,
                      void (*progress)(void *ctx, int done, int total),
                      void *ctx);
void course_destroy(Course *c);

static inline const Model *course_model(const Course *c, Variant v,
                                        ContextMode m)
{
    return &c->models[v][m];
}

/* Runs the chosen model on source ids; the caller frees with trace_deinit. */
void course_run(const Course *c, Variant v, ContextMode m, const int *source,
                int len, Trace *out);

/* Fraction of the pairs that the model decodes exactly (greedy). */
double course_accuracy(const Course *c, Variant v, ContextMode m,
                       const LessonPair *pairs, int n);

#endif
