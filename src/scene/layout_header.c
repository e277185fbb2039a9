/* The header band (title, variant, context mode, step counter, the
 * clickable progress bar of steps) and the footer band (key hints) of
 * DESIGN.md, "The picture". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene/bands.h"
#include "scene/layout.h"
#include "session/narration.h"

/* The x range of progress segment i of n (the bar spans the margins). */
static void progress_segment(float canvas_w, int n, int i, float *x,
                             float *w)
{
    float gap = n <= 40 ? 4.0f : 2.0f;
    float total = canvas_w - 2 * MARGIN_X;
    float sw = (total - gap * (float)(n - 1)) / (float)n;
    *x = MARGIN_X + (float)i * (sw + gap);
    *w = sw;
}

int scene_progress_hit(const SceneInput *in, float canvas_w, float x,
                       float y)
{
    if (!in || !in->timeline || in->timeline->count <= 0)
        return -1;
    if (y < PROGRESS_Y - 10 || y > PROGRESS_Y + PROGRESS_H + 10)
        return -1;
    int n = in->timeline->count;
    for (int i = 0; i < n; i++) {
        float sx, sw;
        progress_segment(canvas_w > 0 ? canvas_w : CANVAS_W, n, i, &sx, &sw);
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
    float inner = L->W - 2 * MARGIN_X;

    char counter[64];
    snprintf(counter, sizeof counter, "%d / %d", k + 1, n);
    float cw = text_width(L->m, counter, 34, true) + 4;
    add_text_fit(L, counter, L->W - MARGIN_X - cw, 6, cw, 50, 34, 34,
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
    add_text_fit(L, info, L->W - MARGIN_X - iw, 58, iw, 38, 26, 16,
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
        progress_segment(L->W, n, i, &sx, &sw);
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

/* The key hints, from the app's key table: on screen only, and only while
 * K has not hidden them. */
void layout_footer(const Layout *L)
{
    const KeyHelp *keys = L->view->keys;
    if (!L->view->key_hints || !keys)
        return;
    char hint[1024];
    size_t used = 0;
    hint[0] = '\0';
    for (int i = 0; i < keys->count; i++) {
        const KeyHelpRow *r = &keys->rows[i];
        if (!r->hint_keys || !r->hint[L->lang])
            continue;
        int n = snprintf(hint + used, sizeof hint - used, "%s%s %s",
                         used ? "    " : "", r->hint_keys, r->hint[L->lang]);
        if (n < 0 || (size_t)n >= sizeof hint - used)
            break;
        used += (size_t)n;
    }
    if (used)
        add_text_fit(L, hint, MARGIN_X, FOOTER_Y, L->W - 2 * MARGIN_X,
                     FOOTER_H, 22, 12, ALIGN_CENTER, L->pal->text_dim,
                     false);
}
