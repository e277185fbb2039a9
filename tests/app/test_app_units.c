/* The window's pure parts, no window needed: the key table against
 * DESIGN.md's "Keys", the animation clock, and UTF-8 editing in the input
 * field. */
#include <string.h>

#include <SDL.h>

#include "app/clock.h"
#include "app/input_field.h"
#include "app/keys.h"
#include "app/overlays.h"
#include "check.h"
#include "s2s_config.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
    SDL_Keycode sym;
    Uint16 mod;
    KeyAction want;
} KeyCase;

/* One row per key of the design's table, plus the traps. */
static const KeyCase key_cases[] = {
    {SDLK_RIGHT, 0, ACT_NEXT},
    {SDLK_DOWN, 0, ACT_NEXT},
    {SDLK_SPACE, 0, ACT_NEXT},
    {SDLK_PAGEDOWN, 0, ACT_NEXT},
    {SDLK_RETURN, 0, ACT_NEXT},
    {SDLK_KP_ENTER, 0, ACT_NEXT},
    {SDLK_n, 0, ACT_NEXT},
    {SDLK_n, KMOD_LSHIFT, ACT_NEXT},
    {SDLK_LEFT, 0, ACT_PREV},
    {SDLK_UP, 0, ACT_PREV},
    {SDLK_PAGEUP, 0, ACT_PREV},
    {SDLK_BACKSPACE, 0, ACT_PREV},
    {SDLK_p, 0, ACT_PREV},
    {SDLK_HOME, 0, ACT_FIRST},
    {SDLK_END, 0, ACT_LAST},
    {SDLK_0, 0, ACT_DIGIT},
    {SDLK_7, 0, ACT_DIGIT},
    {SDLK_KP_3, 0, ACT_DIGIT},
    {SDLK_a, 0, ACT_AUTO},
    {SDLK_EQUALS, KMOD_LSHIFT, ACT_FASTER},
    {SDLK_KP_PLUS, 0, ACT_FASTER},
    {SDLK_MINUS, 0, ACT_SLOWER},
    {SDLK_v, 0, ACT_VARIANT},
    {SDLK_c, 0, ACT_CONTEXT},
    {SDLK_d, 0, ACT_NUMBERS},
    {SDLK_l, 0, ACT_LANG},
    {SDLK_t, 0, ACT_THEME},
    {SDLK_f, 0, ACT_FULLSCREEN},
    {SDLK_F11, 0, ACT_FULLSCREEN},
    {SDLK_F5, 0, ACT_FULLSCREEN},
    {SDLK_ESCAPE, 0, ACT_ESCAPE},
    {SDLK_b, 0, ACT_BLACK},
    {SDLK_PERIOD, 0, ACT_BLACK},
    {SDLK_w, 0, ACT_WHITE},
    {SDLK_COMMA, 0, ACT_WHITE},
    {SDLK_s, 0, ACT_SAVE},
    {SDLK_e, 0, ACT_EXPORT},
    {SDLK_i, 0, ACT_INPUT},
    {SDLK_TAB, 0, ACT_INPUT},
    {SDLK_o, 0, ACT_PICKER},
    {SDLK_h, 0, ACT_HELP},
    {SDLK_F1, 0, ACT_HELP},
    {SDLK_SLASH, KMOD_RSHIFT, ACT_HELP},
    {SDLK_QUESTION, 0, ACT_HELP},
    {SDLK_q, 0, ACT_QUIT},
    {SDLK_q, KMOD_LCTRL, ACT_QUIT},
    /* traps */
    {SDLK_SLASH, 0, ACT_NONE},
    {SDLK_s, KMOD_LCTRL, ACT_NONE},
    {SDLK_TAB, KMOD_LALT, ACT_NONE},
    {SDLK_x, 0, ACT_COMPARE},
    {SDLK_x, KMOD_LCTRL, ACT_NONE},
    {SDLK_j, 0, ACT_NONE},
};

static void test_keys(void)
{
    for (size_t i = 0; i < sizeof key_cases / sizeof *key_cases; i++) {
        const KeyCase *c = &key_cases[i];
        KeyAction got = keys_action(c->sym, c->mod);
        CHECK_MSG(got == c->want, "key %s mod %#x: %s, want %s",
                  SDL_GetKeyName(c->sym), c->mod, keys_action_name(got),
                  keys_action_name(c->want));
    }
    /* Esc never quits, whatever the modifiers. */
    CHECK(keys_action(SDLK_ESCAPE, 0) != ACT_QUIT);
    CHECK(keys_action(SDLK_ESCAPE, KMOD_LSHIFT) != ACT_QUIT);
    CHECK(keys_digit(SDLK_5) == 5);
    CHECK(keys_digit(SDLK_KP_0) == 0);
    CHECK(keys_digit(SDLK_KP_9) == 9);
    CHECK(keys_digit(SDLK_a) == -1);
}

static void test_clock(void)
{
    CHECK_NEAR(clock_ease(0), 0, 0);
    CHECK_NEAR(clock_ease(1), 1, 0);
    CHECK_NEAR(clock_ease(0.5), 0.875, 1e-6);
    /* monotone */
    float last = 0;
    for (int i = 1; i <= 100; i++) {
        float e = clock_ease(i / 100.0);
        CHECK(e >= last);
        last = e;
    }
    AnimClock c;
    clock_finish(&c);
    CHECK(!clock_running(&c, 0));
    CHECK_NEAR(clock_progress(&c, 0), 1, 0);
    clock_start(&c, 1000, 1);
    CHECK(clock_running(&c, 1000));
    CHECK_NEAR(clock_progress(&c, 1000), 0, 0);
    CHECK(clock_progress(&c, 1200) > 0.5f);
    CHECK(clock_progress(&c, 1200) < 1.0f);
    CHECK(!clock_running(&c, 1000 + CLOCK_STEP_MS));
    CHECK_NEAR(clock_progress(&c, 1000 + CLOCK_STEP_MS), 1, 0);
    clock_start(&c, 0, 1);
    clock_finish(&c);
    CHECK(!clock_running(&c, 1));
    /* Slow motion: 3 and 6 times as long, u even (the scene paces the
     * parts), still running where a normal step would have ended. */
    for (int slow = 3; slow <= 6; slow += 3) {
        clock_start(&c, 0, slow);
        CHECK(clock_running(&c, CLOCK_STEP_MS));
        CHECK_NEAR(clock_progress(&c, CLOCK_STEP_MS * slow / 2.0), 0.5f,
                   1e-6);
        CHECK(clock_running(&c, CLOCK_STEP_MS * slow - 1));
        CHECK(!clock_running(&c, CLOCK_STEP_MS * slow));
    }
}

static void test_input_field(void)
{
    InputField f;
    input_field_init(&f);
    input_field_open(&f, "机器学习");
    CHECK(f.open);
    CHECK(strcmp(f.text, "机器学习") == 0);
    /* Opened selected: typing replaces the sentence (issue 11: Tab,
     * 深度学习 ran "机器学习深度学习"). */
    size_t a, b;
    input_field_selection(&f, &a, &b);
    CHECK(a == 0 && b == f.len);
    CHECK(input_field_insert(&f, "深度学习"));
    CHECK(strcmp(f.text, "深度学习") == 0);
    /* Home, then an insert at the start; End; ← → by whole characters. */
    input_field_move(&f, -2, false);
    CHECK(input_field_insert(&f, "x"));
    CHECK(strcmp(f.text, "x深度学习") == 0);
    input_field_move(&f, 2, false);
    input_field_move(&f, -1, false);
    CHECK(f.caret == f.len - 3);
    CHECK(input_field_insert(&f, "y"));
    CHECK(strcmp(f.text, "x深度学y习") == 0);
    CHECK(input_field_delete(&f)); /* the character after the caret */
    CHECK(strcmp(f.text, "x深度学y") == 0);
    CHECK(!input_field_delete(&f));
    /* Shift+← twice selects two characters; Backspace deletes them. */
    input_field_move(&f, -1, true);
    input_field_move(&f, -1, true);
    input_field_selection(&f, &a, &b);
    CHECK(b - a == 4); /* "学y" */
    CHECK(input_field_backspace(&f));
    CHECK(strcmp(f.text, "x深度") == 0);
    /* Ctrl+A and an IME composition: it replaces the selection at once,
     * and its commit lands where the selection was. */
    input_field_select_all(&f);
    input_field_set_composition(&f, "shen", 4);
    char shown[64];
    input_field_display(&f, shown, sizeof shown);
    CHECK(strcmp(shown, "shen") == 0);
    input_field_set_composition(&f, NULL, 0);
    CHECK(input_field_insert(&f, "深"));
    CHECK(strcmp(f.text, "深") == 0);
    input_field_open(&f, "机器学习");
    input_field_move(&f, 2, false); /* End: no selection, append */
    CHECK(input_field_backspace(&f));
    CHECK(strcmp(f.text, "机器学") == 0);
    CHECK(input_field_insert(&f, "a"));
    CHECK(input_field_backspace(&f));
    CHECK(strcmp(f.text, "机器学") == 0);
    for (int i = 0; i < 3; i++)
        CHECK(input_field_backspace(&f));
    CHECK(!input_field_backspace(&f));
    CHECK(f.len == 0);

    /* a composition longer than SDL's 32-byte TEXTEDITING buffer */
    const char *long_comp = "深度学习深度学习深度学习深度学习";
    input_field_insert(&f, "机");
    input_field_set_composition(&f, long_comp, 3);
    CHECK(input_field_composing(&f));
    char buf[256];
    input_field_display(&f, buf, sizeof buf);
    CHECK(strcmp(buf, "机深度学习深度学习深度学习深度学习") == 0);
    /* a cut display never ends inside a character */
    input_field_display(&f, buf, 9);
    CHECK(strlen(buf) % 3 == 0);
    input_field_set_composition(&f, "", 0);
    CHECK(!input_field_composing(&f));

    /* too much text is refused, not cut */
    char big[INPUT_FIELD_MAX];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    size_t before = f.len;
    CHECK(!input_field_insert(&f, big));
    CHECK(f.len == before);

    input_field_close(&f);
    CHECK(!f.open);
    input_field_deinit(&f);
}

static float fixed_width(void *ctx, const char *s, float size, bool bold)
{
    (void)ctx;
    (void)bold;
    return (float)strlen(s) * size * 0.5f;
}

/* The field says which typed characters the shipped font lacks: an emoji
 * is named (with its fallback font or its code point), a character the
 * font has (机) is not. */
static void test_field_fallback_note(void)
{
    const char *dir = getenv("S2S_ASSETS_DIR");
    CHECK(dir != NULL);
    if (!dir)
        return;
    char path[1024], err[256];
    snprintf(path, sizeof path, "%s/%s", dir, S2S_FONT_FILE);
    FontCoverage *fc = font_coverage_open(path, err, sizeof err);
    CHECK_MSG(fc != NULL, "%s", err);
    if (!fc)
        return;
    InputField f;
    input_field_init(&f);
    input_field_open(&f, "\xF0\x9F\x98\x80\xE6\x9C\xBA"); /* 😀机 */
    Scene s;
    scene_init(&s);
    TextMeasure m = {fixed_width, NULL};
    for (int g = 0; g < LANG_COUNT; g++) {
        ViewOptions v = {.lang = (Lang)g};
        float r[4];
        scene_clear(&s);
        overlay_input(&s, &v, &m, &f, fc, NULL, false, r);
        bool named = false, han = false;
        for (int i = 0; i < s.count; i++) {
            const char *t = s.shapes[i].text;
            /* the field's own line shows "😀机"; the note "😀 (font)" */
            if (!t || !(strstr(t, "\xF0\x9F\x98\x80 (") ||
                        strstr(t, "U+1F600")))
                continue;
            named = true;
            han |= strstr(t, "\xE6\x9C\xBA") != NULL;
        }
        CHECK_MSG(named, "%s: the field does not name the emoji",
                  lang_name((Lang)g));
        CHECK(!han);
    }
    scene_deinit(&s);
    input_field_deinit(&f);
    font_coverage_close(fc);
}

int main(void)
{
    test_keys();
    test_clock();
    test_input_field();
    test_field_fallback_note();
    return check_exit();
}
