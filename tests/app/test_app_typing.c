/* The input field (I, Tab): typing the lesson's own input gives its own
 * traces, editing keys and IME compositions (short, long, Enter while
 * composing), Esc restoring input and step, refused input, an unseen
 * token decoded and marked. */
#include <string.h>

#include "check.h"
#include "rig.h"
#include "scene/colors.h"

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
        rig_key(app, SDLK_BACKSPACE);
}

static void test_input(void)
{
    Rig r;
    rig_open(&r, NULL);
    Session *ref = rig_session_new(rig_lesson());

    /* typing the lesson's own input gives the lesson's own timeline */
    rig_key(r.app, SDLK_3);
    rig_key(r.app, SDLK_RETURN);
    rig_key(r.app, SDLK_i);
    CHECK(app_input_open(r.app));
    CHECK(SDL_IsTextInputActive());
    char buf[4096];
    app_input_display(r.app, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "机器学习") == 0, "field holds '%s'", buf);
    CHECK(app_input_token_count(r.app) == 4);
    CHECK(app_draw(r.app));
    CHECK(rig_scene_says(app_scene(r.app), "4 / 32"));
    /* Opened selected: typing replaces the sentence. */
    rig_text(r.app, "深度");
    app_input_display(r.app, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "深度") == 0, "field holds '%s'", buf);
    CHECK(app_input_token_count(r.app) == 2);
    CHECK(app_draw(r.app));
    CHECK(rig_scene_says(app_scene(r.app), "2 / 32"));
    /* Ctrl+A, then an IME composition and its commit replace it. */
    rig_key_mod(r.app, SDLK_a, KMOD_LCTRL);
    SDL_Event ime;
    memset(&ime, 0, sizeof ime);
    ime.type = SDL_TEXTEDITING;
    snprintf(ime.edit.text, sizeof ime.edit.text, "%s", "jiqi");
    app_handle_event(r.app, &ime);
    app_input_display(r.app, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "jiqi") == 0, "composing over a selection: '%s'",
              buf);
    rig_text(r.app, "机器");
    app_input_display(r.app, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "机器") == 0, "after the commit: '%s'", buf);
    /* Home / End / ← edit in place; Backspace deletes the selection. */
    rig_key(r.app, SDLK_HOME);
    rig_text(r.app, "学");
    rig_key(r.app, SDLK_END);
    rig_key(r.app, SDLK_LEFT);
    rig_text(r.app, "习");
    app_input_display(r.app, buf, sizeof buf);
    CHECK_MSG(strcmp(buf, "学机习器") == 0, "edited: '%s'", buf);
    rig_key_mod(r.app, SDLK_a, KMOD_LCTRL);
    rig_key(r.app, SDLK_BACKSPACE);
    app_input_display(r.app, buf, sizeof buf);
    CHECK(buf[0] == '\0');
    CHECK(app_input_token_count(r.app) == 0);
    rig_text(r.app, "机器学");
    rig_key(r.app, SDLK_RIGHT); /* a step key is not a step key in the field */
    CHECK(rig_step(&r) == 2);
    clear_field(r.app);
    CHECK(app_draw(r.app)); /* the empty field draws */
    rig_text(r.app, "机");
    rig_text(r.app, "器");
    rig_text(r.app, "学习");
    rig_key(r.app, SDLK_RETURN);
    CHECK(!app_input_open(r.app));
    CHECK(!SDL_IsTextInputActive());
    CHECK(rig_step(&r) == 0);
    for (int v = 0; v < VARIANT_COUNT; v++)
        for (int c = 0; c < CONTEXT_COUNT; c++) {
            CHECK(same_trace(&r.session->traces[v][c], &ref->traces[v][c]));
            CHECK(r.session->timelines[v][c].count ==
                  ref->timelines[v][c].count);
        }

    /* a composition longer than 32 bytes arrives whole */
    rig_key(r.app, SDLK_TAB);
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
    rig_key(r.app, SDLK_RETURN);
    CHECK(app_input_open(r.app));
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTEDITING;
    snprintf(ev.edit.text, sizeof ev.edit.text, "%s", "ji");
    app_handle_event(r.app, &ev);
    CHECK(strcmp(app_input_composition(r.app), "ji") == 0);
    rig_text(r.app, "机"); /* committed: the composition ends */
    CHECK(app_input_composition(r.app) == NULL);

    /* Esc restores the previous input and step */
    rig_key(r.app, SDLK_ESCAPE);
    CHECK(!app_input_open(r.app));
    rig_key(r.app, SDLK_5);
    rig_key(r.app, SDLK_RETURN);
    CHECK(rig_step(&r) == 4);
    rig_key(r.app, SDLK_i);
    clear_field(r.app);
    rig_text(r.app, "深度");
    rig_key(r.app, SDLK_ESCAPE);
    CHECK(rig_step(&r) == 4);
    CHECK(same_trace(session_trace(r.session), session_trace(ref)));
    CHECK(r.session->input_len == 4);
    CHECK(!SDL_IsTextInputActive());

    /* empty and over-long input are refused in the field */
    rig_key(r.app, SDLK_i);
    clear_field(r.app);
    rig_key(r.app, SDLK_RETURN);
    CHECK(app_input_open(r.app));
    CHECK(app_input_note(r.app)[0] != '\0');
    for (int i = 0; i < LESSON_MAX_INPUT + 1; i++)
        rig_text(r.app, "机");
    rig_key(r.app, SDLK_RETURN);
    CHECK(app_input_open(r.app));
    CHECK(app_input_note(r.app)[0] != '\0');
    CHECK(app_draw(r.app)); /* the note draws */
    CHECK(rig_step(&r) == 4);
    CHECK(r.session->input_len == 4);

    /* an unseen token decodes and is flagged */
    clear_field(r.app);
    rig_text(r.app, "机器猫习");
    rig_key(r.app, SDLK_RETURN);
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

    rig_session_free(ref);
    rig_close(&r);
}

int main(void)
{
    rig_start();
    test_input();
    return rig_finish(check_count, check_failures);
}
