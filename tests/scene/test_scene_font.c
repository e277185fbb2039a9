/* The layout invariants again, but with the shipped font's real measure
 * (render_text_measure) at 640x360, 1280x720, 1920x1080 and 3840x2160:
 * hinting makes widths not quite proportional to the size, so a line that
 * fits with the stand-in measure must still fit here. Every step of every
 * shipped lesson, both variants, every context mode, u = 0.5 and 1, and a
 * 32-token input. Headless: SDL's dummy driver, a software renderer.
 *
 * Usage: test_scene_font [FONT]   (default: $S2S_ASSETS_DIR's font) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "check.h"
#include "paths.h"
#include "render/render.h"
#define SCENE_CHECK_NO_FAKE_MEASURE
#include "scene_check.h"

static const int sizes[4][2] = {
    {640, 360}, {1280, 720}, {1920, 1080}, {3840, 2160}};

static void check_case(const Course *course, Variant v, ContextMode c,
                       const int *src, int len, const bool *unknown,
                       const TextMeasure *m, const char *size, Scene *sc)
{
    Trace trace;
    Timeline tl;
    course_run(course, v, c, src, len, &trace);
    timeline_build(&tl, &trace, course->lesson->example_count > 0);
    SceneInput in = {.lesson = course->lesson, .variant = v, .context = c,
                     .trace = &trace, .timeline = &tl, .unknown = unknown};
    for (int s = 0; s < tl.count; s++) {
        for (int j = 0; j < 2; j++) {
            in.step = s;
            in.progress = j ? 1.0f : 0.5f;
            ViewOptions view = {.theme = THEME_LIGHT,
                                .lang = (Lang)((s + j) % 2),
                                .numbers = true};
            scene_build(sc, &in, &view, m);
            char where[256];
            snprintf(where, sizeof where, "%s %s %s/%s step %d u %.1f",
                     course->lesson->name, size, variant_name(v),
                     context_name(c), s + 1, (double)in.progress);
            check_invariants(sc, m, where);
        }
    }
    timeline_deinit(&tl);
    trace_deinit(&trace);
}

int main(int argc, char **argv)
{
    static char font[4096];
    if (argc > 1) {
        snprintf(font, sizeof font, "%s", argv[1]);
    } else {
        const char *dir = getenv("S2S_ASSETS_DIR");
        snprintf(font, sizeof font, "%s/" PATHS_FONT_FILE,
                 dir ? dir : "assets");
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *surf =
        SDL_CreateRGBSurfaceWithFormat(0, 64, 36, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    char err[512] = "";
    RenderContext *rc = sdl ? render_create(sdl, font, err, sizeof err) : NULL;
    CHECK_MSG(rc != NULL, "%s", err);
    if (!rc)
        return check_exit();

    char paths[32][1024];
    int n = lesson_paths(paths, 32);
    CHECK_MSG(n >= 5, "found %d lessons", n);
    Scene sc;
    scene_init(&sc);
    for (int i = 0; i < n; i++) {
        Course *course = load_course(paths[i]);
        CHECK_MSG(course != NULL, "%s", paths[i]);
        if (!course)
            continue;
        const Lesson *l = course->lesson;
        /* The whole narration at 1920x1080, every step, both languages. */
        for (int v = 0; v < VARIANT_COUNT; v++)
            for (int c = 0; c < CONTEXT_COUNT &&
                            course_has_variant(course, (Variant)v);
                 c++)
                check_narration_whole(course, (Variant)v, (ContextMode)c,
                                      render_text_measure(rc, 1920, 1080),
                                      &sc, "font 1920x1080");
        for (int z = 0; z < 4; z++) {
            const TextMeasure *m =
                render_text_measure(rc, sizes[z][0], sizes[z][1]);
            char size[32];
            snprintf(size, sizeof size, "%dx%d", sizes[z][0], sizes[z][1]);
            for (int v = 0; v < VARIANT_COUNT; v++)
                for (int c = 0; c < CONTEXT_COUNT &&
                                course_has_variant(course, (Variant)v);
                     c++)
                    check_case(course, (Variant)v, (ContextMode)c, l->input,
                               l->input_len, NULL, m, size, &sc);
            /* 32 tokens, some of them unknown to the model. */
            int ids[LESSON_MAX_INPUT];
            bool unk[LESSON_MAX_INPUT];
            char text[256] = "";
            for (int k = 0; k < LESSON_MAX_INPUT; k++)
                strcat(text, l->source_tokenizer == TOKENIZE_SPACES
                                 ? (k % 5 == 3 ? "zzz " : "Hello ")
                                 : (k % 5 == 3 ? "猫" : "1"));
            int len = lesson_tokenize_input(l, text, ids, LESSON_MAX_INPUT,
                                            NULL);
            CHECK_MSG(len == LESSON_MAX_INPUT, "%s: %d tokens", l->name, len);
            if (len > 0) {
                for (int k = 0; k < len; k++)
                    unk[k] = ids[k] == VOCAB_UNK;
                check_case(course, l->variant, l->context, ids, len, unk, m,
                           size, &sc);
            }
        }
        course_destroy(course);
    }
    scene_deinit(&sc);
    render_destroy(rc);
    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(surf);
    SDL_Quit();
    return check_exit();
}
