/* The window's event handling driven by made-up SDL events under the dummy
 * video driver: steps, pixels after going forth and back, the variant
 * flip, full screen and Esc, quitting, the input field with text and
 * composition events, the lesson picker (a good and a broken lesson in a
 * temporary folder), and S writing PNGs without overwriting. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "app/app_state.h"
#include "app/keys.h"
#include "check.h"
#include "paths.h"
#include "scene/colors.h"
#include "scene/layout.h" /* FOOTER_Y */

#define W 640
#define H 360

static char *default_path;

static Session *make_show(const char *path)
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

static void free_show(Session *s)
{
    session_deinit(s);
    free(s);
}

/* A surface-backed software renderer: pixels without a display. */
typedef struct {
    SDL_Surface *surface;
    SDL_Renderer *sdl;
    Session *session;
    AppState *app;
} Rig;

static void rig_open(Rig *r, const AppDesc *desc)
{
    memset(r, 0, sizeof *r);
    r->surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32,
                                                SDL_PIXELFORMAT_ARGB8888);
    CHECK(r->surface != NULL);
    r->sdl = SDL_CreateSoftwareRenderer(r->surface);
    CHECK(r->sdl != NULL);
    r->session = make_show(default_path);
    char err[512] = "";
    AppDesc d = {0};
    if (desc)
        d = *desc;
    r->app = app_state_create(NULL, r->sdl, r->session, &d, err, sizeof err);
    CHECK_MSG(r->app != NULL, "%s", err);
    if (!r->app)
        exit(1);
}

static void rig_close(Rig *r)
{
    app_state_destroy(r->app);
    free_show(r->session);
    SDL_DestroyRenderer(r->sdl);
    SDL_FreeSurface(r->surface);
}

static void key_mod(AppState *app, SDL_Keycode sym, Uint16 mod)
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

static void key(AppState *app, SDL_Keycode sym)
{
    key_mod(app, sym, 0);
}

static void text(AppState *app, const char *utf8)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTINPUT;
    snprintf(ev.text.text, sizeof ev.text.text, "%s", utf8);
    app_handle_event(app, &ev);
}

/* Lets any animation finish. */
static void settle(AppState *app)
{
    app_tick(app, 2000);
}

static int step(const Rig *r)
{
    return r->session->step;
}

static Uint32 *snapshot(Rig *r)
{
    CHECK(app_draw(r->app));
    Uint32 *px = malloc((size_t)W * H * 4);
    CHECK(SDL_RenderReadPixels(r->sdl, NULL, SDL_PIXELFORMAT_ARGB8888, px,
                               W * 4) == 0);
    return px;
}

static Uint32 pixel(Rig *r, int x, int y)
{
    Uint32 p = 0;
    SDL_Rect rect = {x, y, 1, 1};
    CHECK(SDL_RenderReadPixels(r->sdl, &rect, SDL_PIXELFORMAT_ARGB8888, &p,
                               4) == 0);
    return p;
}

static void test_steps(void)
{
    Rig r;
    rig_open(&r, NULL);
    int n = session_step_count(r.session);
    CHECK(n > 6);
    CHECK(step(&r) == 0);
    CHECK(!app_animating(r.app));

    key(r.app, SDLK_RIGHT);
    CHECK(step(&r) == 1);
    CHECK(app_animating(r.app));
    CHECK(app_wait_ms(r.app) == 0);
    app_tick(r.app, 100);
    CHECK(app_progress(r.app) > 0.0f && app_progress(r.app) < 1.0f);
    /* next mid-animation completes it and does not advance */
    key(r.app, SDLK_RIGHT);
    CHECK(step(&r) == 1);
    CHECK(!app_animating(r.app));
    CHECK(app_progress(r.app) == 1.0f);
    /* idle: nothing to wake up for */
    app_tick(r.app, 5000);
    CHECK(app_wait_ms(r.app) == -1);

    SDL_Keycode nexts[] = {SDLK_DOWN, SDLK_SPACE, SDLK_PAGEDOWN, SDLK_RETURN,
                           SDLK_n};
    for (int i = 0; i < 5; i++) {
        key(r.app, nexts[i]);
        settle(r.app);
        CHECK_MSG(step(&r) == 2 + i, "%s", SDL_GetKeyName(nexts[i]));
    }
    SDL_Keycode prevs[] = {SDLK_LEFT, SDLK_UP, SDLK_PAGEUP, SDLK_BACKSPACE,
                           SDLK_p};
    for (int i = 0; i < 5; i++) {
        key(r.app, prevs[i]);
        CHECK_MSG(step(&r) == 5 - i, "%s", SDL_GetKeyName(prevs[i]));
        CHECK(!app_animating(r.app)); /* going back is instant */
    }
    key(r.app, SDLK_END);
    CHECK(step(&r) == n - 1);
    key(r.app, SDLK_RIGHT);
    CHECK(step(&r) == n - 1);
    key(r.app, SDLK_HOME);
    CHECK(step(&r) == 0);
    key(r.app, SDLK_LEFT);
    CHECK(step(&r) == 0);

    /* digits then Enter jump; the number shows while typed */
    key(r.app, SDLK_4);
    CHECK(strstr(app_toast_text(r.app), "4") != NULL);
    CHECK(step(&r) == 0);
    key(r.app, SDLK_RETURN);
    CHECK(step(&r) == 3);
    key(r.app, SDLK_1);
    key(r.app, SDLK_KP_2);
    CHECK(strstr(app_toast_text(r.app), "12") != NULL);
    key(r.app, SDLK_BACKSPACE); /* takes back the 2 */
    key(r.app, SDLK_KP_ENTER);
    CHECK(step(&r) == 0);
    key(r.app, SDLK_9);
    key(r.app, SDLK_9);
    key(r.app, SDLK_RETURN);
    CHECK(step(&r) == 0); /* no step 99: a note, no move */
    CHECK(app_toast_text(r.app)[0] != '\0');
    key(r.app, SDLK_2);
    key(r.app, SDLK_ESCAPE); /* cancels the number */
    key(r.app, SDLK_RETURN);
    CHECK(step(&r) == 1);

    /* auto-step */
    key(r.app, SDLK_HOME);
    key(r.app, SDLK_a);
    CHECK(app_autostep(r.app));
    CHECK(app_wait_ms(r.app) > 0);
    app_tick(r.app, 3100);
    CHECK(step(&r) == 1);
    key(r.app, SDLK_a);
    CHECK(!app_autostep(r.app));
    settle(r.app);
    app_tick(r.app, 20000);
    CHECK(step(&r) == 1);

    /* a toast's time starts at the tick after it (a blocking action or a
     * long idle wait must not eat it), then it goes */
    key(r.app, SDLK_d);
    CHECK(app_toast_text(r.app)[0] != '\0');
    app_tick(r.app, 10000);
    CHECK(app_toast_text(r.app)[0] != '\0');
    app_tick(r.app, 3000);
    CHECK(app_toast_text(r.app)[0] == '\0');
    key(r.app, SDLK_d);
    settle(r.app);
    app_tick(r.app, 3000);

    /* a pushed event goes the same way as a constructed one */
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = SDLK_PAGEDOWN;
    CHECK(SDL_PushEvent(&ev) == 1);
    SDL_Event got;
    while (SDL_PollEvent(&got))
        app_handle_event(r.app, &got);
    CHECK(step(&r) == 2);
    rig_close(&r);
}

static void test_pixels_back_and_forth(void)
{
    Rig r;
    rig_open(&r, NULL);
    int n = session_step_count(r.session);
    Uint32 *start = snapshot(&r);
    for (int i = 0; i < n - 1; i++) {
        key(r.app, SDLK_RIGHT);
        app_tick(r.app, 120);
        Uint32 *mid = snapshot(&r); /* drawn mid-animation on the way */
        free(mid);
        settle(r.app);
    }
    CHECK(step(&r) == n - 1);
    Uint32 *end = snapshot(&r);
    for (int i = 0; i < n - 1; i++)
        key(r.app, SDLK_LEFT);
    Uint32 *back = snapshot(&r);
    CHECK(step(&r) == 0);
    CHECK(memcmp(start, back, (size_t)W * H * 4) == 0);
    CHECK(memcmp(start, end, (size_t)W * H * 4) != 0);

    /* every step: one forward and one back gives the same picture */
    for (int k = 1; k < n - 1; k++) {
        key(r.app, SDLK_END);
        app_draw(r.app);
        char num[16];
        snprintf(num, sizeof num, "%d", k + 1);
        for (const char *c = num; *c; c++)
            key(r.app, (SDL_Keycode)(SDLK_0 + (*c - '0')));
        key(r.app, SDLK_RETURN);
        CHECK(step(&r) == k);
        Uint32 *a = snapshot(&r);
        key(r.app, SDLK_RIGHT);
        app_tick(r.app, 200);
        free(snapshot(&r));
        key(r.app, SDLK_LEFT);
        Uint32 *b = snapshot(&r);
        CHECK_MSG(memcmp(a, b, (size_t)W * H * 4) == 0, "step %d", k + 1);
        free(a);
        free(b);
    }

    /* help overlay on and off */
    key(r.app, SDLK_HOME);
    Uint32 *plain = snapshot(&r);
    key(r.app, SDLK_h);
    CHECK(app_help_open(r.app));
    Uint32 *help = snapshot(&r);
    CHECK(memcmp(plain, help, (size_t)W * H * 4) != 0);
    key(r.app, SDLK_ESCAPE);
    CHECK(!app_help_open(r.app));
    Uint32 *again = snapshot(&r);
    CHECK(memcmp(plain, again, (size_t)W * H * 4) == 0);

    /* black and white screens; a key brings the picture back unmoved */
    key(r.app, SDLK_b);
    free(snapshot(&r));
    CHECK((pixel(&r, W / 2, H / 2) & 0xFFFFFF) == 0x000000);
    key(r.app, SDLK_RIGHT);
    CHECK(app_blank(r.app) == 0);
    CHECK(step(&r) == 0);
    key(r.app, SDLK_COMMA);
    free(snapshot(&r));
    CHECK((pixel(&r, W / 2, H / 2) & 0xFFFFFF) == 0xFFFFFF);
    key(r.app, SDLK_PERIOD); /* white -> black directly */
    CHECK(app_blank(r.app) == 1);
    key(r.app, SDLK_b);
    CHECK(app_blank(r.app) == 0);
    Uint32 *unblank = snapshot(&r);
    CHECK(memcmp(plain, unblank, (size_t)W * H * 4) == 0);

    /* theme: the background follows */
    key(r.app, SDLK_t);
    free(snapshot(&r));
    Rgba bg = palette_for(THEME_DARK)->background;
    Uint32 want = ((Uint32)bg.r << 16) | ((Uint32)bg.g << 8) | bg.b;
    CHECK_MSG((pixel(&r, 2, H - 2) & 0xFFFFFF) == want, "%06x vs %06x",
              pixel(&r, 2, H - 2) & 0xFFFFFF, want);
    key(r.app, SDLK_t);

    free(start);
    free(end);
    free(back);
    free(plain);
    free(help);
    free(again);
    free(unblank);
    rig_close(&r);
}

static void test_variant_and_context(void)
{
    Rig r;
    rig_open(&r, NULL);
    const Timeline *tl = session_timeline(r.session);
    int enc2 = -1, dec = -1;
    for (int i = 0; i < tl->count; i++) {
        if (tl->steps[i].kind == STEP_ENCODER && tl->steps[i].t == 2)
            enc2 = i;
        if (tl->steps[i].kind == STEP_DECODER_SOFTMAX && tl->steps[i].t == 1)
            dec = i;
    }
    CHECK(enc2 > 0 && dec > 0);
    Variant v0 = r.session->variant;
    session_go(r.session, enc2);
    key(r.app, SDLK_v);
    CHECK(r.session->variant != v0);
    Step s = session_timeline(r.session)->steps[step(&r)];
    CHECK(s.kind == STEP_ENCODER && s.t == 2);
    CHECK(app_toast_text(r.app)[0] != '\0');
    /* init -> every -> attention (the default lesson trains it) -> init */
    session_go(r.session, dec);
    key(r.app, SDLK_v);
    CHECK(r.session->variant == VARIANT_ATTENTION);
    CHECK(session_timeline(r.session)->steps[step(&r)].kind ==
              STEP_DECODER_SOFTMAX &&
          session_timeline(r.session)->steps[step(&r)].t == 1);
    key(r.app, SDLK_v);
    CHECK(r.session->variant == v0);
    s = session_timeline(r.session)->steps[step(&r)];
    CHECK(s.kind == STEP_DECODER_SOFTMAX && s.t == 1);

    ContextMode c0 = r.session->context;
    session_go(r.session, enc2);
    for (int i = 0; i < CONTEXT_COUNT; i++) {
        key(r.app, SDLK_c);
        s = session_timeline(r.session)->steps[step(&r)];
        CHECK(s.kind == STEP_ENCODER && s.t == 2);
        CHECK(i == CONTEXT_COUNT - 1 || r.session->context != c0);
    }
    CHECK(r.session->context == c0);

    /* D and L redraw in place */
    key(r.app, SDLK_d);
    key(r.app, SDLK_l);
    CHECK(app_needs_redraw(r.app));
    CHECK(app_draw(r.app));
    CHECK(step(&r) == enc2);
    rig_close(&r);
}

static void test_fullscreen_and_quit(void)
{
    SDL_Window *win = SDL_CreateWindow("test", 0, 0, 800, 450, 0);
    CHECK_MSG(win != NULL, "%s", SDL_GetError());
    SDL_Renderer *sdl = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    CHECK_MSG(sdl != NULL, "%s", SDL_GetError());
    Session *session = make_show(default_path);
    char err[512];
    AppDesc d = {0};
    AppState *app = app_state_create(win, sdl, session, &d, err, sizeof err);
    CHECK_MSG(app != NULL, "%s", err);

    SDL_Keycode toggles[] = {SDLK_f, SDLK_F11, SDLK_F5};
    for (int i = 0; i < 3; i++) {
        key(app, toggles[i]);
        CHECK(app_fullscreen(app));
        CHECK(SDL_GetWindowFlags(win) & SDL_WINDOW_FULLSCREEN_DESKTOP);
        key(app, SDLK_ESCAPE);
        CHECK(!app_fullscreen(app));
        CHECK(!(SDL_GetWindowFlags(win) & SDL_WINDOW_FULLSCREEN));
        CHECK(!app_quit_requested(app));
    }
    key(app, SDLK_ESCAPE);
    key(app, SDLK_ESCAPE);
    CHECK(!app_quit_requested(app));
    CHECK(app_draw(app));

    /* S: a slide at the slide size (--size, default 1920 x 1080, as
     * --help says), not the window's; a second S does not overwrite it */
    int ow, oh;
    CHECK(SDL_GetRendererOutputSize(sdl, &ow, &oh) == 0);
    CHECK(ow != 1920 || oh != 1080); /* else the check below proves nothing */
    key(app, SDLK_s);
    char first[4096];
    snprintf(first, sizeof first, "%s", app_last_saved(app));
    CHECK_MSG(first[0] != '\0', "toast: %s", app_toast_text(app));
    struct stat st1;
    CHECK(stat(first, &st1) == 0);
    SDL_Surface *png = IMG_Load(first);
    CHECK_MSG(png != NULL, "%s", IMG_GetError());
    if (png) {
        CHECK_MSG(png->w == 1920 && png->h == 1080, "%dx%d", png->w, png->h);
        SDL_FreeSurface(png);
    }
    CHECK(strstr(app_toast_text(app), first) != NULL);
    key(app, SDLK_RIGHT);
    settle(app);
    key(app, SDLK_s);
    CHECK(strcmp(app_last_saved(app), first) != 0);
    struct stat st2;
    CHECK(stat(first, &st2) == 0 && st2.st_size == st1.st_size &&
          st2.st_mtime == st1.st_mtime);
    key(app, SDLK_LEFT);
    key(app, SDLK_s); /* the same step again: a new name, not the old one */
    CHECK(strcmp(app_last_saved(app), first) != 0);

    /* E: every step into a new folder, a toast names it */
    key(app, SDLK_e);
    CHECK_MSG(strstr(app_toast_text(app), app_last_saved(app)) != NULL,
              "toast: %s", app_toast_text(app));
    struct stat std;
    CHECK(stat(app_last_saved(app), &std) == 0 && S_ISDIR(std.st_mode));
    CHECK(app_draw(app));

    /* Q quits; so do Ctrl+Q and the window's close */
    key(app, SDLK_q);
    CHECK(app_quit_requested(app));
    app_state_destroy(app);

    app = app_state_create(win, sdl, session, &d, err, sizeof err);
    key_mod(app, SDLK_q, KMOD_LCTRL);
    CHECK(app_quit_requested(app));
    app_state_destroy(app);

    app = app_state_create(win, sdl, session, &d, err, sizeof err);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_QUIT;
    app_handle_event(app, &ev);
    CHECK(app_quit_requested(app));
    app_state_destroy(app);

    free_show(session);
    SDL_DestroyRenderer(sdl);
    SDL_DestroyWindow(win);
}

/* Whether some text shape of the scene contains needle. */
static bool scene_says(const Scene *sc, const char *needle)
{
    for (int i = 0; i < sc->count; i++)
        if (sc->shapes[i].text && strstr(sc->shapes[i].text, needle))
            return true;
    return false;
}

static bool same_trace(const Trace *a, const Trace *b)
{
    if (a->source_len != b->source_len || a->output_len != b->output_len)
        return false;
    for (int i = 0; i < a->source_len; i++)
        if (a->source[i] != b->source[i])
            return false;
    for (int i = 0; i < a->output_len; i++)
        if (a->pick[i] != b->pick[i] || a->p[i] != b->p[i])
            return false;
    return a->logprob == b->logprob;
}

static void clear_field(AppState *app)
{
    for (int i = 0; i < 200; i++)
        key(app, SDLK_BACKSPACE);
}

static void test_input(void)
{
    Rig r;
    rig_open(&r, NULL);
    Session *ref = make_show(default_path);

    /* typing the lesson's own input gives the lesson's own timeline */
    key(r.app, SDLK_3);
    key(r.app, SDLK_RETURN);
    key(r.app, SDLK_i);
    CHECK(app_input_open(r.app));
    CHECK(SDL_IsTextInputActive());
    char buf[4096];
    app_input_display(r.app, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "机器学习") == 0, "field holds '%s'", buf);
    CHECK(app_input_token_count(r.app) == 4);
    CHECK(app_draw(r.app));
    CHECK(scene_says(app_scene(r.app), "4 / 32"));
    /* Opened selected: typing replaces the sentence. */
    text(r.app, "深度");
    app_input_display(r.app, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "深度") == 0, "field holds '%s'", buf);
    CHECK(app_input_token_count(r.app) == 2);
    CHECK(app_draw(r.app));
    CHECK(scene_says(app_scene(r.app), "2 / 32"));
    /* Ctrl+A, then an IME composition and its commit replace it. */
    key_mod(r.app, SDLK_a, KMOD_LCTRL);
    SDL_Event ime;
    memset(&ime, 0, sizeof ime);
    ime.type = SDL_TEXTEDITING;
    snprintf(ime.edit.text, sizeof ime.edit.text, "%s", "jiqi");
    app_handle_event(r.app, &ime);
    app_input_display(r.app, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "jiqi") == 0, "composing over a selection: '%s'",
              buf);
    text(r.app, "机器");
    app_input_display(r.app, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "机器") == 0, "after the commit: '%s'", buf);
    /* Home / End / ← edit in place; Backspace deletes the selection. */
    key(r.app, SDLK_HOME);
    text(r.app, "学");
    key(r.app, SDLK_END);
    key(r.app, SDLK_LEFT);
    text(r.app, "习");
    app_input_display(r.app, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "学机习器") == 0, "edited: '%s'", buf);
    key_mod(r.app, SDLK_a, KMOD_LCTRL);
    key(r.app, SDLK_BACKSPACE);
    app_input_display(r.app, buf, sizeof buf);
    CHECK(buf[0] == '\0');
    CHECK(app_input_token_count(r.app) == 0);
    text(r.app, "机器学");
    key(r.app, SDLK_RIGHT); /* a step key is not a step key in the field */
    CHECK(step(&r) == 2);
    clear_field(r.app);
    CHECK(app_draw(r.app)); /* the empty field draws */
    text(r.app, "机");
    text(r.app, "器");
    text(r.app, "学习");
    key(r.app, SDLK_RETURN);
    CHECK(!app_input_open(r.app));
    CHECK(!SDL_IsTextInputActive());
    CHECK(step(&r) == 0);
    for (int v = 0; v < VARIANT_COUNT; v++)
        for (int c = 0; c < CONTEXT_COUNT; c++) {
            CHECK(same_trace(&r.session->traces[v][c], &ref->traces[v][c]));
            CHECK(r.session->timelines[v][c].count ==
                  ref->timelines[v][c].count);
        }

    /* a composition longer than 32 bytes arrives whole */
    key(r.app, SDLK_TAB);
    CHECK(app_input_open(r.app));
    const char *comp = "深度学习深度学习深度学习深度学习"; /* 48 bytes */
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTEDITING_EXT;
    ev.editExt.text = SDL_strdup(comp);
    ev.editExt.start = 2;
    ev.editExt.length = 0;
    app_handle_event(r.app, &ev);
    SDL_free(ev.editExt.text);
    CHECK(app_input_composition(r.app) != NULL &&
          strcmp(app_input_composition(r.app), comp) == 0);
    app_input_display(r.app, buf, sizeof buf);
    CHECK(strstr(buf, comp) != NULL);
    CHECK(app_draw(r.app));
    /* Enter while composing belongs to the IME */
    key(r.app, SDLK_RETURN);
    CHECK(app_input_open(r.app));
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTEDITING;
    snprintf(ev.edit.text, sizeof ev.edit.text, "%s", "ji");
    app_handle_event(r.app, &ev);
    CHECK(strcmp(app_input_composition(r.app), "ji") == 0);
    text(r.app, "机"); /* committed: the composition ends */
    CHECK(app_input_composition(r.app) == NULL);

    /* Esc restores the previous input and step */
    key(r.app, SDLK_ESCAPE);
    CHECK(!app_input_open(r.app));
    key(r.app, SDLK_5);
    key(r.app, SDLK_RETURN);
    CHECK(step(&r) == 4);
    key(r.app, SDLK_i);
    clear_field(r.app);
    text(r.app, "深度");
    key(r.app, SDLK_ESCAPE);
    CHECK(step(&r) == 4);
    CHECK(same_trace(session_trace(r.session), session_trace(ref)));
    CHECK(r.session->input_len == 4);
    CHECK(!SDL_IsTextInputActive());

    /* empty and over-long input are refused in the field */
    key(r.app, SDLK_i);
    clear_field(r.app);
    key(r.app, SDLK_RETURN);
    CHECK(app_input_open(r.app));
    CHECK(app_input_note(r.app)[0] != '\0');
    for (int i = 0; i < LESSON_MAX_INPUT + 1; i++)
        text(r.app, "机");
    key(r.app, SDLK_RETURN);
    CHECK(app_input_open(r.app));
    CHECK(app_input_note(r.app)[0] != '\0');
    CHECK(app_draw(r.app)); /* the note draws */
    CHECK(step(&r) == 4);
    CHECK(r.session->input_len == 4);

    /* an unseen token decodes and is flagged */
    clear_field(r.app);
    text(r.app, "机器猫习");
    key(r.app, SDLK_RETURN);
    CHECK(!app_input_open(r.app));
    CHECK(r.session->input_len == 4);
    CHECK(r.session->unknown[2] && !r.session->unknown[0]);
    CHECK(r.session->input[2] == VOCAB_UNK);
    CHECK(session_trace(r.session)->output_len >= 1);
    CHECK(strstr(app_toast_text(r.app), "<unk>") != NULL);
    /* the encoder step of that token marks it in the warning colour */
    const Timeline *tl = session_timeline(r.session);
    for (int i = 0; i < tl->count; i++)
        if (tl->steps[i].kind == STEP_ENCODER && tl->steps[i].t == 3)
            session_go(r.session, i);
    CHECK(app_draw(r.app));
    Rgba warn = palette_for(THEME_LIGHT)->warning;
    const Scene *sc = app_scene(r.app);
    bool marked = false;
    for (int i = 0; i < sc->count; i++)
        marked |= rgba_equal(sc->shapes[i].fill, warn) ||
                  rgba_equal(sc->shapes[i].stroke, warn);
    CHECK(marked);

    free_show(ref);
    rig_close(&r);
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(fwrite(text, 1, len, f) == len);
    fclose(f);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* Moves the picker's selection onto entry target with arrow keys. */
static void select_entry(AppState *app, int target)
{
    for (int i = 0; i < 50; i++)
        key(app, SDLK_UP);
    for (int i = 0; i < target; i++)
        key(app, SDLK_DOWN);
}

static void wait_loaded(AppState *app)
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

static void test_picker(const char *tmp)
{
    char dir[1024], good[1100], copy[1100], broken[1100];
    snprintf(dir, sizeof dir, "%s/lessons", tmp);
    CHECK(mkdir(dir, 0700) == 0);
    snprintf(good, sizeof good, "%s/a-opened.lesson", dir);
    snprintf(copy, sizeof copy, "%s/b-copy.lesson", dir);
    snprintf(broken, sizeof broken, "%s/c-broken.lesson", dir);
    size_t len;
    char *def = read_all(default_path, &len);
    write_file(good, def, len);
    write_file(copy, def, len);
    const char *bad = "[lesson]\ntitle.en = Broken\nhiden = 8\n";
    write_file(broken, bad, strlen(bad));
    char *def_text = def; /* written again for the dropped-file case */
    size_t def_len = len;

    Rig r;
    AppDesc d = {0};
    d.lesson_path = good;
    rig_open(&r, &d);
    Course *before = r.session->course;
    key(r.app, SDLK_3);
    key(r.app, SDLK_RETURN);

    key(r.app, SDLK_o);
    CHECK(app_picker_open(r.app));
    CHECK(app_draw(r.app));
    int ib = app_picker_find(r.app, broken);
    int ic = app_picker_find(r.app, copy);
    CHECK(ib >= 0 && ic >= 0);
    CHECK(app_picker_find(r.app, default_path) >= 0 ||
          app_picker_find(r.app, good) >= 0);

    /* the broken lesson: its error, the current lesson stays */
    select_entry(r.app, ib);
    key(r.app, SDLK_RETURN);
    wait_loaded(r.app);
    CHECK(app_picker_open(r.app));
    CHECK_MSG(strstr(app_picker_note(r.app), "hiden") != NULL, "note: %s",
              app_picker_note(r.app));
    CHECK(r.session->course == before);
    CHECK(step(&r) == 2);
    CHECK(app_draw(r.app));

    /* Esc closes, nothing changes */
    key(r.app, SDLK_ESCAPE);
    CHECK(!app_picker_open(r.app));
    CHECK(r.session->course == before);

    /* the copy loads on the loader thread and replaces the session */
    key(r.app, SDLK_o);
    select_entry(r.app, ic);
    key(r.app, SDLK_RETURN);
    CHECK(app_loading(r.app));
    wait_loaded(r.app);
    CHECK(!app_picker_open(r.app));
    CHECK(strcmp(app_lesson_path(r.app), copy) == 0);
    CHECK(strcmp(r.session->course->lesson->path, copy) == 0);
    CHECK(step(&r) == 0);
    CHECK(app_draw(r.app));
    key(r.app, SDLK_RIGHT);
    CHECK(step(&r) == 1);

    /* a lesson broken after the list was made fails on the thread */
    key(r.app, SDLK_o);
    int ig = app_picker_find(r.app, good);
    CHECK(ig >= 0);
    write_file(good, bad, strlen(bad));
    select_entry(r.app, ig);
    key(r.app, SDLK_RETURN);
    wait_loaded(r.app);
    CHECK(app_picker_open(r.app));
    CHECK(app_picker_note(r.app)[0] != '\0');
    CHECK(strcmp(app_lesson_path(r.app), copy) == 0);
    key(r.app, SDLK_ESCAPE);

    /* a dropped file (in the browser: one opened from disk by the page)
     * trains and replaces the show; a broken one says why and keeps it */
    SDL_Event drop;
    SDL_zero(drop);
    drop.type = SDL_DROPFILE;
    drop.drop.file = SDL_strdup(broken);
    app_handle_event(r.app, &drop);
    CHECK(app_loading(r.app));
    wait_loaded(r.app);
    CHECK(strcmp(app_lesson_path(r.app), copy) == 0);
    CHECK_MSG(strstr(app_picker_note(r.app), "hiden") != NULL, "note: %s",
              app_picker_note(r.app));
    key(r.app, SDLK_ESCAPE);
    write_file(good, def_text, def_len);
    drop.drop.file = SDL_strdup(good);
    app_handle_event(r.app, &drop);
    CHECK(app_loading(r.app));
    wait_loaded(r.app);
    CHECK(strcmp(app_lesson_path(r.app), good) == 0);
    CHECK(step(&r) == 0);
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
    key(r.app, SDLK_END);
    CHECK(app_draw(r.app));
    const Scene *sc = app_scene(r.app);
    int cell = -1;
    for (int i = 0; i < sc->count && cell < 0; i++)
        if (sc->shapes[i].tooltip >= 0 && sc->shapes[i].role == ROLE_CELL)
            cell = i;
    CHECK(cell >= 0);
    if (cell >= 0) {
        const Shape *s = &sc->shapes[cell];
        CanvasMap m = canvas_map(W, H, sc->width);
        SDL_Event ev;
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_MOUSEMOTION;
        ev.motion.x = (int)(m.offset_x + (s->x + s->w / 2) * m.scale);
        ev.motion.y = (int)(m.offset_y + (s->y + s->h / 2) * m.scale);
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
        const Shape *s = &sc->shapes[first];
        CanvasMap m = canvas_map(W, H, sc->width);
        SDL_Event ev;
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_MOUSEBUTTONDOWN;
        ev.button.button = SDL_BUTTON_LEFT;
        ev.button.x = (int)(m.offset_x + (s->x + s->w / 2) * m.scale);
        ev.button.y = (int)(m.offset_y + (s->y + s->h / 2) * m.scale);
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
        0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = SDL_CreateSoftwareRenderer(surface);
    Session session;
    memset(&session, 0, sizeof session);
    AppDesc d = {0};
    d.lesson_path = default_path;
    char err[512];
    AppState *app = app_state_create(NULL, sdl, &session, &d, err, sizeof err);
    CHECK_MSG(app != NULL, "%s", err);
    CHECK(app_loading(app));
    CHECK(app_draw(app)); /* the first frame does not wait for training */
    key(app, SDLK_RIGHT); /* ignored while training */
    wait_loaded(app);
    CHECK(session.course != NULL);
    CHECK(session.step == 0);
    /* No toast repeats the title over the key hints at start. */
    CHECK_MSG(app_toast_text(app)[0] == '\0', "start-up toast: %s",
              app_toast_text(app));
    CHECK(strcmp(app_lesson_path(app), default_path) == 0);
    CHECK(app_draw(app));
    key(app, SDLK_RIGHT);
    CHECK(session.step == 1);
    app_state_destroy(app);
    session_deinit(&session);

    /* Q while training quits at once */
    memset(&session, 0, sizeof session);
    app = app_state_create(NULL, sdl, &session, &d, err, sizeof err);
    key(app, SDLK_q);
    CHECK(app_quit_requested(app));
    app_state_destroy(app);
    session_deinit(&session);

    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(surface);
}

/* The first minute and the key table: no toast at start; the help lists
 * every row of keys.c (M, Z, K included); K hides the footer's hints and
 * brings them back. */
static void test_key_table_and_hints(void)
{
    Rig r;
    rig_open(&r, &(AppDesc){.view = {.lang = LANG_EN}});
    CHECK(app_draw(r.app));
    CHECK_MSG(app_toast_text(r.app)[0] == '\0', "start-up toast: %s",
              app_toast_text(r.app));
    const Scene *sc = app_scene(r.app);
    CHECK(scene_says(sc, "M slow") && scene_says(sc, "K hide hints"));

    KeyHelpRow rows[KEYS_HELP_MAX];
    int n = keys_help(rows, KEYS_HELP_MAX);
    CHECK(n > 20 && n < KEYS_HELP_MAX);
    key(r.app, SDLK_h);
    CHECK(app_draw(r.app));
    sc = app_scene(r.app);
    for (int i = 0; i < n; i++)
        CHECK_MSG(scene_says(sc, rows[i].keys) &&
                      scene_says(sc, rows[i].what[LANG_EN]),
                  "help lacks row %d: %s", i, rows[i].keys);
    key(r.app, SDLK_h);

    key(r.app, SDLK_k);
    CHECK(app_draw(r.app));
    sc = app_scene(r.app);
    CHECK(!scene_says(sc, "M slow"));
    /* Only the colour legend stays, at the band's left. */
    for (int i = 0; i < sc->count; i++)
        CHECK_MSG(sc->shapes[i].y < FOOTER_Y - 1 ||
                      sc->shapes[i].x + sc->shapes[i].w < 700,
                  "shape in the hidden footer band: %s",
                  sc->shapes[i].text ? sc->shapes[i].text : "");
    key(r.app, SDLK_k);
    CHECK(app_draw(r.app));
    CHECK(scene_says(app_scene(r.app), "M slow"));
    rig_close(&r);
}

int main(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_StopTextInput();
    default_path = paths_default_lesson();
    CHECK(default_path != NULL);
    if (!default_path)
        return check_exit();

    char tmp[] = "/tmp/s2s-app-XXXXXX";
    CHECK(mkdtemp(tmp) != NULL);
    char pics[64];
    snprintf(pics, sizeof pics, "%s/pictures", tmp);
    CHECK(mkdir(pics, 0700) == 0);
    setenv("XDG_PICTURES_DIR", pics, 1);

    test_steps();
    test_pixels_back_and_forth();
    test_variant_and_context();
    test_fullscreen_and_quit();
    test_input();
    test_picker(tmp);
    test_hover_and_click();
    test_background_start();
    test_key_table_and_hints();

    free(default_path);
    SDL_Quit();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmp);
    return check_exit();
}
