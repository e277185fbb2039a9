/* The overlays of overlay.h: panels the app lays over the picture (help,
 * toast, blank screen, progress, input field, lesson picker, tooltip).
 * Each is a pure function of its arguments that appends ROLE_OVERLAY
 * shapes, so they can be tested without a window. */
#include "scene/overlay.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scene/colors.h"
#include "scene/layout.h"
#include "scene/text_fit.h"
#include "session/ui_text.h"

static const Rgba none = {0, 0, 0, 0};

static Shape *rect(Scene *s, float x, float y, float w, float h, float r,
                   Rgba fill, Rgba stroke, float sw)
{
    return scene_add_rect(s, ROLE_OVERLAY, x, y, w, h, r, fill, stroke, sw);
}

/* One line fitted into the box (shrunk, then ellipsized). */
static Shape *text(Scene *s, const TextMeasure *m, const char *t, float x,
                   float y, float w, float h, float size, TextAlign align,
                   Rgba color, bool bold)
{
    if (!t || !*t || w <= 1)
        return NULL;
    if (size * TEXT_LINE_HEIGHT > h)
        size = h / TEXT_LINE_HEIGHT;
    float fs = fit_font(m, t, size, size * 0.6f, w, bold);
    char buf[1024];
    ellipsize(m, t, fs, w, bold, buf, sizeof buf);
    if (!buf[0])
        return NULL;
    Shape *sh = scene_add_text(s, buf, x, y, w, h, fs, align, color, bold);
    sh->role = ROLE_OVERLAY;
    return sh;
}

static void shade(Scene *s, const Palette *p)
{
    rect(s, 0, 0, s->width, CANVAS_H, 0, p->overlay_shade, none, 0);
}

static void panel(Scene *s, const Palette *p, float x, float y, float w,
                  float h)
{
    rect(s, x, y, w, h, 18, p->overlay_panel, p->box_stroke, 3);
}

void scene_overlay_help(Scene *s, const ViewOptions *view,
                        const TextMeasure *m)
{
    if (!view->keys)
        return;
    const Palette *p = palette_for(view->theme);
    const KeyHelpRow *rows = view->keys->rows;
    int n = view->keys->count;
    /* Every row of the key table on the canvas, whatever its shape. */
    float row = fminf(40, (CANVAS_H - 40 - 140) / (float)(n > 0 ? n : 1));
    float w = fminf(1560, s->width - 40), h = 110 + row * (float)n + 30;
    float x = (s->width - w) / 2, y = (CANVAS_H - h) / 2;
    shade(s, p);
    panel(s, p, x, y, w, h);
    text(s, m, ui_text(UI_HELP_TITLE, view->lang), x + 40, y + 24, w - 80, 60, 40,
         ALIGN_LEFT, p->text, true);
    float kx = x + 40, kw = 520, dx = kx + kw + 30, dw = w - 80 - kw - 30;
    for (int i = 0; i < n; i++) {
        float ry = y + 100 + row * (float)i;
        text(s, m, rows[i].keys, kx, ry, kw, row, 26, ALIGN_LEFT, p->accent,
             true);
        text(s, m, rows[i].what[view->lang], dx, ry, dw, row, 26,
             ALIGN_LEFT, p->text, false);
    }
}

void scene_overlay_toast(Scene *s, const ViewOptions *view,
                         const TextMeasure *m, const char *t)
{
    if (!t || !*t)
        return;
    /* Over the footer, in place of the key hints: the narration and its
     * formula stay readable while a toast shows. An accent strip with the
     * background's colour as text is loud enough to be seen down there
     * and keeps its contrast in both themes. */
    const Palette *p = palette_for(view->theme);
    Rgba ink = p->background;
    ink.a = 255;
    float x = MARGIN_X, w = s->width - 2 * MARGIN_X;
    float y = FOOTER_Y - 3, h = CANVAS_H - 2 - y;
    rect(s, x, y, w, h, 10, p->accent, none, 0);
    text(s, m, t, x + 24, y + 1, w - 48, h - 2, 28, ALIGN_CENTER, ink, true);
}

void scene_overlay_blank(Scene *s, bool white)
{
    Rgba c = white ? (Rgba){255, 255, 255, 255} : (Rgba){0, 0, 0, 255};
    rect(s, 0, 0, s->width, CANVAS_H, 0, c, none, 0);
}

void scene_overlay_progress(Scene *s, const ViewOptions *view,
                            const TextMeasure *m, const char *title,
                            double fraction)
{
    const Palette *p = palette_for(view->theme);
    if (!(fraction >= 0))
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    float w = 1100, h = 240, x = (s->width - w) / 2, y = (CANVAS_H - h) / 2;
    shade(s, p);
    panel(s, p, x, y, w, h);
    text(s, m, title ? title : "", x + 40, y + 24, w - 80, 56, 34, ALIGN_LEFT,
         p->text, true);
    float bx = x + 40, by = y + 110, bw = w - 80 - 140, bh = 36;
    rect(s, bx, by, bw, bh, 8, p->bar_slot, none, 0);
    if (fraction > 0)
        rect(s, bx, by, bw * (float)fraction, bh, 8, p->accent, none, 0);
    char pct[32];
    snprintf(pct, sizeof pct, "%d %%", (int)floor(fraction * 100 + 0.5));
    text(s, m, pct, bx + bw + 20, by - 6, 120, 48, 30, ALIGN_RIGHT, p->text,
         true);
}

/* Drops leading characters of str until width(str[0..end)) <= w, so the
 * caret stays in view; returns the byte offset to show from. */
static size_t scroll_from(const TextMeasure *m, const char *str, size_t end,
                          float size, float w)
{
    char buf[2048];
    size_t from = 0;
    while (from < end) {
        size_t n = end - from;
        if (n >= sizeof buf)
            n = sizeof buf - 1;
        memcpy(buf, str + from, n);
        buf[n] = '\0';
        if (text_width(m, buf, size, false) <= w)
            break;
        from += (size_t)utf8_len(str + from);
    }
    return from;
}

static float prefix_width(const TextMeasure *m, const char *str, size_t n,
                          float size)
{
    char buf[2048];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, str, n);
    buf[n] = '\0';
    return text_width(m, buf, size, false);
}

void scene_overlay_input(Scene *s, const ViewOptions *view,
                         const TextMeasure *m, const InputFieldView *f,
                         float caret_rect[4])
{
    const Palette *p = palette_for(view->theme);
    float w = 1400, h = 330, x = (s->width - w) / 2, y = 330;
    shade(s, p);
    panel(s, p, x, y, w, h);
    const char *prompt =
        f->prompt ? f->prompt : ui_text(UI_INPUT_PROMPT, view->lang);
    float counter_w = 0;
    if (f->counter && *f->counter) {
        counter_w = text_width(m, f->counter, 30, true) + 8;
        text(s, m, f->counter, x + w - 40 - counter_w, y + 20, counter_w, 56,
             30, ALIGN_RIGHT, f->counter_over ? p->warning : p->accent,
             true);
    }
    text(s, m, prompt, x + 40, y + 20, w - 80 - counter_w - 24, 56, 34,
         ALIGN_LEFT, p->text, true);

    /* The line as shown: text with the composition inserted at the caret. */
    const char *t = f->text ? f->text : "";
    const char *comp = f->composition ? f->composition : "";
    size_t tl = strlen(t), cl = strlen(comp);
    size_t caret = f->caret < 0 ? 0 : (size_t)f->caret > tl ? tl
                                                             : (size_t)f->caret;
    size_t cc = f->composition_caret < 0 ? 0
                : (size_t)f->composition_caret > cl
                    ? cl
                    : (size_t)f->composition_caret;
    char line[2048];
    snprintf(line, sizeof line, "%.*s%s%s", (int)caret, t, comp, t + caret);
    size_t comp_start = caret, comp_end = caret + cl;
    size_t caret_at = caret + cc;

    float size = 36, bx = x + 40, by = y + 96, bw = w - 80, bh = 70;
    float pad = 16, tw = bw - 2 * pad;
    rect(s, bx, by, bw, bh, 10, p->box_fill, p->accent, 3);
    size_t from = scroll_from(m, line, caret_at, size, tw - 4);
    float tx = bx + pad, ty = by + (bh - size * TEXT_LINE_HEIGHT) / 2;
    char shown[2048];
    ellipsize(m, line + from, size, tw, false, shown, sizeof shown);
    size_t sa = f->sel_start < 0 ? 0 : (size_t)f->sel_start;
    size_t sb = f->sel_end < 0 ? 0 : (size_t)f->sel_end;
    if (cl == 0 && sb > sa && sb <= tl) {
        /* The selection, behind the text (clipped to what is shown): typing
         * replaces it. */
        size_t a = sa > from ? sa - from : 0, b = sb > from ? sb - from : 0;
        size_t sl = strlen(shown);
        if (b > sl)
            b = sl;
        if (b > a) {
            float x0 = tx + prefix_width(m, line + from, a, size);
            float x1 = tx + prefix_width(m, line + from, b, size);
            Rgba hl = p->accent;
            hl.a = 70;
            rect(s, x0, ty, x1 - x0, size * TEXT_LINE_HEIGHT, 4, hl, none, 0);
        }
    }
    if (shown[0]) {
        Shape *sh = scene_add_text(s, shown, tx, ty, tw,
                                   size * TEXT_LINE_HEIGHT, size, ALIGN_LEFT,
                                   p->text, false);
        sh->role = ROLE_OVERLAY;
    }
    size_t shown_len = strlen(shown);
    if (cl > 0) {
        /* Underline the composition (clipped to what is shown). */
        size_t a = comp_start > from ? comp_start - from : 0;
        size_t b = comp_end > from ? comp_end - from : 0;
        if (b > shown_len)
            b = shown_len;
        if (b > a) {
            float x0 = tx + prefix_width(m, line + from, a, size);
            float x1 = tx + prefix_width(m, line + from, b, size);
            rect(s, x0, ty + size * 1.25f, x1 - x0, 3, 0, p->text, none, 0);
        }
    }
    float cx = tx + prefix_width(m, line + from, caret_at - from, size);
    if (cx > bx + bw - pad)
        cx = bx + bw - pad;
    rect(s, cx, by + 12, 3, bh - 24, 0, p->accent, none, 0);
    if (caret_rect) {
        caret_rect[0] = cx;
        caret_rect[1] = by;
        caret_rect[2] = 3;
        caret_rect[3] = bh;
    }

    const char *note =
        f->note ? f->note : ui_text(UI_INPUT_NOTE, view->lang);
    text(s, m, note, x + 40, by + bh + 16, w - 80, 44, 26, ALIGN_LEFT,
         p->text_dim, false);
    if (f->error && *f->error)
        text(s, m, f->error, x + 40, by + bh + 62, w - 80, 44, 26,
             ALIGN_LEFT, p->warning, true);
}

#define PICKER_ROWS 14
#define PICKER_ROW_H 52.0f
#define PICKER_W 1300.0f
#define PICKER_Y 140.0f

/* The first row shown so that `selected` is visible. */
static int picker_first(int count, int selected)
{
    if (count <= PICKER_ROWS)
        return 0;
    int first = selected - PICKER_ROWS / 2;
    if (first > count - PICKER_ROWS)
        first = count - PICKER_ROWS;
    return first < 0 ? 0 : first;
}

int scene_picker_hit(int count, int selected, float canvas_w, float x,
                     float y)
{
    float px = (canvas_w - PICKER_W) / 2;
    if (x < px + 30 || x > px + PICKER_W - 30)
        return -1;
    int first = picker_first(count, selected);
    float ry0 = PICKER_Y + 100;
    if (y < ry0)
        return -1;
    int i = (int)((y - ry0) / PICKER_ROW_H);
    if (i >= PICKER_ROWS || first + i >= count)
        return -1;
    return first + i;
}

void scene_overlay_picker(Scene *s, const ViewOptions *view,
                          const TextMeasure *m, const char *const *titles,
                          int count, int selected, const char *error)
{
    const Palette *p = palette_for(view->theme);
    int rows = count < PICKER_ROWS ? count : PICKER_ROWS;
    float w = PICKER_W, h = 100 + PICKER_ROW_H * (float)rows + 90;
    float x = (s->width - w) / 2, y = PICKER_Y;
    shade(s, p);
    panel(s, p, x, y, w, h);
    text(s, m, ui_text(UI_PICKER_TITLE, view->lang),
         x + 40, y + 22, w - 80, 60, 36, ALIGN_LEFT, p->text, true);
    int first = picker_first(count, selected);
    for (int i = 0; i < rows; i++) {
        int k = first + i;
        float ry = y + 100 + PICKER_ROW_H * (float)i;
        bool sel = k == selected;
        if (sel)
            rect(s, x + 30, ry, w - 60, PICKER_ROW_H - 4, 10, p->highlight,
                 p->accent, 3);
        char label[600];
        snprintf(label, sizeof label, "%d.  %s", k + 1,
                 titles[k] ? titles[k] : "");
        text(s, m, label, x + 50, ry, w - 100, PICKER_ROW_H - 4, 28,
             ALIGN_LEFT, sel ? p->text : p->text_dim, sel);
    }
    if (error && *error)
        text(s, m, error, x + 40, y + h - 80, w - 80, 44, 26, ALIGN_LEFT,
             p->warning, true);
}

void scene_overlay_tooltip(Scene *s, const ViewOptions *view,
                           const TextMeasure *m, const char *t, float x,
                           float y)
{
    if (!t || !*t)
        return;
    const Palette *p = palette_for(view->theme);
    float size = 26;
    float w = fminf(text_width(m, t, size, false) + 32, s->width - 40);
    float h = size * TEXT_LINE_HEIGHT + 16;
    float bx = x + 18, by = y + 24;
    if (bx + w > s->width - 10)
        bx = x - 18 - w;
    if (bx < 10)
        bx = 10;
    if (by + h > CANVAS_H - 10)
        by = y - 24 - h;
    if (by < 10)
        by = 10;
    rect(s, bx, by, w, h, 8, p->overlay_panel, p->box_stroke, 2);
    text(s, m, t, bx + 16, by + 8, w - 32, h - 16, size, ALIGN_LEFT, p->text,
         false);
}
