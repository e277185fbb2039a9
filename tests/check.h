/* A tiny test harness: CHECK reports file:line and counts failures; a test
 * program returns check_exit() so meson sees the outcome. */
#ifndef S2S_CHECK_H
#define S2S_CHECK_H

#include <math.h>
#include <stdio.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                          \
    do {                                                                     \
        check_count++;                                                       \
        if (!(cond)) {                                                       \
            check_failures++;                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,           \
                    __LINE__, #cond);                                        \
        }                                                                    \
    } while (0)

#define CHECK_MSG(cond, ...)                                                 \
    do {                                                                     \
        check_count++;                                                       \
        if (!(cond)) {                                                       \
            check_failures++;                                                \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, \
                    #cond);                                                  \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                \
    do {                                                                     \
        double check_a_ = (a), check_b_ = (b);                               \
        check_count++;                                                       \
        if (!(fabs(check_a_ - check_b_) <= (tol))) {                         \
            check_failures++;                                                \
            fprintf(stderr, "%s:%d: %s = %.10g, expected %s = %.10g (tol %g)\n", \
                    __FILE__, __LINE__, #a, check_a_, #b, check_b_,          \
                    (double)(tol));                                          \
        }                                                                    \
    } while (0)

static inline int check_exit(void)
{
    if (check_count == 0) {
        fprintf(stderr, "no checks ran\n");
        return 1;
    }
    fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif
