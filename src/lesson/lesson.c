/* The lesson loader: a .lesson file (INI, parsed by inih) becomes a Lesson
 * value, or one LessonError naming file, line and problem. A shared lesson
 * file is untrusted input: its size is checked here, its bytes and lines by
 * reader.c, its values by convert.c. */
#include "lesson/lesson.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "lesson/parser.h"
#include "xalloc.h"

/* ---- languages -------------------------------------------------------- */

const char *lang_name(Lang l)
{
    return l == LANG_ZH ? "zh" : l == LANG_EN ? "en" : "?";
}

bool lang_parse(const char *name, Lang *out)
{
    if (strcmp(name, "zh") == 0)
        *out = LANG_ZH;
    else if (strcmp(name, "en") == 0)
        *out = LANG_EN;
    else
        return false;
    return true;
}


/* Records the first error only; later ones are consequences. */
bool parser_fail(Parser *p, LessonErrorKind kind, int line, const char *fmt,
                 ...)
{
    if (p->failed)
        return false;
    p->failed = true;
    p->err->kind = kind;
    p->err->line = line;
    snprintf(p->err->file, sizeof p->err->file, "%s", p->name);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
    return false;
}


static void parser_deinit(Parser *p)
{
    free(p->stash);
    for (int f = 0; f < F_COUNT; f++)
        free(p->value[f]);
    for (int i = 0; i < p->data.count; i++)
        free(p->data.items[i].text);
    for (int i = 0; i < p->test.count; i++)
        free(p->test.items[i].text);
    free(p->data.items);
    free(p->test.items);
}


Lesson *lesson_load_string(const char *text, size_t len, const char *name,
                           LessonError *err)
{
    LessonError scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof *err);
    Parser p = {.name = name ? name : "<string>", .err = err,
                .last_field = -2};
    Lesson *l = NULL;

    if (len > MAX_FILE_BYTES) {
        parser_fail(&p, LESSON_ERR_TOO_BIG, 0,
             "%zu bytes; a lesson file may have at most 1 MiB", len);
        goto fail;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    if (!parser_check_bytes(&p, text, len))
        goto fail;

    p.cur = text;
    p.end = text + len;
    int bad = ini_parse_stream(parser_read_line, &p, parser_handle, &p);
    if (bad > 0) {
        /* inih goes on after a syntax error, so an error of ours may have
         * come later in the file: the earlier one is the one to report. */
        int line = bad; /* inih's count is read_line's: a line a call */
        if (!p.failed || line < err->line) {
            p.failed = false;
            parser_syntax_error(&p, text, len, line);
        }
    }
    if (p.failed)
        goto fail;

    l = xcalloc(1, sizeof *l);
    l->path = xstrdup(p.name);
    l->name = parser_base_name(p.name);
    vocab_init_source(&l->source_vocab);
    vocab_init_target(&l->target_vocab);
    if (!parser_build(&p, l))
        goto fail;
    parser_deinit(&p);
    err->kind = LESSON_OK;
    return l;

fail:
    parser_deinit(&p);
    lesson_free(l);
    if (err->kind == LESSON_OK) { /* cannot happen; never report success */
        err->kind = LESSON_ERR_SYNTAX;
        snprintf(err->message, sizeof err->message, "unreadable lesson");
    }
    return NULL;
}

Lesson *lesson_load(const char *path, LessonError *err)
{
    LessonError scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof *err);
    snprintf(err->file, sizeof err->file, "%s", path);
    char *buf = NULL;
    Lesson *l = NULL;
    /* Non-blocking, so a FIFO or a device named like a lesson is refused
     * at once instead of waiting for a writer that never comes. */
    FILE *f = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st = {0};
    if (fd < 0) {
        err->kind = LESSON_ERR_IO;
        snprintf(err->message, sizeof err->message, "cannot open: %s",
                 strerror(errno));
        goto fail;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        err->kind = LESSON_ERR_IO;
        snprintf(err->message, sizeof err->message, "%s",
                 S_ISDIR(st.st_mode) ? "is a folder, not a .lesson file"
                                     : "not a regular file (a FIFO, device "
                                       "or socket); a lesson must be a file");
        close(fd);
        goto fail;
    }
    f = fdopen(fd, "rb");
    if (!f) {
        err->kind = LESSON_ERR_IO;
        snprintf(err->message, sizeof err->message, "cannot open: %s",
                 strerror(errno));
        close(fd);
        goto fail;
    }
    /* Read one byte past the limit so a too-big file (or a pipe) is told
     * from one that just fits, whatever stat says. */
    buf = xmalloc(MAX_FILE_BYTES + 1);
    size_t n = fread(buf, 1, MAX_FILE_BYTES + 1, f);
    if (ferror(f)) {
        err->kind = LESSON_ERR_IO;
        snprintf(err->message, sizeof err->message, "cannot read: %s",
                 strerror(errno));
        goto fail;
    }
    if (n > MAX_FILE_BYTES) {
        err->kind = LESSON_ERR_TOO_BIG;
        if (S_ISREG(st.st_mode))
            snprintf(err->message, sizeof err->message,
                     "%lld bytes; a lesson file may have at most 1 MiB",
                     (long long)st.st_size);
        else
            snprintf(err->message, sizeof err->message,
                     "over 1 MiB; a lesson file may have at most 1 MiB");
        goto fail;
    }
    l = lesson_load_string(buf, n, path, err);

fail:
    free(buf);
    if (f)
        fclose(f);
    return l;
}


static void free_pairs(LessonPair *ps, int n)
{
    for (int i = 0; i < n; i++) {
        free(ps[i].source);
        free(ps[i].target);
    }
    free(ps);
}

void lesson_free(Lesson *l)
{
    if (!l)
        return;
    free(l->path);
    free(l->name);
    for (int g = 0; g < LANG_COUNT; g++) {
        free(l->title[g]);
        free(l->description[g]);
    }
    vocab_deinit(&l->source_vocab);
    vocab_deinit(&l->target_vocab);
    free_pairs(l->pairs, l->pair_count);
    free_pairs(l->tests, l->test_count);
    free(l->input);
    for (int k = 0; k < NARRATION_KEYS; k++)
        for (int g = 0; g < LANG_COUNT; g++)
            free(l->narration[k][g]);
    free(l->example_logits);
    for (int i = 0; i < l->example_count; i++)
        free(l->example_labels[i]);
    free(l->example_labels);
    free(l);
}

void lesson_error_format(const LessonError *err, char *buf, size_t size)
{
    /* A newline or other control byte in the file name would split the
     * one-line error: written as \n, \t or \xHH. */
    char file[4 * sizeof err->file];
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)err->file;
         *s && n + 5 < sizeof file; s++) {
        if (*s == '\n')
            n += (size_t)snprintf(file + n, sizeof file - n, "\\n");
        else if (*s == '\t')
            n += (size_t)snprintf(file + n, sizeof file - n, "\\t");
        else if (*s < 0x20 || *s == 0x7f)
            n += (size_t)snprintf(file + n, sizeof file - n, "\\x%02X", *s);
        else
            file[n++] = (char)*s;
    }
    file[n] = '\0';
    if (err->line > 0)
        snprintf(buf, size, "%s:%d: %s", file, err->line, err->message);
    else
        snprintf(buf, size, "%s: %s", file, err->message);
}


TrainPair *lesson_train_pairs(const Lesson *l)
{
    TrainPair *tp = xcalloc((size_t)l->pair_count, sizeof *tp);
    for (int i = 0; i < l->pair_count; i++)
        tp[i] = (TrainPair){
            .source = l->pairs[i].source,
            .source_len = l->pairs[i].source_len,
            .target = l->pairs[i].target,
            .target_len = l->pairs[i].target_len,
        };
    return tp;
}

double lesson_training_work(const Lesson *l)
{
    enum { EXP_COST = 32, ADAM_EVERY = 4 }; /* ADAM_EVERY: train.c's BATCH_SIZE */
    /* the decoders trained: init and every for each context mode, and
     * attention's where the lesson has them (course_create_stoppable) */
    const double D =
        (l->attention ? VARIANT_COUNT : VARIANT_ATTENTION) * CONTEXT_COUNT;
    const double Da = l->attention ? CONTEXT_COUNT : 0;
    const double H = l->hidden, E = l->embed;
    const double A = l->attention_size > 0 ? l->attention_size : l->hidden;
    const double Vs = l->source_vocab.count, Vt = l->target_vocab.count;
    double steps = 0.0, attend = 0.0;
    for (int i = 0; i < l->pair_count; i++) {
        double S = l->pairs[i].source_len, T = l->pairs[i].target_len;
        steps += (S + T) * H * (H + E) + T * (H + EXP_COST) * Vt;
        /* an attention decoder also scores every h_i at every output step:
         * U_a·h_i once per input, W_a·s_{t-1}, then tanh, v_a, softmax and
         * c_t over the S inputs */
        attend += S * A * H + T * (A * H + S * (A + H + 2 * EXP_COST));
    }
    double params = Vs * E + D * (Vt * E + 2 * H * (H + E) + H * Vt) +
                    Da * A * (2 * H + 2);
    double updates = (double)((l->pair_count + ADAM_EVERY - 1) / ADAM_EVERY);
    return (double)l->epochs * (D * steps + Da * attend + updates * params);
}
