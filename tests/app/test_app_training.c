/* The training view in the window, driven by made-up key events on the
 * dummy video driver: R enters it at the last snapshot and keeps the step,
 * { goes to epoch 0, ] and [ move one snapshot and keep the step, ] then [
 * gives back exactly the same pixels, epoch 0's picture differs from the
 * last epoch's, } goes to the last, A plays the snapshots to the end, R
 * leaves (the trained picture again), and [ outside the view only says
 * where it works. */
#include <stdlib.h>
#include <string.h>

#include "app/keys.h"
#include "check.h"
#include "rig.h"
#include "session/ui_text.h"

/* The picture with no toast over it: time passes until it is gone. */
static Uint32 *pixels(Rig *r)
{
    app_tick(r->app, 10);
    app_tick(r->app, 10000);
    CHECK(app_toast_text(r->app)[0] == '\0');
    return rig_snapshot(r);
}

static int epoch(const Rig *r)
{
    return session_epoch(r->session);
}

static void test_snapshot_keys(void)
{
    Rig r;
    rig_open(&r, NULL);
    const TrainLog *log = &r.session->course->log;
    int last = log->snapshot_count - 1;
    /* a decoder step: its picture depends on the weights */
    int k = 0;
    while (session_timeline(r.session)->steps[k].kind != STEP_DECODER_STATE)
        k++;
    for (int i = 0; i < k; i++) {
        rig_key_mod(r.app, SDLK_RIGHT, 0);
        app_tick(r.app, 5000); /* let the step's animation end */
    }
    CHECK(r.session->step == k);
    Uint32 *trained = pixels(&r);

    rig_key_mod(r.app, SDLK_r, 0);
    CHECK(r.session->view == VIEW_TRAINING);
    CHECK(r.session->snapshot == last && epoch(&r) == log->epochs);
    CHECK(r.session->step == k);
    /* ] at the last snapshot stays */
    rig_key_mod(r.app, SDLK_RIGHTBRACKET, 0);
    CHECK(r.session->snapshot == last);

    rig_key_mod(r.app, SDLK_LEFTBRACKET, KMOD_LSHIFT); /* { */
    CHECK(r.session->snapshot == 0 && epoch(&r) == 0);
    CHECK(r.session->step == k);
    Uint32 *zero = pixels(&r);
    rig_key_mod(r.app, SDLK_RIGHTBRACKET, 0);
    CHECK(r.session->snapshot == 1 && epoch(&r) == log->snapshot_epochs[1]);
    rig_key_mod(r.app, SDLK_RIGHTBRACKET, 0);
    CHECK(r.session->snapshot == 2 && epoch(&r) == log->snapshot_epochs[2]);
    CHECK(r.session->step == k);
    Uint32 *two = pixels(&r);
    rig_key_mod(r.app, SDLK_RIGHTBRACKET, 0);
    rig_key_mod(r.app, SDLK_LEFTBRACKET, 0);
    CHECK(r.session->snapshot == 2 && r.session->step == k);
    Uint32 *back = pixels(&r);
    CHECK_MSG(memcmp(two, back, (size_t)RIG_W * RIG_H * 4) == 0,
              "] then [ gives back the same picture");
    CHECK_MSG(memcmp(zero, two, (size_t)RIG_W * RIG_H * 4) != 0,
              "epoch 0 and epoch %d differ", log->snapshot_epochs[2]);

    rig_key_mod(r.app, SDLK_RIGHTBRACKET, KMOD_LSHIFT); /* } */
    CHECK(r.session->snapshot == last);
    Uint32 *at_last = pixels(&r);
    CHECK_MSG(memcmp(zero, at_last, (size_t)RIG_W * RIG_H * 4) != 0,
              "epoch 0's picture differs from the last epoch's");

    /* A plays the snapshots from the first to the last, at the same step */
    rig_key_mod(r.app, SDLK_LEFTBRACKET, KMOD_LSHIFT);
    rig_key_mod(r.app, SDLK_a, 0);
    CHECK(app_autostep(r.app));
    for (int i = 0; i < 4 * log->snapshot_count && app_autostep(r.app); i++)
        app_tick(r.app, 1500);
    CHECK(!app_autostep(r.app));
    CHECK(r.session->snapshot == last && r.session->step == k);

    rig_key_mod(r.app, SDLK_r, 0);
    CHECK(r.session->view == VIEW_STEPS && r.session->step == k);
    Uint32 *again = pixels(&r);
    CHECK_MSG(memcmp(trained, again, (size_t)RIG_W * RIG_H * 4) == 0,
              "leaving the training view shows the trained picture again");
    /* outside the view [ changes nothing but says where it works */
    rig_key_mod(r.app, SDLK_LEFTBRACKET, 0);
    CHECK(r.session->view == VIEW_STEPS && r.session->snapshot == last);
    CHECK(strcmp(app_toast_text(r.app),
                  ui_text(UI_TOAST_SNAPSHOT_KEYS, LANG_ZH)) == 0 ||
              strcmp(app_toast_text(r.app),
                     ui_text(UI_TOAST_SNAPSHOT_KEYS, LANG_EN)) == 0);

    free(trained);
    free(zero);
    free(two);
    free(back);
    free(at_last);
    free(again);
    rig_close(&r);
}

static void test_key_table(void)
{
    CHECK(keys_action(SDLK_r, 0) == ACT_TRAINING);
    CHECK(keys_action(SDLK_LEFTBRACKET, 0) == ACT_SNAPSHOT_PREV);
    CHECK(keys_action(SDLK_RIGHTBRACKET, 0) == ACT_SNAPSHOT_NEXT);
    CHECK(keys_action(SDLK_LEFTBRACKET, KMOD_RSHIFT) == ACT_SNAPSHOT_FIRST);
    CHECK(keys_action(SDLK_RIGHTBRACKET, KMOD_LSHIFT) == ACT_SNAPSHOT_LAST);
    /* the help overlay lists R and the snapshot keys */
    KeyHelpRow rows[KEYS_HELP_MAX];
    int n = keys_help(rows, KEYS_HELP_MAX);
    int found = 0;
    for (int i = 0; i < n; i++)
        found += strcmp(rows[i].keys, "R") == 0 ||
                 strcmp(rows[i].keys, "[  ]") == 0 ||
                 strcmp(rows[i].keys, "{  }") == 0;
    CHECK(found == 3);
}

int main(void)
{
    rig_start();
    test_key_table();
    test_snapshot_keys();
    return rig_finish(check_count, check_failures);
}
