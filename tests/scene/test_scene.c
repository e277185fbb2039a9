/* Tests of src/scene with a stand-in text measure: for every step of every
 * shipped lesson, both variants, every context mode, progress 0, 0.5 and
 * 1, and for 32-token inputs (with and without unknown tokens), nothing
 * leaves the canvas and no text, cell, bar or box overlaps another; the
 * layout is deterministic; the picked bar is highlighted; encoder cells
 * fill t*H at step t; `every` draws more C arrows than `init`; the hit
 * tests, colours, text fitting and overlays. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "scene/colors.h"
#include "scene/overlay.h"
#include "scene_check.h"
#include "session/narration.h"

typedef struct {
    Course *course;
    Variant v;
    ContextMode c;
    Trace trace;
    Timeline tl;
    SceneInput in;
} Case;

static void case_init(Case *k, Course *course, Variant v, ContextMode c,
                      const int *src, int len)
{
    memset(k, 0, sizeof *k);
    k->course = course;
    k->v = v;
    k->c = c;
    course_run(course, v, c, src ? src : course->lesson->input,
               src ? len : course->lesson->input_len, &k->trace);
    timeline_build(&k->tl, &k->trace, course->lesson->example_count > 0);
    k->in = (SceneInput){.lesson = course->lesson, .variant = v, .context = c,
                         .trace = &k->trace, .timeline = &k->tl};
}

static void case_deinit(Case *k)
{
    timeline_deinit(&k->tl);
    trace_deinit(&k->trace);
}

static int count_role(const Scene *s, ShapeRole r)
{
    int n = 0;
    for (int i = 0; i < s->count; i++)
        n += s->shapes[i].role == r;
    return n;
}

static int context_arrows(const Scene *s, const Palette *p)
{
    int n = 0;
    for (int i = 0; i < s->count; i++)
        if (s->shapes[i].kind == SHAPE_POLYLINE &&
            rgba_equal(s->shapes[i].stroke, p->arrow_context))
            n++;
    return n;
}

/* What attention adds, at the end of a step (u = 1): the attend step of
 * decoder step t has c_t's H cells and one weight bar per input token
 * whose alpha is visible, the largest highlighted, and the alpha_t the
 * narration's formula prints; the summary has the alignment matrix, one
 * cell per output x input token. Nothing of it for init and every. */
static void check_attention_parts(const Case *k, int step, const Scene *sc,
                                  const char *where)
{
    const Trace *tr = &k->trace;
    Step st = k->tl.steps[step];
    int T = tr->source_len, Tp = tr->output_len, H = tr->hidden;
    bool attend = k->v == VARIANT_ATTENTION;
    CHECK_MSG((tr->alpha != NULL) == attend, "%s", where);
    char c_name[32], sub[16];
    subscript(st.t, sub, sizeof sub);
    snprintf(c_name, sizeof c_name, "c%s[", sub);
    if (st.kind == STEP_DECODER_ATTEND) {
        CHECK_MSG(attend, "%s: an attend step without attention", where);
        CHECK_MSG(filled_cells(sc, c_name) == H, "%s: %d cells of %s", where,
                  filled_cells(sc, c_name), c_name);
        const double *alpha = trace_alpha(tr, st.t - 1);
        int visible = 0, best = 0;
        for (int i = 0; i < T; i++) {
            visible += 96.0 * alpha[i] > 0.5;
            best = alpha[i] > alpha[best] ? i : best;
        }
        int bars = 0, hi = 0;
        const Palette *p = palette_for(THEME_LIGHT);
        const Palette *q = palette_for(THEME_DARK);
        for (int i = 0; i < sc->count; i++) {
            const Shape *sh = &sc->shapes[i];
            if (sh->role != ROLE_BAR)
                continue;
            bars++;
            hi += rgba_equal(sh->fill, p->accent) ||
                  rgba_equal(sh->fill, q->accent);
        }
        CHECK_MSG(bars == visible, "%s: %d weight bars, %d visible", where,
                  bars, visible);
        CHECK_MSG(hi == (96.0 * alpha[best] > 0.5), "%s: %d highlighted",
                  where, hi);
    } else {
        CHECK_MSG(filled_cells(sc, c_name) == 0,
                  "%s: c_t cells outside the attend step", where);
    }
    if (st.kind == STEP_SUMMARY)
        CHECK_MSG(filled_cells(sc, "\xCE\xB1(") == (attend ? T * Tp : 0),
                  "%s: alignment matrix of %d cells, want %d", where,
                  filled_cells(sc, "\xCE\xB1("), attend ? T * Tp : 0);
}

/* Large text: every number, label, token and logit of the network and
 * softmax bands at least LARGE_TEXT_MIN (20 px at 1024 x 768). */
static void check_large_text(const Scene *sc, const char *where)
{
    for (int i = 0; i < sc->count; i++) {
        const Shape *sh = &sc->shapes[i];
        if (sh->kind != SHAPE_TEXT || sh->role == ROLE_MOVING ||
            sh->y < NETWORK_Y || sh->y + sh->h > SOFTMAX_Y + SOFTMAX_H)
            continue;
        CHECK_MSG(sh->font_size >= LARGE_TEXT_MIN - 0.01f,
                  "%s: large text %.1f: %s", where, (double)sh->font_size,
                  sh->text);
    }
}

/* Every step of one case at u = 0, 0.5, 1, at each of the four canvas
 * shapes, in normal and large text, in both languages/themes. */
static void check_all_steps(Case *k, const char *name, Scene *sc)
{
    static const float us[3] = {0, 0.5f, 1};
    for (int step = 0; step < k->tl.count; step++) {
        for (int jw = 0; jw < 3 * 4 * 2; jw++) {
            int j = jw % 3, w = (jw / 3) % 4;
            bool large = jw >= 12;
            k->in.step = step;
            k->in.progress = us[j];
            ViewOptions view = {.theme = (Theme)((step + j + w) % 2),
                                .lang = (Lang)((step + j / 2 + w) % 2),
                                .numbers = j != 1 || step % 3 == 0,
                                .canvas_w = canvas_widths[w],
                                .slow_motion = (step + w) % 3 == 0 ? 6 : 1,
                                .large_text = large};
            scene_build(sc, &k->in, &view, &fake_measure);
            CHECK_MSG(sc->width == canvas_widths[w], "%s: width %.0f",
                      name, (double)sc->width);
            char where[256];
            snprintf(where, sizeof where, "%s %s/%s step %d u %.1f %s%s",
                     name, variant_name(k->v), context_name(k->c), step + 1,
                     (double)us[j], canvas_names[w], large ? " large" : "");
            if (large)
                check_large_text(sc, where);
            check_invariants(sc, &fake_measure, where);
            /* The font has no subscript T: labels use the trace's T. */
            for (int i = 0; i < sc->count; i++)
                if (sc->shapes[i].text)
                    CHECK_MSG(!strstr(sc->shapes[i].text, "h_T") &&
                                  !strstr(sc->shapes[i].text, "h_t"),
                              "%s: %s", where, sc->shapes[i].text);
            if (us[j] >= 1)
                CHECK_MSG(count_role(sc, ROLE_MOVING) == 0, "%s", where);
            if (us[j] >= 1)
                check_attention_parts(k, step, sc, where);
        }
    }
}

static void test_lesson(const char *path, Scene *sc)
{
    Course *course = load_course(path);
    CHECK_MSG(course != NULL, "%s", path);
    if (!course)
        return;
    const char *name = course->lesson->name;
    int H = course->lesson->hidden;
    for (int v = 0; v < VARIANT_COUNT; v++) {
        if (!course_has_variant(course, (Variant)v))
            continue; /* attention = no */
        for (int c = 0; c < CONTEXT_COUNT; c++) {
            check_narration_whole(course, (Variant)v, (ContextMode)c,
                                  &fake_measure, sc, "stand-in measure");
            Case k;
            case_init(&k, course, (Variant)v, (ContextMode)c, NULL, 0);
            check_all_steps(&k, name, sc);

            ViewOptions view = {.theme = THEME_LIGHT, .lang = LANG_EN,
                                .numbers = true};
            const Palette *p = palette_for(view.theme);
            for (int s = 0; s < k.tl.count; s++) {
                Step st = k.tl.steps[s];
                k.in.step = s;
                /* Deterministic: the same inputs give the same list. */
                k.in.progress = 0.37f;
                Scene other;
                scene_init(&other);
                scene_build(sc, &k.in, &view, &fake_measure);
                scene_build(&other, &k.in, &view, &fake_measure);
                CHECK_MSG(scenes_equal(sc, &other), "%s step %d", name, s);
                scene_deinit(&other);

                /* Transparent: the theme's colour at alpha 0, so edges
                 * blend towards it. */
                for (int th = 0; th < THEME_COUNT && s == 0; th++) {
                    ViewOptions tv = {.theme = (Theme)th,
                                      .transparent = true};
                    scene_build(sc, &k.in, &tv, &fake_measure);
                    Rgba want = palette_for((Theme)th)->background;
                    want.a = 0;
                    CHECK(rgba_equal(sc->background, want));
                    tv.transparent = false;
                    scene_build(sc, &k.in, &tv, &fake_measure);
                    CHECK(rgba_equal(sc->background,
                                     palette_for((Theme)th)->background));
                }

                k.in.progress = 1;
                scene_build(sc, &k.in, &view, &fake_measure);
                if (st.kind == STEP_DECODER_SOFTMAX ||
                    st.kind == STEP_SOFTMAX_EXAMPLE) {
                    int hi = 0, bars = 0;
                    for (int i = 0; i < sc->count; i++) {
                        if (sc->shapes[i].role != ROLE_BAR)
                            continue;
                        bars++;
                        hi += rgba_equal(sc->shapes[i].fill, p->accent);
                    }
                    CHECK_MSG(bars > 0 && hi == 1,
                              "%s step %d: %d bars, %d highlighted", name, s,
                              bars, hi);
                }
                if (st.kind == STEP_ENCODER) {
                    CHECK_MSG(filled_cells(sc, "h") == st.t * H,
                              "%s step %d: %d filled, want %d", name, s,
                              filled_cells(sc, "h"), st.t * H);
                    k.in.progress = 0;
                    scene_build(sc, &k.in, &view, &fake_measure);
                    CHECK(filled_cells(sc, "h") == (st.t - 1) * H);
                }
                if (st.kind == STEP_OVERVIEW) {
                    k.in.progress = 1;
                    scene_build(sc, &k.in, &view, &fake_measure);
                    CHECK(filled_cells(sc, "") == 0);
                }
            }
            case_deinit(&k);
        }
    }

    /* C at every step: C reaches every state and output. */
    for (int c = 0; c < CONTEXT_COUNT; c++) {
        Case a, b;
        case_init(&a, course, VARIANT_INIT, (ContextMode)c, NULL, 0);
        case_init(&b, course, VARIANT_EVERY, (ContextMode)c, NULL, 0);
        ViewOptions view = {.theme = THEME_DARK, .lang = LANG_ZH};
        const Palette *p = palette_for(THEME_DARK);
        a.in.step = a.tl.count - 1;
        b.in.step = b.tl.count - 1;
        a.in.progress = b.in.progress = 1;
        scene_build(sc, &a.in, &view, &fake_measure);
        int na = context_arrows(sc, p);
        scene_build(sc, &b.in, &view, &fake_measure);
        int nb = context_arrows(sc, p);
        CHECK_MSG(nb > na && na >= 2, "%s: init %d, every %d C arrows", name,
                  na, nb);
        case_deinit(&a);
        case_deinit(&b);
    }
    course_destroy(course);
}

/* The joined text of every text shape, for "does the picture say X". */
static void all_text(const Scene *sc, char *out, size_t n)
{
    out[0] = '\0';
    for (int i = 0; i < sc->count; i++)
        if (sc->shapes[i].text) {
            strncat(out, sc->shapes[i].text, n - strlen(out) - 1);
            strncat(out, "|", n - strlen(out) - 1);
        }
}

/* Whether some text shape reads exactly text. */
static bool has_text(const Scene *sc, const char *text)
{
    for (int i = 0; i < sc->count; i++)
        if (sc->shapes[i].text && strcmp(sc->shapes[i].text, text) == 0)
            return true;
    return false;
}

/* The summary's formula "p(y|x) = f1 × … × fn = P" (or "≈ P"): the
 * printed factors multiply to the printed total exactly when it says "=".
 * Returns whether the scene had such a line. */
static bool check_product_line(const Scene *sc, const char *where)
{
    for (int i = 0; i < sc->count; i++) {
        const char *t = sc->shapes[i].text;
        if (!t || strncmp(t, "p(y|x) = ", 9) != 0)
            continue;
        const char *p = t + 9;
        double prod = 1;
        bool cut = false;
        for (;;) {
            char *end;
            prod *= strtod(p, &end);
            p = end;
            if (strncmp(p, " \xC3\x97 ", 4) != 0)
                break;
            p += 4;
            if (strncmp(p, "\xE2\x80\xA6", 3) == 0) {
                cut = true;
                break;
            }
        }
        if (cut)
            return true;
        bool equal = strncmp(p, " = ", 3) == 0;
        bool approx = strncmp(p, " \xE2\x89\x88 ", 5) == 0;
        CHECK_MSG(equal || approx, "%s: %s", where, t);
        char got[32];
        narration_format_prob(prod, got, sizeof got);
        const char *total = p + (equal ? 3 : 5);
        CHECK_MSG((strcmp(got, total) == 0) == equal,
                  "%s: the factors give %s: %s", where, got, t);
        return true;
    }
    return false;
}

/* Decoder columns appear as the decoder produces them (issue 10 item 8):
 * no state s_t is drawn before its step (the overview shows s_1 only and
 * an open end), the summary shows the last one, and the header's title
 * names no output token before the decoder has written it. */
static void test_open_decoder(const char *path, Scene *sc)
{
    Course *course = load_course(path);
    CHECK(course != NULL);
    if (!course)
        return;
    for (int v = 0; v < VARIANT_COUNT; v++) {
        if (!course_has_variant(course, (Variant)v))
            continue; /* attention = no */
        Case k;
        case_init(&k, course, (Variant)v, course->lesson->context, NULL, 0);
        int Td = k.trace.output_len;
        for (int step = 0; step < k.tl.count; step++) {
            const Step *st = &k.tl.steps[step];
            int allowed = st->kind == STEP_DECODER_STATE ||
                                  st->kind == STEP_DECODER_ATTEND ||
                                  st->kind == STEP_DECODER_SOFTMAX
                              ? st->t
                          : st->kind == STEP_SUMMARY ? Td
                                                     : 1;
            k.in.step = step;
            k.in.progress = 1;
            ViewOptions view = {.lang = LANG_EN, .numbers = true};
            scene_build(sc, &k.in, &view, &fake_measure);
            for (int t = allowed + 1; t <= Td && t <= 60; t++) {
                char name[32], sub[24];
                subscript(t, sub, sizeof sub);
                snprintf(name, sizeof name, "s%s", sub);
                CHECK_MSG(!has_text(sc, name), "%s step %d: %s drawn early",
                          path, step + 1, name);
            }
            if (st->kind == STEP_OVERVIEW && Td > 1) {
                /* the title's example ends in "→ …", not in the answer */
                const char *last =
                    course->lesson->target_vocab.tokens[k.trace.pick[0]];
                char title[1024] = "";
                const char *own = course->lesson->title[LANG_EN];
                const char *colon = strstr(own, ": ");
                size_t pre = colon ? (size_t)(colon - own) + 2 : 0;
                for (int i = 0; i < sc->count && pre; i++)
                    if (sc->shapes[i].text &&
                        strncmp(sc->shapes[i].text, own, pre) == 0)
                        snprintf(title, sizeof title, "%s",
                                 sc->shapes[i].text);
                if (title[0] && strstr(course->lesson->title[LANG_EN],
                                       " \xE2\x86\x92 "))
                    CHECK_MSG(strstr(title, "\xE2\x86\x92 \xE2\x80\xA6") &&
                                  !strstr(strstr(title, "\xE2\x86\x92 "),
                                          last),
                              "%s: the overview's title tells the output: %s",
                              path, title);
            }
            if (st->kind == STEP_SUMMARY)
                CHECK_MSG(check_product_line(sc, path),
                          "%s: no p(y|x) line at the summary", path);
            if (st->kind == STEP_SUMMARY && Td <= 7) {
                char name[32], sub[24];
                subscript(Td, sub, sizeof sub);
                snprintf(name, sizeof name, "s%s", sub);
                CHECK_MSG(has_text(sc, name), "%s summary: no %s", path,
                          name);
            }
        }
        case_deinit(&k);
    }
    course_destroy(course);
}

/* A typed token the model never saw: the narration and the header name it
 * as typed and say the model reads <unk>. */
static void test_typed_unknown(const char *path, Scene *sc)
{
    Course *course = load_course(path);
    CHECK(course != NULL);
    if (!course)
        return;
    int ids[LESSON_MAX_INPUT], unknown = 0;
    int n = lesson_tokenize_input(course->lesson, "机器学猫", ids,
                                  LESSON_MAX_INPUT, &unknown);
    CHECK(n == 4 && unknown == 1 && ids[3] == VOCAB_UNK);
    if (n != 4) {
        course_destroy(course);
        return;
    }
    static const char *const typed[4] = {"机", "器", "学", "猫"};
    bool flags[4] = {false, false, false, true};
    Case k;
    case_init(&k, course, VARIANT_INIT, CONTEXT_LAST, ids, n);
    k.in.unknown = flags;
    k.in.input_tokens = typed;
    static const char *const want[LANG_COUNT][3] = {
        [LANG_EN] = {"\"猫\"", "actually reads is <unk>",
                     "Encoder step 4: 猫 (<unk>)"},
        [LANG_ZH] = {"“猫”", "实际读入的是 <unk>", "编码第 4 步：猫（<unk>）"},
    };
    for (int g = 0; g < LANG_COUNT; g++) {
        ViewOptions view = {.lang = (Lang)g, .numbers = true};
        k.in.step = 4; /* encoder step 4 */
        k.in.progress = 1;
        CHECK(k.tl.steps[4].kind == STEP_ENCODER && k.tl.steps[4].t == 4);
        scene_build(sc, &k.in, &view, &fake_measure);
        char text[16384];
        all_text(sc, text, sizeof text);
        char said[8192], w0[64], w1[64];
        narration_laid_out(sc, view.theme, said, sizeof said);
        squeeze(want[g][0], w0, sizeof w0);
        squeeze(want[g][1], w1, sizeof w1);
        CHECK_MSG(strstr(said, w0) && strstr(said, w1), "%s", said);
        CHECK_MSG(strstr(text, want[g][2]) != NULL, "%s: %s", want[g][2],
                  text);
        CHECK_MSG(strstr(text, "\"<unk>\"") == NULL &&
                      strstr(text, "“<unk>”") == NULL,
                  "%s", text);
        char *s = narration_for_step(course->lesson, &k.trace, k.v, k.c,
                                     &k.tl.steps[0], (Lang)g, typed);
        CHECK_MSG(strstr(s, "机器学猫") != NULL, "%s", s); /* {input} */
        free(s);
    }
    case_deinit(&k);
    course_destroy(course);
}

/* 32-token inputs: the diagram is compressed, never overlaps. */
static void test_long_inputs(const char *dir_lesson, const char *text,
                             Scene *sc)
{
    Course *course = load_course(dir_lesson);
    CHECK(course != NULL);
    if (!course)
        return;
    int ids[LESSON_MAX_INPUT];
    int unknown = 0;
    int n = lesson_tokenize_input(course->lesson, text, ids,
                                  LESSON_MAX_INPUT, &unknown);
    CHECK_MSG(n == LESSON_MAX_INPUT, "%s: %d tokens", dir_lesson, n);
    if (n <= 0) {
        course_destroy(course);
        return;
    }
    bool flags[LESSON_MAX_INPUT];
    for (int i = 0; i < n; i++)
        flags[i] = ids[i] == VOCAB_UNK;
    for (int v = 0; v < VARIANT_COUNT; v++) {
        if (!course_has_variant(course, (Variant)v))
            continue; /* attention = no */
        for (int c = 0; c < CONTEXT_COUNT; c++) {
            Case k;
            case_init(&k, course, (Variant)v, (ContextMode)c, ids, n);
            k.in.unknown = unknown ? flags : NULL;
            check_all_steps(&k, course->lesson->name, sc);
            /* The current encoder or decoder step is always shown, in
             * large text (fewer columns) too, at every shape. */
            for (int m = 0; m < 2 * 4; m++) {
                ViewOptions view = {.numbers = true, .large_text = m >= 4,
                                    .canvas_w = canvas_widths[m % 4]};
                for (int s = 0; s < k.tl.count; s++) {
                    Step st = k.tl.steps[s];
                    if (st.kind != STEP_ENCODER &&
                        st.kind != STEP_DECODER_SOFTMAX)
                        continue;
                    k.in.step = s;
                    k.in.progress = 1;
                    scene_build(sc, &k.in, &view, &fake_measure);
                    char want[64], sub[32];
                    subscript(st.t, sub, sizeof sub);
                    snprintf(want, sizeof want, "%s%s[1] = ",
                             st.kind == STEP_ENCODER ? "h" : "s", sub);
                    CHECK_MSG(filled_cells(sc, want) == 1, "step %d %s%s", s,
                              canvas_names[m % 4], m >= 4 ? " large" : "");
                }
            }
            case_deinit(&k);
        }
    }
    course_destroy(course);
}

static void test_hits(const char *path, Scene *sc)
{
    Course *course = load_course(path);
    if (!course)
        return;
    Case k;
    case_init(&k, course, VARIANT_INIT, CONTEXT_LAST, NULL, 0);
    ViewOptions view = {.lang = LANG_EN, .numbers = true};
    k.in.step = k.tl.count - 1;
    k.in.progress = 1;
    scene_build(sc, &k.in, &view, &fake_measure);
    /* Every progress segment maps back to its step. */
    int segs = 0;
    for (int i = 0; i < sc->count; i++) {
        const Shape *s = &sc->shapes[i];
        if (s->role != ROLE_DECOR || s->tooltip < 0)
            continue;
        int hit = scene_progress_hit(&k.in, sc->width, s->x + s->w / 2,
                                     s->y + s->h / 2);
        CHECK_MSG(hit == segs, "segment %d hit %d", segs, hit);
        segs++;
    }
    CHECK(segs == k.tl.count);
    CHECK(scene_progress_hit(&k.in, sc->width, 960, 540) == -1);
    /* Hovering a cell finds it. */
    int cells = 0;
    for (int i = 0; i < sc->count; i++) {
        const Shape *s = &sc->shapes[i];
        if (s->role != ROLE_CELL)
            continue;
        cells++;
        int hit = scene_hit_tooltip(sc, s->x + s->w / 2, s->y + s->h / 2);
        CHECK(hit >= 0 && sc->shapes[hit].tooltip == s->tooltip);
    }
    CHECK(cells > 0);
    CHECK(scene_hit_tooltip(sc, 1, 1) == -1);

    /* Unknown input tokens: warning box, "<unk>" and a note. */
    bool flags[LESSON_MAX_INPUT] = {false};
    const char *typed[LESSON_MAX_INPUT] = {0};
    flags[1] = true;
    typed[1] = "猫";
    k.in.unknown = flags;
    k.in.input_tokens = typed;
    k.in.step = 0;
    scene_build(sc, &k.in, &view, &fake_measure);
    const Palette *p = palette_for(view.theme);
    int warn_boxes = 0, unk = 0, note = 0, cat = 0;
    for (int i = 0; i < sc->count; i++) {
        const Shape *s = &sc->shapes[i];
        if (s->role == ROLE_BOX && rgba_equal(s->stroke, p->warning))
            warn_boxes++;
        if (s->kind == SHAPE_TEXT && strcmp(s->text, "<unk>") == 0)
            unk++;
        if (s->kind == SHAPE_TEXT && strstr(s->text, "not trained"))
            note++;
        if (s->kind == SHAPE_TEXT && strcmp(s->text, "猫") == 0)
            cat++;
    }
    CHECK_MSG(warn_boxes == 1 && unk == 1 && note == 1 && cat == 1,
              "%d %d %d %d", warn_boxes, unk, note, cat);
    check_invariants(sc, &fake_measure, "unknown token");
    case_deinit(&k);
    course_destroy(course);
}

/* The footer: the key table's hints while key_hints is on (the window),
 * nothing at all in the band otherwise (K, and every saved picture). */
static void test_footer(const char *path, Scene *sc)
{
    Course *course = load_course(path);
    if (!course)
        return;
    Case k;
    case_init(&k, course, VARIANT_INIT, CONTEXT_LAST, NULL, 0);
    static const KeyHelpRow rows[] = {
        {"N", {"下一步", "next step"}, "N", {"下一步", "next"}},
        {"Home", {"第一步", "first step"}, NULL, {NULL, NULL}},
        {"K", {"提示", "hints"}, "K", {"隐藏提示", "hide hints"}},
    };
    KeyHelp keys = {rows, 3};
    for (int w = 0; w < 4; w++) {
        ViewOptions view = {.lang = LANG_EN, .keys = &keys,
                            .key_hints = true, .canvas_w = canvas_widths[w]};
        k.in.step = 1;
        k.in.progress = 1;
        scene_build(sc, &k.in, &view, &fake_measure);
        int hints = 0, legend = 0;
        for (int i = 0; i < sc->count; i++) {
            const Shape *sh = &sc->shapes[i];
            if (sh->y < FOOTER_Y - 1 || !sh->text)
                continue;
            if (strstr(sh->text, "orange"))
                legend++;
            if (!strstr(sh->text, "next"))
                continue;
            hints++;
            CHECK_MSG(strstr(sh->text, "N next") &&
                          strstr(sh->text, "K hide hints") &&
                          !strstr(sh->text, "Home"),
                      "footer: %s", sh->text);
        }
        CHECK_MSG(hints == 1 && legend == 1, "%s: %d hint lines, %d legends",
                  canvas_names[w], hints, legend);
        check_invariants(sc, &fake_measure, "footer");
        view.key_hints = false;
        scene_build(sc, &k.in, &view, &fake_measure);
        hints = legend = 0;
        for (int i = 0; i < sc->count; i++) {
            const Shape *sh = &sc->shapes[i];
            if (sh->y >= FOOTER_Y - 1 && sh->text) {
                hints += strstr(sh->text, "next") != NULL;
                legend += strstr(sh->text, "orange") != NULL;
                /* Nothing right of the legend. */
                CHECK_MSG(sh->x + sh->w < 700, "%s: %s at x %.0f",
                          canvas_names[w], sh->text, (double)sh->x);
            }
        }
        CHECK_MSG(hints == 0 && legend == 1, "%s: hidden hints: %d, %d",
                  canvas_names[w], hints, legend);
        /* Auto-play: the indicator with its speed at the right. */
        view.auto_seconds = 2.4f;
        scene_build(sc, &k.in, &view, &fake_measure);
        int autos = 0;
        for (int i = 0; i < sc->count; i++)
            autos += sc->shapes[i].text &&
                     strstr(sc->shapes[i].text, "auto 2.4 s") &&
                     sc->shapes[i].x > sc->width / 2;
        CHECK_MSG(autos == 1, "%s: %d auto-play indicators",
                  canvas_names[w], autos);
        check_invariants(sc, &fake_measure, "auto-play");
    }
    case_deinit(&k);
    course_destroy(course);
}

/* Key G: on the log scale a runner-up that is an empty track on the
 * linear scale (p ~ 0.0004 beside 0.9994) gets a visible bar, the winner
 * stays the tallest, and the logits are labelled. */
static void test_log_bars(const char *path, Scene *sc)
{
    Course *course = load_course(path);
    if (!course)
        return;
    Case k;
    case_init(&k, course, VARIANT_INIT, CONTEXT_LAST, NULL, 0);
    int checked = 0;
    for (int s = 0; s < k.tl.count; s++) {
        if (k.tl.steps[s].kind != STEP_DECODER_SOFTMAX)
            continue;
        k.in.step = s;
        k.in.progress = 1;
        float lin[16], lg[16];
        int nl = 0, ng = 0;
        for (int mode = 0; mode < 2; mode++) {
            ViewOptions view = {.lang = LANG_EN, .numbers = true,
                                .log_bars = mode == 1};
            scene_build(sc, &k.in, &view, &fake_measure);
            bool labelled = false;
            for (int i = 0; i < sc->count; i++) {
                const Shape *sh = &sc->shapes[i];
                if (sh->role == ROLE_BAR && (mode ? ng : nl) < 16)
                    (mode ? lg : lin)[(mode ? ng++ : nl++)] = sh->h;
                labelled |= sh->text && strstr(sh->text, "logits z");
            }
            CHECK(labelled);
        }
        CHECK(nl == ng && nl >= 2);
        int tallest_l = 0, tallest_g = 0;
        for (int i = 1; i < nl && i < ng; i++) {
            if (lin[i] > lin[tallest_l])
                tallest_l = i;
            if (lg[i] > lg[tallest_g])
                tallest_g = i;
            CHECK(lg[i] >= lin[i] - 0.01f); /* log10 lifts every p < 1 */
        }
        CHECK(tallest_l == tallest_g);
        int runner = tallest_l == 0 ? 1 : 0;
        CHECK_MSG(lg[runner] > 10 && lg[runner] > 3 * lin[runner],
                  "step %d: runner-up %.1f log, %.1f linear", s,
                  (double)lg[runner], (double)lin[runner]);
        checked++;
    }
    CHECK(checked > 0);
    case_deinit(&k);
    course_destroy(course);
}

/* The summed height of the softmax bars. */
static float bar_height(const Scene *sc)
{
    float h = 0;
    for (int i = 0; i < sc->count; i++)
        if (sc->shapes[i].role == ROLE_BAR)
            h += sc->shapes[i].h;
    return h;
}

/* Slow motion (M): the parts of a step come one after another, with a
 * pause in which nothing moves between them. Encoder step: token (slot 0),
 * arrows (1), cells (2); softmax step: arrow up (0), bars (1), pick (2). */
static void test_slow_motion(const char *path, Scene *sc)
{
    Course *course = load_course(path);
    if (!course)
        return;
    Case k;
    case_init(&k, course, VARIANT_EVERY, CONTEXT_LAST, NULL, 0);
    int H = course->lesson->hidden, checked = 0;
    Scene a, b;
    scene_init(&a);
    scene_init(&b);
    for (int s = 0; s < k.tl.count; s++) {
        Step st = k.tl.steps[s];
        if (st.kind != STEP_ENCODER && st.kind != STEP_DECODER_SOFTMAX)
            continue;
        k.in.step = s;
        for (int slow = 3; slow <= 6; slow += 3) {
            ViewOptions fast = {.lang = LANG_EN, .numbers = true};
            ViewOptions view = fast;
            view.slow_motion = slow;
            /* Each slot: 70 % ramp, 30 % pause. */
            const float pauses[3][2] = {{0.24f, 0.32f}, {0.57f, 0.65f},
                                        {0.91f, 0.99f}};
            for (int j = 0; j < 3; j++) {
                k.in.progress = pauses[j][0];
                scene_build(&a, &k.in, &view, &fake_measure);
                k.in.progress = pauses[j][1];
                scene_build(&b, &k.in, &view, &fake_measure);
                CHECK_MSG(scenes_equal(&a, &b), "step %d slow %d: pause %d "
                          "moves", s + 1, slow, j);
            }
            /* ... and the parts between the pauses do move. */
            k.in.progress = 0.45f;
            scene_build(&b, &k.in, &view, &fake_measure);
            k.in.progress = 0.32f;
            scene_build(&a, &k.in, &view, &fake_measure);
            CHECK(!scenes_equal(&a, &b));
            if (st.kind == STEP_ENCODER) {
                int before = (st.t - 1) * H;
                /* Halfway: the cells still wait for their slot, where the
                 * normal speed has begun filling them. */
                k.in.progress = 0.5f;
                scene_build(sc, &k.in, &view, &fake_measure);
                CHECK(filled_cells(sc, "h") == before);
                scene_build(sc, &k.in, &fast, &fake_measure);
                CHECK(filled_cells(sc, "h") > before);
                k.in.progress = 0.91f;
                scene_build(sc, &k.in, &view, &fake_measure);
                CHECK(filled_cells(sc, "h") == st.t * H);
            } else {
                /* Bars wait for the arrow, then grow. */
                k.in.progress = 0.3f;
                scene_build(sc, &k.in, &view, &fake_measure);
                CHECK(bar_height(sc) < 0.01f);
                scene_build(sc, &k.in, &fast, &fake_measure);
                CHECK(bar_height(sc) > 1);
                k.in.progress = 0.6f;
                scene_build(sc, &k.in, &view, &fake_measure);
                CHECK(bar_height(sc) > 1);
            }
            checked++;
        }
    }
    CHECK(checked >= 4);
    scene_deinit(&a);
    scene_deinit(&b);
    case_deinit(&k);
    course_destroy(course);
}

static void test_colors(void)
{
    CHECK(rgba_equal(value_color(-1), value_color_low()));
    CHECK(rgba_equal(value_color(1), value_color_high()));
    CHECK(rgba_equal(value_color(-5), value_color_low()));
    CHECK(rgba_equal(value_color(5), value_color_high()));
    Rgba mid = value_color(0);
    CHECK(mid.r > 230 && mid.g > 230 && mid.b > 230);
    Rgba lo = value_color_low(), hi = value_color_high();
    CHECK(lo.b > lo.r && hi.r > hi.b); /* blue and orange ends */
    CHECK(rgba_equal(value_color(NAN), mid));
    const Palette *l = palette_for(THEME_LIGHT), *d = palette_for(THEME_DARK);
    CHECK(l->background.r > 230 && d->background.r < 40);
    CHECK(!rgba_equal(l->accent, l->bar));
    Theme t;
    CHECK(theme_parse("dark", &t) && t == THEME_DARK);
    CHECK(!theme_parse("sepia", &t));
    CHECK(strcmp(theme_name(THEME_LIGHT), "light") == 0);
}

/* A measure that counts its calls (ctx: an int). */
static float counting_width(void *ctx, const char *s, float size, bool bold)
{
    ++*(int *)ctx;
    return fake_width(NULL, s, size, bold);
}

/* A perverse measure whose width jumps up and down from one prefix to
 * the next (by up to 40 %, from a hash of the string): the wrap's search
 * assumes widths do not fall as characters are added, and must still
 * never place a line wider than its box. */
static float jumpy_width(void *ctx, const char *s, float size, bool bold)
{
    (void)ctx;
    unsigned h = 2166136261u;
    for (const char *p = s; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return fake_width(NULL, s, size, bold) * (0.8f + 0.4f * (h % 101) / 100);
}

/* Wrapping a paragraph measures a few prefixes a line, not every one,
 * and gives the lines the one-character-at-a-time scan gave. */
static void test_wrap_cost(void)
{
    /* 100 words of 7 letters at 6 units a character: in 386 units 8
     * words and the space after them fit (384), the next letter not */
    char para[1000] = "";
    for (int i = 0; i < 100; i++)
        strcat(para, i % 3 ? "encoder " : "softmax ");
    int calls = 0;
    TextMeasure counting = {counting_width, &calls};
    char lines[16][512];
    int n = wrap_text(&counting, para, 10, 386, false, lines, 16);
    CHECK(n == 13);
    for (int i = 0; i < n; i++) {
        int words = i < n - 1 ? 8 : 100 - 8 * (n - 1);
        CHECK_MSG(strlen(lines[i]) == (size_t)(8 * words - 1),
                  "line %d is '%s'", i, lines[i]);
        CHECK(fake_width(NULL, lines[i], 10, false) <= 386);
    }
    /* measuring every prefix took ~64 measures a line (830 in all) */
    CHECK_MSG(calls < 13 * 15, "%d measures for %d lines", calls, n);

    TextMeasure jumpy = {jumpy_width, NULL};
    for (int w = 40; w <= 400; w += 9) {
        n = wrap_text(&jumpy, para, 10, (float)w, false, lines, 16);
        for (int i = 0; i < n; i++)
            CHECK_MSG(jumpy_width(NULL, lines[i], 10, false) <= w ||
                          utf8_len(lines[i]) == (int)strlen(lines[i]) ||
                          (i == n - 1 && strstr(lines[i], "\xE2\x80\xA6")),
                      "width %d: line %d '%s' is wider than its box", w, i,
                      lines[i]);
    }
}

static void test_text(void)
{
    char lines[3][512];
    /* 10 CJK characters at size 10 in width 45: 4 per line, between
     * characters. */
    int n = wrap_text(&fake_measure, "机器学习深度学习模型", 10, 45, false,
                      lines, 3);
    CHECK(n == 3);
    CHECK(strcmp(lines[0], "机器学习") == 0);
    CHECK(strcmp(lines[1], "深度学习") == 0);
    /* Latin breaks at spaces. */
    n = wrap_text(&fake_measure, "the encoder reads token one", 10, 80,
                  false, lines, 3);
    CHECK(n == 3);
    CHECK(strcmp(lines[0], "the encoder") == 0);
    CHECK(strcmp(lines[1], "reads token") == 0);
    CHECK(strcmp(lines[2], "one") == 0);
    /* Too long: the last line is cut with an ellipsis that fits. */
    n = wrap_text(&fake_measure, "aaa bbb ccc ddd eee fff", 10, 40, false,
                  lines, 2);
    CHECK(n == 2 && strstr(lines[1], "\xE2\x80\xA6") != NULL);
    CHECK(fake_width(NULL, lines[1], 10, false) <= 40);
    char out[64];
    ellipsize(&fake_measure, "abcdefghij", 10, 30, false, out, sizeof out);
    CHECK(strcmp(out, "abcd\xE2\x80\xA6") == 0);
    CHECK(fit_font(&fake_measure, "abcdefghij", 20, 5, 60, false) <= 10);
    format_num(-0.912345, 2, out, sizeof out);
    CHECK(strcmp(out, "\xE2\x88\x92" "0.91") == 0);
    format_num(-0.0001, 2, out, sizeof out);
    CHECK(strcmp(out, "0.00") == 0);
    subscript(12, out, sizeof out);
    CHECK(strcmp(out, "\xE2\x82\x81\xE2\x82\x82") == 0);
}

static void test_overlays(Scene *sc)
{
    const char *titles[20];
    for (int i = 0; i < 20; i++)
        titles[i] = i % 2 ? "机器翻译：机器学习 → machine learning"
                          : "Reversal: write the digits backwards, a very "
                            "long title that has to be cut somewhere";
    /* A key table as long as the app's, with its longest lines. */
    KeyHelpRow rows[28];
    for (int i = 0; i < 28; i++)
        rows[i] = (KeyHelpRow){
            i % 2 ? "M" : "\xE2\x86\x92  \xE2\x86\x93  Space  PageDown  Enter  N",
            {"切换语义向量 C 的求法（last、last-transform、mean）",
             "cycle the context mode (last, last-transform, mean)"},
            NULL, {NULL, NULL}};
    KeyHelp keys = {rows, 28};
    for (int lang = 0; lang < LANG_COUNT; lang++) {
        ViewOptions view = {.theme = (Theme)lang, .lang = (Lang)lang};
        scene_clear(sc);
        scene_overlay_help(sc, &view, &fake_measure);
        CHECK(sc->count == 0); /* no key table, nothing to list */
        view.keys = &keys;
        for (int w = 0; w < 4; w++) {
            scene_clear(sc);
            sc->width = canvas_widths[w];
            scene_overlay_help(sc, &view, &fake_measure);
            /* Every row: its keys and its words. */
            CHECK(count_role(sc, ROLE_OVERLAY) >= 2 + 2 * 28);
            check_invariants(sc, &fake_measure, "help");
        }
        sc->width = CANVAS_W;
        scene_clear(sc);
        scene_overlay_toast(sc, &view, &fake_measure,
                            "Saved /home/teacher/Pictures/seq2seq/step-007.png");
        check_invariants(sc, &fake_measure, "toast");
        /* Over the footer's key hints, clear of the narration band. */
        CHECK(sc->count == 2);
        for (int i = 0; i < sc->count; i++)
            CHECK(sc->shapes[i].y >= NARRATION_Y + NARRATION_H &&
                  sc->shapes[i].w >= CANVAS_W - 2 * MARGIN_X - 48);
        CHECK(sc->count == 2 && sc->shapes[1].font_size >= 24);
        scene_clear(sc);
        scene_overlay_progress(sc, &view, &fake_measure, "Exporting", 0.5);
        check_invariants(sc, &fake_measure, "progress");
        scene_clear(sc);
        float rect[4] = {0};
        InputFieldView f = {.text = "机器学习", .caret = 6,
                            .composition = "shen", .composition_caret = 2,
                            .error = "“猫” is not in the vocabulary"};
        scene_overlay_input(sc, &view, &fake_measure, &f, rect);
        check_invariants(sc, &fake_measure, "input");
        /* Caret after 机器 plus "sh" of the composition. */
        CHECK(rect[2] > 0 && rect[3] > 0);
        scene_clear(sc);
        scene_overlay_picker(sc, &view, &fake_measure, titles, 20, 17,
                             "bad.lesson:3: unknown key");
        check_invariants(sc, &fake_measure, "picker");
        scene_clear(sc);
        scene_overlay_tooltip(sc, &view, &fake_measure, "h₃[5] = −0.91234",
                              1900, 1070);
        check_invariants(sc, &fake_measure, "tooltip");
        scene_clear(sc);
        scene_overlay_blank(sc, lang == 1);
        CHECK(sc->count == 1 && sc->shapes[0].w == CANVAS_W);
    }
    /* The picker's hit test agrees with its highlighted row. */
    for (int sel = 0; sel < 20; sel += 5) {
        ViewOptions view = {0};
        scene_clear(sc);
        scene_overlay_picker(sc, &view, &fake_measure, titles, 20, sel, NULL);
        const Palette *p = palette_for(THEME_LIGHT);
        int highlighted = 0; /* a loop over no row would check nothing */
        for (int i = 0; i < sc->count; i++) {
            const Shape *s = &sc->shapes[i];
            if (s->kind == SHAPE_RECT && rgba_equal(s->stroke, p->accent)) {
                highlighted++;
                CHECK(scene_picker_hit(20, sel, sc->width, s->x + s->w / 2,
                                       s->y + s->h / 2) == sel);
            }
        }
        CHECK_MSG(highlighted == 1, "selection %d: %d highlighted rows", sel,
                  highlighted);
    }
}

int main(void)
{
    Scene sc;
    scene_init(&sc);
    test_colors();
    test_wrap_cost();
    test_text();
    test_overlays(&sc);

    char paths[32][1024];
    int n = lesson_paths(paths, 32);
    CHECK_MSG(n >= 5, "found %d lessons", n);
    for (int i = 0; i < n; i++) {
        test_lesson(paths[i], &sc);
        test_open_decoder(paths[i], &sc);
    }
    if (n > 0) {
        test_hits(paths[0], &sc);
        test_footer(paths[0], &sc);
        test_log_bars(paths[0], &sc);
        test_slow_motion(paths[0], &sc);
        test_typed_unknown(paths[0], &sc);
        char path[1100];
        snprintf(path, sizeof path, "%s/../lessons/06-reverse.lesson",
                 getenv("S2S_LESSONS_DIR") ? getenv("S2S_LESSONS_DIR")
                                           : "lessons");
        /* 32 digits, and 32 characters with some the model never saw. */
        test_long_inputs(path, "12211212112212121122121212211211", &sc);
        test_long_inputs(paths[0], "机器学习深度学习猫狗机器学习深度学习机器学习深度"
                                   "学习机器学习深度",
                         &sc);
    }
    scene_deinit(&sc);
    return check_exit();
}
