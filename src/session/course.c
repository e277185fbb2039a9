/* A course: one lesson's shared encoder and its decoders (every variant x
 * context mode), trained jointly once from the lesson's seed, so the
 * window can flip between them without waiting and every run gives the
 * same numbers.
 *
 * Why every decoder is trained even when one is shown: the encoder is
 * shared by all of them and learns from the sum of their losses, so the
 * shown decoder's numbers (x_t, h_t, C and its own weights) depend on the
 * others' training; training it alone would show other numbers than the
 * window shows once everything is trained. What can be left out without
 * changing a number is the record of the losses of decoders nobody draws
 * (course_create_recording). */
#include "session/course.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Course *course_create(Lesson *lesson,
                      void (*progress)(void *ctx, int done, int total),
                      void *ctx)
{
    return course_create_stoppable(lesson, progress, ctx, NULL);
}

Course *course_create_stoppable(Lesson *lesson,
                                void (*progress)(void *ctx, int done,
                                                 int total),
                                void *ctx, const atomic_int *stop)
{
    return course_create_recording(lesson, progress, ctx, stop, 0);
}

Course *course_create_recording(Lesson *lesson,
                                void (*progress)(void *ctx, int done,
                                                 int total),
                                void *ctx, const atomic_int *stop,
                                unsigned record)
{
    Course *c = xcalloc(1, sizeof *c);
    c->lesson = lesson;
    c->record = record;
    TrainPair *pairs = lesson_train_pairs(lesson);
    TrainConfig cfg = {
        .epochs = lesson->epochs,
        .learning_rate = lesson->learning_rate,
        .seed = lesson->seed,
        .unk_rate = lesson->unk_rate,
        .stop = stop,
        .record_only = record,
        .threads = 0, /* every core: the same weights as on one */
        .on_epoch = progress,
        .ctx = ctx,
    };
    ModelDims dims = {
        .source_vocab = lesson->source_vocab.count,
        .target_vocab = lesson->target_vocab.count,
        .embed = lesson->embed,
        .hidden = lesson->hidden,
        .attention = lesson->attention_size,
    };
    /* one decoder per variant x context mode, at course_decoder_index;
     * attention's come last, so a lesson with attention = no has the
     * first two variants' */
    int variants = lesson->attention ? VARIANT_COUNT : VARIANT_ATTENTION;
    DecoderKind kinds[VARIANT_COUNT * CONTEXT_COUNT];
    for (int v = 0; v < variants; v++)
        for (int m = 0; m < CONTEXT_COUNT; m++)
            kinds[course_decoder_index((Variant)v, (ContextMode)m)] =
                (DecoderKind){(Variant)v, (ContextMode)m};
    model_set_init(&c->set, &dims, kinds, variants * CONTEXT_COUNT);
    bool trained =
        model_set_train(&c->set, pairs, lesson->pair_count, &cfg, &c->log);
    free(pairs);
    if (!trained) {
        course_destroy(c);
        return NULL;
    }
    if (progress)
        progress(ctx, 1, 1);
    return c;
}

void course_destroy(Course *c)
{
    if (!c)
        return;
    model_set_deinit(&c->set);
    train_log_deinit(&c->log);
    lesson_free(c->lesson);
    free(c);
}

void course_model_at(const Course *c, Variant v, ContextMode m, int snap,
                     Model *out)
{
    model_view(course_model(c, v, m), train_log_params(&c->log, snap), out);
}

void course_run(const Course *c, Variant v, ContextMode m, const int *source,
                int len, Trace *out)
{
    model_forward(course_model(c, v, m), source, len, c->lesson->max_len,
                  out);
}

void course_run_at(const Course *c, Variant v, ContextMode m, int snap,
                   const int *source, int len, Trace *out)
{
    Model at;
    course_model_at(c, v, m, snap, &at);
    model_forward(&at, source, len, c->lesson->max_len, out);
}

/* A pair is right when the greedy output is its target, <eos> included. */
double course_accuracy(const Course *c, Variant v, ContextMode m,
                       const LessonPair *pairs, int n)
{
    if (n <= 0)
        return 0;
    int right = 0;
    for (int i = 0; i < n; i++) {
        Trace tr;
        course_run(c, v, m, pairs[i].source, pairs[i].source_len, &tr);
        if (tr.output_len == pairs[i].target_len &&
            memcmp(tr.pick, pairs[i].target,
                   (size_t)tr.output_len * sizeof(int)) == 0)
            right++;
        trace_deinit(&tr);
    }
    return (double)right / n;
}
