/* The formula layout (scene/formula.h) with the stand-in measure: plain
 * text is one piece; a subscript is smaller and sits lower, a superscript
 * higher; "_" and "^" together stack at one x; \frac puts the numerator
 * above a bar and the denominator below it, centred; \sum writes Σ; an
 * escaped "_" is text; the measured extent holds every emitted piece, and
 * formula_fit shrinks a formula to a width. */
#include <string.h>

#include "check.h"
#include "scene/formula.h"
#include "scene_check.h"

static const Shape *piece(const Scene *s, const char *text)
{
    for (int i = 0; i < s->count; i++)
        if (s->shapes[i].text && strcmp(s->shapes[i].text, text) == 0)
            return &s->shapes[i];
    return NULL;
}

static float centre(const Shape *sh)
{
    return sh->y + sh->h / 2;
}

/* Every piece lies within the measured extent around (x, baseline). */
static void check_extent(const Scene *s, const char *src, float x,
                         float baseline, float size)
{
    FormulaExtent e = formula_measure(&fake_measure, src, size, false);
    for (int i = 0; i < s->count; i++) {
        const Shape *sh = &s->shapes[i];
        if (sh->kind != SHAPE_TEXT)
            continue;
        CHECK_MSG(sh->role == ROLE_FORMULA, "%s: role %d", src, sh->role);
        CHECK_MSG(sh->x >= x - 0.01f && sh->x + sh->w <= x + e.w + 0.01f,
                  "%s: \"%s\" leaves the width", src, sh->text);
        CHECK_MSG(sh->y >= baseline - e.above - 0.01f &&
                      sh->y + sh->h <= baseline + e.below + 0.01f,
                  "%s: \"%s\" leaves the height", src, sh->text);
    }
}

int main(void)
{
    Scene s;
    scene_init(&s);
    Rgba ink = {0, 0, 0, 255};

    formula_emit(&s, &fake_measure, "C = h", 10, 100, 30, ink, false);
    CHECK(s.count == 1 && strcmp(s.shapes[0].text, "C = h") == 0);
    check_extent(&s, "C = h", 10, 100, 30);

    scene_clear(&s);
    formula_emit(&s, &fake_measure, "h_{12} = W_e", 0, 100, 30, ink, false);
    const Shape *h = piece(&s, "h"), *sub = piece(&s, "12");
    const Shape *e = piece(&s, "e");
    CHECK(h && sub && e);
    if (h && sub && e) {
        CHECK(sub->font_size < h->font_size);
        CHECK(centre(sub) > centre(h)); /* lower on the canvas */
        CHECK(sub->x >= h->x + h->w - 0.01f);
        CHECK(e->font_size == sub->font_size);
    }
    check_extent(&s, "h_{12} = W_e", 0, 100, 30);

    scene_clear(&s);
    formula_emit(&s, &fake_measure, "e^{v_i}", 0, 100, 30, ink, false);
    const Shape *base = piece(&s, "e"), *v = piece(&s, "v"),
                *i = piece(&s, "i");
    CHECK(base && v && i);
    if (base && v && i) {
        CHECK(centre(v) < centre(base)); /* higher */
        CHECK(i->font_size < v->font_size);
        CHECK(centre(i) > centre(v));
    }

    scene_clear(&s);
    formula_emit(&s, &fake_measure, "\\sum_{t=1}^{4} h_t", 0, 100, 30, ink,
                 false);
    const Shape *sigma = piece(&s, "\xCE\xA3"), *lo = piece(&s, "t=1"),
                *hi = piece(&s, "4");
    CHECK(sigma && lo && hi);
    if (sigma && lo && hi) {
        CHECK(lo->x == hi->x); /* stacked */
        CHECK(centre(hi) < centre(lo));
        CHECK(lo->x >= sigma->x + sigma->w - 0.01f);
    }
    check_extent(&s, "\\sum_{t=1}^{4} h_t", 0, 100, 30);

    scene_clear(&s);
    const char *softmax = "S_i = \\frac{e^{v_i}}{\\sum_j e^{v_j}}";
    formula_emit(&s, &fake_measure, softmax, 0, 200, 30, ink, false);
    const Shape *bar = NULL;
    for (int k = 0; k < s.count; k++)
        if (s.shapes[k].kind == SHAPE_POLYLINE)
            bar = &s.shapes[k];
    CHECK(bar != NULL);
    const Shape *num = NULL, *den = piece(&s, "\xCE\xA3");
    for (int k = 0; k < s.count; k++)
        if (s.shapes[k].text && strcmp(s.shapes[k].text, "e") == 0) {
            num = &s.shapes[k];
            break;
        }
    CHECK(num && den);
    if (bar && num && den) {
        float bar_y = s.points[bar->first_point].y;
        CHECK(num->y + num->h <= bar_y + 0.01f);
        CHECK(den->y >= bar_y - 0.01f);
        CHECK(s.points[bar->first_point].x < den->x);
    }
    check_extent(&s, softmax, 0, 200, 30);

    /* an escaped token: "a_b" stays text */
    char esc[64];
    formula_escape("a_b{c}", esc, sizeof esc);
    CHECK(strcmp(esc, "a\\_b\\{c\\}") == 0);
    scene_clear(&s);
    formula_emit(&s, &fake_measure, esc, 0, 100, 30, ink, false);
    CHECK(s.count == 1 && strcmp(s.shapes[0].text, "a_b{c}") == 0);

    /* fitting: 10 characters of 0.6·size (+1 slack) fit 200 at size 33 */
    float f = formula_fit(&fake_measure, "abcdefghij", 40, 10, 200, false);
    CHECK(f < 40 && formula_measure(&fake_measure, "abcdefghij", f, false).w
                        <= 200);
    CHECK(formula_measure(&fake_measure, "abcdefghij", f + 1, false).w > 200);

    scene_deinit(&s);
    return check_exit();
}
