/* A course: one lesson trained once per decoder variant and context mode,
 * all from the lesson's seed, so the window can flip between them without
 * waiting and every run gives the same numbers. */
#include "session/course.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Course *course_create(Lesson *lesson,
                      void (*progress)(void *ctx, int done, int total),
                      void *ctx)
{
    Course *c = xcalloc(1, sizeof *c);
    c->lesson = lesson;
    TrainPair *pairs = lesson_train_pairs(lesson);
    TrainConfig cfg = {
        .epochs = lesson->epochs,
        .learning_rate = lesson->learning_rate,
        .seed = lesson->seed,
        .unk_rate = lesson->unk_rate,
    };
    int total = VARIANT_COUNT * CONTEXT_COUNT, done = 0;
    for (int v = 0; v < VARIANT_COUNT; v++) {
        for (int m = 0; m < CONTEXT_COUNT; m++) {
            ModelShape shape = {
                .source_vocab = lesson->source_vocab.count,
                .target_vocab = lesson->target_vocab.count,
                .embed = lesson->embed,
                .hidden = lesson->hidden,
                .variant = (Variant)v,
                .context = (ContextMode)m,
            };
            model_init(&c->models[v][m], &shape);
            model_train(&c->models[v][m], pairs, lesson->pair_count, &cfg,
                        &c->logs[v][m]);
            if (progress)
                progress(ctx, ++done, total);
        }
    }
    free(pairs);
    return c;
}

void course_destroy(Course *c)
{
    if (!c)
        return;
    for (int v = 0; v < VARIANT_COUNT; v++) {
        for (int m = 0; m < CONTEXT_COUNT; m++) {
            model_deinit(&c->models[v][m]);
            train_log_deinit(&c->logs[v][m]);
        }
    }
    lesson_free(c->lesson);
    free(c);
}

void course_run(const Course *c, Variant v, ContextMode m, const int *source,
                int len, Trace *out)
{
    model_forward(&c->models[v][m], source, len, c->lesson->max_len, out);
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
