/* The app tests' shared rig (rig.h). */
#include "rig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "paths.h"

static char *default_path;
static char tmp_dir[] = "/tmp/s2s-app-XXXXXX";

void rig_start(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        exit(1);
    }
    SDL_StopTextInput();
    default_path = paths_default_lesson();
    CHECK(default_path != NULL);
    if (!default_path) {
        fprintf(stderr, "no default lesson found\n");
        exit(1);
    }
    CHECK(mkdtemp(tmp_dir) != NULL);
    char pics[64];
    snprintf(pics, sizeof pics, "%s/pictures", tmp_dir);
    CHECK(mkdir(pics, 0700) == 0);
    setenv("XDG_PICTURES_DIR", pics, 1);
}

int rig_finish(int test_checks, int test_failures)
{
    free(default_path);
    default_path = NULL;
    SDL_Quit();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmp_dir);
    check_count += test_checks;
    check_failures += test_failures;
    return check_exit();
}

const char *rig_lesson(void)
{
    return default_path;
}

const char *rig_tmp_dir(void)
{
    return tmp_dir;
}

Session *rig_session_new(const char *path)
{
    LessonError err;
    Lesson *l = lesson_load(path, &err);
    if (!l) {
        char buf[1200];
        lesson_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        exit(1);
    }
    Session *s = calloc(1, sizeof *s);
    session_init(s, course_create(l, NULL, NULL));
    return s;
}

void rig_session_free(Session *s)
{
    session_deinit(s);
    free(s);
}

void rig_open(Rig *r, const AppDesc *desc)
{
    memset(r, 0, sizeof *r);
    r->surface = SDL_CreateRGBSurfaceWithFormat(0, RIG_W, RIG_H, 32,
                                                SDL_PIXELFORMAT_ARGB8888);
    CHECK(r->surface != NULL);
    r->sdl = SDL_CreateSoftwareRenderer(r->surface);
    CHECK(r->sdl != NULL);
    r->session = rig_session_new(default_path);
    char err[512] = "";
    AppDesc d = {0};
    if (desc)
        d = *desc;
    r->app = app_state_create(NULL, r->sdl, r->session, &d, err, sizeof err);
    CHECK_MSG(r->app != NULL, "%s", err);
    if (!r->app)
        exit(1);
}

void rig_open_window(Rig *r, int w, int h)
{
    memset(r, 0, sizeof *r);
    r->window = SDL_CreateWindow("test", 0, 0, w, h, 0);
    CHECK_MSG(r->window != NULL, "%s", SDL_GetError());
    r->sdl = SDL_CreateRenderer(r->window, -1, SDL_RENDERER_SOFTWARE);
    CHECK_MSG(r->sdl != NULL, "%s", SDL_GetError());
    if (!r->window || !r->sdl)
        exit(1);
    r->session = rig_session_new(default_path);
    char err[512] = "";
    AppDesc d = {0};
    r->app = app_state_create(r->window, r->sdl, r->session, &d, err,
                              sizeof err);
    CHECK_MSG(r->app != NULL, "%s", err);
    if (!r->app)
        exit(1);
}

void rig_close(Rig *r)
{
    if (r->app)
        app_state_destroy(r->app);
    rig_session_free(r->session);
    SDL_DestroyRenderer(r->sdl);
    if (r->surface)
        SDL_FreeSurface(r->surface);
    if (r->window)
        SDL_DestroyWindow(r->window);
}

int rig_step(const Rig *r)
{
    return r->session->step;
}

void rig_key_mod(AppState *app, SDL_Keycode sym, Uint16 mod)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = sym;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    ev.key.keysym.mod = mod;
    app_handle_event(app, &ev);
}

void rig_key(AppState *app, SDL_Keycode sym)
{
    rig_key_mod(app, sym, 0);
}

void rig_text(AppState *app, const char *utf8)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTINPUT;
    snprintf(ev.text.text, sizeof ev.text.text, "%s", utf8);
    app_handle_event(app, &ev);
}

void rig_settle(AppState *app)
{
    app_tick(app, 2000);
}

void rig_wait_loaded(AppState *app)
{
    for (int i = 0; i < 3000 && app_loading(app); i++) {
        SDL_Delay(5);
        SDL_Event ev;
        while (SDL_PollEvent(&ev))
            app_handle_event(app, &ev);
        app_tick(app, 5);
        if (i % 20 == 0)
            CHECK(app_draw(app)); /* the progress overlay draws */
    }
    CHECK(!app_loading(app));
}

Uint32 *rig_snapshot(Rig *r)
{
    CHECK(app_draw(r->app));
    Uint32 *px = malloc((size_t)RIG_W * RIG_H * 4);
    CHECK(SDL_RenderReadPixels(r->sdl, NULL, SDL_PIXELFORMAT_ARGB8888, px,
                               RIG_W * 4) == 0);
    return px;
}

Uint32 rig_pixel(Rig *r, int x, int y)
{
    Uint32 p = 0;
    SDL_Rect rect = {x, y, 1, 1};
    CHECK(SDL_RenderReadPixels(r->sdl, &rect, SDL_PIXELFORMAT_ARGB8888, &p,
                               4) == 0);
    return p;
}

bool rig_scene_says(const Scene *sc, const char *needle)
{
    for (int i = 0; i < sc->count; i++)
        if (sc->shapes[i].text && strstr(sc->shapes[i].text, needle))
            return true;
    return false;
}

void rig_window_point(const Scene *sc, const Shape *s, Sint32 *x, Sint32 *y)
{
    CanvasMap m = canvas_map(RIG_W, RIG_H, sc->width);
    *x = (Sint32)(m.offset_x + (s->x + s->w / 2) * m.scale);
    *y = (Sint32)(m.offset_y + (s->y + s->h / 2) * m.scale);
}

void rig_write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(fwrite(text, 1, len, f) == len);
    fclose(f);
}

char *rig_read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}
