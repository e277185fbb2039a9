/* Shared by the scene tests: a stand-in text measure, the layout
 * invariants (inside the canvas, no overlaps among text, cells, bars and
 * boxes, text fits its box), scene equality, and loading the shipped
 * lessons. Include after tests/check.h. */
#ifndef S2S_SCENE_CHECK_H
#define S2S_SCENE_CHECK_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session/course.h"
#include "lesson/lesson.h"
#include "session/narration.h"
#include "scene/colors.h"
#include "scene/layout.h"
#include "scene/scene.h"
#include "scene/text_fit.h"
#include "timeline/timeline.h"

#ifndef SCENE_CHECK_NO_FAKE_MEASURE
/* Width = 0.6 x size per Latin-like character, 1.0 x size per CJK one
 * (bold 5 % wider): close to the shipped font, and exact in tests. */
static float fake_width(void *ctx, const char *s, float size, bool bold)
{
    (void)ctx;
    float w = 0;
    while (*s) {
        unsigned c = utf8_decode(s);
        w += (c >= 0x2E80 ? 1.0f : 0.6f) * size;
        s += utf8_len(s);
    }
    return bold ? w * 1.05f : w;
}

static const TextMeasure fake_measure = {fake_width, NULL};
#endif

static inline bool checked_role(ShapeRole r)
{
    return r == ROLE_TEXT || r == ROLE_CELL || r == ROLE_BAR ||
           r == ROLE_BOX || r == ROLE_FORMULA;
}

static inline bool contains(const Shape *outer, const Shape *in)
{
    const float e = 0.01f;
    return in->x >= outer->x - e && in->y >= outer->y - e &&
           in->x + in->w <= outer->x + outer->w + e &&
           in->y + in->h <= outer->y + outer->h + e;
}

static inline bool overlaps(const Shape *a, const Shape *b)
{
    const float e = 0.01f;
    return a->x < b->x + b->w - e && b->x < a->x + a->w - e &&
           a->y < b->y + b->h - e && b->y < a->y + a->h - e;
}

static int invariant_reports;

/* The four canvas shapes the layout must hold at (shape.h). */
static const float canvas_widths[4] = {CANVAS_W_4_3, CANVAS_W_16_10,
                                       CANVAS_W, CANVAS_W_21_9};
static const char *const canvas_names[4] = {"4:3", "16:10", "16:9",
                                            "21:9"};

#define REPORT(...)                                                          \
    do {                                                                     \
        check_count++;                                                       \
        check_failures++;                                                    \
        if (invariant_reports++ < 40) {                                      \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
    } while (0)

static inline void describe(const Shape *s, char *out, size_t n)
{
    snprintf(out, n, "kind %d role %d (%.1f,%.1f %.1fx%.1f)%s%s%s", s->kind,
             s->role, s->x, s->y, s->w, s->h, s->text ? " \"" : "",
             s->text ? s->text : "", s->text ? "\"" : "");
}

/* Checks every invariant of a built scene; where names the case. */
static inline void check_invariants(const Scene *sc, const TextMeasure *m,
                             const char *where)
{
    char a[640], b[640];
    const float e = 0.5f;
    check_count++;
    for (int i = 0; i < sc->count; i++) {
        const Shape *s = &sc->shapes[i];
        if (s->x < -e || s->y < -e || s->x + s->w > sc->width + e ||
            s->y + s->h > CANVAS_H + e || !(s->w >= 0) || !(s->h >= 0)) {
            describe(s, a, sizeof a);
            REPORT("%s: outside the canvas: %s", where, a);
        }
        if (s->kind == SHAPE_TEXT) {
            float tw = text_width(m, s->text, s->font_size, s->bold);
            if (tw > s->w + e) {
                describe(s, a, sizeof a);
                REPORT("%s: text %.1f wide in a %.1f box: %s", where, tw,
                       s->w, a);
            }
            if (s->font_size * TEXT_LINE_HEIGHT > s->h + e) {
                describe(s, a, sizeof a);
                REPORT("%s: text taller than its box: %s", where, a);
            }
            if (!s->text[0]) {
                describe(s, a, sizeof a);
                REPORT("%s: empty text: %s", where, a);
            }
        }
        if (s->kind == SHAPE_POLYLINE) {
            for (int k = 0; k < s->point_count; k++) {
                Point p = sc->points[s->first_point + k];
                if (p.x < -e || p.y < -e || p.x > sc->width + e ||
                    p.y > CANVAS_H + e)
                    REPORT("%s: polyline point outside (%.1f, %.1f)", where,
                           p.x, p.y);
            }
        }
    }
    for (int i = 0; i < sc->count; i++) {
        const Shape *s = &sc->shapes[i];
        if (!checked_role(s->role))
            continue;
        for (int j = i + 1; j < sc->count; j++) {
            const Shape *t = &sc->shapes[j];
            if (!checked_role(t->role) || !overlaps(s, t))
                continue;
            /* the pieces of one formula share their line boxes */
            if (s->role == ROLE_FORMULA && t->role == ROLE_FORMULA)
                continue;
            /* A text fully inside one box, cell or bar is its label. */
            if (s->role == ROLE_TEXT && t->role != ROLE_TEXT &&
                contains(t, s))
                continue;
            if (t->role == ROLE_TEXT && s->role != ROLE_TEXT &&
                contains(s, t))
                continue;
            describe(s, a, sizeof a);
            describe(t, b, sizeof b);
            REPORT("%s: overlap: %s  <->  %s", where, a, b);
        }
    }
}

/* Cells whose tooltip starts with prefix ("s₃[1] = "; a filled cell has a
 * tooltip). */
static inline int filled_cells(const Scene *s, const char *prefix)
{
    int n = 0;
    for (int i = 0; i < s->count; i++) {
        const Shape *sh = &s->shapes[i];
        if (sh->role == ROLE_CELL && sh->tooltip >= 0 &&
            strncmp(s->tooltips[sh->tooltip], prefix, strlen(prefix)) == 0)
            n++;
    }
    return n;
}

static inline bool rgba_eq(Rgba a, Rgba b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static inline bool scenes_equal(const Scene *a, const Scene *b)
{
    if (a->count != b->count || a->point_count != b->point_count ||
        a->tooltip_count != b->tooltip_count ||
        !rgba_eq(a->background, b->background))
        return false;
    for (int i = 0; i < a->count; i++) {
        const Shape *s = &a->shapes[i], *t = &b->shapes[i];
        if (s->kind != t->kind || s->role != t->role || s->x != t->x ||
            s->y != t->y || s->w != t->w || s->h != t->h ||
            !rgba_eq(s->fill, t->fill) || !rgba_eq(s->stroke, t->stroke) ||
            s->stroke_width != t->stroke_width || s->radius != t->radius ||
            s->first_point != t->first_point ||
            s->point_count != t->point_count ||
            s->head_size != t->head_size || s->font_size != t->font_size ||
            s->align != t->align || s->bold != t->bold ||
            s->tooltip != t->tooltip || (!s->text) != (!t->text) ||
            (s->text && strcmp(s->text, t->text) != 0)) {
            char d1[640], d2[640];
            describe(s, d1, sizeof d1);
            describe(t, d2, sizeof d2);
            fprintf(stderr, "shape %d differs: %s / %s  y %a %a h %a %a tip %d %d fill %d %d\n", i, d1, d2, (double)s->y, (double)t->y, (double)s->h, (double)t->h, s->tooltip, t->tooltip, s->fill.a, t->fill.a);
            return false;
        }
    }
    for (int i = 0; i < a->point_count; i++)
        if (a->points[i].x != b->points[i].x ||
            a->points[i].y != b->points[i].y)
            return false;
    for (int i = 0; i < a->tooltip_count; i++)
        if (strcmp(a->tooltips[i], b->tooltips[i]) != 0)
            return false;
    return true;
}

/* s without spaces and newlines (what wrapping may drop or add). */
static inline void squeeze(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s && k + 1 < n; s++)
        if (*s != ' ' && *s != '\n')
            out[k++] = *s;
    out[k] = '\0';
}

/* The narration lines of a built scene (plain text in the narration's
 * column, top to bottom), joined into out without whitespace. Returns
 * false when a line ends with an ellipsis. */
static inline bool narration_laid_out(const Scene *sc, Theme theme,
                                      char *out, size_t n)
{
    const Palette *p = palette_for(theme);
    bool whole = true;
    char joined[8192] = "";
    float last_y = -1;
    for (int i = 0; i < sc->count; i++) {
        const Shape *s = &sc->shapes[i];
        if (s->kind != SHAPE_TEXT || s->role != ROLE_TEXT || s->bold ||
            s->x != NARRATION_TEXT_X || !rgba_eq(s->fill, p->text) ||
            s->y < SOFTMAX_Y)
            continue;
        if (s->y <= last_y)
            whole = false; /* not top to bottom */
        last_y = s->y;
        size_t l = strlen(s->text);
        if (l >= 3 && strcmp(s->text + l - 3, "\xE2\x80\xA6") == 0)
            whole = false;
        strncat(joined, s->text, sizeof joined - strlen(joined) - 1);
    }
    squeeze(joined, out, n);
    return whole;
}

/* For every step of course at (v, c), both languages: the whole narration
 * is laid out, none of it cut with "…". where names the case. */
static inline void check_narration_whole(const Course *course, Variant v,
                                         ContextMode c, const TextMeasure *m,
                                         Scene *sc, const char *where)
{
    Trace trace;
    Timeline tl;
    const Lesson *l = course->lesson;
    course_run(course, v, c, l->input, l->input_len, &trace);
    timeline_build(&tl, &trace, l->example_count > 0);
    SceneInput in = {.lesson = course->lesson, .variant = v, .context = c,
                     .trace = &trace, .timeline = &tl, .progress = 1};
    for (int s = 0; s < tl.count; s++) {
        for (int g = 0; g < LANG_COUNT; g++) {
            in.step = s;
            ViewOptions view = {.theme = (Theme)(s % 2), .lang = (Lang)g,
                                .numbers = true};
            scene_build(sc, &in, &view, m);
            char *text = narration_for_step(l, &trace, v, c, &tl.steps[s],
                                            (Lang)g, NULL);
            char want[8192], got[8192];
            squeeze(text, want, sizeof want);
            bool whole = narration_laid_out(sc, view.theme, got, sizeof got);
            CHECK_MSG(whole && strcmp(want, got) == 0,
                      "%s %s %s/%s step %d: narration cut:\n  want %s\n  "
                      "got  %s",
                      where, l->name, variant_name(v), context_name(c),
                      s + 1, want, got);
            free(text);
        }
    }
    timeline_deinit(&tl);
    trace_deinit(&trace);
}

static inline int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The paths of lessons/0*.lesson, sorted; returns the count (max 32). */
static inline int lesson_paths(char paths[][1024], int max)
{
    const char *dir = getenv("S2S_LESSONS_DIR");
    if (!dir)
        dir = "lessons";
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open lessons folder %s\n", dir);
        return 0;
    }
    char *names[64];
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 64) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '0' && l > 7 &&
            strcmp(de->d_name + l - 7, ".lesson") == 0)
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (k < max)
            snprintf(paths[k++], 1024, "%s/%s", dir, names[i]);
        free(names[i]);
    }
    return k;
}

static inline Course *load_course(const char *path)
{
    LessonError err;
    Lesson *l = lesson_load(path, &err);
    if (!l) {
        char buf[1200];
        lesson_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        return NULL;
    }
    return course_create(l, NULL, NULL);
}

#endif
