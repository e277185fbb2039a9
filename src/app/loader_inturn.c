/* The loader without threads (the WebAssembly build; meson picks this file
 * instead of loader.c there, where SDL_CreateThread fails): the same
 * interface, the work done in turn on the window's own thread.
 *
 * loader_start only records the path, so the window's first frame (the
 * progress bar) is drawn before any training. The first loader_done call
 * after that frame does the whole load. While the models train the
 * progress callback hands control back to the browser every ~30 ms
 * (emscripten_sleep, through ASYNCIFY), so the page never freezes; the
 * canvas keeps its progress bar until the trained frame replaces it. When
 * a lesson is ready the page is told (Module.onLessonReady), which hides
 * its loading indicator. */
#include "app/loader.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <emscripten.h>

#define YIELD_MS 30.0

struct Loader {
    char *path;
    Uint32 wake_event;
    int polls;        /* loader_done calls so far */
    bool done;
    bool ok;
    bool taken;
    float progress;
    double last_yield; /* emscripten_get_now() of the last yield */
    Session session;         /* valid when ok */
    char err[1200];
};

EM_JS(void, tell_page_ready, (const char *lesson, int ok), {
    if (Module.onLessonReady)
        Module.onLessonReady(UTF8ToString(lesson), !!ok);
})

static void wake(const Loader *ld)
{
    if (ld->wake_event == 0)
        return;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = ld->wake_event;
    /* Losing a wake-up only delays the next tick; nothing to do. */
    (void)SDL_PushEvent(&ev);
}

static void on_progress(void *ctx, int done, int total)
{
    Loader *ld = ctx;
    int pm = total > 0 ? (int)(1000.0 * done / total) : 1000;
    ld->progress = (float)(50 + pm * 95 / 100) / 1000.0f;
    double now = emscripten_get_now();
    if (now - ld->last_yield >= YIELD_MS) {
        emscripten_sleep(0); /* let the browser breathe */
        ld->last_yield = emscripten_get_now();
    }
}

static void run(Loader *ld)
{
    LessonError lerr;
    ld->last_yield = emscripten_get_now();
    Lesson *lesson = lesson_load(ld->path, &lerr);
    if (!lesson) {
        lesson_error_format(&lerr, ld->err, sizeof ld->err);
        ld->ok = false;
    } else {
        ld->progress = 0.05f;
        Course *course = course_create(lesson, on_progress, ld);
        session_init(&ld->session, course);
        ld->ok = true;
    }
    ld->progress = 1.0f;
    ld->done = true;
    tell_page_ready(ld->ok ? ld->session.course->lesson->name : ld->path,
                    ld->ok);
}

Loader *loader_start(const char *path, Uint32 wake_event, char *err,
                     size_t err_size)
{
    (void)err;
    (void)err_size;
    Loader *ld = xcalloc(1, sizeof *ld);
    ld->path = xstrdup(path);
    ld->wake_event = wake_event;
    wake(ld);
    return ld;
}

void loader_set_wake(Loader *ld, Uint32 wake_event)
{
    ld->wake_event = wake_event;
    wake(ld);
}

float loader_progress(const Loader *ld)
{
    return ld->progress;
}

bool loader_done(const Loader *ld)
{
    /* The interface is the threaded loader's, where asking is read-only;
     * here asking is what does the work. Every Loader is made by
     * loader_start on the heap, not const, so writing through it is
     * defined. */
    Loader *mut = (Loader *)ld;
    /* app.c ticks twice a turn of its loop, then draws: the third call is
     * the first of the turn after the progress bar's frame. */
    if (!mut->done && ++mut->polls > 2)
        run(mut);
    else if (!mut->done)
        wake(mut); /* that next turn comes at once */
    return mut->done;
}

bool loader_take(Loader *ld, Session *out, char *err, size_t err_size)
{
    if (!ld->done)
        run(ld);
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
    if (ld->ok && !ld->taken)
        session_deinit(&ld->session);
    free(ld->path);
    free(ld);
}
