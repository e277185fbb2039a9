/* The helpers the band layouts share (fitted text, partial arrows), the
 * rules of what a step has revealed so far, and the variant and context
 * labels. The bands themselves live in layout_*.c, ordered by build.c. */
#include "scene/layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


float phase(float u, float a, float b)
{
    float t = (u - a) / (b - a);
    if (t <= 0)
        return 0;
    if (t >= 1)
        return 1;
    return t * t * (3 - 2 * t);
}

static bool slow(const Layout *L)
{
    return L->view->slow_motion > 1;
}

/* The slot's ramp [s0, s1): its first 70 %. */
static void slot_ramp(int slot, int slots, float *s0, float *s1)
{
    float w = 1.0f / (float)(slots > 0 ? slots : 1);
    *s0 = w * (float)slot;
    *s1 = *s0 + 0.7f * w;
}

float step_part(const Layout *L, float r, float a, float b, int slot,
                int slots)
{
    if (r <= 0)
        return 0;
    if (r >= 1)
        return 1;
    if (!slow(L))
        return phase(r, a, b);
    float s0, s1;
    slot_ramp(slot, slots, &s0, &s1);
    return phase(r, s0, s1);
}

float strip_reveal(const Layout *L, float r, int slot, int slots)
{
    if (!slow(L) || r <= 0 || r >= 1)
        return r;
    float s0, s1;
    slot_ramp(slot, slots, &s0, &s1);
    float t = (r - s0) / (s1 - s0);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    /* 0.4 + 0.6 t: t = 0 shows no cell yet, t = 1 every cell. */
    return t <= 0 ? 0.001f : 0.4f + 0.6f * t;
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
    case STEP_DECODER_ATTEND:
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
    if (L->step.kind == STEP_DECODER_SOFTMAX ||
        L->step.kind == STEP_DECODER_ATTEND)
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
    if (L->step.kind == STEP_DECODER_STATE ||
        L->step.kind == STEP_DECODER_ATTEND)
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

bool softmax_band_empty(const Layout *L)
{
    return L->step.kind == STEP_OVERVIEW || L->step.kind == STEP_ENCODER ||
           L->step.kind == STEP_CONTEXT;
}
