/* Internal to scene/: the state one scene_build shares between the band
 * layouts (layout_header.c, layout_network.c, layout_softmax.c,
 * layout_narration.c), the band geometry, and the helpers and "how far is
 * each part of the picture revealed" rules they share (layout.c). The
 * bands' entry points are in bands.h, for build.c. */
#ifndef S2S_LAYOUT_H
#define S2S_LAYOUT_H

#include <stdbool.h>

#include "session/ui_text.h"
#include "scene/colors.h"
#include "scene/scene.h"
#include "scene/text_fit.h"

/* Bands, top to bottom, in canvas units (DESIGN.md, "The picture"). */
#define MARGIN_X 40.0f
#define HEADER_Y 0.0f
#define HEADER_H 120.0f
#define PROGRESS_Y 98.0f
#define PROGRESS_H 14.0f
#define NETWORK_Y 126.0f
#define NETWORK_H 480.0f
#define SOFTMAX_Y 612.0f
#define SOFTMAX_H 196.0f
#define NARRATION_Y 814.0f
#define NARRATION_H 218.0f
#define FOOTER_Y 1038.0f
#define FOOTER_H 38.0f

/* The narration's text column (tests find the narration lines by it). */
#define NARRATION_TEXT_X (MARGIN_X + 20)
#define NARRATION_TEXT_W (L->W - 2 * MARGIN_X - 40) /* needs a Layout L */
#define NARRATION_MAX_LINES 8
/* At steps whose softmax band only holds its placeholder (overview,
 * encoder, context) the narration may grow up to this far, leaving the
 * placeholder a strip at least this tall. */
#define SOFTMAX_MIN_H 64.0f

#define LINE_W 3.0f     /* arrows and outlines: thick, for a projector */
#define HEAD_SIZE 14.0f /* arrow heads */

/* How the narration band is laid out at this step: planned once in
 * scene_build, before the softmax band, which gives up room to it at
 * steps without bars. */
typedef struct {
    float y, h;       /* the band */
    float text_size;  /* the narration lines */
    int line_count;
    char lines[NARRATION_MAX_LINES][512];
    float formula_size, numbers_size; /* numbers_size 0: line dropped */
    char formula[1024], numbers[1024];
} NarrationPlan;

typedef struct {
    Scene *s;
    const SceneInput *in;
    const ViewOptions *view;
    const TextMeasure *m;
    const Palette *pal;
    const Lesson *lesson;
    const Trace *tr;
    Step step;
    float u; /* progress within the step, clamped to [0, 1] */
    Lang lang;
    float W; /* the canvas width of this picture (s->width) */
    const NarrationPlan *narration;
} Layout;

/* clamp((u - a) / (b - a), 0, 1) eased (smoothstep): a sub-animation that
 * runs while u goes from a to b. */
float phase(float u, float a, float b);

/* One part of a step's animation (the token, the arrows, the cells, C or
 * the bars, the pick) revealed while r goes 0 -> 1. At normal speed it
 * runs while r goes from a to b, overlapping its neighbours; in slow
 * motion (ViewOptions.slow_motion 3 or 6) the step is cut into slots
 * equal slots and the part takes slot number `slot`: 70 % of the slot to
 * ease in, then a 30 % pause before the next part begins. */
float step_part(const Layout *L, float r, float a, float b, int slot,
                int slots);
/* The r a strip of cells (which fill from r = 0.4 to 1) is drawn with:
 * r itself at normal speed, in slow motion its slot mapped onto 0.4..1 so
 * the cells fill within their slot. */
float strip_reveal(const Layout *L, float r, int slot, int slots);

/* How much of each part is shown at this step and progress: 0 = not yet
 * (drawn empty), 1 = done, in between = animating now. */
float reveal_encoder(const Layout *L, int t);   /* x_t and h_t, t = 1..T */
float reveal_context(const Layout *L);          /* C */
float reveal_state(const Layout *L, int t);     /* y_{t-1} in, s_t */
float reveal_output(const Layout *L, int t);    /* p_t bars, y_t out */

/* Adds one line of text fitted into the box: the font shrinks from size
 * down to min_size, then the text is ellipsized. Returns the shape, or NULL
 * when nothing fits. The text is vertically centred in the box. */
Shape *add_text_fit(const Layout *L, const char *text, float x, float y,
                    float w, float h, float size, float min_size,
                    TextAlign align, Rgba color, bool bold);

/* A polyline drawn in up to fraction f of its length (f in (0, 1]); the
 * head is drawn only when the whole line is. No shape when f <= 0. */
void add_arrow_partial(const Layout *L, const Point *pts, int n, float f,
                       float width, Rgba color, float head);

/* The point at fraction f of a polyline's length. */
Point polyline_at(const Point *pts, int n, float f);

/* True when this picture is the compare view (with at least one row). */
static inline bool compare_view(const Layout *L)
{
    return L->in->view == VIEW_COMPARE && L->in->rows.n > 0;
}

/* The compare view's charts, each in the box (x, y, w, h): the influence
 * ‖J_t‖_F of C against decoder step t, one line per decoder that has
 * it (layout_influence_chart.c); the held-out accuracy by input length,
 * one line per decoder, or a plain line saying the lesson has no [test]
 * pairs (layout_compare_accuracy.c). A decoder's colour in both. */
void influence_chart(const Layout *L, float x, float y, float w, float h);
void accuracy_chart(const Layout *L, float x, float y, float w, float h);
Rgba compare_row_color(const Layout *L, Variant v);

/* True at steps whose softmax band shows only its placeholder. */
bool softmax_band_empty(const Layout *L);

/* The training view (layout_training.c, layout_loss_chart.c). */
static inline bool training_view(const Layout *L)
{
    return L->in->view == VIEW_TRAINING && L->in->log;
}
/* The narration text of the training view at L's step (malloc'd). */
char *training_narration_text(const Layout *L);
/* The teacher-forcing step's formula and its numbers. */
void teacher_forcing_formula(const Layout *L, char *l1, char *l2,
                             size_t size);
/* The loss chart of the shown decoder in the box: log-scale L_e against
 * epoch, a tick at every snapshot, a marker at the one shown. */
void loss_chart(const Layout *L, float x, float y, float w, float h);
/* The x of epoch on a chart whose plot spans [x0, x0 + w] (linear in the
 * epoch, 0 at x0, E at x0 + w). */
float loss_chart_epoch_x(float x0, float w, int epoch, int epochs);

/* Attention (layout_attention.c). At the attend step, lines from each
 * shown encoder column (enc_cx, enc_idx: 1-based, 0 for an ellipsis) to
 * the decoder column dec_cx, weighted by alpha_t; drawn only then. */
void attention_lines(const Layout *L, const float *enc_cx, const int *enc_idx,
                     int enc_n, float strip_top, float strip_w, float dec_cx);
/* The softmax band at the attend step: alpha_t as bars, c_t forming. */
void attention_panel(const Layout *L);
/* The summary's alignment matrix alpha (output x input tokens), in the
 * softmax band right of alignment_matrix_left(). */
void alignment_matrix(const Layout *L);
float alignment_matrix_left(const Layout *L);

#endif
