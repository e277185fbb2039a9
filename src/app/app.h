/* The window: an SDL window showing a session, driven by the keys of
 * DESIGN.md ("Keys"), with the animation clock, toasts, overlays, the input
 * field and the lesson picker. The only place with an event loop. */
#ifndef S2S_APP_H
#define S2S_APP_H

#include <stdatomic.h>
#include <stdbool.h>

#include "scene/scene.h"
#include "session/session.h"

typedef struct {
    ViewOptions view;
    bool fullscreen;
    int save_width, save_height; /* --size for S and E; 0 x 0: defaults.h */
    const char *lesson_path;     /* the opened lesson (for the picker) */

    /* Applied once the first lesson has loaded (when session starts empty):
     * the command line's --variant, --context and --input. */
    bool has_variant, has_context;
    Variant variant;
    ContextMode context;
    const char *input; /* NULL: the lesson's own */
    bool has_view;     /* --view, and --epoch (a snapshot epoch, checked) */
    SessionView start_view;
    bool has_epoch;
    int epoch;
    const atomic_int *stop; /* optional: non-zero (a signal) closes the
                               window within 0.1 s, training or not */
} AppDesc;

/* Opens the window on session (borrowed; the app may replace its course when
 * the user picks another lesson) and runs until the user quits. session may
 * be empty (all zero): then desc->lesson_path is loaded and trained on a
 * thread behind a progress bar, so the window's first frame does not wait
 * for training; the caller still session_deinit()s session afterwards. Returns
 * the process exit status (0, or 1 after an SDL failure, reported as one
 * line on stderr). */
int app_run(Session *session, const AppDesc *desc);

#endif
