/* The cairo backend's text. The split into runs is text_runs_split, the
 * SDL backend's own, asked through an SDL_ttf probe of the shipped font
 * and the shared fontconfig fallback (font_fallback.c): the two backends
 * take every character from the same place. Glyphs are then drawn by
 * cairo from faces made for the font files themselves (shipped or
 * fallback), never from SDL_ttf's bitmaps.
 *
 * Metrics are unhinted: a PDF page has no pixel grid, and the widths the
 * layout is given must be the widths drawn at any zoom. */
#include "render/cairo_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <SDL_ttf.h>

#include "render/font_fallback.h"
#include "render/text_runs.h"
#include "xalloc.h"

/* The same proportions as text_line.c's boxes, in ems rather than pixels:
 * the hex label's size, the padding inside the frame, the gap outside
 * it, the frame's line. */
#define LABEL_SCALE 0.45
#define BOX_PAD 0.10
#define BOX_GAP (1.0 / 16.0)
#define BOX_LINE 0.05
/* The box spans the height of a capital and a bit below (text_line.c). */
#define BOX_TOP 0.78
#define BOX_BOTTOM 0.125
/* Bold is the regular outline stroked this wide (in ems) over the
 * glyphs: cairo's synthetic bold is lost in PDF and SVG, which embed the
 * unmodified font, and a stroke is kept by every surface while the glyphs
 * under it stay real, searchable text. About SDL_ttf's TTF_STYLE_BOLD
 * emboldening, which the SDL backend draws. */
#define BOLD_STROKE 0.06
/* Fallback faces kept open (fontconfig's answers are a handful). */
#define MAX_FACES 64

struct CairoText {
    TTF_Font *probe; /* the shipped font at any size: glyph questions */
    FontFallback *fallback;
    cairo_font_face_t *shipped;
    cairo_font_face_t *faces[MAX_FACES]; /* fallback faces */
    cairo_font_options_t *options;
};

/* A cairo face for the font file path. The pattern names the file, so
 * cairo opens that file and no other (no fontconfig matching). */
static cairo_font_face_t *face_for_file(const char *path)
{
    FcPattern *pat = FcPatternCreate();
    if (!pat)
        return NULL;
    FcPatternAddString(pat, FC_FILE, (const FcChar8 *)path);
    FcPatternAddInteger(pat, FC_INDEX, 0);
    cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(pat);
    FcPatternDestroy(pat);
    if (cairo_font_face_status(face) != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(face);
        return NULL;
    }
    return face;
}

CairoText *cairo_text_create(const char *font_path, char *err,
                             size_t err_size)
{
    CairoText *t = xrealloc(NULL, sizeof *t);
    *t = (CairoText){0};
    /* SDL_ttf counts its users, so this pairs with TTF_Quit in destroy. */
    if (TTF_Init() != 0) {
        snprintf(err, err_size, "cannot start SDL_ttf: %s", TTF_GetError());
        free(t);
        return NULL;
    }
    t->probe = TTF_OpenFont(font_path, 16);
    if (!t->probe) {
        snprintf(err, err_size, "%s: not a usable font: %s", font_path,
                 TTF_GetError());
        goto fail;
    }
    t->shipped = face_for_file(font_path);
    if (!t->shipped) {
        snprintf(err, err_size, "%s: cairo cannot open the font", font_path);
        goto fail;
    }
    t->options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(t->options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(t->options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(t->options, CAIRO_ANTIALIAS_GRAY);
    t->fallback = font_fallback_create();
    return t;
fail:
    cairo_text_destroy(t);
    return NULL;
}

void cairo_text_destroy(CairoText *t)
{
    if (!t)
        return;
    cairo_font_face_destroy(t->shipped);
    for (int i = 0; i < MAX_FACES; i++)
        cairo_font_face_destroy(t->faces[i]);
    if (t->options)
        cairo_font_options_destroy(t->options);
    font_fallback_destroy(t->fallback);
    if (t->probe)
        TTF_CloseFont(t->probe);
    TTF_Quit();
    free(t);
}

/* The face a run is drawn with (box labels: the shipped regular face). */
static cairo_font_face_t *run_face(CairoText *t, const TextRun *r)
{
    if (r->source == RUN_FALLBACK) {
        if (r->face < 0 || r->face >= MAX_FACES)
            return NULL;
        cairo_font_face_t **slot = &t->faces[r->face];
        if (!*slot) {
            const char *file = font_fallback_file(t->fallback, r->face);
            *slot = file ? face_for_file(file) : NULL;
        }
        return *slot;
    }
    return t->shipped;
}

/* face at em size `size`; destroy with cairo_scaled_font_destroy (cairo
 * keeps recently used ones, so asking again is cheap). */
static cairo_scaled_font_t *scaled(CairoText *t, cairo_font_face_t *face,
                                   double size)
{
    cairo_matrix_t font_matrix, ctm;
    cairo_matrix_init_scale(&font_matrix, size, size);
    cairo_matrix_init_identity(&ctm);
    cairo_scaled_font_t *sf =
        cairo_scaled_font_create(face, &font_matrix, &ctm, t->options);
    if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
        cairo_scaled_font_destroy(sf);
        return NULL;
    }
    return sf;
}

/* The run's characters, or a box's hex label; malloc'd. */
static char *run_text(const char *utf8, const TextRun *r)
{
    if (r->source == RUN_BOX || r->source == RUN_MARKER) {
        char label[12];
        snprintf(label, sizeof label, "%04X", (unsigned)r->code);
        return xstrdup(label);
    }
    char *s = xrealloc(NULL, r->len + 1);
    memcpy(s, utf8 + r->start, r->len);
    s[r->len] = '\0';
    return s;
}

static bool is_box(const TextRun *r)
{
    return r->source == RUN_BOX || r->source == RUN_MARKER;
}

/* The advance of run r at size (a box: its label and frame). */
static double run_width(CairoText *t, const char *utf8, const TextRun *r,
                        double size, bool bold)
{
    (void)bold; /* the stroke of bold adds no advance */
    cairo_font_face_t *face = run_face(t, r);
    double em = is_box(r) ? size * LABEL_SCALE : size;
    cairo_scaled_font_t *sf = face ? scaled(t, face, em) : NULL;
    if (!sf)
        return -1;
    char *text = run_text(utf8, r);
    cairo_text_extents_t ext;
    cairo_scaled_font_text_extents(sf, text, &ext);
    free(text);
    cairo_scaled_font_destroy(sf);
    double w = ext.x_advance;
    if (is_box(r))
        w += 2 * size * (BOX_PAD + BOX_LINE + BOX_GAP);
    return w;
}

double cairo_text_width(CairoText *t, const char *utf8, double size,
                        bool bold)
{
    if (!utf8 || !*utf8)
        return 0;
    TextRun *runs;
    int n = text_runs_split(t->probe, t->fallback, utf8, &runs);
    double total = 0;
    for (int i = 0; i < n; i++) {
        double w = run_width(t, utf8, &runs[i], size, bold);
        if (w < 0) {
            total = -1;
            break;
        }
        total += w;
    }
    free(runs);
    return total;
}

/* A box's frame (solid: no font has the character; dashed: it draws
 * nothing, as text_line.c dots it) with the hex label centred in it. */
static bool draw_box(CairoText *t, cairo_t *cr, const char *utf8,
                     const TextRun *r, double x, double w, double baseline,
                     double size)
{
    double gap = size * BOX_GAP, line = size * BOX_LINE;
    double x0 = x + gap + line * 0.5, x1 = x + w - gap - line * 0.5;
    double y0 = baseline - size * BOX_TOP, y1 = baseline + size * BOX_BOTTOM;
    cairo_save(cr);
    cairo_set_line_width(cr, line);
    if (r->source == RUN_MARKER) {
        double dash = line * 2;
        cairo_set_dash(cr, &dash, 1, 0);
    }
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    cairo_stroke(cr);
    cairo_restore(cr);

    cairo_scaled_font_t *sf = scaled(t, t->shipped, size * LABEL_SCALE);
    if (!sf)
        return false;
    char *label = run_text(utf8, r);
    cairo_font_extents_t fe;
    cairo_text_extents_t te;
    cairo_scaled_font_extents(sf, &fe);
    cairo_scaled_font_text_extents(sf, label, &te);
    cairo_set_scaled_font(cr, sf);
    double lx = (x0 + x1 - te.x_advance) * 0.5;
    double ly = (y0 + y1) * 0.5 + (fe.ascent - fe.descent) * 0.5;
    cairo_move_to(cr, lx, ly);
    cairo_show_text(cr, label);
    free(label);
    cairo_scaled_font_destroy(sf);
    return true;
}

bool cairo_text_draw(CairoText *t, cairo_t *cr, const char *utf8, double x,
                     double baseline, double size, bool bold)
{
    if (!utf8 || !*utf8)
        return true;
    TextRun *runs;
    int n = text_runs_split(t->probe, t->fallback, utf8, &runs);
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        const TextRun *r = &runs[i];
        double w = run_width(t, utf8, r, size, bold);
        if (w < 0) {
            ok = false;
            break;
        }
        if (is_box(r)) {
            ok = draw_box(t, cr, utf8, r, x, w, baseline, size);
        } else {
            cairo_set_font_face(cr, run_face(t, r));
            cairo_set_font_size(cr, size);
            cairo_set_font_options(cr, t->options);
            char *text = run_text(utf8, r);
            cairo_move_to(cr, x, baseline);
            cairo_show_text(cr, text);
            if (bold) {
                cairo_move_to(cr, x, baseline);
                cairo_text_path(cr, text);
                cairo_save(cr);
                cairo_set_line_width(cr, size * BOLD_STROKE);
                cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
                cairo_stroke(cr);
                cairo_restore(cr);
            }
            free(text);
        }
        x += w;
    }
    free(runs);
    return ok && cairo_status(cr) == CAIRO_STATUS_SUCCESS;
}
