/* How the scene learns the size of text without knowing about fonts: a
 * function it is handed (the renderer's, or a stand-in in tests). */
#ifndef S2S_TEXT_MEASURE_H
#define S2S_TEXT_MEASURE_H

#include <stdbool.h>

typedef struct {
    /* Width of one line of UTF-8 text at font_size, both in canvas units. */
    float (*width)(void *ctx, const char *utf8, float font_size, bool bold);
    void *ctx;
} TextMeasure;

static inline float text_width(const TextMeasure *m, const char *utf8,
                               float font_size, bool bold)
{
    return m->width(m->ctx, utf8, font_size, bold);
}

/* Line height as a multiple of the font size; the scene leaves this much
 * vertical room for a line. */
#define TEXT_LINE_HEIGHT 1.45f

#endif
