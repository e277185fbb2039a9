/* Batch export: every step of a session (or one) rendered without a window
 * to DIR/step-001.png ..., each at its finished state, plus notes.md with
 * each step's title and narration. Every file is written to a temporary
 * name in the same folder and renamed when complete. Also the window's
 * two savers: S (this view as one PNG) and E (every step into a new
 * folder), both under the XDG pictures folder. */
#ifndef S2S_EXPORT_H
#define S2S_EXPORT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "defaults.h"
#include "scene/scene.h"
#include "session/session.h"


/* export_run's and export_all_steps' results (also exit statuses). */
enum {
    EXPORT_OK = 0,
    EXPORT_FAILED = 1,   /* a runtime failure: I/O, SDL */
    EXPORT_USAGE = 2,    /* a bad size or step, an earlier export in dir */
    EXPORT_CANCELLED = 3 /* the progress callback returned false */
};

/* Told after each step is rendered and written (to its temporary name):
 * done of total. Return false to cancel: the export then removes every
 * file it wrote and returns EXPORT_CANCELLED. */
typedef struct {
    bool (*func)(void *ctx, int done, int total);
    void *ctx;
} ExportProgress;

typedef struct {
    const char *dir;   /* made if missing (its parent must exist) */
    int step;          /* 1-based; 0 = every step */
    int width, height; /* 0 x 0: the default (defaults.h); else 1..SLIDE_MAX_SIDE */
    ViewOptions view;
    bool force;    /* overwrite an earlier export in dir */
    bool progress; /* a progress bar on stderr (only when it is a tty) */
    const char *font_path;   /* NULL = the shipped font (paths_asset) */
    ExportProgress on_step;  /* optional: progress and cancel */
    const atomic_int *stop;  /* optional: non-zero (a signal) cancels the
                                export before its next step; its
                                temporaries are removed */
} ExportDesc;

/* Returns the process exit status: 0 done, 1 a runtime failure (I/O, SDL),
 * 2 bad usage (a step out of range, a bad size, a folder holding an earlier
 * export without force), 3 cancelled by desc->on_step; the reason goes to
 * err as one line. On failure no file of this export is left behind: all
 * files are rendered to temporary names first and renamed into place only
 * when every one of them is complete. With force, step-*.png files of an
 * earlier full export beyond this export's last step are removed, so the
 * folder never mixes two exports (a --step export replaces only its own
 * file and notes.md). The session is only read: its step does not move. */
int export_run(const Session *session, const ExportDesc *desc, char *err,
               size_t err_size);

/* The folder screenshots go to: $XDG_PICTURES_DIR, else XDG_PICTURES_DIR
 * of $XDG_CONFIG_HOME/user-dirs.dirs (~/.config/...), else ~/Pictures;
 * then "/seq2seq-viz". Created (with its parents) when missing. Returns
 * false with a one-line reason in err when there is no HOME or it cannot
 * be created. */
bool export_pictures_dir(char *out, size_t out_size, char *err,
                         size_t err_size);

/* Key S: renders the session's current step, finished (progress 1), at
 * w x h pixels (re-laid out for that size, not scaled) and writes it to
 * export_pictures_dir()/<lesson>-<variant>-<context>-step-007.png. An
 * existing file is never overwritten: -2, -3, ... are added (hard-link
 * creation, so a concurrent writer cannot be overwritten either). font_path
 * NULL = the shipped font. Usable while a window is open (it renders
 * offscreen with a software renderer). On success writes the path to
 * out_path and returns true; else false, a one-line reason in err and no
 * file left behind. */
bool export_save_view(const Session *session, const ViewOptions *view,
                      int w, int h, const char *font_path, char *out_path,
                      size_t out_size, char *err, size_t err_size);

/* Key E: exports every step of the session (its variant, context mode and
 * input; view's theme and language) at w x h into a new folder
 * export_pictures_dir()/<lesson>-<variant>-<context>-steps (then -2, -3,
 * ...), as export_run does, calling progress after each step. Returns an
 * EXPORT_* status; on EXPORT_OK the folder's path is in out_dir. On
 * failure or cancel the new folder and everything in it are removed. */
int export_all_steps(const Session *session, const ViewOptions *view,
                     int w, int h, const char *font_path, ExportProgress progress,
                     char *out_dir, size_t out_size, char *err,
                     size_t err_size);

#endif
