/* The timeline: the list of steps of DESIGN.md ("Timeline"), computed once
 * from a forward trace, and the mapping between two timelines that keeps a
 * step's meaning when the variant or context mode is flipped. */
#include "timeline/timeline.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[STEP_KIND_COUNT] = {
    [STEP_OVERVIEW] = "overview",
    [STEP_SOFTMAX_EXAMPLE] = "softmax-example",
    [STEP_ENCODER] = "encoder",
    [STEP_CONTEXT] = "context",
    [STEP_DECODER_STATE] = "decoder-state",
    [STEP_DECODER_ATTEND] = "decoder-attend",
    [STEP_DECODER_SOFTMAX] = "decoder-softmax",
    [STEP_SUMMARY] = "summary",
    [STEP_TEACHER_FORCING] = "teacher-forcing",
};

const char *step_kind_name(StepKind k)
{
    return (unsigned)k < STEP_KIND_COUNT ? kind_names[k] : "?";
}

int step_kind_parse(const char *name)
{
    for (int k = 0; k < STEP_KIND_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0)
            return k;
    return -1;
}

static void push(Timeline *tl, StepKind kind, int t)
{
    tl->steps[tl->count++] = (Step){.kind = kind, .t = t};
}

static void build(Timeline *tl, const Trace *trace, bool softmax_example,
                  bool attend, bool teacher_forcing)
{
    int n = 1 + (softmax_example ? 1 : 0) + trace->source_len + 1 +
            (attend ? 3 : 2) * trace->output_len + 1 +
            (teacher_forcing ? 1 : 0);
    tl->steps = xcalloc((size_t)n, sizeof *tl->steps);
    tl->count = 0;
    push(tl, STEP_OVERVIEW, 0);
    if (softmax_example)
        push(tl, STEP_SOFTMAX_EXAMPLE, 0);
    for (int t = 1; t <= trace->source_len; t++)
        push(tl, STEP_ENCODER, t);
    push(tl, STEP_CONTEXT, 0);
    for (int t = 1; t <= trace->output_len; t++) {
        push(tl, STEP_DECODER_STATE, t);
        if (attend)
            push(tl, STEP_DECODER_ATTEND, t);
        push(tl, STEP_DECODER_SOFTMAX, t);
    }
    push(tl, STEP_SUMMARY, 0);
    /* After the summary: it shows the expected output, which must not be
     * told before the decoder has written its own. */
    if (teacher_forcing)
        push(tl, STEP_TEACHER_FORCING, 0);
}

void timeline_build(Timeline *tl, const Trace *trace, bool softmax_example)
{
    timeline_build_view(tl, trace, softmax_example, false);
}

void timeline_build_view(Timeline *tl, const Trace *trace,
                         bool softmax_example, bool teacher_forcing)
{
    /* an attention trace has an attend step in each decoder step */
    build(tl, trace, softmax_example, trace->alpha != NULL, teacher_forcing);
}

void timeline_build_compare(Timeline *tl, const Trace *longest,
                            bool softmax_example)
{
    build(tl, longest, softmax_example, false, false);
}

void timeline_deinit(Timeline *tl)
{
    free(tl->steps);
    tl->steps = NULL;
    tl->count = 0;
}

/* The last decoder step of a timeline (0 when it has none). */
static int decoder_len(const Timeline *tl)
{
    int n = 0;
    for (int i = 0; i < tl->count; i++)
        if (tl->steps[i].kind == STEP_DECODER_STATE && tl->steps[i].t > n)
            n = tl->steps[i].t;
    return n;
}

int timeline_map(const Timeline *from, int k, const Timeline *to)
{
    if (k < 0)
        k = 0;
    if (k >= from->count)
        k = from->count - 1;
    Step want = from->steps[k];
    /* A decoder step past the other output's end maps to its last one. */
    bool to_attends = false;
    for (int i = 0; i < to->count && !to_attends; i++)
        to_attends = to->steps[i].kind == STEP_DECODER_ATTEND;
    /* attention's attend step, flipped to a decoder without one: the
     * same decoder step's state */
    if (want.kind == STEP_DECODER_ATTEND && !to_attends)
        want.kind = STEP_DECODER_STATE;
    if (want.kind == STEP_DECODER_STATE || want.kind == STEP_DECODER_ATTEND ||
        want.kind == STEP_DECODER_SOFTMAX) {
        int last = decoder_len(to);
        if (want.t > last)
            want.t = last;
        if (want.t == 0)
            want.kind = STEP_CONTEXT;
    }
    for (int i = 0; i < to->count; i++)
        if (to->steps[i].kind == want.kind && to->steps[i].t == want.t)
            return i;
    /* Not there (a softmax example in one lesson only): keep the index. */
    return k < to->count ? k : to->count - 1;
}
