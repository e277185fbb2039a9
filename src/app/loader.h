/* Loading and training a lesson on its own thread, so the window keeps
 * drawing (a progress bar) while the models train. The thread owns every
 * object it makes until the app takes the finished session. */
#ifndef S2S_APP_LOADER_H
#define S2S_APP_LOADER_H

#include <stdbool.h>

#include <SDL.h>

#include "session/session.h"

typedef struct Loader Loader;

/* Starts loading path. wake_event (0 = none) is pushed as an SDL user
 * event on progress and when done, so a waiting event loop wakes up.
 * Returns NULL with a one-line reason in err when the thread cannot start.
 * Destroy with loader_destroy (which waits for the thread). */
Loader *loader_start(const char *path, Uint32 wake_event, char *err,
                     size_t err_size);

/* Sets (or changes) the event pushed on progress and when done. A loader
 * started before SDL's events are up (app_run starts training first, so
 * it overlaps the window's start-up) gets its event here; if it finished
 * before, the event is pushed now, so the finish is never missed. */
void loader_set_wake(Loader *ld, Uint32 wake_event);

/* Done so far in [0, 1]. */
float loader_progress(const Loader *ld);
bool loader_done(const Loader *ld);

/* After loader_done: on success moves the new session into *out (the caller
 * deinits it) and returns true; on failure returns false with the lesson's
 * one-line error in err. Joins the thread. Call once. */
bool loader_take(Loader *ld, Session *out, char *err, size_t err_size);

/* Stops a training still running (within one training batch), waits for
 * the thread and frees everything it still holds. NULL is fine. */
void loader_destroy(Loader *ld);

#endif
