/* The lesson picker (O) over a temporary folder with a good, a copied and a
 * broken lesson; dropped files; the pointer's tooltip and a click on the
 * progress bar; the first lesson trained in the background. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "rig.h"

/* Moves the picker's selection onto entry target with arrow keys. */
static void select_entry(AppState *app, int target)
{
    for (int i = 0; i < 50; i++)
        rig_key(app, SDLK_UP);
    for (int i = 0; i < target; i++)
        rig_key(app, SDLK_DOWN);
}

static void test_picker(const char *tmp)
{
    char dir[1024], good[1100], copy[1100], broken[1100];
    snprintf(dir, sizeof dir, "%s/lessons", tmp);
    CHECK(mkdir(dir, 0700) == 0);
    snprintf(good, sizeof good, "%s/a-opened.lesson", dir);
    snprintf(copy, sizeof copy, "%s/b-copy.lesson", dir);
    snprintf(broken, sizeof broken, "%s/c-broken.lesson", dir);
    size_t len;
    char *def = rig_read_all(rig_lesson(), &len);
    rig_write_file(good, def, len);
    rig_write_file(copy, def, len);
    const char *bad = "[lesson]\ntitle.en = Broken\nhiden = 8\n";
    rig_write_file(broken, bad, strlen(bad));
    char *def_text = def; /* written again for the dropped-file case */
    size_t def_len = len;

    Rig r;
    AppDesc d = {0};
    d.lesson_path = good;
    rig_open(&r, &d);
    Course *before = r.session->course;
    rig_key(r.app, SDLK_3);
    rig_key(r.app, SDLK_RETURN);

    rig_key(r.app, SDLK_o);
    CHECK(app_picker_open(r.app));
    CHECK(app_draw(r.app));
    int ib = app_picker_find(r.app, broken);
    int ic = app_picker_find(r.app, copy);
    CHECK(ib >= 0 && ic >= 0);
    CHECK(app_picker_find(r.app, rig_lesson()) >= 0 ||
          app_picker_find(r.app, good) >= 0);

    /* the broken lesson: its error, the current lesson stays */
    select_entry(r.app, ib);
    rig_key(r.app, SDLK_RETURN);
    rig_wait_loaded(r.app);
    CHECK(app_picker_open(r.app));
    CHECK_MSG(strstr(app_picker_note(r.app), "hiden") != NULL, "note: %s",
              app_picker_note(r.app));
    CHECK(r.session->course == before);
    CHECK(rig_step(&r) == 2);
    CHECK(app_draw(r.app));

    /* Esc closes, nothing changes */
    rig_key(r.app, SDLK_ESCAPE);
    CHECK(!app_picker_open(r.app));
    CHECK(r.session->course == before);

    /* the copy loads on the loader thread and replaces the session */
    rig_key(r.app, SDLK_o);
    select_entry(r.app, ic);
    rig_key(r.app, SDLK_RETURN);
    CHECK(app_loading(r.app));
    rig_wait_loaded(r.app);
    CHECK(!app_picker_open(r.app));
    CHECK(strcmp(app_lesson_path(r.app), copy) == 0);
    CHECK(strcmp(r.session->course->lesson->path, copy) == 0);
    CHECK(rig_step(&r) == 0);
    CHECK(app_draw(r.app));
    rig_key(r.app, SDLK_RIGHT);
    CHECK(rig_step(&r) == 1);

    /* a lesson broken after the list was made fails on the thread */
    rig_key(r.app, SDLK_o);
    int ig = app_picker_find(r.app, good);
    CHECK(ig >= 0);
    rig_write_file(good, bad, strlen(bad));
    select_entry(r.app, ig);
    rig_key(r.app, SDLK_RETURN);
    rig_wait_loaded(r.app);
    CHECK(app_picker_open(r.app));
    CHECK(app_picker_note(r.app)[0] != '\0');
    CHECK(strcmp(app_lesson_path(r.app), copy) == 0);
    rig_key(r.app, SDLK_ESCAPE);

    /* a dropped file (in the browser: one opened from disk by the page)
     * trains and replaces the show; a broken one says why and keeps it */
    SDL_Event drop;
    SDL_zero(drop);
    drop.type = SDL_DROPFILE;
    drop.drop.file = SDL_strdup(broken);
    app_handle_event(r.app, &drop);
    CHECK(app_loading(r.app));
    rig_wait_loaded(r.app);
    CHECK(strcmp(app_lesson_path(r.app), copy) == 0);
    CHECK_MSG(strstr(app_picker_note(r.app), "hiden") != NULL, "note: %s",
              app_picker_note(r.app));
    rig_key(r.app, SDLK_ESCAPE);
    rig_write_file(good, def_text, def_len);
    drop.drop.file = SDL_strdup(good);
    app_handle_event(r.app, &drop);
    CHECK(app_loading(r.app));
    rig_wait_loaded(r.app);
    CHECK(strcmp(app_lesson_path(r.app), good) == 0);
    CHECK(rig_step(&r) == 0);
    CHECK(app_draw(r.app));

    rig_close(&r);
    free(def_text);
    unlink(good);
    unlink(copy);
    unlink(broken);
    rmdir(dir);
}

static void test_hover_and_click(void)
{
    Rig r;
    rig_open(&r, NULL);
    rig_key(r.app, SDLK_END);
    CHECK(app_draw(r.app));
    const Scene *sc = app_scene(r.app);
    int cell = -1;
    for (int i = 0; i < sc->count && cell < 0; i++)
        if (sc->shapes[i].tooltip >= 0 && sc->shapes[i].role == ROLE_CELL)
            cell = i;
    CHECK(cell >= 0);
    if (cell >= 0) {
        SDL_Event ev;
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_MOUSEMOTION;
        rig_window_point(sc, &sc->shapes[cell], &ev.motion.x, &ev.motion.y);
        app_handle_event(r.app, &ev);
        CHECK(app_hover_text(r.app) != NULL);
        CHECK(app_needs_redraw(r.app));
        CHECK(app_draw(r.app));
        CHECK(app_hover_text(r.app) != NULL);
    }

    /* A click on the progress bar's first segment (its tooltip says
     * "1 / n") goes from the last step to the first. */
    sc = app_scene(r.app);
    int first = -1;
    for (int i = 0; i < sc->count && first < 0; i++)
        if (sc->shapes[i].tooltip >= 0 &&
            strncmp(sc->tooltips[sc->shapes[i].tooltip], "1 / ", 4) == 0)
            first = i;
    CHECK(first >= 0);
    CHECK(r.session->step == session_step_count(r.session) - 1);
    if (first >= 0) {
        SDL_Event ev;
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_MOUSEBUTTONDOWN;
        ev.button.button = SDL_BUTTON_LEFT;
        rig_window_point(sc, &sc->shapes[first], &ev.button.x, &ev.button.y);
        app_handle_event(r.app, &ev);
        CHECK(r.session->step == 0);
    }
    rig_close(&r);
}

/* An empty session trains its lesson on the loader thread behind a progress
 * bar; the window draws meanwhile. */
static void test_background_start(void)
{
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(
        0, RIG_W, RIG_H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = SDL_CreateSoftwareRenderer(surface);
    Session session;
    memset(&session, 0, sizeof session);
    AppDesc d = {0};
    d.lesson_path = rig_lesson();
    char err[512];
    AppState *app = app_state_create(NULL, sdl, &session, &d, err, sizeof err);
    CHECK_MSG(app != NULL, "%s", err);
    CHECK(app_loading(app));
    CHECK(app_draw(app)); /* the first frame does not wait for training */
    rig_key(app, SDLK_RIGHT); /* ignored while training */
    rig_wait_loaded(app);
    CHECK(session.course != NULL);
    CHECK(session.step == 0);
    /* No toast repeats the title over the key hints at start. */
    CHECK_MSG(app_toast_text(app)[0] == '\0', "start-up toast: %s",
              app_toast_text(app));
    CHECK(strcmp(app_lesson_path(app), rig_lesson()) == 0);
    CHECK(app_draw(app));
    rig_key(app, SDLK_RIGHT);
    CHECK(session.step == 1);
    app_state_destroy(app);
    session_deinit(&session);

    /* Q while training quits at once */
    memset(&session, 0, sizeof session);
    app = app_state_create(NULL, sdl, &session, &d, err, sizeof err);
    rig_key(app, SDLK_q);
    CHECK(app_quit_requested(app));
    app_state_destroy(app);
    session_deinit(&session);

    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(surface);
}

int main(void)
{
    rig_start();
    test_picker(rig_tmp_dir());
    test_hover_and_click();
    test_background_start();
    return rig_finish(check_count, check_failures);
}
