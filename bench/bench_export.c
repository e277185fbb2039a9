/* Benchmark: export every step of the default lesson to PNG at 1920x1080
 * and 3840x2160 (budget: <= 60 ms a step at 1920x1080), printing ms per
 * step. Each size runs a few times into fresh temporary folders; the best
 * run is reported (the least disturbed by the machine), with the median
 * and the CPU time of both threads. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <SDL.h>
#include <SDL_image.h>

#include "export/export.h"
#include "export_fixture.h"
#include "session/session.h"

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Exports every step `runs` times at w x h; prints best and median ms a
 * step. Returns false on an export failure. */
static bool bench_size(Session *session, const char *base, int w, int h, int runs)
{
    enum { MAX_RUNS = 16 };
    double ms[MAX_RUNS], cpu[MAX_RUNS];
    int count = session_step_count(session);
    for (int r = 0; r < runs && r < MAX_RUNS; r++) {
        char dir[600], err[1024];
        snprintf(dir, sizeof dir, "%s/%dx%d-%d", base, w, h, r);
        if (mkdir(dir, 0755) != 0) {
            perror(dir);
            return false;
        }
        ExportDesc desc = {.dir = dir, .width = w, .height = h,
                           .view = {.numbers = true}};
        double t0 = clock_ms(CLOCK_MONOTONIC);
        double c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
        int status = export_run(session, &desc, err, sizeof err);
        ms[r] = (clock_ms(CLOCK_MONOTONIC) - t0) / count;
        cpu[r] = (clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0) / count;
        if (status != 0) {
            fprintf(stderr, "bench_export: %s\n", err);
            return false;
        }
        remove_tree(dir);
    }
    qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
    qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
    /* CPU time counts both threads (drawing and PNG encoding), so it is
     * above the wall time on an idle machine and steadier on a busy one. */
    printf("export %dx%d: %.1f ms a step (best of %d; median %.1f; "
           "cpu %.1f), %d steps%s\n",
           w, h, ms[0], runs, ms[runs / 2], cpu[0], count,
           w == 1920 && h == 1080 ? (ms[0] <= 60.0 ? "  [budget 60: ok]"
                                                   : "  [budget 60: OVER]")
                                  : "");
    return true;
}

int main(void)
{
    Session session;
    if (!fixture_default_show(&session, "bench_export"))
        return 1;
    char base[512];
    int status = 1;
    if (!fixture_temp_dir(base, sizeof base, "s2s-bench-export"))
        goto done;
    if (bench_size(&session, base, 1920, 1080, 5) &&
        bench_size(&session, base, 3840, 2160, 3))
        status = 0;
    remove_tree(base);
done:
    session_deinit(&session);
    IMG_Quit();
    SDL_Quit();
    return status;
}
