/* Every shipped lesson (S2S_LESSONS_DIR) loads, trains, decodes all its
 * training pairs with every decoder it trains (each variant in each context
 * mode), has its own zh and en narration for every step kind, and fills it
 * for every step of its timeline without a brace left over. The softmax lesson shows
 * the article's numbers; the default lesson translates 机器学习. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "session/course.h"
#include "session/narration.h"
#include "model/softmax.h"
#include "timeline/timeline.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_narration(const Course *c, Variant v)
{
    const Lesson *l = c->lesson;
    Trace tr;
    course_run(c, v, l->context, l->input, l->input_len, &tr);
    Timeline tl;
    timeline_build(&tl, &tr, l->example_count > 0);
    for (int i = 0; i < tl.count; i++) {
        for (int g = 0; g < LANG_COUNT; g++) {
            char *s = narration_for_step(l, &tr, v, l->context, &tl.steps[i],
                                         (Lang)g, NULL);
            char *t = narration_step_title(l, &tr, &tl.steps[i], (Lang)g,
                                           NULL);
            CHECK_MSG(s && *s && !strpbrk(s, "{}"), "%s step %d %s: %s",
                      l->name, i + 1, lang_name((Lang)g), s);
            CHECK_MSG(t && *t && !strpbrk(t, "{}"), "%s title %d: %s",
                      l->name, i + 1, t);
            free(s);
            free(t);
        }
    }
    timeline_deinit(&tl);
    trace_deinit(&tr);
}

/* True when the greedy decoding of pair's source is exactly its target. */
static bool decodes(const Course *c, Variant v, ContextMode m,
                    const LessonPair *pair)
{
    Trace tr;
    course_run(c, v, m, pair->source, pair->source_len, &tr);
    bool same = tr.output_len == pair->target_len &&
                memcmp(tr.pick, pair->target,
                       sizeof(int) * (size_t)pair->target_len) == 0;
    trace_deinit(&tr);
    return same;
}

static void check_lesson_file(const char *path)
{
    LessonError err;
    Lesson *l = lesson_load(path, &err);
    CHECK_MSG(l != NULL, "%s:%d: %s", path, err.line, err.message);
    if (!l)
        return;
    for (int k = 0; k < STEP_KIND_COUNT; k++)
        for (int g = 0; g < LANG_COUNT; g++)
            CHECK_MSG(l->narration[k][g] != NULL, "%s: no %s.%s", path,
                      step_kind_name((StepKind)k), lang_name((Lang)g));
    CHECK(*l->title[LANG_ZH] && *l->title[LANG_EN]);
    CHECK(*l->description[LANG_ZH] && *l->description[LANG_EN]);

    Course *c = course_create(l, NULL, NULL);
    CHECK(course_has_variant(c, VARIANT_ATTENTION) == l->attention);
    for (int v = 0; v < VARIANT_COUNT; v++) {
        if (!course_has_variant(c, (Variant)v))
            continue; /* attention = no */
        /* DESIGN.md ("One encoder, many decoders"): every decoder trained,
         * each variant in each context mode, decodes every training pair,
         * so V and the context switch never show a wrong answer to a pair
         * the model was taught */
        for (int m = 0; m < CONTEXT_COUNT; m++) {
            int right = 0;
            for (int i = 0; i < l->pair_count; i++)
                right += decodes(c, (Variant)v, (ContextMode)m, &l->pairs[i]);
            CHECK_MSG(right == l->pair_count, "%s: %s/%s decodes %d of %d pairs",
                      path, variant_name((Variant)v),
                      context_name((ContextMode)m), right, l->pair_count);
        }
        check_narration(c, (Variant)v);
    }

    if (strcmp(l->name, "05-softmax") == 0) {
        static const double want[] = {0.0057, 0.8390, 0.0418, 0.1135};
        CHECK(l->example_count == 4);
        if (l->example_count == 4) {
            double p[4];
            softmax(l->example_logits, 4, p);
            for (int i = 0; i < 4; i++)
                CHECK_NEAR(p[i], want[i], 0.00005);
        }
        Trace tr;
        course_run(c, l->variant, l->context, l->input, l->input_len, &tr);
        Step st = {STEP_SOFTMAX_EXAMPLE, 0};
        for (int g = 0; g < LANG_COUNT; g++) {
            char *s = narration_for_step(l, &tr, l->variant, l->context, &st,
                                         (Lang)g, NULL);
            CHECK_MSG(strstr(s, "[0.0057, 0.8390, 0.0418, 0.1135]") != NULL,
                      "%s", s);
            CHECK(strstr(s, "[-3, 2, -1, 0]") != NULL);
            free(s);
        }
        trace_deinit(&tr);
    }
    if (strcmp(l->name, "01-machine-learning") == 0) {
        Trace tr;
        course_run(c, l->variant, l->context, l->input, l->input_len, &tr);
        Step st = {STEP_SUMMARY, 0};
        char *s = narration_step_title(l, &tr, &st, LANG_EN, NULL);
        CHECK_MSG(strcmp(s, "Summary: machine learning (right)") == 0, "%s", s);
        free(s);
        st = (Step){STEP_ENCODER, 2};
        s = narration_step_title(l, &tr, &st, LANG_EN, NULL);
        CHECK_MSG(strcmp(s, "Encoder step 2: 器") == 0, "%s", s);
        free(s);
        s = narration_step_title(l, &tr, &st, LANG_ZH, NULL);
        CHECK_MSG(strcmp(s, "编码第 2 步：器") == 0, "%s", s);
        free(s);
        trace_deinit(&tr);
    }
    if (l->test_count > 0) {
        /* a generalising lesson: held-out pairs are really held out */
        for (int i = 0; i < l->test_count; i++)
            for (int j = 0; j < l->pair_count; j++)
                CHECK(l->tests[i].source_len != l->pairs[j].source_len ||
                      memcmp(l->tests[i].source, l->pairs[j].source,
                             sizeof(int) * (size_t)l->pairs[j].source_len));
    }
    course_destroy(c);
}

int main(void)
{
    const char *dir = getenv("S2S_LESSONS_DIR");
    CHECK(dir != NULL);
    if (!dir)
        return check_exit();
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    if (!d)
        return check_exit();
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64) {
        size_t len = strlen(e->d_name);
        if (len > 7 && strcmp(e->d_name + len - 7, ".lesson") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    CHECK(n >= 6);
    CHECK(n > 0 && strcmp(names[0], "01-machine-learning.lesson") == 0);
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        check_lesson_file(path);
        free(names[i]);
    }
    return check_exit();
}
