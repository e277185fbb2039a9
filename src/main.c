/* seq2seq-viz: the command line picks one mode — the window, a batch PNG
 * export, a JSON dump, the step list, or a lesson check — and runs it on a
 * lesson trained here and now. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "check.h"
#include "cli.h"
#include "dump.h"
#include "export/export.h"
#include "lesson/course.h"
#include "lesson/lesson.h"
#include "lesson/narration.h"
#include "paths.h"
#include "render/font_coverage.h"
#include "s2s_config.h"
#include "show/show.h"

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

static void note_unknown_tokens(const Show *s)
{
    for (int i = 0; i < s->input_len; i++)
        if (s->unknown[i])
            fprintf(stderr,
                    "seq2seq-viz: note: '%s' was never seen in training; "
                    "the model reads it as <unk>\n",
                    s->input_tokens[i]);
}

/* Loads the lesson at path; on failure prints its one-line error. */
static Lesson *load_lesson(const char *path)
{
    LessonError lerr;
    Lesson *l = lesson_load(path, &lerr);
    if (!l) {
        char err[1200];
        lesson_error_format(&lerr, err, sizeof err);
        fprintf(stderr, "%s\n", err);
    }
    return l;
}

/* Writes code point c as UTF-8 into out (5 bytes). */
static void utf8_encode(uint32_t c, char out[5])
{
    memset(out, 0, 5);
    if (c < 0x80) {
        out[0] = (char)c;
    } else if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
    } else {
        out[0] = (char)(0xF0 | (c >> 18));
        out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[3] = (char)(0x80 | (c & 0x3F));
    }
}

/* True when the font lacks a character of text; says so in one line. */
static bool font_lacks(const FontCoverage *fc, const char *path,
                       const char *where, const char *text)
{
    uint32_t c = text ? font_coverage_missing(fc, text) : 0;
    if (!c)
        return false;
    char ch[5];
    utf8_encode(c, ch);
    fprintf(stderr,
            "%s: the shipped font has no glyph for '%s' (U+%04X) in %s; it "
            "would show as an empty box\n",
            path, ch, (unsigned)c, where);
    return true;
}

/* The part of --check that needs the font: every character a lesson shows
 * (titles, descriptions, tokens, narration, example labels) must have a
 * glyph, since SDL_ttf 2.20 has no fallback font. Returns an exit
 * status. */
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
    bool bad = false;
    for (int g = 0; g < LANG_COUNT; g++) {
        bad = bad || font_lacks(fc, path, "the title", l->title[g]) ||
              font_lacks(fc, path, "the description", l->description[g]);
        for (int k = 0; k < STEP_KIND_COUNT; k++)
            bad = bad || font_lacks(fc, path, "[narration]", l->narration[k][g]);
    }
    for (int i = 0; i < l->source_vocab.count; i++)
        bad = bad || font_lacks(fc, path, "a source token",
                                l->source_vocab.tokens[i]);
    for (int i = 0; i < l->target_vocab.count; i++)
        bad = bad || font_lacks(fc, path, "a target token",
                                l->target_vocab.tokens[i]);
    for (int i = 0; i < l->example_count; i++)
        bad = bad || font_lacks(fc, path, "[softmax] labels",
                                l->example_labels[i]);
    if (!bad)
        printf("font: every character the lesson shows is in the shipped "
               "font\n");
    font_coverage_close(fc);
    free(font);
    lesson_free(l);
    return bad ? 2 : 0;
}

static int list_steps(const Show *s, Lang lang)
{
    const Timeline *tl = show_timeline(s);
    const Lesson *l = s->course->lesson;
    for (int k = 0; k < tl->count; k++) {
        char *title = narration_step_title(
            l, show_trace(s), &tl->steps[k], lang,
            (const char *const *)s->input_tokens);
        printf("%d\t%s\t%s\n", k + 1, step_kind_name(tl->steps[k].kind),
               title);
        free(title);
    }
    return fflush(stdout) == 0 ? 0 : 1;
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
    };
    Show show = {0};
    int status = app_run(&show, &desc);
    if (show.course)
        show_deinit(&show);
    return status;
}

int main(int argc, char **argv)
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

    Show show;
    show_init(&show, course_create(lesson, NULL, NULL));
    int status = 0;
    if (opt.has_variant)
        show_set_variant(&show, opt.variant);
    if (opt.has_context)
        show_set_context(&show, opt.context);
    if (opt.input && !show_set_input_text(&show, opt.input, err, sizeof err)) {
        fprintf(stderr, "seq2seq-viz: --input: %s\n", err);
        status = 2;
        goto done;
    }
    if (opt.input)
        note_unknown_tokens(&show);

    ViewOptions view = view_options(&opt);

    switch (opt.mode) {
    case MODE_LIST_STEPS:
        status = list_steps(&show, view.lang);
        break;
    case MODE_DUMP:
        if (opt.has_epoch &&
            dump_epoch_error(show.course, opt.epoch, err, sizeof err)) {
            fprintf(stderr, "seq2seq-viz: %s\n", err);
            status = 2;
            break;
        }
        if (!dump_write(&show, opt.has_epoch ? opt.epoch : -1, opt.dump_path,
                        err, sizeof err)) {
            fprintf(stderr, "seq2seq-viz: %s\n", err);
            status = 1;
        }
        break;
    case MODE_EXPORT: {
        ExportDesc desc = {
            .dir = opt.export_dir,
            .step = opt.step,
            .width = opt.has_size ? opt.width : 1920,
            .height = opt.has_size ? opt.height : 1080,
            .view = view,
            .force = opt.force,
            .progress = true,
        };
        status = export_run(&show, &desc, err, sizeof err);
        if (status != 0)
            fprintf(stderr, "seq2seq-viz: %s\n", err);
        break;
    }
    default:
        break;
    }
done:
    show_deinit(&show);
    free(default_path);
    return status;
}
