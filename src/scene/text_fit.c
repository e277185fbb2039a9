/* Fitting text into boxes for the layout: shrink, ellipsize, wrap. Every
 * decision re-measures with the measure it is handed, so a line the layout
 * places always measures no wider than its box. */
#include "scene/text_fit.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int utf8_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
                         : (c >> 3) == 30 ? 4 : 1;
    for (int i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

unsigned utf8_decode(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    switch (utf8_len(s)) {
    case 2:
        return ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    case 3:
        return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) |
               (p[2] & 0x3Fu);
    case 4:
        return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
               ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    default:
        return p[0];
    }
}

float fit_font(const TextMeasure *m, const char *text, float size,
               float min_size, float w, bool bold)
{
    /* Width is close to linear in the size; re-measure because hinting
     * at small sizes makes it not exactly so. */
    float s = size;
    for (int i = 0; i < 6; i++) {
        float tw = text_width(m, text, s, bold);
        if (tw <= w)
            return s;
        float next = s * (w / tw) * 0.985f;
        if (next >= s)
            next = s - 0.5f;
        s = floorf(next * 4) / 4;
        if (s <= min_size)
            return min_size;
    }
    return text_width(m, text, s, bold) <= w ? s : min_size;
}

void ellipsize(const TextMeasure *m, const char *text, float size, float w,
               bool bold, char *out, size_t out_size)
{
    if (out_size == 0)
        return;
    size_t n = strlen(text);
    if (n < out_size && text_width(m, text, size, bold) <= w) {
        memcpy(out, text, n + 1);
        return;
    }
    /* Longest prefix + "…" that fits: walk character by character. */
    char buf[1024];
    size_t best = 0;
    bool any = false;
    size_t i = 0;
    for (;;) {
        if (i + 4 > sizeof buf || i + 4 > out_size)
            break;
        memcpy(buf, text, i);
        memcpy(buf + i, "\xE2\x80\xA6", 4); /* … and NUL */
        if (text_width(m, buf, size, bold) > w)
            break;
        best = i;
        any = true;
        if (i >= n)
            break;
        i += (size_t)utf8_len(text + i);
    }
    if (!any) {
        out[0] = '\0';
        return;
    }
    memcpy(out, text, best);
    memcpy(out + best, "\xE2\x80\xA6", 4);
}

/* True for characters a line may break before or after on their own:
 * CJK ideographs, kana, CJK punctuation and full-width forms. */
static bool is_cjk(unsigned c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2FFFF);
}

/* Punctuation that must not start a line (，。、！？：；）」”). */
static bool no_line_start(unsigned c)
{
    switch (c) {
    case 0xFF0C: case 0x3002: case 0x3001: case 0xFF01: case 0xFF1F:
    case 0xFF1A: case 0xFF1B: case 0xFF09: case 0x300D: case 0x201D:
    case ',': case '.': case '!': case '?': case ':': case ';': case ')':
        return true;
    default:
        return false;
    }
}

/* The longest prefix of the segment (chars characters, ends[i] the byte
 * length of the first i + 1) whose every prefix of two characters or
 * more measures <= w: the line the wrap may take before it must break.
 * The first character always fits (a line holds at least one).
 *
 * Measuring every prefix in turn, as the wrap first did, shapes each one
 * whole: O(n^2) for a paragraph, some 220 measures a step at each of the
 * narration's trial sizes, most of the first trained frame's text cost.
 * A prefix's width does not fall as characters are added (each adds its
 * advance; kerning and ligatures move it by far less), so the longest
 * fitting prefix is found by bisection: log2(n) measures. When monotone
 * is false every prefix is measured, as before; wrap_text falls back to
 * that for a line whose result does not measure <= w, so a placed line
 * never overflows even if the assumption fails somewhere. */
static float prefix_width(const TextMeasure *m, const char *seg, size_t len,
                          float size, bool bold)
{
    char line[512];
    memcpy(line, seg, len);
    line[len] = '\0';
    return text_width(m, line, size, bold);
}

static bool prefix_fits(const TextMeasure *m, const char *seg, size_t len,
                        float size, float w, bool bold)
{
    return prefix_width(m, seg, len, size, bold) <= w;
}

static int fitting_chars(const TextMeasure *m, const char *seg,
                         const size_t *ends, int chars, float size, float w,
                         bool bold, bool monotone)
{
    if (chars <= 1)
        return chars;
    if (!monotone) {
        int i = 2;
        while (i <= chars && prefix_fits(m, seg, ends[i - 1], size, w, bold))
            i++;
        return i - 1;
    }
    float whole = prefix_width(m, seg, ends[chars - 1], size, bold);
    if (whole <= w)
        return chars;
    /* A first guess in proportion to the widths, then steps doubling
     * away from it until the answer is bracketed, then bisection: a
     * handful of measures a line, whatever the paragraph's length. */
    int guess = whole > 0 ? (int)((float)chars * w / whole) : chars - 1;
    guess = guess < 1 ? 1 : guess > chars - 1 ? chars - 1 : guess;
    int lo = 1, hi = chars; /* prefix lo fits, prefix hi does not */
    if (prefix_fits(m, seg, ends[guess - 1], size, w, bold)) {
        lo = guess;
        for (int step = 1; lo + step < hi; step *= 2) {
            if (!prefix_fits(m, seg, ends[lo + step - 1], size, w, bold)) {
                hi = lo + step;
                break;
            }
            lo += step;
        }
    } else {
        hi = guess;
        for (int step = 1; hi - step > lo; step *= 2) {
            if (prefix_fits(m, seg, ends[hi - step - 1], size, w, bold)) {
                lo = hi - step;
                break;
            }
            hi -= step;
        }
    }
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (prefix_fits(m, seg, ends[mid - 1], size, w, bold))
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* One line of the wrap from p: into line (trailing spaces off), and the
 * rest of the text after it (its leading spaces and one newline off). */
static const char *wrap_line(const TextMeasure *m, const char *p, float size,
                             float w, bool bold, bool monotone, char *line)
{
    /* the segment up to a newline, as much as the line buffer holds */
    size_t ends[511];
    int chars = 0;
    size_t len = 0;
    bool full = false;
    const char *q = p;
    while (*q && *q != '\n') {
        int n = utf8_len(q);
        if (len + (size_t)n + 1 >= 512) {
            full = true;
            break;
        }
        len += (size_t)n;
        q += n;
        ends[chars++] = len;
    }
    int fit = fitting_chars(m, p, ends, chars, size, w, bold, monotone);
    bool overflow = full || fit < chars;

    /* the last place the line may break, among the characters that fit */
    size_t brk = 0;
    const char *brk_next = NULL;
    len = 0;
    q = p;
    for (int i = 0; i < fit; i++) {
        unsigned c = utf8_decode(q);
        int n = utf8_len(q);
        len += (size_t)n;
        q += n;
        unsigned next = utf8_decode(q);
        if (c == ' ') {
            brk = len - 1;
            brk_next = q;
        } else if ((is_cjk(c) || is_cjk(next)) && *q &&
                   !no_line_start(next)) {
            brk = len;
            brk_next = q;
        }
    }
    memcpy(line, p, len);
    line[len] = '\0';
    const char *rest = q;
    if (overflow && brk_next) {
        line[brk] = '\0';
        rest = brk_next;
    }
    /* Trailing spaces off; the next line starts after spaces. */
    size_t l = strlen(line);
    while (l > 0 && line[l - 1] == ' ')
        line[--l] = '\0';
    while (*rest == ' ' || *rest == '\n')
        rest++;
    return rest;
}

int wrap_text(const TextMeasure *m, const char *text, float size, float w,
              bool bold, char lines[][512], int max_lines)
{
    int count = 0;
    const char *p = text;
    while (*p == ' ')
        p++;
    while (*p && count < max_lines) {
        char line[512];
        const char *rest = wrap_line(m, p, size, w, bold, true, line);
        /* a line of two characters or more must measure <= w */
        if (utf8_len(line) < (int)strlen(line) &&
            text_width(m, line, size, bold) > w)
            rest = wrap_line(m, p, size, w, bold, false, line);
        if (count == max_lines - 1 && *rest) {
            char joined[1024];
            snprintf(joined, sizeof joined, "%s %s", line, rest);
            ellipsize(m, joined, size, w, bold, lines[count], 512);
        } else {
            snprintf(lines[count], 512, "%s", line);
        }
        count++;
        p = rest;
    }
    return count;
}

void subscript(int n, char *out, size_t size)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%d", n < 0 ? -n : n);
    size_t k = 0;
    for (const char *d = digits; *d && k + 4 < size; d++) {
        /* ₀ is U+2080: E2 82 80 .. E2 82 89 */
        out[k++] = (char)0xE2;
        out[k++] = (char)0x82;
        out[k++] = (char)(0x80 + (*d - '0'));
    }
    out[k] = '\0';
}

void format_num(double v, int decimals, char *out, size_t size)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", decimals, fabs(v));
    /* A value that rounds to zero is shown without a sign. */
    bool zero = true;
    for (const char *c = tmp; *c; c++)
        if (*c >= '1' && *c <= '9')
            zero = false;
    snprintf(out, size, "%s%s", v < 0 && !zero ? "\xE2\x88\x92" : "", tmp);
}

void appendf(char *buf, size_t size, const char *fmt, ...)
{
    size_t n = strlen(buf);
    if (n + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, size - n, fmt, ap);
    va_end(ap);
}
