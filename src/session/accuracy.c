/* Held-out accuracy by input length: every trained decoder of one context
 * mode run greedily on every [test] pair of the lesson. */
#include "session/accuracy.h"

#include <string.h>

static bool decodes(const Course *c, Variant v, ContextMode m,
                    const LessonPair *pair)
{
    Trace tr;
    course_run(c, v, m, pair->source, pair->source_len, &tr);
    bool right = tr.output_len == pair->target_len &&
                 memcmp(tr.pick, pair->target,
                        (size_t)tr.output_len * sizeof(int)) == 0;
    trace_deinit(&tr);
    return right;
}

void accuracy_by_length(const Course *c, ContextMode m, AccuracyByLength *out)
{
    memset(out, 0, sizeof *out);
    const Lesson *l = c->lesson;
    for (int i = 0; i < l->test_count; i++) {
        int n = l->tests[i].source_len;
        if (n < 1 || n > LESSON_MAX_INPUT)
            continue;
        out->test_count++;
        out->pairs[n]++;
        for (int v = 0; v < VARIANT_COUNT; v++) {
            if (!course_has_variant(c, (Variant)v))
                continue;
            out->trained[v] = true;
            out->right[v][n] += decodes(c, (Variant)v, m, &l->tests[i]);
        }
    }
}

int accuracy_lengths(const AccuracyByLength *a, int *lens)
{
    int k = 0;
    for (int n = 1; n <= LESSON_MAX_INPUT; n++)
        if (a->pairs[n] > 0)
            lens[k++] = n;
    return k;
}
