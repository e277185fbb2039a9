/* Text that the shipped font cannot draw alone, drawn for real on a
 * software renderer and read back: Traditional characters (in the shipped
 * font), 龘 and 😀 (from fallback fonts found with fontconfig: Debian's
 * fonts-droid-fallback and fonts-dejavu-core, which scripts/deps.sh
 * installs), a character no font has (a box), zero-width characters (a
 * dotted box each, never an error). Every glyph's column must have ink
 * and the measured width must be the drawn width.
 *
 * Usage: test_text FONT [PNG]  (PNG: also save the mixed line, to look at)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#include "check.h"
#include "hand_scene.h"
#include "render/font_coverage.h"
#include "render/render.h"
#include "render/text.h"

#define PX 48

static const char *font_path;

/* A w x h ARGB surface with a software renderer on it. */
typedef struct {
    SDL_Surface *surface;
    SDL_Renderer *sdl;
} Canvas;

static bool canvas_open(Canvas *c, int w, int h)
{
    c->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32,
                                                SDL_PIXELFORMAT_ARGB8888);
    c->sdl = c->surface ? SDL_CreateSoftwareRenderer(c->surface) : NULL;
    if (!c->sdl)
        fprintf(stderr, "software renderer: %s\n", SDL_GetError());
    return c->sdl != NULL;
}

static void canvas_close(Canvas *c)
{
    if (c->sdl)
        SDL_DestroyRenderer(c->sdl);
    SDL_FreeSurface(c->surface);
}

/* A drawn line, read back: white ink on black, one byte of coverage per
 * pixel (the red channel). */
typedef struct {
    int w, h, ascent;
    unsigned char *cover;
} Drawn;

/* Draws utf8 through the text cache onto c at (0, 0) and reads it back.
 * False (with a message) when the cache refuses to draw it. */
static bool draw_line(Canvas *c, TextCache *tc, const char *utf8, Drawn *d)
{
    memset(d, 0, sizeof *d);
    SDL_Texture *tex = text_cache_line(tc, utf8, PX, false,
                                       (SDL_Color){255, 255, 255, 255},
                                       &d->w, &d->h, &d->ascent);
    if (!tex) {
        fprintf(stderr, "text_cache_line(\"%s\"): %s\n", utf8,
                SDL_GetError());
        return false;
    }
    SDL_SetRenderDrawColor(c->sdl, 0, 0, 0, 255);
    SDL_RenderClear(c->sdl);
    SDL_Rect dst = {0, 0, d->w, d->h};
    SDL_RenderCopy(c->sdl, tex, NULL, &dst);
    SDL_RenderFlush(c->sdl);
    int cw = c->surface->w, ch = c->surface->h;
    Uint32 *px = malloc((size_t)cw * (size_t)ch * 4);
    d->cover = malloc((size_t)cw * (size_t)ch);
    SDL_RenderReadPixels(c->sdl, NULL, SDL_PIXELFORMAT_ARGB8888, px, cw * 4);
    for (int i = 0; i < cw * ch; i++)
        d->cover[i] = (unsigned char)((px[i] >> 16) & 255);
    free(px);
    return true;
}

/* Pixels with coverage above half in columns [x0, x1) of the line. */
static int ink_in(const Canvas *c, const Drawn *d, int x0, int x1)
{
    int n = 0;
    for (int y = 0; y < d->h && y < c->surface->h; y++)
        for (int x = x0; x < x1 && x < c->surface->w; x++)
            n += d->cover[y * c->surface->w + x] > 128;
    return n;
}

/* The byte length of the UTF-8 character at s. */
static int char_len(const char *s)
{
    unsigned char b = (unsigned char)*s;
    return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Every character's column has ink: the column of character i runs from
 * the width of the text before it to the width of the text up to it. */
static void check_every_glyph_inked(Canvas *c, TextCache *tc,
                                    const char *utf8)
{
    Drawn d;
    CHECK_MSG(draw_line(c, tc, utf8, &d), "\"%s\" did not draw", utf8);
    if (!d.cover)
        return;
    CHECK_MSG(d.w == text_cache_width(tc, utf8, PX, false),
              "\"%s\": drawn %d px wide, measured %d", utf8, d.w,
              text_cache_width(tc, utf8, PX, false));
    char prefix[256];
    size_t at = 0, n = strlen(utf8);
    int x0 = 0;
    while (at < n) {
        at += (size_t)char_len(utf8 + at);
        memcpy(prefix, utf8, at);
        prefix[at] = '\0';
        int x1 = text_cache_width(tc, prefix, PX, false);
        int ink = ink_in(c, &d, x0, x1);
        CHECK_MSG(x1 > x0 && ink > 20,
                  "\"%s\": character ending at byte %zu (columns %d..%d) "
                  "has %d ink pixels",
                  utf8, at, x0, x1, ink);
        x0 = x1;
    }
    free(d.cover);
}

static StandInKind stand_in(FontCoverage *fc, const char *utf8)
{
    StandIn s;
    int n = font_coverage_stand_ins(fc, utf8, &s, 1);
    return n == 1 ? s.kind : (StandInKind)-1;
}

/* 機器學習 come from the shipped font, 龘 and 😀 from fallbacks, U+0378
 * (unassigned) from no font. */
static void test_sources(void)
{
    char err[256] = "";
    FontCoverage *fc = font_coverage_open(font_path, err, sizeof err);
    CHECK_MSG(fc != NULL, "%s", err);
    if (!fc)
        return;
    StandIn s[4];
    CHECK(font_coverage_stand_ins(fc, "機器學習", s, 4) == 0);
    CHECK(font_coverage_stand_ins(fc, "a龘b😀", s, 4) == 2);
    CHECK(s[0].code == 0x9F98 && s[0].kind == STAND_IN_FALLBACK);
    CHECK(s[1].code == 0x1F600 && s[1].kind == STAND_IN_FALLBACK);
    CHECK_MSG(s[0].file && strstr(s[0].file, ".tt") != NULL, "龘 from %s",
              s[0].file ? s[0].file : "(none)");
    CHECK(stand_in(fc, "\xcd\xb8") == STAND_IN_BOX); /* U+0378 */
    const char *invisible[] = {"\xe2\x80\x8b", "\xe2\x80\x8d", "\xc2\xad",
                               "\xef\xbb\xbf", "\xe2\x81\xa0", "\xcc\x81"};
    for (size_t i = 0; i < sizeof invisible / sizeof *invisible; i++)
        CHECK_MSG(stand_in(fc, invisible[i]) == STAND_IN_MARKER,
                  "invisible character %zu is not a marker", i);
    /* A combining mark on a letter stays with it: the shipped font lacks
     * U+0301, so both come from one fallback font, and nothing is a
     * marker. */
    CHECK(font_coverage_stand_ins(fc, "e\xcc\x81", s, 4) == 2);
    CHECK(s[0].kind == STAND_IN_FALLBACK && s[1].kind == STAND_IN_FALLBACK);
    CHECK(s[0].file && s[1].file && strcmp(s[0].file, s[1].file) == 0);
    font_coverage_close(fc);
}

static void test_mixed_line(Canvas *c, TextCache *tc, const char *png)
{
    const char *line = "機器學習😀龘";
    check_every_glyph_inked(c, tc, line);
    check_every_glyph_inked(c, tc, "a\xcd\xb8z"); /* a box between letters */
    if (png) {
        Drawn d;
        if (draw_line(c, tc, "機器學習😀龘 \xcd\xb8 a\xe2\x80\x8b" "b", &d)) {
            SDL_Rect r = {0, 0, d.w, d.h};
            SDL_Surface *cut = SDL_CreateRGBSurfaceWithFormat(
                0, d.w, d.h, 32, SDL_PIXELFORMAT_ARGB8888);
            SDL_BlitSurface(c->surface, &r, cut, NULL);
            CHECK_MSG(IMG_SavePNG(cut, png) == 0, "%s", SDL_GetError());
            SDL_FreeSurface(cut);
            free(d.cover);
        }
    }
}

/* Each zero-width character alone, between letters and after a space
 * draws (a dotted box), with the width the layout measured. */
static void test_zero_width(Canvas *c, TextCache *tc)
{
    const char *invisible[] = {"\xe2\x80\x8b", "\xe2\x80\x8d", "\xc2\xad",
                               "\xef\xbb\xbf", "\xe2\x81\xa0", "\xcc\x81"};
    for (size_t i = 0; i < sizeof invisible / sizeof *invisible; i++) {
        char between[32], spaced[32];
        snprintf(between, sizeof between, "a%sb", invisible[i]);
        snprintf(spaced, sizeof spaced, " %s", invisible[i]);
        check_every_glyph_inked(c, tc, invisible[i]);
        Drawn d;
        if (i + 1 < sizeof invisible / sizeof *invisible) {
            check_every_glyph_inked(c, tc, between);
        } else {
            /* U+0301 after a: one cluster, á, so no column of its own. */
            CHECK_MSG(draw_line(c, tc, between, &d), "a%sb did not draw",
                      invisible[i]);
            CHECK(d.w == text_cache_width(tc, between, PX, false));
            CHECK(ink_in(c, &d, 0, d.w) > 40);
            free(d.cover);
        }
        CHECK_MSG(draw_line(c, tc, spaced, &d), "' %s' did not draw",
                  invisible[i]);
        CHECK(d.w == text_cache_width(tc, spaced, PX, false));
        free(d.cover);
    }
}

/* At every size from 1 pixel up, mixed lines draw at the measured width
 * (hinting rounds small glyphs; a run must never round to an error). */
static void test_all_sizes(TextCache *tc)
{
    const char *lines[] = {"機器學習😀龘", "a\xe2\x80\x8b" "b\xcd\xb8",
                           "\xcc\x81", "e\xcc\x81 \xc2\xad", " "};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        for (int px = 1; px <= 40; px++) {
            int w, h, ascent;
            SDL_Texture *tex = text_cache_line(
                tc, lines[i], px, px % 2 == 0,
                (SDL_Color){0, 0, 0, 255}, &w, &h, &ascent);
            int measured = text_cache_width(tc, lines[i], px, px % 2 == 0);
            CHECK_MSG(tex != NULL && w == measured && w > 0,
                      "line %zu at %d px: texture %p, %d wide, measured %d",
                      i, px, (void *)tex, w, measured);
        }
        text_cache_end_frame(tc);
    }
}

/* Through the whole renderer, as the window and --export draw: a scene
 * whose only text is a zero-width space renders, with ink. */
static void test_scene_with_zero_width_token(void)
{
    Canvas c;
    if (!canvas_open(&c, 400, 200))
        return;
    char err[256] = "";
    RenderContext *rc = render_create(c.sdl, font_path, err, sizeof err);
    CHECK_MSG(rc != NULL, "%s", err);
    if (rc) {
        HandScene s;
        hand_init(&s, (Rgba){255, 255, 255, 255});
        hand_text(&s, "\xe2\x80\x8b", 0, 0, 400, 200, 40, ALIGN_CENTER,
                  (Rgba){0, 0, 0, 255}, false);
        CHECK_MSG(render_scene(rc, &s.scene, 400, 200), "%s",
                  render_error(rc));
        SDL_RenderFlush(c.sdl);
        const Uint32 *px = c.surface->pixels;
        int dark = 0;
        for (int i = 0; i < 400 * 200; i++)
            dark += (px[i] & 255) < 128;
        CHECK_MSG(dark > 20, "the marker has %d dark pixels", dark);
        render_destroy(rc);
    }
    canvas_close(&c);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_text FONT [PNG]\n");
        return 2;
    }
    font_path = argv[1];
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    test_sources();
    Canvas c;
    if (canvas_open(&c, 1400, 120)) {
        char err[256] = "";
        TextCache *tc = text_cache_create(c.sdl, font_path, err, sizeof err);
        CHECK_MSG(tc != NULL, "%s", err);
        if (tc) {
            test_mixed_line(&c, tc, argc > 2 ? argv[2] : NULL);
            test_zero_width(&c, tc);
            test_all_sizes(tc);
            text_cache_destroy(tc);
        }
    }
    canvas_close(&c);
    test_scene_with_zero_width_token();
    SDL_Quit();
    return check_exit();
}
