/* The window's overlays as display-list shapes. They use the theme's
 * palette so the help, the picker and the toasts read on a projector in
 * both themes; panels are large and the text big, for the back row. */
#include "app/overlays.h"

#include <stdio.h>
#include <string.h>

#include "scene/colors.h"

#define PANEL_RADIUS 18.0f

static float line_h(float size)
{
    return size * TEXT_LINE_HEIGHT;
}

/* Text that is cut with "…" to fit w, one character at a time from the
 * end (UTF-8 aware), so a long path or error never leaves its panel. */
static void fit_text(Scene *s, const TextMeasure *m, const char *text,
                     float x, float y, float w, float size, TextAlign align,
                     Rgba color, bool bold)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    size_t n = strlen(buf);
    if (text_width(m, buf, size, bold) > w) {
        while (n > 0) {
            do
                n--;
            while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80);
            memcpy(buf + n, "…", sizeof "…");
            if (text_width(m, buf, size, bold) <= w)
                break;
        }
    }
    scene_add_text(s, buf, x, y, w, line_h(size), size, align, color, bold);
}

static void shade(Scene *s, const Palette *pal)
{
    scene_add_rect(s, ROLE_OVERLAY, 0, 0, CANVAS_W, CANVAS_H, 0,
                   pal->overlay_shade, pal->overlay_shade, 0);
}

static void panel(Scene *s, const Palette *pal, float x, float y, float w,
                  float h)
{
    scene_add_rect(s, ROLE_OVERLAY, x, y, w, h, PANEL_RADIUS,
                   pal->overlay_panel, pal->box_stroke, 2.0f);
}

void overlay_toast(Scene *s, const ViewOptions *v, const TextMeasure *m,
                   const char *text)
{
    const Palette *pal = palette_for(v->theme);
    const float size = 30.0f, pad = 28.0f, max_w = CANVAS_W - 160.0f;
    float w = text_width(m, text, size, false) + 2 * pad;
    if (w > max_w)
        w = max_w;
    float h = line_h(size) + 20.0f;
    float x = (CANVAS_W - w) * 0.5f, y = 1030.0f - h - 24.0f;
    scene_add_rect(s, ROLE_OVERLAY, x, y, w, h, h * 0.5f, pal->text,
                   pal->text, 0);
    fit_text(s, m, text, x + pad, y + 10.0f, w - 2 * pad, size,
             ALIGN_CENTER, pal->background, false);
}

typedef struct {
    const char *keys;
    const char *en, *zh;
} HelpRow;

static const HelpRow help_rows[] = {
    {"→  ↓  Space  PgDn  Enter  N", "next step", "下一步"},
    {"←  ↑  PgUp  Backspace  P", "previous step", "上一步"},
    {"Home / End", "first / last step", "第一步 / 最后一步"},
    {"12 Enter", "jump to step 12", "跳到第 12 步"},
    {"A   + / −", "auto-step on/off, speed", "自动播放 开/关，速度"},
    {"V", "decoder variant init ↔ every", "解码器变体 init ↔ every"},
    {"C", "context: last / transform / mean", "上下文：last / transform / mean"},
    {"D", "numbers in the cells", "格子里的数值"},
    {"L", "language 中文 ↔ English", "语言 中文 ↔ English"},
    {"T", "theme light ↔ dark", "主题 浅色 ↔ 深色"},
    {"F  F11  F5", "full screen (Esc leaves)", "全屏（Esc 退出全屏）"},
    {"B  .   /   W  ,", "black / white screen", "黑屏 / 白屏"},
    {"S", "save this view as PNG", "把当前画面存为 PNG"},
    {"E", "export every step as PNG", "把每一步导出为 PNG"},
    {"I  Tab", "type your own input", "输入你自己的句子"},
    {"O", "choose a lesson", "选择课程"},
    {"H  F1  ?", "this help", "本帮助"},
    {"Q  Ctrl+Q", "quit (Esc never quits)", "退出（Esc 不会退出）"},
    {"mouse", "click the progress bar; hover a cell",
     "点进度条跳转；悬停看数值"},
};

void overlay_help(Scene *s, const ViewOptions *v, const TextMeasure *m)
{
    const Palette *pal = palette_for(v->theme);
    const int n = (int)(sizeof help_rows / sizeof *help_rows);
    const float size = 30.0f, row = 44.0f;
    const float w = 1400.0f, h = 120.0f + row * (float)n;
    const float x = (CANVAS_W - w) * 0.5f, y = (CANVAS_H - h) * 0.5f;
    shade(s, pal);
    panel(s, pal, x, y, w, h);
    fit_text(s, m, v->lang == LANG_ZH ? "按键" : "Keys", x + 40, y + 20,
             w - 80, 40.0f, ALIGN_LEFT, pal->text, true);
    for (int i = 0; i < n; i++) {
        float ry = y + 90.0f + row * (float)i;
        fit_text(s, m, help_rows[i].keys, x + 40, ry, 560, size, ALIGN_LEFT,
                 pal->accent, true);
        fit_text(s, m, v->lang == LANG_ZH ? help_rows[i].zh : help_rows[i].en,
                 x + 620, ry, w - 660, size, ALIGN_LEFT, pal->text, false);
    }
}

void overlay_progress(Scene *s, const ViewOptions *v, const TextMeasure *m,
                      const char *title, float fraction, const char *hint)
{
    const Palette *pal = palette_for(v->theme);
    const float w = 900.0f, h = hint ? 240.0f : 190.0f;
    const float x = (CANVAS_W - w) * 0.5f, y = (CANVAS_H - h) * 0.5f;
    if (fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    shade(s, pal);
    panel(s, pal, x, y, w, h);
    fit_text(s, m, title, x + 40, y + 28, w - 80, 36.0f, ALIGN_LEFT,
             pal->text, true);
    float bx = x + 40, by = y + 110, bw = w - 80, bh = 28;
    scene_add_rect(s, ROLE_OVERLAY, bx, by, bw, bh, bh * 0.5f,
                   pal->progress_todo, pal->progress_todo, 0);
    if (fraction > 0)
        scene_add_rect(s, ROLE_OVERLAY, bx, by,
                       bh + (bw - bh) * fraction, bh, bh * 0.5f,
                       pal->progress_done, pal->progress_done, 0);
    if (hint)
        fit_text(s, m, hint, x + 40, y + 160, w - 80, 28.0f, ALIGN_LEFT,
                 pal->text_dim, false);
}

void overlay_input(Scene *s, const ViewOptions *v, const TextMeasure *m,
                   const char *text, int composition_at, const char *note,
                   float ime_rect[4])
{
    const Palette *pal = palette_for(v->theme);
    const float size = 40.0f;
    const float w = 1400.0f, h = 250.0f;
    const float x = (CANVAS_W - w) * 0.5f, y = 430.0f;
    shade(s, pal);
    panel(s, pal, x, y, w, h);
    fit_text(s, m,
             v->lang == LANG_ZH ? "输入你的句子：回车运行，Esc 取消"
                                : "Type your sentence: Enter runs it, Esc "
                                  "cancels",
             x + 40, y + 20, w - 80, 28.0f, ALIGN_LEFT, pal->text_dim,
             false);
    float fx = x + 40, fy = y + 70, fw = w - 80, fh = line_h(size) + 16;
    scene_add_rect(s, ROLE_OVERLAY, fx, fy, fw, fh, 10.0f, pal->background,
                   pal->accent, 3.0f);
    /* Keep the end of a long line in view: that is where one types. */
    const char *shown = text;
    while (*shown && text_width(m, shown, size, false) > fw - 60) {
        shown++;
        while ((*(const unsigned char *)shown & 0xC0) == 0x80)
            shown++;
    }
    int comp = composition_at - (int)(shown - text);
    float tx = fx + 20, ty = fy + 8;
    float tw = text_width(m, shown, size, false);
    scene_add_text(s, shown, tx, ty, fw - 40, line_h(size), size, ALIGN_LEFT,
                   pal->text, false);
    if (composition_at >= 0 && comp >= 0) {
        /* The IME's composition is underlined where it sits. */
        char head[4096 + 256];
        snprintf(head, sizeof head, "%.*s", comp, shown);
        float cx = tx + text_width(m, head, size, false);
        Point pts[2] = {{cx, ty + line_h(size) - 4}, {tx + tw, ty + line_h(size) - 4}};
        scene_add_polyline(s, pts, 2, 3.0f, pal->accent, 0);
    }
    Point caret[2] = {{tx + tw + 3, ty + 6}, {tx + tw + 3, ty + line_h(size) - 6}};
    scene_add_polyline(s, caret, 2, 3.0f, pal->text, 0);
    ime_rect[0] = fx;
    ime_rect[1] = fy;
    ime_rect[2] = fw;
    ime_rect[3] = fh;
    if (note && *note)
        fit_text(s, m, note, x + 40, fy + fh + 14, w - 80, 28.0f, ALIGN_LEFT,
                 pal->warning, true);
}

void overlay_picker(Scene *s, const ViewOptions *v, const TextMeasure *m,
                    const Picker *p)
{
    const Palette *pal = palette_for(v->theme);
    const float size = 32.0f, row = 58.0f;
    const int max_rows = 11;
    int rows = p->count < max_rows ? p->count : max_rows;
    if (rows == 0)
        rows = 1;
    const float w = 1500.0f;
    const float h = 110.0f + row * (float)rows + (p->note[0] ? 110.0f : 50.0f);
    const float x = (CANVAS_W - w) * 0.5f, y = (CANVAS_H - h) * 0.5f;
    shade(s, pal);
    panel(s, pal, x, y, w, h);
    fit_text(s, m,
             v->lang == LANG_ZH ? "选择课程（↑ ↓ 回车，Esc 关闭）"
                                : "Choose a lesson (↑ ↓ Enter, Esc closes)",
             x + 40, y + 24, w - 80, 36.0f, ALIGN_LEFT, pal->text, true);
    if (p->count == 0)
        fit_text(s, m, v->lang == LANG_ZH ? "没有找到课程" : "No lessons found",
                 x + 40, y + 100, w - 80, size, ALIGN_LEFT, pal->text_dim,
                 false);
    /* Scroll so the selection stays in the window of max_rows. */
    int first = p->selected - max_rows / 2;
    if (first > p->count - max_rows)
        first = p->count - max_rows;
    if (first < 0)
        first = 0;
    for (int i = first; i < p->count && i < first + max_rows; i++) {
        const PickerEntry *e = &p->entries[i];
        float ry = y + 96.0f + row * (float)(i - first);
        bool sel = i == p->selected;
        if (sel)
            scene_add_rect(s, ROLE_OVERLAY, x + 24, ry, w - 48, row - 6,
                           10.0f, pal->highlight, pal->accent, 3.0f);
        char label[1200];
        snprintf(label, sizeof label, "%d.  %s", i + 1,
                 e->title[v->lang]);
        float tw = e->error ? (w - 120) * 0.45f : w - 120;
        fit_text(s, m, label, x + 50, ry + (row - 6 - line_h(size)) * 0.5f,
                 tw, size, ALIGN_LEFT, e->error ? pal->text_dim : pal->text,
                 sel);
        if (e->error)
            fit_text(s, m, e->error, x + 60 + tw,
                     ry + (row - 6 - line_h(24.0f)) * 0.5f,
                     w - 130 - tw, 24.0f, ALIGN_LEFT, pal->warning, false);
    }
    if (p->note[0])
        fit_text(s, m, p->note, x + 40, y + h - 90, w - 80, 28.0f,
                 ALIGN_LEFT, pal->warning, true);
}

void overlay_tooltip(Scene *s, const ViewOptions *v, const TextMeasure *m,
                     const char *text, float x, float y)
{
    const Palette *pal = palette_for(v->theme);
    const float size = 26.0f, pad = 14.0f;
    float w = text_width(m, text, size, false) + 2 * pad;
    if (w > 900)
        w = 900;
    float h = line_h(size) + 12;
    float bx = x + 18, by = y + 24;
    if (bx + w > CANVAS_W - 8)
        bx = x - w - 12;
    if (bx < 8)
        bx = 8;
    if (by + h > CANVAS_H - 8)
        by = y - h - 12;
    scene_add_rect(s, ROLE_OVERLAY, bx, by, w, h, 8.0f, pal->overlay_panel,
                   pal->box_stroke, 2.0f);
    fit_text(s, m, text, bx + pad, by + 6, w - 2 * pad, size, ALIGN_LEFT,
             pal->text, false);
}

void overlay_blank(Scene *s, bool white)
{
    scene_clear(s);
    Rgba c = white ? (Rgba){255, 255, 255, 255} : (Rgba){0, 0, 0, 255};
    s->background = c;
}

/* The header's progress bar spans the canvas between the side margins;
 * each step is an equal segment. The hit area is taller than the bar (it
 * is thin) so a pointer or a finger finds it. */
int overlay_progress_bar_hit(const Scene *s, int step_count, float x,
                             float y)
{
    (void)s;
    const float x0 = 40.0f, x1 = CANVAS_W - 40.0f, y0 = 98.0f, y1 = 112.0f;
    if (step_count <= 0 || x < x0 || x >= x1 || y < y0 - 10 || y > y1 + 10)
        return -1;
    int k = (int)((x - x0) / (x1 - x0) * (float)step_count);
    return k < step_count ? k : step_count - 1;
}
