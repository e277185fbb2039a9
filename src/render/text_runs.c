/* Splitting a line into runs by glyph source. Rules, in order, per
 * character c:
 *   1. c draws nothing by Unicode's rules (a control character, a default
 *      ignorable such as U+200B ZERO WIDTH SPACE, U+200D ZWJ, U+00AD SOFT
 *      HYPHEN, U+FEFF, U+2060, variation selectors) -> a marker;
 *   2. c is a combining mark and the run before it is drawn from a font
 *      that has c -> it joins that run (so é written e + U+0301 stays one
 *      glyph cluster); a combining mark with nothing to sit on -> a marker;
 *   3. the shipped font has c -> the shipped font;
 *   4. fontconfig finds a font with c -> that fallback face;
 *   5. otherwise -> a box.
 * Last, a font run that measures zero pixels wide (a font whose glyph for
 * c has no advance) becomes markers, one per character: SDL_ttf refuses to
 * render text of zero width, and every string must draw. */
#include "render/text_runs.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

uint32_t text_runs_next_char(const unsigned char **p)
{
    /* utf8_decode stops at the string's NUL (not a continuation byte), so
     * an end four bytes on never lets it read past the string. */
    unsigned c;
    int n = utf8_decode(*p, *p + 4, &c);
    if (n == 0) {
        *p += 1; /* an invalid byte stands for U+FFFD and is skipped alone */
        return 0xFFFD;
    }
    *p += n;
    return c;
}

/* Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt) and
 * the control and separator characters: nothing is drawn for them. */
static bool draws_nothing(uint32_t c)
{
    return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xAD || c == 0x34F ||
           c == 0x61C || (c >= 0x115F && c <= 0x1160) ||
           (c >= 0x17B4 && c <= 0x17B5) || (c >= 0x180B && c <= 0x180F) ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x206F) || c == 0x3164 ||
           (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0 ||
           (c >= 0xFFF0 && c <= 0xFFF8) || (c >= 0x1BCA0 && c <= 0x1BCA3) ||
           (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE0FFF);
}

/* The combining-mark blocks (general category Mn/Me in the main). */
static bool is_combining(uint32_t c)
{
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x483 && c <= 0x489) ||
           (c >= 0x591 && c <= 0x5BD) || (c >= 0x610 && c <= 0x61A) ||
           (c >= 0x64B && c <= 0x65F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0x3099 && c <= 0x309A) || (c >= 0xFE20 && c <= 0xFE2F);
}

static TTF_Font *run_font(TTF_Font *shipped, FontFallback *ff,
                          const TextRun *r)
{
    if (r->source == RUN_SHIPPED)
        return shipped;
    if (r->source == RUN_FALLBACK)
        return font_fallback_font(ff, r->face, 16, false);
    return NULL;
}

typedef struct {
    TextRun *runs;
    int count, cap;
} RunList;

static TextRun *push(RunList *l, TextRun r)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->runs = xrealloc(l->runs, (size_t)l->cap * sizeof *l->runs);
    }
    l->runs[l->count] = r;
    return &l->runs[l->count++];
}

/* Adds c (bytes [start, start+len)) drawn from source/face, extending the
 * last run when it has the same font. */
static void add(RunList *l, RunSource source, int face, size_t start,
                size_t len, uint32_t c)
{
    TextRun *last = l->count ? &l->runs[l->count - 1] : NULL;
    bool font = source == RUN_SHIPPED || source == RUN_FALLBACK;
    if (font && last && last->source == source && last->face == face) {
        last->len += len;
        return;
    }
    push(l, (TextRun){source, font ? face : -1, start, len, font ? 0 : c});
}

/* Rule 2 for mark c (bytes [start, start+len)) after the base character
 * base_code at base_start: it joins the last run when that run's font has
 * it; else the base moves, with its mark, to a fallback font that has
 * both; else the mark has nothing to sit on and becomes a marker. */
static void combine(RunList *l, TTF_Font *shipped, FontFallback *ff,
                    uint32_t base_code, size_t base_start, size_t start,
                    size_t len, uint32_t c)
{
    TextRun *last = l->count ? &l->runs[l->count - 1] : NULL;
    TTF_Font *font = last && base_code ? run_font(shipped, ff, last) : NULL;
    if (!font) {
        add(l, RUN_MARKER, -1, start, len, c);
        return;
    }
    if (TTF_GlyphIsProvided32(font, c)) {
        last->len += len;
        return;
    }
    int face = font_fallback_face(ff, c);
    TTF_Font *other = face >= 0 ? font_fallback_font(ff, face, 16, false)
                                : NULL;
    if (!other || !TTF_GlyphIsProvided32(other, base_code)) {
        add(l, RUN_MARKER, -1, start, len, c);
        return;
    }
    if (last->start == base_start) { /* the run is the base alone */
        last->source = RUN_FALLBACK;
        last->face = face;
        last->len += len;
        l->count--; /* re-added below, so it can merge with its neighbour */
        TextRun moved = *last;
        add(l, moved.source, moved.face, moved.start, moved.len, 0);
        return;
    }
    last->len = base_start - last->start;
    add(l, RUN_FALLBACK, face, base_start, start + len - base_start, 0);
}

/* True when c certainly has an advance in any font that has it (visible
 * ASCII, CJK ideographs, kana, Hangul): a run with one such character is
 * not zero-width, and measuring it can be skipped (the layout measures
 * every width once per string, so this is on its cold path). */
static bool surely_wide(uint32_t c)
{
    return (c > 0x20 && c < 0x7F) || (c >= 0x3040 && c <= 0x30FF) ||
           (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

static bool has_wide_char(const char *utf8, const TextRun *r)
{
    const unsigned char *p = (const unsigned char *)utf8 + r->start;
    const unsigned char *end = p + r->len;
    while (p < end)
        if (surely_wide(text_runs_next_char(&p)))
            return true;
    return false;
}

/* Rule 6: zero-advance font runs become one marker per character. */
static RunList markers_for_empty_runs(TTF_Font *shipped, FontFallback *ff,
                                      const char *utf8, RunList in)
{
    RunList out = {0};
    for (int i = 0; i < in.count; i++) {
        TextRun r = in.runs[i];
        bool font_run = r.source == RUN_SHIPPED || r.source == RUN_FALLBACK;
        if (font_run && has_wide_char(utf8, &r)) {
            push(&out, r);
            continue;
        }
        TTF_Font *font = run_font(shipped, ff, &r);
        int w = 0, h = 0;
        char *text = NULL;
        if (font) {
            text = xrealloc(NULL, r.len + 1);
            memcpy(text, utf8 + r.start, r.len);
            text[r.len] = '\0';
        }
        if (!font || (TTF_SizeUTF8(font, text, &w, &h) == 0 && w > 0)) {
            if (!font && r.source != RUN_BOX && r.source != RUN_MARKER)
                r = (TextRun){RUN_BOX, -1, r.start, r.len, 0xFFFD};
            push(&out, r);
        } else {
            const unsigned char *p = (const unsigned char *)utf8 + r.start;
            const unsigned char *end = p + r.len;
            while (p < end) {
                const unsigned char *q = p;
                uint32_t c = text_runs_next_char(&p);
                push(&out, (TextRun){RUN_MARKER, -1,
                                     (size_t)(q - (const unsigned char *)utf8),
                                     (size_t)(p - q), c});
            }
        }
        free(text);
    }
    free(in.runs);
    return out;
}

int text_runs_split(TTF_Font *shipped, FontFallback *ff, const char *utf8,
                    TextRun **runs)
{
    RunList l = {0};
    const unsigned char *base = (const unsigned char *)utf8;
    const unsigned char *p = base;
    uint32_t base_code = 0; /* the last character that is not a mark */
    size_t base_start = 0;
    while (*p) {
        const unsigned char *q = p;
        uint32_t c = text_runs_next_char(&p);
        size_t start = (size_t)(q - base), len = (size_t)(p - q);
        if (c == 0xFFFD && len == 1) {
            add(&l, RUN_BOX, -1, start, len, c); /* an invalid byte */
        } else if (draws_nothing(c)) {
            add(&l, RUN_MARKER, -1, start, len, c);
        } else if (is_combining(c)) {
            combine(&l, shipped, ff, base_code, base_start, start, len, c);
        } else if (TTF_GlyphIsProvided32(shipped, c)) {
            add(&l, RUN_SHIPPED, -1, start, len, c);
        } else {
            int face = font_fallback_face(ff, c);
            add(&l, face >= 0 ? RUN_FALLBACK : RUN_BOX, face, start, len, c);
        }
        if (!is_combining(c)) {
            base_code = c;
            base_start = start;
        }
    }
    l = markers_for_empty_runs(shipped, ff, utf8, l);
    *runs = l.runs;
    return l.count;
}
