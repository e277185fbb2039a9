/* A lesson's timeline: the list of steps computed once from a forward
 * trace. Going back is instant and exact because a step is a plain value. */
#ifndef S2S_TIMELINE_H
#define S2S_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/forward.h"
#include "timeline/step.h"

typedef struct {
    Step *steps; /* owned */
    int count;
} Timeline;

/* 1 overview, [1 softmax example], T encoder, 1 context, 2 per decoder
 * step (state, softmax), 1 summary. Free with timeline_deinit. */
void timeline_build(Timeline *tl, const Trace *trace, bool softmax_example);
/* The same, and with teacher_forcing a teacher-forcing step after the
 * summary (the training view's timeline). */
void timeline_build_view(Timeline *tl, const Trace *trace,
                         bool softmax_example, bool teacher_forcing);
void timeline_deinit(Timeline *tl);

/* The compare view's timeline (docs/timeline.md, "Views"): the steps of
 * the decoder with the longest output (longest), without attend steps, so
 * that every decoder shown has a state and a softmax step at each t up to
 * the longest output's end; a decoder whose output ended earlier shows it
 * ended. Free with timeline_deinit. */
void timeline_build_compare(Timeline *tl, const Trace *longest,
                            bool softmax_example);

/* The step of `to` that means the same as step k of `from` (the same
 * encoder step, or the nearest decoder step when the outputs differ in
 * length). k and the result are 0-based. */
int timeline_map(const Timeline *from, int k, const Timeline *to);

#endif
