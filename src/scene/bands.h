/* Internal to scene/: the bands of the picture, each laid out by its own
 * file (layout_header.c: header and footer; layout_network.c;
 * layout_softmax.c; layout_narration.c) and called in order by
 * scene_build (build.c). */
#ifndef S2S_BANDS_H
#define S2S_BANDS_H

#include "scene/layout.h"

/* Plans the narration band of L's step into plan (the lines wrapped at
 * the largest size that holds the whole text, the formula, the band's
 * height). */
void narration_plan(const Layout *L, NarrationPlan *plan);

/* The bands. */
void layout_header(const Layout *L);
void layout_footer(const Layout *L);
void layout_network(const Layout *L);
void layout_softmax(const Layout *L);
void layout_narration(const Layout *L);
/* The training view's network and softmax bands (layout_training.c): the
 * step's picture with the loss chart beside the bars, or at the teacher-
 * forcing step its own panel and the chart across the band. */
void layout_training(const Layout *L);

/* The compare view (layout_compare.c): the shared encoder and C once, the
 * decoders as rows one above the other, in the network band; their
 * softmax bars side by side, the influence chart and (summary) the
 * outputs and the accuracy chart in the softmax band
 * (layout_compare_panels.c). */
void layout_compare(const Layout *L);
void layout_compare_panels(const Layout *L);

#endif
