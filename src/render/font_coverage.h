/* Font coverage: does the shipped font have a glyph for every character a
 * lesson shows? SDL_ttf 2.20 has no font fallback, so a character the font
 * lacks would be drawn as an empty box; --check finds it first. */
#ifndef S2S_FONT_COVERAGE_H
#define S2S_FONT_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct FontCoverage FontCoverage;

/* Opens the font at path. NULL with a one-line reason in err on failure.
 * Close with font_coverage_close. Initialises SDL_ttf if needed. */
FontCoverage *font_coverage_open(const char *path, char *err,
                                 size_t err_size);
void font_coverage_close(FontCoverage *fc);

/* The first character of utf8 the font lacks (spaces and control
 * characters are not drawn and never count), or 0 when all are there. */
uint32_t font_coverage_missing(const FontCoverage *fc, const char *utf8);

#endif
