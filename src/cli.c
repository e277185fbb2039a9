/* Command-line parsing: long options with values either as the next
 * argument or after '=', exactly one lesson path, and a one-line error for
 * anything else. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "defaults.h"


void cli_print_help(FILE *out)
{
    fputs(
        "Usage: seq2seq-viz [OPTIONS] [LESSON]\n"
        "\n"
        "Step through a real, trained RNN encoder-decoder (seq2seq) model.\n"
        "LESSON is a .lesson file; default: the first shipped lesson.\n"
        "\n"
        "  --variant init|every|attention\n"
        "                           decoder variant to start with\n"
        "  --context last|last-transform|mean\n"
        "                           how the context vector C is formed\n"
        "  --input \"TEXT\"           input sentence instead of the lesson's\n"
        "  --lang zh|en             narration language\n"
        "  --theme light|dark       colour theme\n"
        "  --fullscreen             start full screen\n"
        "  --export DIR             render every step to DIR/step-001.png ...\n"
        "                           without a window, then exit\n"
        "  --export FILE.pdf        every step as a vector PDF page, with\n"
        "                           FILE.pdfpc (the narration as notes)\n"
        "  --export FILE.svg        with --step N: one step as SVG\n"
        "  --export FILE.gif        the animation of one step (--step N) or\n"
        "                           of the whole lesson, looping\n"
        "  --step N                 with --export: only step N\n"
        "  --size WxH               export and screenshot size (default "
        DEFAULT_SLIDE_SIZE_TEXT ")\n"
        "  --transparent            with --export: transparent background\n"
        "  --force                  with --export: replace an earlier export\n"
        "  --dump FILE              write weights and the forward trace as "
        "JSON\n"
        "                           ('-' = stdout), then exit\n"
        "  --view steps|compare|training\n"
        "                           the view to open or export: the step-"
        "through\n"
        "                           of one decoder (default), compare (every\n"
        "                           decoder one above the other on the shared\n"
        "                           encoder) or training (the picture at a\n"
        "                           snapshot of training, the loss chart and\n"
        "                           a teacher-forcing step)\n"
        "  --epoch N                with --dump, or with --view training for\n"
        "                           --export and --list-steps: the weights of\n"
        "                           training snapshot N (default the last "
        "epoch)\n"
        "  --list-steps             print the timeline (N, kind, title), then "
        "exit\n"
        "  --check                  validate and train the lesson, report, "
        "exit\n"
        "  -h, --help               this help\n"
        "      --version            the version\n"
        "\n"
        "Exit status: 0 success, 1 runtime failure, 2 bad usage or a bad "
        "lesson.\n"
        "In the window, press H for every key.\n",
        out);
}

bool cli_parse_size(const char *text, int *w, int *h)
{
    char *end;
    errno = 0;
    long a = strtol(text, &end, 10);
    if (end == text || (*end != 'x' && *end != 'X') || errno)
        return false;
    const char *rest = end + 1;
    long b = strtol(rest, &end, 10);
    if (end == rest || *end || errno)
        return false;
    if (a < 1 || b < 1 || a > SLIDE_MAX_SIDE || b > SLIDE_MAX_SIDE)
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

static bool parse_step(const char *text, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < 1 || v > INT_MAX)
        return false;
    *out = (int)v;
    return true;
}

/* An epoch number, 0 (the untrained weights) included. */
static bool parse_epoch(const char *text, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < 0 || v > INT_MAX)
        return false;
    *out = (int)v;
    return true;
}

/* Options that take a value. */
static const char *const valued[] = {
    "--variant", "--context", "--input", "--lang", "--theme",
    "--export",  "--step",    "--size",  "--dump",  "--epoch",
    "--view",
};

static bool takes_value(const char *name)
{
    for (size_t i = 0; i < sizeof valued / sizeof *valued; i++)
        if (strcmp(name, valued[i]) == 0)
            return true;
    return false;
}

static bool set_mode(CliOptions *o, CliMode m, const char *name, char *err,
                     size_t n)
{
    if (o->mode != MODE_WINDOW && o->mode != m) {
        snprintf(err, n, "%s cannot be combined with another mode option",
                 name);
        return false;
    }
    o->mode = m;
    return true;
}

bool cli_parse(int argc, char **argv, CliOptions *o, char *err,
               size_t err_size)
{
    memset(o, 0, sizeof *o);
    bool only_paths = false;
    bool want_step = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (only_paths || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (o->lesson_path) {
                snprintf(err, err_size,
                         "more than one lesson given: '%s' and '%s'",
                         o->lesson_path, arg);
                return false;
            }
            o->lesson_path = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_paths = true;
            continue;
        }
        /* Split "--name=value". */
        char name[64];
        const char *value = NULL;
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        if (len >= sizeof name) {
            snprintf(err, err_size, "unknown option '%.40s...' (see --help)",
                     arg);
            return false;
        }
        memcpy(name, arg, len);
        name[len] = '\0';
        if (takes_value(name)) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else {
                snprintf(err, err_size, "%s needs a value (see --help)",
                         name);
                return false;
            }
        } else if (eq) {
            snprintf(err, err_size, "%s takes no value", name);
            return false;
        }

        if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
            o->mode = MODE_HELP;
            return true;
        } else if (strcmp(name, "--version") == 0) {
            o->mode = MODE_VERSION;
            return true;
        } else if (strcmp(name, "--variant") == 0) {
            if (!variant_parse(value, &o->variant)) {
                snprintf(err, err_size,
                         "--variant: '%s' is not init, every or attention", value);
                return false;
            }
            o->has_variant = true;
        } else if (strcmp(name, "--view") == 0) {
            if (!view_parse(value, &o->view)) {
                snprintf(err, err_size,
                         "--view: '%s' is not steps, training or compare",
                         value);
                return false;
            }
            o->has_view = true;
        } else if (strcmp(name, "--context") == 0) {
            if (!context_parse(value, &o->context)) {
                snprintf(err, err_size,
                         "--context: '%s' is not last, last-transform or "
                         "mean",
                         value);
                return false;
            }
            o->has_context = true;
        } else if (strcmp(name, "--lang") == 0) {
            if (!lang_parse(value, &o->lang)) {
                snprintf(err, err_size, "--lang: '%s' is not zh or en",
                         value);
                return false;
            }
            o->has_lang = true;
        } else if (strcmp(name, "--theme") == 0) {
            if (!theme_parse(value, &o->theme)) {
                snprintf(err, err_size, "--theme: '%s' is not light or dark",
                         value);
                return false;
            }
            o->has_theme = true;
        } else if (strcmp(name, "--input") == 0) {
            o->input = value;
        } else if (strcmp(name, "--export") == 0) {
            if (!*value) {
                snprintf(err, err_size, "--export needs a folder or a "
                                        ".pdf, .svg or .gif file");
                return false;
            }
            o->export_dir = value;
            if (!set_mode(o, MODE_EXPORT, name, err, err_size))
                return false;
        } else if (strcmp(name, "--step") == 0) {
            if (!parse_step(value, &o->step)) {
                snprintf(err, err_size,
                         "--step: '%s' is not a step number (1, 2, ...)",
                         value);
                return false;
            }
            want_step = true;
        } else if (strcmp(name, "--epoch") == 0) {
            /* 0 is a valid epoch (the untrained weights); whether N is a
             * snapshot is checked once the course is trained */
            if (!parse_epoch(value, &o->epoch)) {
                snprintf(err, err_size,
                         "--epoch: '%s' is not an epoch number (0, 1, ...)",
                         value);
                return false;
            }
            o->has_epoch = true;
        } else if (strcmp(name, "--size") == 0) {
            if (!cli_parse_size(value, &o->width, &o->height)) {
                snprintf(err, err_size,
                         "--size: '%s' is not WxH with each side 1..%d "
                         "(e.g. 1920x1080)",
                         value, SLIDE_MAX_SIDE);
                return false;
            }
            o->has_size = true;
        } else if (strcmp(name, "--dump") == 0) {
            if (!*value) {
                snprintf(err, err_size, "--dump needs a file name or '-'");
                return false;
            }
            o->dump_path = value;
            if (!set_mode(o, MODE_DUMP, name, err, err_size))
                return false;
        } else if (strcmp(name, "--list-steps") == 0) {
            if (!set_mode(o, MODE_LIST_STEPS, name, err, err_size))
                return false;
        } else if (strcmp(name, "--check") == 0) {
            if (!set_mode(o, MODE_CHECK, name, err, err_size))
                return false;
        } else if (strcmp(name, "--fullscreen") == 0) {
            o->fullscreen = true;
        } else if (strcmp(name, "--transparent") == 0) {
            o->transparent = true;
        } else if (strcmp(name, "--force") == 0) {
            o->force = true;
        } else {
            snprintf(err, err_size, "unknown option '%s' (see --help)", name);
            return false;
        }
    }
    bool training = o->has_view && o->view == VIEW_TRAINING;
    if (o->has_epoch && o->mode != MODE_DUMP &&
        !(training && (o->mode == MODE_EXPORT || o->mode == MODE_LIST_STEPS ||
                       o->mode == MODE_WINDOW))) {
        snprintf(err, err_size,
                 "--epoch works with --dump, or with --view training");
        return false;
    }
    if (o->has_view && o->mode != MODE_EXPORT &&
        o->mode != MODE_LIST_STEPS && o->mode != MODE_WINDOW) {
        snprintf(err, err_size,
                 "--view works with the window, --export or --list-steps");
        return false;
    }
    if (want_step && o->mode != MODE_EXPORT) {
        snprintf(err, err_size, "--step only works with --export");
        return false;
    }
    if ((o->transparent || o->force) && o->mode != MODE_EXPORT) {
        snprintf(err, err_size, "%s only works with --export",
                 o->transparent ? "--transparent" : "--force");
        return false;
    }
    return true;
}
