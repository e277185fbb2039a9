/* --check's report: a sound lesson returns 0 and reports every variant and
 * context mode; a held-out section gives accuracy by length; a malformed
 * lesson is one line on err and status 2. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check_report.h"

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
    fputs(out, stderr); /* the figures, for the log */
    free(out);
    free(err);

    CHECK(run("/nonexistent/x.lesson", &out, &err) == 2);
    CHECK(*out == '\0');
    CHECK(strncmp(err, "/nonexistent/x.lesson: ", 23) == 0);
    CHECK(strchr(err, '\n') == err + strlen(err) - 1);
    free(out);
    free(err);
    return check_exit();
}
