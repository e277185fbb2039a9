/* Stepping by every key of the timeline (→ ↓ Space PgDn Enter N, their
 * backs, Home / End, digits and Enter, auto-step, toasts, a pushed event)
 * and the variant (V) and context (C) flips keeping the step's kind. */
#include <string.h>

#include "check.h"
#include "rig.h"

static void test_steps(void)
{
    Rig r;
    rig_open(&r, NULL);
    int n = session_step_count(r.session);
    CHECK(n > 6);
    CHECK(rig_step(&r) == 0);
    CHECK(!app_animating(r.app));

    rig_key(r.app, SDLK_RIGHT);
    CHECK(rig_step(&r) == 1);
    CHECK(app_animating(r.app));
    CHECK(app_wait_ms(r.app) == 0);
    app_tick(r.app, 100);
    CHECK(app_progress(r.app) > 0.0f && app_progress(r.app) < 1.0f);
    /* next mid-animation completes it and does not advance */
    rig_key(r.app, SDLK_RIGHT);
    CHECK(rig_step(&r) == 1);
    CHECK(!app_animating(r.app));
    CHECK(app_progress(r.app) == 1.0f);
    /* idle: nothing to wake up for */
    app_tick(r.app, 5000);
    CHECK(app_wait_ms(r.app) == -1);

    SDL_Keycode nexts[] = {SDLK_DOWN, SDLK_SPACE, SDLK_PAGEDOWN, SDLK_RETURN,
                           SDLK_n};
    for (int i = 0; i < 5; i++) {
        rig_key(r.app, nexts[i]);
        rig_settle(r.app);
        CHECK_MSG(rig_step(&r) == 2 + i, "%s", SDL_GetKeyName(nexts[i]));
    }
    SDL_Keycode prevs[] = {SDLK_LEFT, SDLK_UP, SDLK_PAGEUP, SDLK_BACKSPACE,
                           SDLK_p};
    for (int i = 0; i < 5; i++) {
        rig_key(r.app, prevs[i]);
        CHECK_MSG(rig_step(&r) == 5 - i, "%s", SDL_GetKeyName(prevs[i]));
        CHECK(!app_animating(r.app)); /* going back is instant */
    }
    rig_key(r.app, SDLK_END);
    CHECK(rig_step(&r) == n - 1);
    rig_key(r.app, SDLK_RIGHT);
    CHECK(rig_step(&r) == n - 1);
    rig_key(r.app, SDLK_HOME);
    CHECK(rig_step(&r) == 0);
    rig_key(r.app, SDLK_LEFT);
    CHECK(rig_step(&r) == 0);

    /* digits then Enter jump; the number shows while typed */
    rig_key(r.app, SDLK_4);
    CHECK(strstr(app_toast_text(r.app), "4") != NULL);
    CHECK(rig_step(&r) == 0);
    rig_key(r.app, SDLK_RETURN);
    CHECK(rig_step(&r) == 3);
    rig_key(r.app, SDLK_1);
    rig_key(r.app, SDLK_KP_2);
    CHECK(strstr(app_toast_text(r.app), "12") != NULL);
    rig_key(r.app, SDLK_BACKSPACE); /* takes back the 2 */
    rig_key(r.app, SDLK_KP_ENTER);
    CHECK(rig_step(&r) == 0);
    rig_key(r.app, SDLK_9);
    rig_key(r.app, SDLK_9);
    rig_key(r.app, SDLK_RETURN);
    CHECK(rig_step(&r) == 0); /* no step 99: a note, no move */
    CHECK(app_toast_text(r.app)[0] != '\0');
    rig_key(r.app, SDLK_2);
    rig_key(r.app, SDLK_ESCAPE); /* cancels the number */
    rig_key(r.app, SDLK_RETURN);
    CHECK(rig_step(&r) == 1);

    /* auto-step */
    rig_key(r.app, SDLK_HOME);
    rig_key(r.app, SDLK_a);
    CHECK(app_autostep(r.app));
    CHECK(app_wait_ms(r.app) > 0);
    app_tick(r.app, 3100);
    CHECK(rig_step(&r) == 1);
    rig_key(r.app, SDLK_a);
    CHECK(!app_autostep(r.app));
    rig_settle(r.app);
    app_tick(r.app, 20000);
    CHECK(rig_step(&r) == 1);

    /* a toast's time starts at the tick after it (a blocking action or a
     * long idle wait must not eat it), then it goes */
    rig_key(r.app, SDLK_d);
    CHECK(app_toast_text(r.app)[0] != '\0');
    app_tick(r.app, 10000);
    CHECK(app_toast_text(r.app)[0] != '\0');
    app_tick(r.app, 3000);
    CHECK(app_toast_text(r.app)[0] == '\0');
    rig_key(r.app, SDLK_d);
    rig_settle(r.app);
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
    CHECK(rig_step(&r) == 2);
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
    rig_key(r.app, SDLK_v);
    CHECK(r.session->variant != v0);
    Step s = session_timeline(r.session)->steps[rig_step(&r)];
    CHECK(s.kind == STEP_ENCODER && s.t == 2);
    CHECK(app_toast_text(r.app)[0] != '\0');
    /* init -> every -> attention (the default lesson trains it) -> init */
    session_go(r.session, dec);
    rig_key(r.app, SDLK_v);
    CHECK(r.session->variant == VARIANT_ATTENTION);
    CHECK(session_timeline(r.session)->steps[rig_step(&r)].kind ==
              STEP_DECODER_SOFTMAX &&
          session_timeline(r.session)->steps[rig_step(&r)].t == 1);
    rig_key(r.app, SDLK_v);
    CHECK(r.session->variant == v0);
    s = session_timeline(r.session)->steps[rig_step(&r)];
    CHECK(s.kind == STEP_DECODER_SOFTMAX && s.t == 1);

    ContextMode c0 = r.session->context;
    session_go(r.session, enc2);
    for (int i = 0; i < CONTEXT_COUNT; i++) {
        rig_key(r.app, SDLK_c);
        s = session_timeline(r.session)->steps[rig_step(&r)];
        CHECK(s.kind == STEP_ENCODER && s.t == 2);
        CHECK(i == CONTEXT_COUNT - 1 || r.session->context != c0);
    }
    CHECK(r.session->context == c0);

    /* D and L redraw in place */
    rig_key(r.app, SDLK_d);
    rig_key(r.app, SDLK_l);
    CHECK(app_needs_redraw(r.app));
    CHECK(app_draw(r.app));
    CHECK(rig_step(&r) == enc2);
    rig_close(&r);
}

int main(void)
{
    rig_start();
    test_steps();
    test_variant_and_context();
    return rig_finish(check_count, check_failures);
}
