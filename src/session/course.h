/* A course: a lesson with its trained model — one encoder shared by one
 * decoder per variant x context mode (DESIGN.md, "One encoder, many
 * decoders"), trained jointly once, so the window can flip between the
 * decoders instantly and flipping never changes x_t, h_t or (for the same
 * context mode) C — and the record of that training (the clean loss of
 * every decoder after every epoch, the weights at the snapshot epochs). */
#ifndef S2S_COURSE_H
#define S2S_COURSE_H

#include "lesson/lesson.h"
#include "model/forward.h"
#include "model/model.h"
#include "model/train.h"

typedef struct {
    Lesson *lesson; /* owned */
    ModelSet set;   /* the trained weights; decoder of (v, m) at
                       course_decoder_index(v, m) */
    TrainLog log;   /* loss curves and snapshots; the last snapshot is set */
    unsigned record; /* whose loss curves log holds: 0 = every decoder */
} Course;

static inline int course_decoder_index(Variant v, ContextMode m)
{
    return (int)v * CONTEXT_COUNT + (int)m;
}

/* Was variant v trained (attention only where the lesson says yes)? */
static inline bool course_has_variant(const Course *c, Variant v)
{
    return (unsigned)v < VARIANT_COUNT &&
           course_decoder_index(v, (ContextMode)(CONTEXT_COUNT - 1)) <
               c->set.decoder_count;
}

/* The variant after v in the V key's cycle, init -> every -> attention
 * (where trained) -> init. */
static inline Variant course_next_variant(const Course *c, Variant v)
{
    Variant next = (Variant)(((int)v + 1) % VARIANT_COUNT);
    return course_has_variant(c, next) ? next : VARIANT_INIT;
}

/* Takes ownership of lesson and trains the shared encoder with every
 * decoder. progress (may be NULL) is called with done/total epochs after
 * every epoch and (1, 1) when training is complete, for a progress bar. Never fails (aborts
 * on out of memory). Free with course_destroy. */
Course *course_create(Lesson *lesson,
                      void (*progress)(void *ctx, int done, int total),
                      void *ctx);
/* course_create that stops when *stop becomes non-zero (checked every
 * training batch) and then returns NULL, having freed lesson; progress is
 * called after every epoch. stop may be NULL. */
Course *course_create_stoppable(Lesson *lesson,
                                void (*progress)(void *ctx, int done,
                                                 int total),
                                void *ctx, const atomic_int *stop);
/* course_create_stoppable that records the clean loss only of the
 * decoders whose bit (1 << course_decoder_index) is set in record; 0 means
 * every decoder. The weights are the same bits whatever record says
 * (every decoder is trained with the shared encoder); only the loss
 * curves of the others are left out (NaN, see course_has_loss): for the
 * export and the dump, which draw one context mode. */
Course *course_create_recording(Lesson *lesson,
                                void (*progress)(void *ctx, int done,
                                                 int total),
                                void *ctx, const atomic_int *stop,
                                unsigned record);
void course_destroy(Course *c);

/* The record bits of every variant of context mode m (compare draws
 * them side by side). */
static inline unsigned course_context_decoders(ContextMode m)
{
    unsigned bits = 0;
    for (int v = 0; v < VARIANT_COUNT; v++)
        bits |= 1u << course_decoder_index((Variant)v, m);
    return bits;
}

/* The trained decoder (v, m) with the shared encoder; borrowed from c. */
static inline const Model *course_model(const Course *c, Variant v,
                                        ContextMode m)
{
    return &c->set.decoders[course_decoder_index(v, m)];
}

/* Was decoder (v, m)'s loss recorded (see course_create_recording)? */
static inline bool course_has_loss(const Course *c, Variant v, ContextMode m)
{
    return c->record == 0 || (c->record >> course_decoder_index(v, m) & 1u);
}

/* The clean training loss L_0 .. L_E of decoder (v, m) (E = c->log.epochs);
 * NaN when it was not recorded. */
static inline const double *course_loss(const Course *c, Variant v,
                                        ContextMode m)
{
    return train_log_loss(&c->log, course_decoder_index(v, m));
}

/* Index of the snapshot taken at epoch, or -1 when epoch is none. */
static inline int course_snapshot_index(const Course *c, int epoch)
{
    return train_log_snapshot_index(&c->log, epoch);
}

/* Decoder (v, m) with the weights of snapshot index snap into *out (a view
 * into c, valid while c lives). */
void course_model_at(const Course *c, Variant v, ContextMode m, int snap,
                     Model *out);

/* Runs the trained decoder on source ids; the caller frees with
 * trace_deinit. */
void course_run(const Course *c, Variant v, ContextMode m, const int *source,
                int len, Trace *out);
/* The same with the weights of snapshot index snap. */
void course_run_at(const Course *c, Variant v, ContextMode m, int snap,
                   const int *source, int len, Trace *out);

/* Fraction of the pairs that the trained decoder decodes exactly
 * (greedy). */
double course_accuracy(const Course *c, Variant v, ContextMode m,
                       const LessonPair *pairs, int n);

#endif
