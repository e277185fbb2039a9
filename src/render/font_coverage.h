/* Font coverage for --check: which characters a lesson shows are not
 * drawn from the shipped font, and what stands in for each — a fallback
 * font found with fontconfig, a box with the code point (no installed
 * font has it), or a dotted box with the code point (a character that
 * draws nothing). The same split as the renderer's (text_runs.h), so
 * --check says what the window and the export draw. */
#ifndef S2S_FONT_COVERAGE_H
#define S2S_FONT_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct FontCoverage FontCoverage;

/* Opens the font at path. NULL with a one-line reason in err on failure.
 * Close with font_coverage_close. Initialises SDL_ttf if needed. */
FontCoverage *font_coverage_open(const char *path, char *err,
                                 size_t err_size);
void font_coverage_close(FontCoverage *fc);

typedef enum {
    STAND_IN_FALLBACK, /* drawn from another installed font */
    STAND_IN_BOX,      /* no font has it: a box with its code point */
    STAND_IN_MARKER,   /* draws nothing: a dotted box with its code */
} StandInKind;

typedef struct {
    uint32_t code;
    StandInKind kind;
    const char *family, *file; /* STAND_IN_FALLBACK; owned by fc */
} StandIn;

/* The characters of utf8 not drawn from the shipped font, in order, at
 * most max of them into out; returns how many there are. */
int font_coverage_stand_ins(FontCoverage *fc, const char *utf8,
                            StandIn *out, int max);

/* Writes one line to out for each character of text (found in `where`)
 * not drawn from the shipped font, skipping characters already reported
 * through fc. Returns how many lines it wrote. */
int font_coverage_report(FontCoverage *fc, const char *where,
                         const char *text, FILE *out);

#endif
