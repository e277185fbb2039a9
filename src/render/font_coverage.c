/* Font coverage through the renderer's own run split (text_runs.c). */
#include "render/font_coverage.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL_ttf.h>

#include "render/font_fallback.h"
#include "render/text_runs.h"
#include "utf8.h"
#include "xalloc.h"

struct FontCoverage {
    TTF_Font *font;
    FontFallback *fallback;
    bool own_ttf;     /* this opened SDL_ttf, so it closes it */
    uint32_t *seen;   /* characters already reported */
    int seen_count;
};

FontCoverage *font_coverage_open(const char *path, char *err,
                                 size_t err_size)
{
    FontCoverage *fc = xcalloc(1, sizeof *fc);
    if (!TTF_WasInit()) {
        if (TTF_Init() != 0) {
            snprintf(err, err_size, "cannot start SDL_ttf: %s",
                     TTF_GetError());
            free(fc);
            return NULL;
        }
        fc->own_ttf = true;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        /* a folder or FIFO would crash or hang TTF_OpenFont */
        snprintf(err, err_size, "%s: cannot open the font: not a regular file",
                 path);
        font_coverage_close(fc);
        return NULL;
    }
    fc->font = TTF_OpenFont(path, 16);
    if (!fc->font) {
        snprintf(err, err_size, "%s: cannot open the font: %s", path,
                 TTF_GetError());
        font_coverage_close(fc);
        return NULL;
    }
    fc->fallback = font_fallback_create();
    return fc;
}

void font_coverage_close(FontCoverage *fc)
{
    if (!fc)
        return;
    font_fallback_destroy(fc->fallback);
    if (fc->font)
        TTF_CloseFont(fc->font);
    if (fc->own_ttf)
        TTF_Quit();
    free(fc->seen);
    free(fc);
}

int font_coverage_stand_ins(FontCoverage *fc, const char *utf8,
                            StandIn *out, int max)
{
    if (!utf8)
        return 0;
    TextRun *runs;
    int n = text_runs_split(fc->font, fc->fallback, utf8, &runs);
    int count = 0;
    for (int i = 0; i < n; i++) {
        const TextRun *r = &runs[i];
        if (r->source == RUN_SHIPPED)
            continue;
        if (r->source != RUN_FALLBACK) {
            if (count < max)
                out[count] = (StandIn){r->code,
                                       r->source == RUN_BOX ? STAND_IN_BOX
                                                            : STAND_IN_MARKER,
                                       NULL, NULL};
            count++;
            continue;
        }
        /* A fallback run: each of its characters. */
        const unsigned char *p = (const unsigned char *)utf8 + r->start;
        const unsigned char *end = p + r->len;
        while (p < end) {
            uint32_t c = text_runs_next_char(&p);
            if (count < max)
                out[count] = (StandIn){
                    c, STAND_IN_FALLBACK,
                    font_fallback_family(fc->fallback, r->face),
                    font_fallback_file(fc->fallback, r->face)};
            count++;
        }
    }
    free(runs);
    return count;
}

static bool seen_before(FontCoverage *fc, uint32_t c)
{
    for (int i = 0; i < fc->seen_count; i++)
        if (fc->seen[i] == c)
            return true;
    fc->seen = xrealloc(fc->seen, (size_t)(fc->seen_count + 1) *
                                      sizeof *fc->seen);
    fc->seen[fc->seen_count++] = c;
    return false;
}

/* c as UTF-8 for a message, or nothing for a character that draws
 * nothing (printing it would hide it again). */
static void printable(uint32_t c, StandInKind kind, char out[8])
{
    memset(out, 0, 8);
    if (kind == STAND_IN_MARKER || c == 0xFFFD)
        return;
    utf8_encode(c, out);
}

int font_coverage_report(FontCoverage *fc, const char *where,
                         const char *text, FILE *out)
{
    int n = font_coverage_stand_ins(fc, text, NULL, 0);
    if (n == 0)
        return 0;
    StandIn *s = xrealloc(NULL, (size_t)n * sizeof *s);
    font_coverage_stand_ins(fc, text, s, n);
    int lines = 0;
    for (int i = 0; i < n; i++) {
        if (seen_before(fc, s[i].code))
            continue;
        char ch[8];
        printable(s[i].code, s[i].kind, ch);
        fprintf(out, "font: U+%04X %s%s%sin %s: ", (unsigned)s[i].code,
                ch[0] ? "'" : "", ch, ch[0] ? "' " : "", where);
        if (s[i].kind == STAND_IN_FALLBACK)
            fprintf(out, "not in the shipped font, drawn from %s (%s)\n",
                    s[i].family, s[i].file);
        else if (s[i].kind == STAND_IN_BOX)
            fprintf(out, "no installed font has it, drawn as a box with "
                         "its code point\n");
        else
            fprintf(out, "draws nothing (zero width), shown as a dotted "
                         "box with its code point\n");
        lines++;
    }
    free(s);
    return lines;
}
