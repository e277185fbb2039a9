/* The timeline: 1 + T + 1 + 2 T' + 1 steps in DESIGN.md's order for any
 * input and output length (3 T' with attention's attend steps), the
 * optional softmax example step, and the mapping that keeps a step's
 * meaning when the variant is flipped. */
#include <string.h>

#include "../check.h"
#include "timeline/timeline.h"

/* Only the lengths matter to the timeline, and whether the trace has
 * attention weights (their values do not). */
static double some_alpha[1];

static Trace trace_of(int T, int Tp)
{
    Trace t;
    memset(&t, 0, sizeof t);
    t.source_len = T;
    t.output_len = Tp;
    return t;
}

static Trace attention_trace_of(int T, int Tp)
{
    Trace t = trace_of(T, Tp);
    t.alpha = some_alpha;
    return t;
}

static void check_order(int T, int Tp, bool example, bool attend)
{
    Trace tr = attend ? attention_trace_of(T, Tp) : trace_of(T, Tp);
    Timeline tl;
    timeline_build(&tl, &tr, example);
    int want = 1 + (example ? 1 : 0) + T + 1 + (attend ? 3 : 2) * Tp + 1;
    CHECK_MSG(tl.count == want, "T=%d T'=%d: %d steps, want %d", T, Tp,
              tl.count, want);
    int k = 0;
    CHECK(tl.steps[k].kind == STEP_OVERVIEW);
    k++;
    if (example) {
        CHECK(tl.steps[k].kind == STEP_SOFTMAX_EXAMPLE);
        k++;
    }
    for (int t = 1; t <= T; t++, k++)
        CHECK(tl.steps[k].kind == STEP_ENCODER && tl.steps[k].t == t);
    CHECK(tl.steps[k].kind == STEP_CONTEXT);
    k++;
    for (int t = 1; t <= Tp; t++) {
        CHECK(tl.steps[k].kind == STEP_DECODER_STATE && tl.steps[k].t == t);
        k++;
        if (attend) {
            CHECK(tl.steps[k].kind == STEP_DECODER_ATTEND &&
                  tl.steps[k].t == t);
            k++;
        }
        CHECK(tl.steps[k].kind == STEP_DECODER_SOFTMAX && tl.steps[k].t == t);
        k++;
    }
    CHECK(tl.steps[k].kind == STEP_SUMMARY);
    CHECK(k == tl.count - 1);
    timeline_deinit(&tl);
}

static int find(const Timeline *tl, StepKind kind, int t)
{
    for (int i = 0; i < tl->count; i++)
        if (tl->steps[i].kind == kind && tl->steps[i].t == t)
            return i;
    return -1;
}

static void check_map(void)
{
    /* Same input, outputs of 3 and 5 tokens (the variants disagree). */
    Trace a = trace_of(4, 3), b = trace_of(4, 5);
    Timeline ta, tb;
    timeline_build(&ta, &a, false);
    timeline_build(&tb, &b, false);
    for (int k = 0; k < ta.count; k++) {
        int m = timeline_map(&ta, k, &tb);
        /* Every step of the shorter one exists in the longer one. */
        CHECK(tb.steps[m].kind == ta.steps[k].kind);
        CHECK(tb.steps[m].t == ta.steps[k].t);
    }
    /* Decoder step 5 of the longer maps to the nearest: step 3. */
    int k5 = find(&tb, STEP_DECODER_SOFTMAX, 5);
    int m = timeline_map(&tb, k5, &ta);
    CHECK(ta.steps[m].kind == STEP_DECODER_SOFTMAX && ta.steps[m].t == 3);
    CHECK(timeline_map(&tb, tb.count - 1, &ta) == ta.count - 1);
    CHECK(timeline_map(&tb, 0, &ta) == 0);
    /* Out-of-range indices clamp. */
    CHECK(timeline_map(&ta, -3, &tb) == 0);
    CHECK(timeline_map(&ta, 999, &tb) == tb.count - 1);
    timeline_deinit(&ta);
    timeline_deinit(&tb);

    /* Flipping to attention and back: each step keeps its kind and t, and
     * an attend step goes to the same decoder step's state. */
    Trace c = attention_trace_of(4, 3);
    Timeline tc;
    timeline_build(&ta, &a, false);
    timeline_build(&tc, &c, false);
    for (int k = 0; k < ta.count; k++) {
        int m = timeline_map(&ta, k, &tc);
        CHECK(tc.steps[m].kind == ta.steps[k].kind &&
              tc.steps[m].t == ta.steps[k].t);
    }
    for (int t = 1; t <= 3; t++) {
        int m = timeline_map(&tc, find(&tc, STEP_DECODER_ATTEND, t), &ta);
        CHECK(ta.steps[m].kind == STEP_DECODER_STATE && ta.steps[m].t == t);
    }
    timeline_deinit(&ta);
    timeline_deinit(&tc);
}

static void check_names(void)
{
    for (int k = 0; k < STEP_KIND_COUNT; k++)
        CHECK(step_kind_parse(step_kind_name((StepKind)k)) == k);
    CHECK(strcmp(step_kind_name(STEP_DECODER_SOFTMAX), "decoder-softmax") ==
          0);
    CHECK(strcmp(step_kind_name(STEP_DECODER_ATTEND), "decoder-attend") == 0);
    CHECK(step_kind_parse("decoder") == -1);
}

int main(void)
{
    for (int T = 1; T <= 32; T += 5)
        for (int Tp = 1; Tp <= 10; Tp += 3) {
            check_order(T, Tp, false, false);
            check_order(T, Tp, true, false);
            check_order(T, Tp, false, true);
            check_order(T, Tp, true, true);
        }
    check_map();
    check_names();
    return check_exit();
}
