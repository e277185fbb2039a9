/* The loader thread. The core is thread-safe for separate objects: this
 * thread makes its own lesson, course and session and shares nothing with the
 * window but two atomics and the finished session, handed over after the
 * thread ends (SDL_WaitThread orders the memory). */
#include "app/loader.h"
#include "xalloc.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROGRESS_WAKE_MS 50

struct Loader {
    char *path;
    SDL_atomic_t wake_event;  /* 0: none yet (loader_set_wake) */
    SDL_Thread *thread;
    SDL_atomic_t done;        /* 1 when the thread has finished */
    SDL_atomic_t permille;    /* progress * 1000 */
    atomic_int cancel;        /* set by loader_destroy: training stops */
    bool ok;                  /* written by the thread before done */
    bool taken;
    Uint64 last_wake;         /* SDL_GetTicks64 of the last progress wake */
    Session session;                /* valid when ok */
    char err[LESSON_ERROR_TEXT_SIZE];
};

static void wake(const Loader *ld)
{
    Uint32 type = (Uint32)SDL_AtomicGet((SDL_atomic_t *)&ld->wake_event);
    if (type == 0)
        return;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    /* Losing a wake-up only delays a progress redraw; nothing to do. */
    (void)SDL_PushEvent(&ev);
}

static void on_progress(void *ctx, int done, int total)
{
    Loader *ld = ctx;
    int pm = total > 0 ? (int)(1000.0 * done / total) : 1000;
    /* Parsing counts as the first few percent, so the bar moves at once. */
    SDL_AtomicSet(&ld->permille, 50 + pm * 95 / 100);
    /* Each wake redraws the progress frame on the window's thread, which
     * takes a core from training (the default lesson has 120 epochs in
     * about 100 ms); 20 redraws a second move the bar as smoothly. */
    Uint64 now = SDL_GetTicks64();
    if (now - ld->last_wake >= PROGRESS_WAKE_MS) {
        ld->last_wake = now;
        wake(ld);
    }
}

static int run(void *data)
{
    Loader *ld = data;
    LessonError lerr;
    Lesson *lesson = lesson_load(ld->path, &lerr);
    if (!lesson) {
        lesson_error_format(&lerr, ld->err, sizeof ld->err);
        ld->ok = false;
    } else {
        SDL_AtomicSet(&ld->permille, 50);
        wake(ld);
        Course *course =
            course_create_stoppable(lesson, on_progress, ld, &ld->cancel);
        if (course) {
            session_init(&ld->session, course);
            ld->ok = true;
        } else {
            snprintf(ld->err, sizeof ld->err, "loading was cancelled");
            ld->ok = false;
        }
    }
    SDL_AtomicSet(&ld->permille, 1000);
    SDL_AtomicSet(&ld->done, 1);
    wake(ld);
    return 0;
}

Loader *loader_start(const char *path, Uint32 wake_event, char *err,
                     size_t err_size)
{
    Loader *ld = xcalloc(1, sizeof *ld);
    ld->path = xstrdup(path);
    SDL_AtomicSet(&ld->wake_event, (int)wake_event);
    ld->thread = SDL_CreateThread(run, "s2s-loader", ld);
    if (!ld->thread) {
        snprintf(err, err_size, "cannot start loading %s: %s", path,
                 SDL_GetError());
        free(ld->path);
        free(ld);
        return NULL;
    }
    return ld;
}

void loader_set_wake(Loader *ld, Uint32 wake_event)
{
    /* The thread sets done, then reads the event to wake: either it reads
     * this one, or done is already set when it is read below. */
    SDL_AtomicSet(&ld->wake_event, (int)wake_event);
    if (loader_done(ld))
        wake(ld);
}

float loader_progress(const Loader *ld)
{
    return (float)SDL_AtomicGet((SDL_atomic_t *)&ld->permille) / 1000.0f;
}

bool loader_done(const Loader *ld)
{
    return SDL_AtomicGet((SDL_atomic_t *)&ld->done) != 0;
}

static void join(Loader *ld)
{
    if (ld->thread) {
        SDL_WaitThread(ld->thread, NULL);
        ld->thread = NULL;
    }
}

bool loader_take(Loader *ld, Session *out, char *err, size_t err_size)
{
    join(ld);
    if (ld->taken || !ld->ok) {
        snprintf(err, err_size, "%s", ld->taken ? "already taken" : ld->err);
        return false;
    }
    *out = ld->session;
    memset(&ld->session, 0, sizeof ld->session);
    ld->taken = true;
    return true;
}

void loader_destroy(Loader *ld)
{
    if (!ld)
        return;
    atomic_store(&ld->cancel, 1); /* a training thread ends within a batch */
    join(ld);
    if (ld->ok && !ld->taken)
        session_deinit(&ld->session);
    free(ld->path);
    free(ld);
}
