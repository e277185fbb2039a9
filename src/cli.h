/* The command line of DESIGN.md ("Command line"): parsed into options that
 * pick one mode (window, export, dump, list, check, help, version). */
#ifndef S2S_CLI_H
#define S2S_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lesson/lesson.h"
#include "model/model.h"
#include "scene/scene.h"
#include "session/view.h"

typedef enum {
    MODE_WINDOW,
    MODE_EXPORT,
    MODE_DUMP,
    MODE_LIST_STEPS,
    MODE_CHECK,
    MODE_HELP,
    MODE_VERSION,
} CliMode;

typedef struct {
    CliMode mode;
    const char *lesson_path; /* NULL: the default lesson */

    bool has_variant, has_context, has_lang, has_theme, has_view;
    SessionView view; /* --view: steps (default), compare or training */
    Variant variant;
    ContextMode context;
    Lang lang;
    Theme theme;
    const char *input; /* NULL: the lesson's own */

    const char *export_dir;
    int step; /* --step N, 1-based; 0 = all */
    bool has_size;
    int width, height;
    bool transparent, force;

    const char *dump_path; /* "-" = stdout */
    bool has_epoch;
    int epoch; /* --epoch N: a training snapshot epoch (checked later) */
    bool fullscreen;
} CliOptions;

/* Parses argv. Returns true on success; otherwise false with a one-line
 * reason in err (exit status 2). */
bool cli_parse(int argc, char **argv, CliOptions *out, char *err,
               size_t err_size);

/* Parses "WxH" (1..SLIDE_MAX_SIDE each, defaults.h). */
bool cli_parse_size(const char *text, int *w, int *h);

void cli_print_help(FILE *out);

#endif
