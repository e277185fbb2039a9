/* A line split into runs by where its characters are drawn from: the
 * shipped font, a fallback font, a box with the code point (no installed
 * font has it) or a dotted marker with the code point (a character that
 * draws nothing: zero-width, a format or control character, a combining
 * mark with nothing to combine with). The window, the export and --check
 * all use this one split, so they agree. Private to render/. */
#ifndef S2S_RENDER_TEXT_RUNS_H
#define S2S_RENDER_TEXT_RUNS_H

#include <stddef.h>
#include <stdint.h>

#include <SDL_ttf.h>

#include "render/font_fallback.h"

typedef enum {
    RUN_SHIPPED,  /* the shipped font */
    RUN_FALLBACK, /* fallback face `face` */
    RUN_BOX,      /* one character no font has: a box with its code */
    RUN_MARKER,   /* one invisible character: a dotted box with its code */
} RunSource;

typedef struct {
    RunSource source;
    int face;         /* RUN_FALLBACK only */
    size_t start, len; /* bytes of the line */
    uint32_t code;    /* RUN_BOX / RUN_MARKER: the character */
} TextRun;

/* Splits utf8 into runs (malloc'd into *runs, free them); returns how
 * many. shipped is the shipped font at any size. Invalid UTF-8 bytes
 * become boxes of U+FFFD. */
int text_runs_split(TTF_Font *shipped, FontFallback *ff, const char *utf8,
                    TextRun **runs);

/* Decodes one UTF-8 character at *p and advances past it; an invalid or
 * truncated sequence gives 0xFFFD and advances one byte. */
uint32_t text_runs_next_char(const unsigned char **p);

#endif
