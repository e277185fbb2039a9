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

/* A step's title: the compare view's names no decoder's token. */
static char *step_title(const Layout *L, const Step *st)
{
    if (compare_view(L))
        return narration_compare_title(L->lesson, &L->in->rows, st, L->lang,
                                       L->in->input_tokens);
    return narration_step_title(L->lesson, L->tr, st, L->lang,
                                L->in->input_tokens);
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
    /* The compare view's rows may write different outputs: its title
     * names the input only (as before the decoder has written anything). */
    Step before = {.kind = STEP_CONTEXT, .t = 0};
    bool compare = compare_view(L);
    char *lesson_title = narration_lesson_title(
        L->lesson, L->tr, compare ? &before : &L->step, L->lang,
        L->in->input_tokens);
    add_text_fit(L, lesson_title, MARGIN_X, 6,
                 inner - cw - 32, 50, 34, 22, ALIGN_LEFT, p->text, true);
    free(lesson_title);

    char info[256];
    snprintf(info, sizeof info, "%s  ·  %s",
             compare ? ui_text(UI_COMPARE_LABEL, L->lang)
                     : ui_variant_label(L->in->variant, L->lang),
             ui_context_label(L->in->context, L->lang));
    /* The training view says which snapshot's weights are drawn. */
    if (training_view(L)) {
        const TrainLog *log = L->in->log;
        char epoch[96];
        snprintf(epoch, sizeof epoch, ui_text(UI_TRAINING_EPOCH, L->lang),
                 log->snapshot_epochs[L->in->snapshot], log->epochs);
        appendf(info, sizeof info, "  ·  %s", epoch);
    }
    float iw = text_width(L->m, info, 26, false) + 4;
    if (iw > inner * 0.6f)
        iw = inner * 0.6f;
    add_text_fit(L, info, L->W - MARGIN_X - iw, 58, iw, 38, 26, 16,
                 ALIGN_RIGHT, p->accent, false);
    char *title = step_title(L, &L->step);
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
        char *st = step_title(L, &tl->steps[i]);
        snprintf(tip, sizeof tip, "%d / %d  %s", i + 1, n, st ? st : "");
        free(st);
        scene_set_tooltip(L->s, seg, tip);
    }
}

/* The colour legend at the footer's left, in every picture: a strip of
 * the cells' map from -1 to +1 and what its colours mean. Returns its
 * right edge. */
static float legend(const Layout *L)
{
    const Palette *p = L->pal;
    float size = L->view->large_text ? LARGE_TEXT_MIN * 0.8f : 20;
    float h = FOOTER_H - 8, y = FOOTER_Y + 4, x = MARGIN_X;
    float lw = text_width(L->m, "\xE2\x88\x92" "1", size, false) + 4;
    add_text_fit(L, "\xE2\x88\x92" "1", x, y, lw, h, size, size,
                 ALIGN_RIGHT, p->text_dim, false);
    x += lw + 6;
    enum { SWATCHES = 9 };
    float sw = 18;
    for (int i = 0; i < SWATCHES; i++) {
        double v = -1 + 2.0 * i / (SWATCHES - 1);
        scene_add_rect(L->s, ROLE_DECOR, x + sw * (float)i, y + 6, sw,
                       h - 12, 0, value_color(v), (Rgba){0, 0, 0, 0}, 0);
    }
    /* An outline, so the pale middle shows on a light background. */
    scene_add_rect(L->s, ROLE_DECOR, x - 1, y + 5, sw * SWATCHES + 2, h - 10,
                   2, (Rgba){0, 0, 0, 0}, p->box_empty, 1);
    x += sw * SWATCHES + 6;
    float rw = text_width(L->m, "+1", size, false) + 4;
    add_text_fit(L, "+1", x, y, rw, h, size, size, ALIGN_LEFT, p->text_dim,
                 false);
    x += rw + 12;
    const char *words = ui_text(UI_LEGEND_COLOURS, L->lang);
    float ww = text_width(L->m, words, size, false) + 4;
    Shape *t = add_text_fit(L, words, x, y, ww, h, size, size, ALIGN_LEFT,
                            p->text_dim, false);
    return t ? x + ww : x;
}

/* The footer band: the legend in every picture; the key hints from the
 * app's key table on screen only, while K has not hidden them; the
 * auto-play indicator at the right while it runs. */
void layout_footer(const Layout *L)
{
    float left = legend(L) + 24, right = L->W - MARGIN_X;
    if (L->view->auto_seconds > 0) {
        char a[64];
        snprintf(a, sizeof a, ui_text(UI_AUTO_INDICATOR, L->lang),
                 (double)L->view->auto_seconds);
        float size = L->view->large_text ? LARGE_TEXT_MIN * 0.8f : 22;
        float aw = text_width(L->m, a, size, true) + 24;
        scene_add_rect(L->s, ROLE_DECOR, right - aw, FOOTER_Y + 3, aw,
                       FOOTER_H - 6, (FOOTER_H - 6) / 2, L->pal->accent,
                       (Rgba){0, 0, 0, 0}, 0);
        Rgba ink = L->pal->background;
        ink.a = 255;
        add_text_fit(L, a, right - aw + 12, FOOTER_Y + 3, aw - 24,
                     FOOTER_H - 6, size, 12, ALIGN_CENTER, ink, true);
        right -= aw + 16;
    }
    const KeyHelp *keys = L->view->keys;
    if (!L->view->key_hints || !keys || right - left < 100)
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
        /* Only as many hints as stay legible (18 units); the rest are in
         * the help (H, listed first so it always shows). */
        if (used && text_width(L->m, hint, 18, false) > right - left) {
            hint[used] = '\0';
            break;
        }
        used += (size_t)n;
    }
    if (used)
        add_text_fit(L, hint, left, FOOTER_Y, right - left, FOOTER_H, 22, 12,
                     ALIGN_CENTER, L->pal->text_dim, false);
}
