/* UTF-8, written once for the whole program (header only, like xalloc.h,
 * so the core can use it without a library): decoding one character
 * strictly, encoding one code point, writing digits as subscripts. */
#ifndef S2S_UTF8_H
#define S2S_UTF8_H

#include <stdint.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (up to end), or 0 when invalid:
 * overlong forms, surrogates and code points past U+10FFFF are invalid. */
static inline int utf8_decode(const unsigned char *s,
                              const unsigned char *end, unsigned *cp)
{
    unsigned c = s[0];
    int n;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2, min = 0x80, c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, min = 0x800, c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (end - s < n)
        return 0;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* Writes code point c as UTF-8 into out (5 bytes). */
static inline void utf8_encode(uint32_t c, char out[5])
{
    memset(out, 0, 5);
    if (c < 0x80) {
        out[0] = (char)c;
    } else if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
    } else {
        out[0] = (char)(0xF0 | (c >> 18));
        out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[3] = (char)(0x80 | (c & 0x3F));
    }
}

/* n >= 0 as Unicode subscript digits (₀..₉, U+2080..U+2089) into out;
 * size 4 * 11 + 1 holds any int. */
static inline void utf8_subscript(int n, char *out, size_t size)
{
    char digits[16];
    int k = 0;
    unsigned u = n < 0 ? 0u : (unsigned)n;
    do {
        digits[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u && k < 15);
    size_t o = 0;
    while (k > 0 && o + 3 < size) {
        out[o++] = (char)0xE2;
        out[o++] = (char)0x82;
        out[o++] = (char)(0x80 + (digits[--k] - '0'));
    }
    if (size > 0)
        out[o < size ? o : size - 1] = '\0';
}

#endif
