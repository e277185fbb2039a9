/* scene_build: the whole picture of one step as bands (DESIGN.md, "The
 * picture"), top to bottom: header, network, softmax, narration, footer.
 * The bands live in layout_*.c, their shared helpers in layout.c; this
 * file only orders them, so no layout file needs another's entry point.
 * Also the scene input of a session at any step, and the theme names. */
#include "scene/scene.h"

#include <string.h>

#include "scene/bands.h"
#include "scene/layout.h"

static const char *const theme_names[THEME_COUNT] = {"light", "dark"};

const char *theme_name(Theme t)
{
    return (unsigned)t < THEME_COUNT ? theme_names[t] : "?";
}

bool theme_parse(const char *name, Theme *out)
{
    for (int t = 0; t < THEME_COUNT; t++) {
        if (strcmp(name, theme_names[t]) == 0) {
            *out = (Theme)t;
            return true;
        }
    }
    return false;
}

void scene_input_at(const Session *s, int k, float progress,
                    SceneInput *out)
{
    memset(out, 0, sizeof *out);
    out->lesson = s->course ? s->course->lesson : NULL;
    out->variant = s->variant;
    out->context = s->context;
    out->trace = session_trace(s);
    out->timeline = session_timeline(s);
    out->unknown = s->unknown;
    out->input_tokens = (const char *const *)s->input_tokens;
    int n = out->timeline ? out->timeline->count : 0;
    out->step = k < 0 ? 0 : k >= n ? (n > 0 ? n - 1 : 0) : k;
    out->progress = progress;
    out->view = s->view;
    if (s->course && s->view == VIEW_TRAINING) {
        out->log = &s->course->log;
        out->decoder = course_decoder_index(s->variant, s->context);
        out->snapshot = s->snapshot;
        out->forced = session_forced_trace(s);
        out->expected = s->expected;
        out->expected_held_out = s->expected_held_out;
    }
    if (s->view == VIEW_COMPARE && s->course) {
        session_compare(s, &out->rows);
        for (int i = 0; i < out->rows.n; i++)
            out->row_timeline[i] =
                &s->timelines[out->rows.variant[i]][s->context];
        out->accuracy = &s->accuracy[s->context];
    }
}

void scene_build(Scene *s, const SceneInput *in, const ViewOptions *view,
                 const TextMeasure *measure)
{
    scene_clear(s);
    /* Snapped, so only the four tested shapes are ever laid out. */
    s->width = view->canvas_w > 0
                   ? canvas_width_for((int)view->canvas_w, (int)CANVAS_H)
                   : CANVAS_W;
    const Palette *p = palette_for(view->theme);
    /* Transparent keeps the theme's colour at alpha 0, so anti-aliased
     * edges blend towards it, not towards black. */
    s->background = p->background;
    if (view->transparent)
        s->background.a = 0;
    if (!in || !in->lesson || !in->trace || !in->timeline ||
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
        .lesson = in->lesson,
        .tr = in->trace,
        .step = in->timeline->steps[k],
        .u = u,
        .lang = (unsigned)view->lang < LANG_COUNT ? view->lang : LANG_EN,
        .W = s->width,
    };

    /* Planned first: at steps without bars the softmax band gives the
     * narration the room it needs. */
    NarrationPlan plan;
    narration_plan(&L, &plan);
    L.narration = &plan;

    layout_header(&L);
    if (training_view(&L)) {
        layout_training(&L); /* network and softmax bands, the chart */
    } else if (compare_view(&L)) {
        layout_compare(&L);
        layout_compare_panels(&L);
    } else {
        layout_network(&L);
        layout_softmax(&L);
    }
    layout_narration(&L);
    layout_footer(&L);
}
