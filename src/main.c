/* seq2seq-viz: the command line picks one mode — the window, a batch PNG
 * export, a JSON dump, the step list, or a lesson check — and runs it on a
 * lesson trained here and now. */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_hints.h>

#include "app/app.h"
#include "check_report.h"
#include "cli.h"
#include "dump.h"
#include "export/export.h"
#include "export/slides.h"
#include "session/course.h"
#include "lesson/lesson.h"
#include "session/narration.h"
#include "paths.h"
#include "render/font_coverage.h"
#include "s2s_config.h"
#include "session/session.h"

/* The one signal flag (a global because a handler can reach nothing
 * else): SIGINT, SIGTERM and SIGHUP set it; training, the export loop and
 * the window poll it, clean up, and main then dies of the same signal so
 * the caller sees how it ended. SDL's own handlers are off: they turned
 * the signal into a quit event nobody read in --export. Only the window
 * and --export take them over (they have files and a window to clean
 * up); --check, --dump and --list-steps keep the default, which ends
 * them at once. */
static atomic_int stop_signal;

static void on_stop_signal(int sig)
{
    atomic_store(&stop_signal, sig);
}

static void install_stop_handlers(void)
{
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        sigaction(sigs[i], &sa, NULL);
}

/* The interface language when --lang is not given: Chinese when the
 * locale asks for it, English otherwise. */
static Lang default_lang(void)
{
    const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
    }
    return LANG_EN;
}

/* Writes text with its newlines, tabs and carriage returns as \n, \t
 * and \r, so a typed token cannot split a one-line message or a field. */
static void put_escaped(const char *text, FILE *f)
{
    for (const char *c = text; *c; c++) {
        if (*c == '\n')
            fputs("\\n", f);
        else if (*c == '\t')
            fputs("\\t", f);
        else if (*c == '\r')
            fputs("\\r", f);
        else
            fputc(*c, f);
    }
}

static void note_unknown_tokens(const Session *s)
{
    for (int i = 0; i < s->input_len; i++)
        if (s->unknown[i]) {
            fputs("seq2seq-viz: note: '", stderr);
            put_escaped(s->input_tokens[i], stderr);
            fputs("' was never seen in training; the model reads it as "
                  "<unk>\n",
                  stderr);
        }
}

/* Loads the lesson at path; on failure prints its one-line error. */
static Lesson *load_lesson(const char *path)
{
    LessonError lerr;
    Lesson *l = lesson_load(path, &lerr);
    if (!l) {
        char err[LESSON_ERROR_TEXT_SIZE];
        lesson_error_format(&lerr, err, sizeof err);
        fprintf(stderr, "%s\n", err);
    }
    return l;
}

/* The part of --check that needs the font: one line for every character
 * a lesson shows (titles, descriptions, tokens, narration, example
 * labels) that is not drawn from the shipped font, saying what stands in
 * for it. Every character draws, so this never fails the check. */
static int check_font(const char *path)
{
    LessonError lerr;
    Lesson *l = lesson_load(path, &lerr);
    if (!l)
        return 2; /* check_lesson has reported it */
    char err[512];
    char *font = paths_asset(PATHS_FONT_FILE);
    FontCoverage *fc = font ? font_coverage_open(font, err, sizeof err) : NULL;
    if (!fc) {
        fprintf(stderr, "seq2seq-viz: %s\n",
                font ? err
                     : "the shipped font was not found (set S2S_ASSETS_DIR)");
        free(font);
        lesson_free(l);
        return 1;
    }
    int lines = 0;
    for (int g = 0; g < LANG_COUNT; g++) {
        lines += font_coverage_report(fc, "the title", l->title[g], stdout);
        lines += font_coverage_report(fc, "the description",
                                      l->description[g], stdout);
        for (int k = 0; k < NARRATION_KEYS; k++)
            lines += font_coverage_report(fc, "[narration]",
                                          l->narration[k][g], stdout);
    }
    for (int i = 0; i < l->source_vocab.count; i++)
        lines += font_coverage_report(fc, "a source token",
                                      l->source_vocab.tokens[i], stdout);
    for (int i = 0; i < l->target_vocab.count; i++)
        lines += font_coverage_report(fc, "a target token",
                                      l->target_vocab.tokens[i], stdout);
    for (int i = 0; i < l->example_count; i++)
        lines += font_coverage_report(fc, "[softmax] labels",
                                      l->example_labels[i], stdout);
    if (!lines)
        printf("font: every character the lesson shows is in the shipped "
               "font\n");
    font_coverage_close(fc);
    free(font);
    lesson_free(l);
    return 0;
}

static int list_steps(const Session *s, Lang lang)
{
    const Timeline *tl = session_timeline(s);
    for (int k = 0; k < tl->count; k++) {
        char *title = session_step_title(s, k, lang);
        /* One step a line, three tab-separated fields. */
        printf("%d\t%s\t", k + 1, step_kind_name(tl->steps[k].kind));
        put_escaped(title, stdout);
        putchar('\n');
        free(title);
    }
    return 0; /* a write error is caught by finish_stdout */
}

static ViewOptions view_options(const CliOptions *opt)
{
    return (ViewOptions){
        .theme = opt->has_theme ? opt->theme : THEME_LIGHT,
        .lang = opt->has_lang ? opt->lang : default_lang(),
        .numbers = true,
        .transparent = opt->transparent,
    };
}

/* The window. The lesson is checked here (a few milliseconds) so a bad one
 * is one line on stderr before any window opens; training then runs on the
 * app's loader thread behind a progress bar, so the first frame does not
 * wait for it. */
static int run_window(const CliOptions *opt, const char *path)
{
    Lesson *lesson = load_lesson(path);
    if (!lesson)
        return 2;
    if (opt->input) {
        int ids[LESSON_MAX_INPUT + 1];
        int n = lesson_tokenize_input(lesson, opt->input, ids,
                                      LESSON_MAX_INPUT, NULL);
        if (n < 1) {
            fprintf(stderr,
                    "seq2seq-viz: --input: give 1 to %d tokens of the "
                    "lesson's language\n",
                    LESSON_MAX_INPUT);
            lesson_free(lesson);
            return 2;
        }
    }
    /* --epoch is checked against the lesson's snapshot epochs before any
     * window opens (they depend only on its epoch count) */
    if (opt->has_epoch && !train_is_snapshot_epoch(opt->epoch, lesson->epochs)) {
        fprintf(stderr, "seq2seq-viz: --epoch %d is not a training snapshot; "
                        "the snapshots are", opt->epoch);
        for (int e = 0, first = 1; e <= lesson->epochs; e++)
            if (train_is_snapshot_epoch(e, lesson->epochs)) {
                fprintf(stderr, "%s %d", first ? "" : ",", e);
                first = 0;
            }
        fputc('\n', stderr);
        lesson_free(lesson);
        return 2;
    }
    lesson_free(lesson);

    AppDesc desc = {
        .view = view_options(opt),
        .fullscreen = opt->fullscreen,
        .save_width = opt->has_size ? opt->width : 0,
        .save_height = opt->has_size ? opt->height : 0,
        .lesson_path = path,
        .has_variant = opt->has_variant,
        .has_context = opt->has_context,
        .variant = opt->variant,
        .context = opt->context,
        .input = opt->input,
        .has_view = opt->has_view,
        .start_view = opt->view,
        .has_epoch = opt->has_epoch,
        .epoch = opt->epoch,
        .stop = &stop_signal,
    };
    Session session = {0};
    int status = app_run(&session, &desc);
    if (session.course)
        session_deinit(&session);
    return status;
}

/* Every mode's last word: output lost on a full disk or a closed pipe is
 * a failure to say, not a silent exit 0. */
static int finish_stdout(int status)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    if (status != 0)
        return status; /* the mode has said what failed, in its one line */
    fprintf(stderr, "seq2seq-viz: cannot write to stdout: %s\n",
            errno ? strerror(errno) : "write error");
    return 1;
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
    int status = finish_stdout(run(argc, argv));
    int sig = atomic_load(&stop_signal);
    if (sig) {
        /* Everything is cleaned up: end as the signal would have. */
        signal(sig, SIG_DFL);
        raise(sig);
    }
    return status;
}

static int run(int argc, char **argv)
{
    CliOptions opt;
    char err[1024];
    if (!cli_parse(argc, argv, &opt, err, sizeof err)) {
        fprintf(stderr, "seq2seq-viz: %s\n", err);
        return 2;
    }
    if (opt.mode == MODE_HELP) {
        cli_print_help(stdout);
        return 0;
    }
    if (opt.mode == MODE_VERSION) {
        printf("seq2seq-viz %s\n", S2S_VERSION);
        return 0;
    }

    char *default_path = NULL;
    const char *path = opt.lesson_path;
    if (!path) {
        default_path = paths_default_lesson();
        if (!default_path) {
            fprintf(stderr, "seq2seq-viz: no shipped lessons found (set "
                            "S2S_LESSONS_DIR or give a LESSON file)\n");
            return 1;
        }
        path = default_path;
    }

    if (opt.mode == MODE_WINDOW || opt.mode == MODE_EXPORT)
        install_stop_handlers();

    if (opt.mode == MODE_CHECK) {
        int status = check_lesson(path, stdout, stderr);
        if (status != 2) {
            int font_status = check_font(path);
            if (font_status > status)
                status = font_status;
        }
        free(default_path);
        return status;
    }

    if (opt.mode == MODE_WINDOW) {
        int status = run_window(&opt, path);
        free(default_path);
        return status;
    }

    Lesson *lesson = load_lesson(path);
    if (!lesson) {
        free(default_path);
        return 2; /* every lesson problem, a missing file included */
    }

    /* --dump and --export draw one context mode: every decoder is trained
     * (they share the encoder), but only that mode's loss curves are
     * recorded; the other modes still record every decoder. */
    unsigned record = 0;
    if (opt.mode == MODE_DUMP || opt.mode == MODE_EXPORT)
        record = course_context_decoders(opt.has_context ? opt.context
                                                         : lesson->context);
    Course *course =
        course_create_recording(lesson, NULL, NULL, &stop_signal, record);
    if (!course) {
        free(default_path);
        return 1; /* stopped by a signal; main re-raises it */
    }
    Session session;
    session_init(&session, course);
    int status = 0;
    if (opt.has_variant && !course_has_variant(session.course, opt.variant)) {
        fprintf(stderr, "seq2seq-viz: --variant %s: %s does not train it "
                        "(attention = no)\n",
                variant_name(opt.variant), path);
        status = 2;
        goto done;
    }
    if (opt.has_variant)
        session_set_variant(&session, opt.variant);
    if (opt.has_context)
        session_set_context(&session, opt.context);
    if (opt.input && !session_set_input_text(&session, opt.input, LANG_EN, err,
                                             sizeof err)) {
        fprintf(stderr, "seq2seq-viz: --input: %s\n", err);
        status = 2;
        goto done;
    }
    if (opt.input)
        note_unknown_tokens(&session);
    /* --view training [--epoch N]: the traces at that snapshot (the dump
     * takes its own --epoch) */
    if (opt.has_view) /* cli refuses --view with --dump */
        session_set_view(&session, opt.view);
    if (opt.has_epoch && opt.mode != MODE_DUMP) {
        if (dump_epoch_error(session.course, opt.epoch, err, sizeof err)) {
            fprintf(stderr, "seq2seq-viz: %s\n", err);
            status = 2;
            goto done;
        }
        session_set_snapshot(&session,
                             course_snapshot_index(session.course, opt.epoch));
    }

    ViewOptions view = view_options(&opt);

    switch (opt.mode) {
    case MODE_LIST_STEPS:
        status = list_steps(&session, view.lang);
        break;
    case MODE_DUMP:
        if (opt.has_epoch &&
            dump_epoch_error(session.course, opt.epoch, err, sizeof err)) {
            fprintf(stderr, "seq2seq-viz: %s\n", err);
            status = 2;
            break;
        }
        if (!dump_write(&session, opt.has_epoch ? opt.epoch : -1, opt.dump_path,
                        err, sizeof err)) {
            fprintf(stderr, "seq2seq-viz: %s\n", err);
            status = 1;
        }
        break;
    case MODE_EXPORT: {
        if (slides_format(opt.export_dir) != SLIDES_NONE) {
            /* FILE.pdf, FILE.svg, FILE.gif: the cairo backend's slides. */
            SlidesDesc slides = {
                .path = opt.export_dir,
                .step = opt.step,
                .width = opt.has_size ? opt.width : 0,
                .height = opt.has_size ? opt.height : 0,
                .view = view,
                .force = opt.force,
            };
            status = export_slides(&session, &slides, err, sizeof err);
            if (status != 0)
                fprintf(stderr, "seq2seq-viz: %s\n", err);
            break;
        }
        ExportDesc desc = {
            .dir = opt.export_dir,
            .step = opt.step,
            .width = opt.has_size ? opt.width : 0,
            .height = opt.has_size ? opt.height : 0,
            .view = view,
            .force = opt.force,
            .progress = true,
            .stop = &stop_signal,
        };
        status = export_run(&session, &desc, err, sizeof err);
        if (status != 0)
            fprintf(stderr, "seq2seq-viz: %s\n", err);
        break;
    }
    default:
        break;
    }
done:
    session_deinit(&session);
    free(default_path);
    return status;
}
