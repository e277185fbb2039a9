/* scene_build: the whole picture of one step as bands (DESIGN.md, "The
 * picture") — this file lays out the header (title, variant, context
 * mode, step counter, the clickable progress bar of steps) and the footer
 * (key hints), holds the shared helpers, and the rules of what a step has
 * revealed so far. The other bands live in layout_*.c. */
#include "scene/layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/narration.h"

float phase(float u, float a, float b)
{
    float t = (u - a) / (b - a);
    if (t <= 0)
        return 0;
    if (t >= 1)
        return 1;
    return t * t * (3 - 2 * t);
}

/* Where the step stands in the timeline's order of kinds. */
static int kind_rank(StepKind k)
{
    switch (k) {
    case STEP_OVERVIEW:
    case STEP_SOFTMAX_EXAMPLE:
        return 0;
    case STEP_ENCODER:
        return 1;
    case STEP_CONTEXT:
        return 2;
    case STEP_DECODER_STATE:
    case STEP_DECODER_SOFTMAX:
        return 3;
    default:
        return 4;
    }
}

float reveal_encoder(const Layout *L, int t)
{
    int r = kind_rank(L->step.kind);
    if (r == 0)
        return 0;
    if (r > 1)
        return 1;
    return t < L->step.t ? 1 : t == L->step.t ? L->u : 0;
}

float reveal_context(const Layout *L)
{
    int r = kind_rank(L->step.kind);
    return r < 2 ? 0 : r == 2 ? L->u : 1;
}

float reveal_state(const Layout *L, int t)
{
    int r = kind_rank(L->step.kind);
    if (r < 3)
        return 0;
    if (r > 3)
        return 1;
    if (L->step.kind == STEP_DECODER_SOFTMAX)
        return t <= L->step.t ? 1 : 0;
    return t < L->step.t ? 1 : t == L->step.t ? L->u : 0;
}

float reveal_output(const Layout *L, int t)
{
    int r = kind_rank(L->step.kind);
    if (r < 3)
        return 0;
    if (r > 3)
        return 1;
    if (L->step.kind == STEP_DECODER_STATE)
        return t < L->step.t ? 1 : 0;
    return t < L->step.t ? 1 : t == L->step.t ? L->u : 0;
}

Shape *add_text_fit(const Layout *L, const char *text, float x, float y,
                    float w, float h, float size, float min_size,
                    TextAlign align, Rgba color, bool bold)
{
    if (!text || !*text || w <= 1 || h <= 1)
        return NULL;
    if (size * TEXT_LINE_HEIGHT > h)
        size = h / TEXT_LINE_HEIGHT;
    if (min_size > size)
        min_size = size;
    float fs = fit_font(L->m, text, size, min_size, w, bold);
    char buf[1024];
    ellipsize(L->m, text, fs, w, bold, buf, sizeof buf);
    if (!buf[0])
        return NULL;
    return scene_add_text(L->s, buf, x, y, w, h, fs, align, color, bold);
}

static float seg_len(Point a, Point b)
{
    return hypotf(b.x - a.x, b.y - a.y);
}

Point polyline_at(const Point *pts, int n, float f)
{
    float total = 0;
    for (int i = 1; i < n; i++)
        total += seg_len(pts[i - 1], pts[i]);
    float want = total * (f < 0 ? 0 : f > 1 ? 1 : f);
    for (int i = 1; i < n; i++) {
        float l = seg_len(pts[i - 1], pts[i]);
        if (want <= l && l > 0) {
            float t = want / l;
            return (Point){pts[i - 1].x + (pts[i].x - pts[i - 1].x) * t,
                           pts[i - 1].y + (pts[i].y - pts[i - 1].y) * t};
        }
        want -= l;
    }
    return pts[n - 1];
}

void add_arrow_partial(const Layout *L, const Point *pts, int n, float f,
                       float width, Rgba color, float head)
{
    if (f <= 0.001f || n < 2)
        return;
    if (f >= 0.999f) {
        scene_add_polyline(L->s, pts, n, width, color, head);
        return;
    }
    float total = 0;
    for (int i = 1; i < n; i++)
        total += seg_len(pts[i - 1], pts[i]);
    float want = total * f;
    Point out[64];
    int k = 0;
    out[k++] = pts[0];
    for (int i = 1; i < n && k < 64; i++) {
        float l = seg_len(pts[i - 1], pts[i]);
        if (want <= l) {
            float t = l > 0 ? want / l : 1;
            out[k++] = (Point){pts[i - 1].x + (pts[i].x - pts[i - 1].x) * t,
                               pts[i - 1].y + (pts[i].y - pts[i - 1].y) * t};
            break;
        }
        out[k++] = pts[i];
        want -= l;
    }
    if (k >= 2)
        scene_add_polyline(L->s, out, k, width, color, 0);
}

const char *variant_label(Variant v, Lang lang)
{
    if (v == VARIANT_EVERY)
        return lang == LANG_ZH ? "C 参与每一步" : "C at every step";
    return lang == LANG_ZH ? "C 作初始状态" : "C as init";
}

void context_label(ContextMode c, int T, Lang lang, char *out, size_t size)
{
    bool zh = lang == LANG_ZH;
    char hT[32], h1[32];
    subscript(T, hT, sizeof hT);
    subscript(1, h1, sizeof h1);
    switch (c) {
    case CONTEXT_LAST_TRANSFORM:
        snprintf(out, size, "C = tanh(Q\xC2\xB7h%s + q)", hT);
        break;
    case CONTEXT_MEAN:
        if (T <= 1)
            snprintf(out, size, zh ? "C = h%s 的平均" : "C = mean of h%s",
                     hT);
        else
            snprintf(out, size,
                     zh ? "C = h%s\xE2\x80\xA6h%s 的平均"
                        : "C = mean of h%s\xE2\x80\xA6h%s",
                     h1, hT);
        break;
    default:
        snprintf(out, size,
                 zh ? "C = h%s（最后隐状态）" : "C = h%s (the last state)",
                 hT);
    }
}

/* The x range of progress segment i of n (the bar spans the margins). */
static void progress_segment(int n, int i, float *x, float *w)
{
    float gap = n <= 40 ? 4.0f : 2.0f;
    float total = CANVAS_W - 2 * MARGIN_X;
    float sw = (total - gap * (float)(n - 1)) / (float)n;
    *x = MARGIN_X + (float)i * (sw + gap);
    *w = sw;
}

int scene_progress_hit(const SceneInput *in, float x, float y)
{
    if (!in || !in->timeline || in->timeline->count <= 0)
        return -1;
    if (y < PROGRESS_Y - 10 || y > PROGRESS_Y + PROGRESS_H + 10)
        return -1;
    int n = in->timeline->count;
    for (int i = 0; i < n; i++) {
        float sx, sw;
        progress_segment(n, i, &sx, &sw);
        /* Half the gap on each side belongs to the segment. */
        if (x >= sx - 2.5f && x < sx + sw + 2.5f)
            return i;
    }
    return -1;
}

void layout_header(const Layout *L)
{
    const Palette *p = L->pal;
    const Timeline *tl = L->in->timeline;
    int n = tl->count, k = L->in->step;
    float inner = CANVAS_W - 2 * MARGIN_X;

    char counter[64];
    snprintf(counter, sizeof counter, "%d / %d", k + 1, n);
    float cw = text_width(L->m, counter, 34, true) + 4;
    add_text_fit(L, counter, CANVAS_W - MARGIN_X - cw, 6, cw, 50, 34, 34,
                 ALIGN_RIGHT, p->text, true);
    add_text_fit(L, L->lesson->title[L->lang], MARGIN_X, 6,
                 inner - cw - 32, 50, 34, 22, ALIGN_LEFT, p->text, true);

    char info[256], ctx[128];
    context_label(L->in->context, L->tr->source_len, L->lang, ctx,
                  sizeof ctx);
    snprintf(info, sizeof info, "%s  ·  %s",
             variant_label(L->in->variant, L->lang), ctx);
    float iw = text_width(L->m, info, 26, false) + 4;
    if (iw > inner * 0.6f)
        iw = inner * 0.6f;
    add_text_fit(L, info, CANVAS_W - MARGIN_X - iw, 58, iw, 38, 26, 16,
                 ALIGN_RIGHT, p->accent, false);
    char *title = narration_step_title(L->lesson, L->tr, &L->step, L->lang,
                                       L->in->input_tokens);
    if (title) {
        add_text_fit(L, title, MARGIN_X, 58, inner - iw - 32, 38, 26, 16,
                     ALIGN_LEFT, p->text_dim, false);
        free(title);
    }

    for (int i = 0; i < n; i++) {
        float sx, sw;
        progress_segment(n, i, &sx, &sw);
        Rgba c = i < k ? p->progress_done : i == k ? p->accent
                                                   : p->progress_todo;
        float grow = i == k ? 3 : 0;
        Shape *seg = scene_add_rect(L->s, ROLE_DECOR, sx, PROGRESS_Y - grow,
                                    sw, PROGRESS_H + 2 * grow, 3, c,
                                    (Rgba){0, 0, 0, 0}, 0);
        char tip[320];
        char *st = narration_step_title(L->lesson, L->tr, &tl->steps[i],
                                        L->lang, L->in->input_tokens);
        snprintf(tip, sizeof tip, "%d / %d  %s", i + 1, n, st ? st : "");
        free(st);
        scene_set_tooltip(L->s, seg, tip);
    }
}

void layout_footer(const Layout *L)
{
    const char *hint =
        L->lang == LANG_ZH
            ? "→ / 空格 下一步    ← 上一步    V 变体    C 语义向量    "
              "D 数值    L 语言    T 主题    I 输入    O 课程    S 保存    "
              "H 帮助"
            : "→ / Space next    ← back    V variant    C context    "
              "D numbers    L language    T theme    I input    "
              "O lessons    S save    H help";
    add_text_fit(L, hint, MARGIN_X, FOOTER_Y, CANVAS_W - 2 * MARGIN_X,
                 FOOTER_H, 22, 12, ALIGN_CENTER, L->pal->text_dim, false);
}

void scene_build(Scene *s, const SceneInput *in, const ViewOptions *view,
                 const TextMeasure *measure)
{
    scene_clear(s);
    const Palette *p = palette_for(view->theme);
    /* Transparent keeps the theme's colour at alpha 0, so anti-aliased
     * edges blend towards it, not towards black. */
    s->background = p->background;
    if (view->transparent)
        s->background.a = 0;
    if (!in || !in->course || !in->trace || !in->timeline ||
        in->timeline->count <= 0)
        return;

    int k = in->step;
    if (k < 0)
        k = 0;
    if (k >= in->timeline->count)
        k = in->timeline->count - 1;
    float u = in->progress;
    if (!(u >= 0)) /* also NaN */
        u = 0;
    if (u > 1)
        u = 1;

    SceneInput clamped = *in;
    clamped.step = k;
    clamped.progress = u;
    Layout L = {
        .s = s,
        .in = &clamped,
        .view = view,
        .m = measure,
        .pal = p,
        .lesson = in->course->lesson,
        .tr = in->trace,
        .step = in->timeline->steps[k],
        .u = u,
        .lang = (unsigned)view->lang < LANG_COUNT ? view->lang : LANG_EN,
    };

    /* Planned first: at steps without bars the softmax band gives the
     * narration the room it needs. */
    NarrationPlan plan;
    narration_plan(&L, &plan);
    L.narration = &plan;

    layout_header(&L);
    layout_network(&L);
    layout_softmax(&L);
    layout_narration(&L);
    layout_footer(&L);
}
