/* --check: what a teacher runs on a new lesson before class. It loads the
 * lesson, trains every model the window would, and says whether the lesson
 * is sound: every training pair must decode in the lesson's own variant
 * and context mode, and in every other decoder trained, or the class would
 * see a wrong answer. */
#include "check_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "session/course.h"
#include "lesson/lesson.h"

#define MAX_SHOWN 5 /* failing pairs listed */

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* Prints ids joined as the tokenizer splits; a target's <eos> is left out. */
static void print_tokens(FILE *out, const Vocab *v, Tokenizer tk,
                         const int *ids, int n, bool target)
{
    bool first = true;
    for (int i = 0; i < n; i++) {
        if (target && ids[i] == VOCAB_EOS)
            continue;
        if (!first && tk == TOKENIZE_SPACES)
            fputc(' ', out);
        fputs(ids[i] >= 0 && ids[i] < v->count ? v->tokens[ids[i]] : "?",
              out);
        first = false;
    }
}

static bool decodes(const Course *c, Variant v, ContextMode m,
                    const LessonPair *pair, Trace *tr)
{
    course_run(c, v, m, pair->source, pair->source_len, tr);
    return tr->output_len == pair->target_len &&
           memcmp(tr->pick, pair->target,
                  (size_t)tr->output_len * sizeof(int)) == 0;
}

/* Held-out accuracy, one column per input length present in [test]. */
static void report_tests(FILE *out, const Course *c)
{
    const Lesson *l = c->lesson;
    int lens[LESSON_MAX_INPUT + 1] = {0};
    for (int i = 0; i < l->test_count; i++)
        lens[l->tests[i].source_len]++;
    fprintf(out, "held-out accuracy by input length (pairs):\n");
    fprintf(out, "  %-9s %-15s", "variant", "context");
    for (int n = 1; n <= LESSON_MAX_INPUT; n++) {
        if (!lens[n])
            continue;
        char head[32];
        snprintf(head, sizeof head, "len %d (%d)", n, lens[n]);
        fprintf(out, " %11s", head);
    }
    fprintf(out, " %11s\n", "all");
    for (int v = 0; v < VARIANT_COUNT; v++) {
        if (!course_has_variant(c, (Variant)v))
            continue; /* attention = no */
        for (int m = 0; m < CONTEXT_COUNT; m++) {
            fprintf(out, "  %-9s %-15s", variant_name((Variant)v),
                    context_name((ContextMode)m));
            int right_all = 0;
            for (int n = 1; n <= LESSON_MAX_INPUT; n++) {
                if (!lens[n])
                    continue;
                int right = 0;
                for (int i = 0; i < l->test_count; i++) {
                    if (l->tests[i].source_len != n)
                        continue;
                    Trace tr;
                    right += decodes(c, (Variant)v, (ContextMode)m,
                                     &l->tests[i], &tr);
                    trace_deinit(&tr);
                }
                right_all += right;
                fprintf(out, " %10.1f%%", 100.0 * right / lens[n]);
            }
            fprintf(out, " %10.1f%%\n", 100.0 * right_all / l->test_count);
        }
    }
}

int check_lesson(const char *path, FILE *out, FILE *err)
{
    LessonError lerr;
    Lesson *l = lesson_load(path, &lerr);
    if (!l) {
        char line[LESSON_ERROR_TEXT_SIZE];
        lesson_error_format(&lerr, line, sizeof line);
        fprintf(err, "%s\n", line);
        return 2;
    }

    fprintf(out, "%s: %s / %s\n", path, l->title[LANG_ZH], l->title[LANG_EN]);
    fprintf(out,
            "pairs: %d training, %d held-out; vocabulary: %d source "
            "(with <unk>), %d target (with <go> <eos>), %d output "
            "(without <go>)\n",
            l->pair_count, l->test_count, l->source_vocab.count,
            l->target_vocab.count, l->target_vocab.count - VOCAB_OUTPUT_FIRST);
    fprintf(out,
            "model: hidden %d, embed %d; training: %d epochs, learning "
            "rate %g, unk rate %g, seed %llu; max_len %d\n",
            l->hidden, l->embed, l->epochs, l->learning_rate, l->unk_rate,
            (unsigned long long)l->seed, l->max_len);

    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    Course *c = course_create(l, NULL, NULL); /* owns l from here */
    fprintf(out, "trained one shared encoder with %d decoders in %.3f s\n",
            c->set.decoder_count, seconds_since(&t0));

    fprintf(out, "  %-9s %-15s %10s  %s\n", "variant", "context",
            "final loss", "training accuracy");
    int short_decoders = 0; /* decoders that miss some training pair */
    for (int v = 0; v < VARIANT_COUNT; v++) {
        if (!course_has_variant(c, (Variant)v))
            continue; /* attention = no */
        for (int m = 0; m < CONTEXT_COUNT; m++) {
            double loss = course_loss(c, (Variant)v,
                                      (ContextMode)m)[c->log.epochs];
            double acc = course_accuracy(c, (Variant)v, (ContextMode)m,
                                         l->pairs, l->pair_count);
            int right = (int)(acc * l->pair_count + 0.5);
            short_decoders += right < l->pair_count;
            bool own = v == (int)l->variant && m == (int)l->context;
            fprintf(out, "  %-9s %-15s %10.4f  %d/%d (%.1f%%)%s\n",
                    variant_name((Variant)v), context_name((ContextMode)m),
                    loss, right, l->pair_count, 100 * acc,
                    own ? "  <- the lesson's own" : "");
        }
    }
    if (l->test_count > 0)
        report_tests(out, c);

    Trace tr;
    course_run(c, l->variant, l->context, l->input, l->input_len, &tr);
    fprintf(out, "input \"");
    print_tokens(out, &l->source_vocab, l->source_tokenizer, l->input,
                 l->input_len, false);
    fprintf(out, "\" -> \"");
    print_tokens(out, &l->target_vocab, l->target_tokenizer, tr.pick,
                 tr.output_len, true);
    fprintf(out, "\" (%s, %s), p(y|x) = %.4f\n", variant_name(l->variant),
            context_name(l->context), exp(tr.logprob));
    trace_deinit(&tr);

    int wrong = 0;
    for (int i = 0; i < l->pair_count; i++) {
        if (decodes(c, l->variant, l->context, &l->pairs[i], &tr)) {
            trace_deinit(&tr);
            continue;
        }
        if (++wrong <= MAX_SHOWN) {
            fprintf(out, "  wrong: \"");
            print_tokens(out, &l->source_vocab, l->source_tokenizer,
                         l->pairs[i].source, l->pairs[i].source_len, false);
            fprintf(out, "\" -> \"");
            print_tokens(out, &l->target_vocab, l->target_tokenizer,
                         tr.pick, tr.output_len, true);
            fprintf(out, "\", expected \"");
            print_tokens(out, &l->target_vocab, l->target_tokenizer,
                         l->pairs[i].target, l->pairs[i].target_len, true);
            fprintf(out, "\"\n");
        }
        trace_deinit(&tr);
    }
    if (wrong)
        fprintf(out,
                "not sound: %d of %d training pairs do not decode with %s / "
                "%s (try more epochs, a larger hidden size, or another "
                "seed)\n",
                wrong, l->pair_count, variant_name(l->variant),
                context_name(l->context));
    else if (short_decoders)
        /* DESIGN.md: every decoder decodes the training pairs, or V and the
         * context switch would show a class a wrong answer to a pair it was
         * taught */
        fprintf(out,
                "not sound: every training pair decodes with %s / %s, but %d "
                "of the %d decoders miss some (see the table; try more "
                "epochs, a larger hidden size, or another seed)\n",
                variant_name(l->variant), context_name(l->context),
                short_decoders, c->set.decoder_count);
    else
        fprintf(out,
                "sound: every training pair decodes with %s / %s and with "
                "every other decoder\n",
                variant_name(l->variant), context_name(l->context));
    course_destroy(c);
    return wrong || short_decoders ? 1 : 0;
}
