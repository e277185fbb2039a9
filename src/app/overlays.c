/* Adapters from the app's state to the scene's overlay builders. */
#include "app/overlays.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene/overlay.h"
#include "session/ui_text.h"
#include "utf8.h"
#include "xalloc.h"

void overlay_picker(Scene *s, const ViewOptions *v, const TextMeasure *m,
                    const Picker *p)
{
    int n = p->count;
    char **titles = xcalloc((size_t)n, sizeof *titles);
    for (int i = 0; i < n; i++) {
        const PickerEntry *e = &p->entries[i];
        const char *t = e->title[v->lang];
        /* A broken lesson says why on its own row, so nobody has to try
         * it to find out. */
        size_t len = strlen(t) + (e->error ? strlen(e->error) + 8 : 0) + 1;
        titles[i] = xmalloc(len);
        if (e->error)
            snprintf(titles[i], len, "%s  ⚠ %s", t, e->error);
        else
            snprintf(titles[i], len, "%s", t);
    }
    scene_overlay_picker(s, v, m, (const char *const *)titles, n,
                         p->selected, p->note[0] ? p->note : NULL);
    for (int i = 0; i < n; i++)
        free(titles[i]);
    free(titles);
}

/* "😀 (Noto Color Emoji), U+9F98": the typed characters not drawn
 * from the shipped font, into out; empty when there are none. */
static void fallback_note(FontCoverage *fc, const char *text, Lang lang,
                          char *out, size_t size)
{
    StandIn in[8];
    out[0] = '\0';
    int n = fc && text ? font_coverage_stand_ins(fc, text, in, 8) : 0;
    if (n <= 0)
        return;
    char list[512] = "";
    for (int i = 0; i < n && i < 8; i++) {
        char ch[8];
        utf8_encode(in[i].code, ch); /* NUL-terminated */
        size_t at = strlen(list);
        if (in[i].kind == STAND_IN_FALLBACK)
            snprintf(list + at, sizeof list - at, "%s%s (%s)", i ? ", " : "",
                     ch, in[i].family ? in[i].family : "?");
        else
            snprintf(list + at, sizeof list - at, "%sU+%04X", i ? ", " : "",
                     (unsigned)in[i].code);
    }
    if (n > 8)
        snprintf(list + strlen(list), sizeof list - strlen(list), ", …");
    snprintf(out, size, ui_text(UI_INPUT_FALLBACK, lang), list);
}

void overlay_input(Scene *s, const ViewOptions *v, const TextMeasure *m,
                   const InputField *f, FontCoverage *fc,
                   const char *counter, bool over, float ime_rect[4])
{
    InputFieldView view = {0};
    view.counter = counter;
    view.counter_over = over;
    view.text = f->text;
    view.caret = (int)f->caret;
    size_t a, b;
    input_field_selection(f, &a, &b);
    view.sel_start = (int)a;
    view.sel_end = (int)b;
    view.composition = f->composition;
    /* SDL gives the IME cursor in characters; the view wants bytes. */
    int bytes = 0;
    if (f->composition) {
        int chars = 0;
        const unsigned char *c = (const unsigned char *)f->composition;
        while (c[bytes] && chars < f->comp_cursor) {
            bytes++;
            while ((c[bytes] & 0xC0) == 0x80)
                bytes++;
            chars++;
        }
    }
    view.composition_caret = bytes;
    view.error = f->note[0] ? f->note : NULL;
    char note[768];
    fallback_note(fc, f->text, v->lang, note, sizeof note);
    if (note[0])
        view.note = note;
    scene_overlay_input(s, v, m, &view, ime_rect);
}
