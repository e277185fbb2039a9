/* The formula layout of formula.h: one recursive pass over the notation
 * that measures (scene NULL) or emits. Each piece of text sits in a line
 * box of its size, as every text of the scene does, and the renderer
 * centres a line in its box, so a baseline at y puts the box's centre at
 * y − CENTRE·size for every size: scripts and fractions line up by that
 * rule alone, whatever the font. */
#include "scene/formula.h"

#include <math.h>
#include <string.h>

#define CENTRE 0.32f   /* box centre above the baseline, in font sizes */
#define SCRIPT 0.62f   /* script size / base size */
#define SUB_DROP 0.26f /* subscript baseline below the base's */
#define SUP_RISE 0.50f /* superscript baseline above the base's */
#define FRAC 0.82f     /* numerator and denominator size / base size */
#define AXIS 0.30f     /* fraction bar above the baseline */
#define SUM 1.18f      /* Σ size / base size */
#define RUN_MAX 512

typedef struct {
    const TextMeasure *m;
    Scene *s; /* NULL: measure only */
    Rgba color;
    bool bold;
} Ctx;

static float box_above(float size)
{
    return CENTRE * size + size * TEXT_LINE_HEIGHT / 2;
}

static float box_below(float size)
{
    return size * TEXT_LINE_HEIGHT / 2 - CENTRE * size;
}

static void grow(FormulaExtent *e, float above, float below)
{
    e->above = fmaxf(e->above, above);
    e->below = fmaxf(e->below, below);
}

static FormulaExtent text_piece(const Ctx *c, const char *t, float x,
                                float baseline, float size)
{
    FormulaExtent e = {text_width(c->m, t, size, c->bold), box_above(size),
                       box_below(size)};
    if (c->s && t[0]) {
        float h = size * TEXT_LINE_HEIGHT;
        /* 1 unit of slack: a measure rounds, the box must hold the run */
        Shape *sh = scene_add_text(c->s, t, x, baseline - e.above, e.w + 1,
                                   h, size, ALIGN_LEFT, c->color, c->bold);
        sh->role = ROLE_FORMULA;
    }
    e.w += 1;
    return e;
}

static FormulaExtent sequence(const Ctx *c, const char **p, float x,
                              float baseline, float size);

/* One character or a {group}, at (x, baseline). */
static FormulaExtent argument(const Ctx *c, const char **p, float x,
                              float baseline, float size)
{
    const char *s = *p;
    if (*s == '{') {
        *p = s + 1;
        FormulaExtent e = sequence(c, p, x, baseline, size);
        if (**p == '}')
            (*p)++;
        return e;
    }
    char one[8] = {0};
    size_t n = 1;
    if (*s == '\\' && s[1])
        s++;
    while (n < 4 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n++;
    if (!*s)
        n = 0;
    memcpy(one, s, n);
    *p = s + n;
    return text_piece(c, one, x, baseline, size);
}

static bool starts(const char *s, const char *word)
{
    return strncmp(s, word, strlen(word)) == 0;
}

/* Scripts after a base: "_" and/or "^", stacked at one x. */
static FormulaExtent scripts(const Ctx *c, const char **p, float x,
                             float baseline, float size)
{
    FormulaExtent e = {0, 0, 0};
    float ss = size * SCRIPT;
    for (int k = 0; k < 2 && (**p == '_' || **p == '^'); k++) {
        bool sub = **p == '_';
        (*p)++;
        float b = sub ? baseline + SUB_DROP * size
                      : baseline - SUP_RISE * size;
        FormulaExtent a = argument(c, p, x, b, ss);
        e.w = fmaxf(e.w, a.w);
        float shift = sub ? -SUB_DROP * size : SUP_RISE * size;
        grow(&e, a.above + shift, a.below - shift);
    }
    return e;
}

static FormulaExtent fraction(const Ctx *c, const char **p, float x,
                              float baseline, float size)
{
    float fs = size * FRAC, pad = 0.12f * size, gap = 0.04f * size;
    const char *start = *p;
    /* measure both parts first to centre them over the bar */
    Ctx measure = *c;
    measure.s = NULL;
    FormulaExtent num = argument(&measure, p, 0, 0, fs);
    FormulaExtent den = argument(&measure, p, 0, 0, fs);
    float w = fmaxf(num.w, den.w) + 2 * pad;
    float axis = baseline - AXIS * size;
    float nb = axis - gap - num.below, db = axis + gap + den.above;
    if (c->s) {
        *p = start;
        argument(c, p, x + (w - num.w) / 2, nb, fs);
        argument(c, p, x + (w - den.w) / 2, db, fs);
        Point bar[2] = {{x + pad / 2, axis}, {x + w - pad / 2, axis}};
        scene_add_polyline(c->s, bar, 2, fmaxf(1.5f, 0.06f * size),
                           c->color, 0);
    }
    FormulaExtent e = {w, baseline - (nb - num.above),
                       db + den.below - baseline};
    return e;
}

/* Pieces up to the end or a closing brace. */
static FormulaExtent sequence(const Ctx *c, const char **p, float x,
                              float baseline, float size)
{
    FormulaExtent e = {0, box_above(size), box_below(size)};
    char run[RUN_MAX];
    size_t rn = 0;
    const char *s = *p;
    for (;;) {
        bool special = !*s || *s == '}' || *s == '{' || *s == '_' ||
                       *s == '^' ||
                       (*s == '\\' && (starts(s, "\\frac") ||
                                       starts(s, "\\sum")));
        if (!special) {
            if (*s == '\\' && s[1])
                s++;
            if (rn + 1 < RUN_MAX)
                run[rn++] = *s;
            s++;
            continue;
        }
        if (rn > 0) {
            run[rn] = '\0';
            FormulaExtent t = text_piece(c, run, x + e.w, baseline, size);
            e.w += t.w;
            grow(&e, t.above, t.below);
            rn = 0;
        }
        FormulaExtent part = {0, 0, 0};
        if (!*s || *s == '}')
            break;
        if (*s == '{') {
            *p = s;
            part = argument(c, p, x + e.w, baseline, size);
        } else if (*s == '_' || *s == '^') {
            *p = s;
            part = scripts(c, p, x + e.w, baseline, size);
        } else if (starts(s, "\\frac")) {
            *p = s + 5;
            part = fraction(c, p, x + e.w, baseline, size);
        } else { /* \sum */
            *p = s + 4;
            part = text_piece(c, "\xCE\xA3", x + e.w, baseline + 0.08f * size,
                              size * SUM);
            part.above -= 0.08f * size;
            part.below += 0.08f * size;
        }
        s = *p;
        e.w += part.w;
        grow(&e, part.above, part.below);
    }
    *p = s;
    return e;
}

FormulaExtent formula_measure(const TextMeasure *m, const char *src,
                              float size, bool bold)
{
    Ctx c = {m, NULL, {0, 0, 0, 0}, bold};
    const char *p = src ? src : "";
    FormulaExtent e = {0, 0, 0};
    while (*p) { /* a stray "}" is skipped, not the end */
        FormulaExtent part = sequence(&c, &p, e.w, 0, size);
        e.w += part.w;
        grow(&e, part.above, part.below);
        if (*p == '}')
            p++;
    }
    return e;
}

void formula_emit(Scene *s, const TextMeasure *m, const char *src, float x,
                  float baseline, float size, Rgba color, bool bold)
{
    Ctx c = {m, s, color, bold};
    const char *p = src ? src : "";
    float w = 0;
    while (*p) {
        w += sequence(&c, &p, x + w, baseline, size).w;
        if (*p == '}')
            p++;
    }
}

float formula_fit(const TextMeasure *m, const char *src, float size,
                  float min_size, float max_w, bool bold)
{
    for (float f = size; f > min_size; f -= 1)
        if (formula_measure(m, src, f, bold).w <= max_w)
            return f;
    return min_size;
}

void formula_escape(const char *text, char *out, size_t size)
{
    size_t o = 0;
    for (const char *s = text; *s && o + 2 < size; s++) {
        if (strchr("_^{}\\", *s))
            out[o++] = '\\';
        out[o++] = *s;
    }
    if (size > 0)
        out[o < size ? o : size - 1] = '\0';
}
