/* The compare view (issue 13): layout invariants at every step of every
 * shipped lesson, at every canvas shape, in large text and with a
 * 32-token input; every row on the same decoder step; the encoder drawn
 * once and identical from step to step; the compare timeline; the
 * parting step and the narration that says it only when it is true. */
#include "check.h"
#include "scene_check.h"

#include "session/session.h"

/* The left edge of C's cells (the encoder lies left of it). */
static float context_left(const Scene *s)
{
    float x = -1;
    for (int i = 0; i < s->count; i++) {
        const Shape *sh = &s->shapes[i];
        if (sh->role == ROLE_CELL && sh->tooltip >= 0 &&
            strncmp(s->tooltips[sh->tooltip], "C[", 2) == 0)
            x = x < 0 || sh->x < x ? sh->x : x;
    }
    return x;
}

static bool same_shape(const Scene *a, const Shape *s, const Scene *b,
                       const Shape *t)
{
    if (s->kind != t->kind || s->role != t->role || s->x != t->x ||
        s->y != t->y || s->w != t->w || s->h != t->h ||
        !rgba_eq(s->fill, t->fill) || !rgba_eq(s->stroke, t->stroke))
        return false;
    if ((s->text == NULL) != (t->text == NULL))
        return false;
    if (s->text && strcmp(s->text, t->text) != 0)
        return false;
    if (s->kind == SHAPE_POLYLINE) {
        if (s->point_count != t->point_count)
            return false;
        for (int k = 0; k < s->point_count; k++) {
            Point p = a->points[s->first_point + k];
            Point q = b->points[t->first_point + k];
            if (p.x != q.x || p.y != q.y)
                return false;
        }
    }
    return true;
}

/* In the network band, left of x: the encoder (not the header's
 * progress bar, the bars' panels or the narration below). */
static bool in_encoder(const Shape *s, float x)
{
    return s->x + s->w < x && s->y >= NETWORK_Y &&
           s->y + s->h <= NETWORK_Y + NETWORK_H;
}

/* The encoder's shapes, in order, are the same in a and b. */
static bool same_left_of(const Scene *a, const Scene *b, float x, int *count)
{
    int ia = 0, ib = 0;
    *count = 0;
    for (;;) {
        while (ia < a->count && !in_encoder(&a->shapes[ia], x))
            ia++;
        while (ib < b->count && !in_encoder(&b->shapes[ib], x))
            ib++;
        if (ia >= a->count || ib >= b->count)
            return ia >= a->count && ib >= b->count;
        if (!same_shape(a, &a->shapes[ia], b, &b->shapes[ib]))
            return false;
        (*count)++;
        ia++;
        ib++;
    }
}

/* Every step: invariants at every shape, normal and large text, both
 * languages, mid-animation and done. */
static void check_every_step(Session *s, Scene *sc, const char *where)
{
    int n = session_step_count(s);
    for (int k = 0; k < n; k++) {
        for (int m = 0; m < 2 * 4; m++) {
            for (int f = 0; f < 2; f++) {
                SceneInput in;
                scene_input_at(s, k, f ? 1.0f : 0.5f, &in);
                ViewOptions view = {.theme = (Theme)(k % 2),
                                    .lang = (Lang)((k + m) % 2),
                                    .numbers = true,
                                    .large_text = m >= 4,
                                    .canvas_w = canvas_widths[m % 4]};
                scene_build(sc, &in, &view, &fake_measure);
                char w[256];
                snprintf(w, sizeof w, "%s compare step %d %s%s u=%s", where,
                         k + 1, canvas_names[m % 4], m >= 4 ? " large" : "",
                         f ? "1" : "0.5");
                check_invariants(sc, &fake_measure, w);
            }
        }
    }
}

/* At decoder step t every row that has a step t shows its s_t filled,
 * and none shows s_{t+1}; the encoder is drawn once. */
static void check_rows_in_step(Session *s, Scene *sc, const char *where)
{
    CompareRows rows;
    session_compare(s, &rows);
    const Timeline *tl = session_timeline(s);
    ViewOptions view = {.numbers = true};
    for (int k = 0; k < tl->count; k++) {
        Step st = tl->steps[k];
        session_go(s, k);
        SceneInput in;
        scene_input_at(s, s->step, 1.0f, &in);
        CHECK(in.rows.n == rows.n && in.step == k);
        scene_build(sc, &in, &view, &fake_measure);
        char h1[32], sub[16];
        subscript(1, sub, sizeof sub);
        snprintf(h1, sizeof h1, "h%s[1] = ", sub);
        if (st.kind != STEP_OVERVIEW && st.kind != STEP_SOFTMAX_EXAMPLE)
            CHECK_MSG(filled_cells(sc, h1) == 1, "%s step %d: h1 drawn %d times",
                      where, k + 1, filled_cells(sc, h1));
        if (st.kind != STEP_DECODER_STATE && st.kind != STEP_DECODER_SOFTMAX)
            continue;
        /* the current step's column is always shown (earlier ones may be
         * under a "…" with a long output) */
        for (int t = st.t; t <= st.t + 1; t++) {
            int want = 0;
            for (int r = 0; r < rows.n; r++)
                want += t <= st.t && t <= rows.trace[r]->output_len;
            char name[32];
            subscript(t, sub, sizeof sub);
            snprintf(name, sizeof name, "s%s[1] = ", sub);
            CHECK_MSG(filled_cells(sc, name) == want,
                      "%s step %d (%s t=%d): %d rows show s%d, want %d",
                      where, k + 1, step_kind_name(st.kind), st.t,
                      filled_cells(sc, name), t, want);
        }
    }
}

/* From the context step on the encoder does not change: its display-list
 * items (everything left of C) are identical at every later step. */
static void check_encoder_still(Session *s, Scene *sc, const char *where)
{
    const Timeline *tl = session_timeline(s);
    int first = -1;
    for (int k = 0; k < tl->count && first < 0; k++)
        if (tl->steps[k].kind == STEP_DECODER_STATE)
            first = k;
    CHECK_MSG(first > 0, "%s: no decoder step", where);
    if (first < 0)
        return;
    for (int m = 0; m < 2 * 4; m++) {
        ViewOptions view = {.numbers = true, .large_text = m >= 4,
                            .canvas_w = canvas_widths[m % 4]};
        Scene ref;
        scene_init(&ref);
        SceneInput in;
        scene_input_at(s, first, 1.0f, &in);
        scene_build(&ref, &in, &view, &fake_measure);
        float x = context_left(&ref);
        CHECK_MSG(x > 0, "%s: no C cells", where);
        for (int k = first + 1; k < tl->count; k++) {
            scene_input_at(s, k, 1.0f, &in);
            scene_build(sc, &in, &view, &fake_measure);
            int count = 0;
            CHECK_MSG(context_left(sc) == x &&
                          same_left_of(&ref, sc, x, &count) && count > 0,
                      "%s %s%s: the encoder at step %d differs from step "
                      "%d",
                      where, canvas_names[m % 4], m >= 4 ? " large" : "",
                      k + 1, first + 1);
        }
        scene_deinit(&ref);
    }
}

/* The compare timeline follows the longest output, has no attend step,
 * and switching views keeps the step's meaning. */
static void check_timeline(Session *s, const char *where)
{
    CompareRows rows;
    session_compare(s, &rows);
    int longest = 0;
    for (int r = 0; r < rows.n; r++)
        if (rows.trace[r]->output_len > longest)
            longest = rows.trace[r]->output_len;
    const Timeline *tl = session_timeline(s);
    int last_t = 0, attend = 0;
    for (int k = 0; k < tl->count; k++) {
        if (tl->steps[k].kind == STEP_DECODER_SOFTMAX)
            last_t = tl->steps[k].t;
        attend += tl->steps[k].kind == STEP_DECODER_ATTEND;
    }
    CHECK_MSG(last_t == longest && attend == 0,
              "%s: compare timeline ends at t=%d (longest %d), %d attend",
              where, last_t, longest, attend);
    CHECK(tl->steps[tl->count - 1].kind == STEP_SUMMARY);

    /* steps view, decoder step 1's softmax -> compare: the same step */
    session_set_view(s, VIEW_STEPS);
    const Timeline *own = session_timeline(s);
    for (int k = 0; k < own->count; k++) {
        if (own->steps[k].kind != STEP_DECODER_SOFTMAX ||
            own->steps[k].t != 1)
            continue;
        session_go(s, k);
        CHECK(session_set_view(s, VIEW_COMPARE));
        Step st = session_timeline(s)->steps[s->step];
        CHECK_MSG(st.kind == STEP_DECODER_SOFTMAX && st.t == 1,
                  "%s: X kept %s t=%d", where, step_kind_name(st.kind), st.t);
        break;
    }
    /* through the training view and back: compare again at the trained
     * weights (the training view's snapshot does not stay behind) */
    CHECK(session_set_view(s, VIEW_TRAINING) && s->view == VIEW_TRAINING);
    CHECK(session_set_view(s, VIEW_COMPARE) && s->view == VIEW_COMPARE);
    CHECK(session_epoch(s) == s->course->lesson->epochs);
}

/* The narration says the outputs part exactly when and where they do. */
static void check_parting_words(Session *s, const char *where)
{
    CompareRows rows;
    session_compare(s, &rows);
    int part = compare_parting_step(&rows);
    /* the parting step by hand: the first t whose tokens differ */
    int want = 0, longest = 0;
    for (int r = 0; r < rows.n; r++)
        if (rows.trace[r]->output_len > longest)
            longest = rows.trace[r]->output_len;
    for (int t = 1; want == 0 && t <= longest; t++) {
        int y0 = t <= rows.trace[0]->output_len ? rows.trace[0]->pick[t - 1]
                                                : -1;
        for (int r = 1; r < rows.n; r++) {
            int y = t <= rows.trace[r]->output_len
                        ? rows.trace[r]->pick[t - 1]
                        : -1;
            if (y != y0)
                want = t;
        }
    }
    CHECK_MSG(part == want, "%s: parting step %d, want %d", where, part, want);
    const Timeline *tl = session_timeline(s);
    const Lesson *l = s->course->lesson;
    for (int k = 0; k < tl->count; k++) {
        Step st = tl->steps[k];
        char *text = narration_compare(l, &rows, &s->accuracy[s->context],
                                       &st, LANG_EN, NULL);
        bool says_here = strstr(text, "Here their outputs part") != NULL;
        bool says_parted = strstr(text, "parted at step") != NULL ||
                           strstr(text, "outputs part at step") != NULL;
        bool here = part > 0 && st.kind == STEP_DECODER_SOFTMAX &&
                    st.t == part;
        bool after = part > 0 && ((st.kind == STEP_DECODER_SOFTMAX &&
                                   st.t > part) ||
                                  st.kind == STEP_SUMMARY);
        CHECK_MSG(says_here == here && says_parted == after,
                  "%s step %d: \"%s\" (parting step %d)", where, k + 1, text,
                  part);
        free(text);
    }
}

/* The accuracy sentence: no [test] pairs said plainly; otherwise each
 * decoder's share at the shortest and longest length, as the chart. */
static void check_accuracy_words(Session *s, const char *where)
{
    CompareRows rows;
    session_compare(s, &rows);
    const AccuracyByLength *a = &s->accuracy[s->context];
    char *text = narration_compare_accuracy(&rows, a, LANG_EN);
    const Lesson *l = s->course->lesson;
    if (l->test_count == 0) {
        CHECK_MSG(strstr(text, "no held-out [test] pairs") != NULL, "%s: %s",
                  where, text);
    } else {
        int lens[LESSON_MAX_INPUT];
        int k = accuracy_lengths(a, lens);
        CHECK(k > 0 && a->test_count == l->test_count);
        for (int r = 0; r < rows.n && k > 1; r++) {
            Variant v = rows.variant[r];
            /* recount by hand the longest length's right pairs */
            int right = 0, pairs = 0;
            for (int i = 0; i < l->test_count; i++) {
                if (l->tests[i].source_len != lens[k - 1])
                    continue;
                pairs++;
                Trace tr;
                course_run(s->course, v, s->context, l->tests[i].source,
                           l->tests[i].source_len, &tr);
                right += tr.output_len == l->tests[i].target_len &&
                         memcmp(tr.pick, l->tests[i].target,
                                (size_t)tr.output_len * sizeof(int)) == 0;
                trace_deinit(&tr);
            }
            char want[128];
            snprintf(want, sizeof want, "%s %d/%d at length %d, %d/%d at "
                     "length %d", variant_name(v), a->right[v][lens[0]],
                     a->pairs[lens[0]], lens[0], right, pairs, lens[k - 1]);
            CHECK_MSG(strstr(text, want) != NULL && pairs ==
                          a->pairs[lens[k - 1]],
                      "%s: \"%s\" lacks \"%s\"", where, text, want);
        }
    }
    free(text);
}

static void test_lesson(const char *path, Scene *sc)
{
    Course *course = load_course(path);
    CHECK_MSG(course != NULL, "%s", path);
    if (!course)
        return;
    Session s;
    session_init(&s, course);
    CHECK(session_set_view(&s, VIEW_COMPARE));
    const char *name = s.course->lesson->name;
    for (int c = 0; c < CONTEXT_COUNT; c++) {
        session_set_context(&s, (ContextMode)c);
        char where[256];
        snprintf(where, sizeof where, "%s/%s", name,
                 context_name((ContextMode)c));
        check_timeline(&s, where);
        check_every_step(&s, sc, where);
        check_rows_in_step(&s, sc, where);
        check_encoder_still(&s, sc, where);
        check_parting_words(&s, where);
        check_accuracy_words(&s, where);
    }
    session_deinit(&s);
}

/* A 32-token input (some tokens the model never saw). */
static void test_long_input(const char *path, const char *text, Scene *sc)
{
    Course *course = load_course(path);
    CHECK_MSG(course != NULL, "%s", path);
    if (!course)
        return;
    Session s;
    session_init(&s, course);
    char err[256];
    CHECK_MSG(session_set_input_text(&s, text, LANG_EN, err, sizeof err),
              "%s", err);
    CHECK(s.input_len == LESSON_MAX_INPUT);
    session_set_view(&s, VIEW_COMPARE);
    check_every_step(&s, sc, "32 tokens");
    check_rows_in_step(&s, sc, "32 tokens");
    check_encoder_still(&s, sc, "32 tokens");
    session_deinit(&s);
}

int main(void)
{
    Scene sc;
    scene_init(&sc);
    char paths[32][1024];
    int n = lesson_paths(paths, 32);
    CHECK_MSG(n >= 7, "found %d lessons", n);
    for (int i = 0; i < n; i++)
        test_lesson(paths[i], &sc);
    if (n > 0) {
        const char *dir = getenv("S2S_LESSONS_DIR") ? getenv("S2S_LESSONS_DIR")
                                                    : "lessons";
        char path[1100];
        snprintf(path, sizeof path, "%s/07-reverse-long.lesson", dir);
        test_long_input(path, "1 2 3 1 2 3 1 2 3 1 2 3 1 2 3 1 2 3 1 2 3 "
                              "1 2 3 1 2 3 1 2 3 1 2",
                        &sc);
        test_long_input(paths[0], "机器学习深度学习猫狗机器学习深度学习机器学习深度"
                                  "学习机器学习深度",
                        &sc);
    }
    scene_deinit(&sc);
    return check_exit();
}
