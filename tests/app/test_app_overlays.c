/* The picture and its overlays: every step's pixels the same after a step
 * forth and back, the help overlay, black and white screens, the theme's
 * background; the key table in the help and the footer's hints (K). */
#include <stdlib.h>
#include <string.h>

#include "app/keys.h"
#include "check.h"
#include "rig.h"
#include "scene/colors.h"
#include "scene/layout.h" /* FOOTER_Y */

static void test_pixels_back_and_forth(void)
{
    Rig r;
    rig_open(&r, NULL);
    int n = session_step_count(r.session);
    Uint32 *start = rig_snapshot(&r);
    for (int i = 0; i < n - 1; i++) {
        rig_key(r.app, SDLK_RIGHT);
        app_tick(r.app, 120);
        Uint32 *mid = rig_snapshot(&r); /* drawn mid-animation on the way */
        free(mid);
        rig_settle(r.app);
    }
    CHECK(rig_step(&r) == n - 1);
    Uint32 *end = rig_snapshot(&r);
    for (int i = 0; i < n - 1; i++)
        rig_key(r.app, SDLK_LEFT);
    Uint32 *back = rig_snapshot(&r);
    CHECK(rig_step(&r) == 0);
    CHECK(memcmp(start, back, (size_t)RIG_W * RIG_H * 4) == 0);
    CHECK(memcmp(start, end, (size_t)RIG_W * RIG_H * 4) != 0);

    /* every step: one forward and one back gives the same picture */
    for (int k = 1; k < n - 1; k++) {
        rig_key(r.app, SDLK_END);
        app_draw(r.app);
        char num[16];
        snprintf(num, sizeof num, "%d", k + 1);
        for (const char *c = num; *c; c++)
            rig_key(r.app, (SDL_Keycode)(SDLK_0 + (*c - '0')));
        rig_key(r.app, SDLK_RETURN);
        CHECK(rig_step(&r) == k);
        Uint32 *a = rig_snapshot(&r);
        rig_key(r.app, SDLK_RIGHT);
        app_tick(r.app, 200);
        free(rig_snapshot(&r));
        rig_key(r.app, SDLK_LEFT);
        Uint32 *b = rig_snapshot(&r);
        CHECK_MSG(memcmp(a, b, (size_t)RIG_W * RIG_H * 4) == 0, "step %d", k + 1);
        free(a);
        free(b);
    }

    /* help overlay on and off */
    rig_key(r.app, SDLK_HOME);
    Uint32 *plain = rig_snapshot(&r);
    rig_key(r.app, SDLK_h);
    CHECK(app_help_open(r.app));
    Uint32 *help = rig_snapshot(&r);
    CHECK(memcmp(plain, help, (size_t)RIG_W * RIG_H * 4) != 0);
    rig_key(r.app, SDLK_ESCAPE);
    CHECK(!app_help_open(r.app));
    Uint32 *again = rig_snapshot(&r);
    CHECK(memcmp(plain, again, (size_t)RIG_W * RIG_H * 4) == 0);

    /* black and white screens; a key brings the picture back unmoved */
    rig_key(r.app, SDLK_b);
    free(rig_snapshot(&r));
    CHECK((rig_pixel(&r, RIG_W / 2, RIG_H / 2) & 0xFFFFFF) == 0x000000);
    rig_key(r.app, SDLK_RIGHT);
    CHECK(app_blank(r.app) == 0);
    CHECK(rig_step(&r) == 0);
    rig_key(r.app, SDLK_COMMA);
    free(rig_snapshot(&r));
    CHECK((rig_pixel(&r, RIG_W / 2, RIG_H / 2) & 0xFFFFFF) == 0xFFFFFF);
    rig_key(r.app, SDLK_PERIOD); /* white -> black directly */
    CHECK(app_blank(r.app) == 1);
    rig_key(r.app, SDLK_b);
    CHECK(app_blank(r.app) == 0);
    Uint32 *unblank = rig_snapshot(&r);
    CHECK(memcmp(plain, unblank, (size_t)RIG_W * RIG_H * 4) == 0);

    /* theme: the background follows */
    rig_key(r.app, SDLK_t);
    free(rig_snapshot(&r));
    Rgba bg = palette_for(THEME_DARK)->background;
    Uint32 want = ((Uint32)bg.r << 16) | ((Uint32)bg.g << 8) | bg.b;
    CHECK_MSG((rig_pixel(&r, 2, RIG_H - 2) & 0xFFFFFF) == want, "%06x vs %06x",
              rig_pixel(&r, 2, RIG_H - 2) & 0xFFFFFF, want);
    rig_key(r.app, SDLK_t);

    free(start);
    free(end);
    free(back);
    free(plain);
    free(help);
    free(again);
    free(unblank);
    rig_close(&r);
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
    CHECK(rig_scene_says(sc, "M slow") && rig_scene_says(sc, "K hide hints"));

    KeyHelpRow rows[KEYS_HELP_MAX];
    int n = keys_help(rows, KEYS_HELP_MAX);
    CHECK(n > 20 && n < KEYS_HELP_MAX);
    rig_key(r.app, SDLK_h);
    CHECK(app_draw(r.app));
    sc = app_scene(r.app);
    for (int i = 0; i < n; i++)
        CHECK_MSG(rig_scene_says(sc, rows[i].keys) &&
                      rig_scene_says(sc, rows[i].what[LANG_EN]),
                  "help lacks row %d: %s", i, rows[i].keys);
    rig_key(r.app, SDLK_h);

    rig_key(r.app, SDLK_k);
    CHECK(app_draw(r.app));
    sc = app_scene(r.app);
    CHECK(!rig_scene_says(sc, "M slow"));
    /* Only the colour legend stays, at the band's left. */
    for (int i = 0; i < sc->count; i++)
        CHECK_MSG(sc->shapes[i].y < FOOTER_Y - 1 ||
                      sc->shapes[i].x + sc->shapes[i].w < 700,
                  "shape in the hidden footer band: %s",
                  sc->shapes[i].text ? sc->shapes[i].text : "");
    rig_key(r.app, SDLK_k);
    CHECK(app_draw(r.app));
    CHECK(rig_scene_says(app_scene(r.app), "M slow"));
    rig_close(&r);
}

int main(void)
{
    rig_start();
    test_pixels_back_and_forth();
    test_key_table_and_hints();
    return rig_finish(check_count, check_failures);
}
