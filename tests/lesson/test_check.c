/* --check's report: a sound lesson returns 0 and reports every variant and
 * context mode; a held-out section gives accuracy by length, and what the
 * narration of lessons 06 and 07 says of it is what the report shows; a
 * lesson where some decoder other than its own misses a training pair is
 * not sound (status 1); a malformed lesson is one line on err and status
 * 2. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "check_report.h"

/* The held-out accuracy (percent) that report prints for variant/context at
 * input length len, or -1 when the table has no such row or column. */
static double held_out(const char *report, const char *variant,
                       const char *context, int len)
{
    const char *table = strstr(report, "held-out accuracy by input length");
    if (!table)
        return -1;
    const char *head = strchr(table, '\n');
    if (!head)
        return -1;
    head++;
    const char *head_end = strchr(head, '\n');
    int column = -1, k = 0;
    for (const char *q = strstr(head, "len "); q && q < head_end;
         q = strstr(q + 4, "len "), k++)
        if (atoi(q + 4) == len)
            column = k;
    if (column < 0 || !head_end)
        return -1;
    char prefix[64];
    snprintf(prefix, sizeof prefix, "\n  %-9s %-15s", variant, context);
    const char *row = strstr(head_end, prefix);
    if (!row)
        return -1;
    row += strlen(prefix);
    double value = -1;
    for (int i = 0; i <= column; i++) {
        char *end;
        value = strtod(row, &end);
        if (end == row || *end != '%')
            return -1;
        row = end + 1;
    }
    return value;
}

static const char *const variants[] = {"init", "every", "attention"};
static const char *const contexts[] = {"last", "last-transform", "mean"};

/* Every input length from shortest to longest has a column in the
 * held-out table with at least 8 pairs, so a chart of it means something. */
static void check_held_out_counts(const char *report, int shortest,
                                  int longest)
{
    for (int n = shortest; n <= longest; n++) {
        char head[32];
        snprintf(head, sizeof head, "len %d (", n);
        const char *q = strstr(report, head);
        CHECK_MSG(q && atoi(q + strlen(head)) >= 8,
                  "held-out length %d: %d pairs", n,
                  q ? atoi(q + strlen(head)) : 0);
    }
}

/* Runs check_lesson on path; the report lands in *out_text (malloc'd). */
static int run(const char *path, char **out_text, char **err_text)
{
    FILE *out = tmpfile(), *err = tmpfile();
    int status = check_lesson(path, out, err);
    FILE *fs[2] = {out, err};
    char **texts[2] = {out_text, err_text};
    for (int i = 0; i < 2; i++) {
        long n = ftell(fs[i]);
        rewind(fs[i]);
        *texts[i] = calloc((size_t)n + 1, 1);
        if (fread(*texts[i], 1, (size_t)n, fs[i]) != (size_t)n)
            (*texts[i])[0] = '\0';
        fclose(fs[i]);
    }
    return status;
}

int main(void)
{
    const char *dir = getenv("S2S_LESSONS_DIR");
    CHECK(dir != NULL);
    if (!dir)
        return check_exit();
    char path[1024], *out, *err;

    snprintf(path, sizeof path, "%s/05-softmax.lesson", dir);
    CHECK(run(path, &out, &err) == 0);
    CHECK(strstr(out, "vocabulary: 6 source") != NULL);
    CHECK(strstr(out, "every     last-transform") != NULL);
    /* attention = no: no attention decoder is trained or reported */
    CHECK(strstr(out, "with 6 decoders") != NULL);
    CHECK(strstr(out, "attention ") == NULL);
    CHECK(strstr(out, "sound: every training pair decodes") != NULL);
    CHECK(*err == '\0');
    free(out);
    free(err);

    snprintf(path, sizeof path, "%s/06-reverse.lesson", dir);
    CHECK(run(path, &out, &err) == 0);
    CHECK(strstr(out, "held-out accuracy by input length") != NULL);
    CHECK(strstr(out, "len 7 (") != NULL);
    CHECK(strstr(out, "with 9 decoders") != NULL);
    CHECK(strstr(out, "  attention last-transform") != NULL);
    check_held_out_counts(out, 4, 7);
    /* what the lesson's summary says of its chart, row by row: fewer right
     * at 7 digits (longer than any training string) than at 4, and at most
     * a third at 7 */
    for (int v = 0; v < 3; v++)
        for (int m = 0; m < 3; m++) {
            double at4 = held_out(out, variants[v], contexts[m], 4);
            double at7 = held_out(out, variants[v], contexts[m], 7);
            CHECK_MSG(at4 >= 0 && at7 >= 0 && at7 < at4 && at7 <= 100.0 / 3,
                      "06 %s/%s: %.1f%% at 4 digits, %.1f%% at 7",
                      variants[v], contexts[m], at4, at7);
        }
    fputs(out, stderr); /* the figures, for the log */
    free(out);
    free(err);

    /* the long-input lesson: every decoder's held-out accuracy up to the
     * longest inputs, and what its summary says of them, in the lesson's
     * own context mode: attention above init and every at every length,
     * init and every with none of the longest right, attention too lower
     * there than at the shortest */
    snprintf(path, sizeof path, "%s/07-reverse-long.lesson", dir);
    CHECK(run(path, &out, &err) == 0);
    CHECK(strstr(out, "with 9 decoders") != NULL);
    enum { SHORTEST = 4, LONGEST = 10 };
    check_held_out_counts(out, SHORTEST, LONGEST);
    for (int v = 0; v < 3; v++)
        for (int m = 0; m < 3; m++)
            CHECK_MSG(held_out(out, variants[v], contexts[m], LONGEST) >= 0,
                      "07: no %s/%s accuracy at %d digits", variants[v],
                      contexts[m], LONGEST);
    const char *own = "last-transform";
    /* the training table marks attention / last-transform as the own one */
    const char *own_row = strstr(out, "  attention last-transform");
    const char *own_end = own_row ? strchr(own_row, '\n') : NULL;
    const char *mark = own_row ? strstr(own_row, "<- the lesson's own") : NULL;
    CHECK(mark && own_end && mark < own_end);
    for (int n = SHORTEST; n <= LONGEST; n++) {
        double init = held_out(out, "init", own, n);
        double every = held_out(out, "every", own, n);
        double attention = held_out(out, "attention", own, n);
        CHECK_MSG(attention > init && attention > every,
                  "07 at %d digits: attention %.1f%%, init %.1f%%, every "
                  "%.1f%%", n, attention, init, every);
    }
    CHECK(held_out(out, "init", own, LONGEST) == 0);
    CHECK(held_out(out, "every", own, LONGEST) == 0);
    CHECK(held_out(out, "attention", own, LONGEST) <
          held_out(out, "attention", own, SHORTEST));
    fputs(out, stderr);
    free(out);
    free(err);

    /* a lesson whose own decoder (attention / last) decodes every pair
     * while init / mean, which sees the strings only as the mean of their
     * encoder states, does not (measured: 20 of 30): not sound, status 1 */
    char tmpdir[] = "/tmp/s2s-check-XXXXXX";
    CHECK(mkdtemp(tmpdir) != NULL);
    snprintf(path, sizeof path, "%s/own-only.lesson", tmpdir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("[lesson]\ntitle.zh = 倒序\ntitle.en = reversal\n"
              "variant = attention\ncontext = last\nsource_tokens = chars\n"
              "target_tokens = chars\nhidden = 8\nembed = 2\nseed = 1\n"
              "epochs = 100\nunk_rate = 0\n[data]\n", f);
        for (int n = 1; n <= 4; n++)
            for (int bits = 0; bits < 1 << n; bits++) {
                char src[8], tgt[8];
                for (int i = 0; i < n; i++)
                    src[i] = tgt[n - 1 - i] = (bits >> i & 1) ? '2' : '1';
                src[n] = tgt[n] = '\0';
                fprintf(f, "pair = %s | %s\n", src, tgt);
            }
        fclose(f);
    }
    CHECK(run(path, &out, &err) == 1);
    CHECK(strstr(out, "  attention last            ") != NULL &&
          strstr(out, "30/30 (100.0%)  <- the lesson's own") != NULL);
    CHECK(strstr(out, "not sound: every training pair decodes with "
                      "attention / last, but ") != NULL);
    CHECK(strstr(out, "\nsound:") == NULL);
    free(out);
    free(err);
    remove(path);
    rmdir(tmpdir);

    CHECK(run("/nonexistent/x.lesson", &out, &err) == 2);
    CHECK(*out == '\0');
    CHECK(strncmp(err, "/nonexistent/x.lesson: ", 23) == 0);
    CHECK(strchr(err, '\n') == err + strlen(err) - 1);
    free(out);
    free(err);
    return check_exit();
}
