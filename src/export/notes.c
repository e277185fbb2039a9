/* notes.md: the speaker notes of an export, one section per step with
 * its title and narration. */
#include "export/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session/narration.h"
#include "session/ui_text.h"
#include "xalloc.h"

/* A growing string for notes.md. */
typedef struct {
    char *data;
    size_t len, cap;
} Text;

static void text_add(Text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 1024;
        while (t->len + n + 1 > cap)
            cap *= 2;
        t->data = xrealloc(t->data, cap);
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n + 1);
    t->len += n;
}

/* The speaker notes: the lesson's title, what is shown, then per step
 * "## Step N — title" and its narration. */
char *notes_markdown(const Session *session, int first, int last, Lang lang)
{
    const Lesson *l = session->course->lesson;
    const Trace *trace = session_trace(session);
    Text t = {0};
    const char *const *typed = (const char *const *)session->input_tokens;
    char *lesson_title = narration_lesson_title(l, trace, NULL, lang, typed);
    text_add(&t, "# ");
    text_add(&t, lesson_title);
    text_add(&t, "\n\n");
    free(lesson_title);
    text_add(&t, ui_text(UI_NOTES_DECODER, lang));
    text_add(&t, session->view == VIEW_COMPARE
                     ? ui_text(UI_COMPARE_LABEL, lang)
                     : ui_variant_label(session->variant, lang));
    text_add(&t, ui_text(UI_NOTES_CONTEXT, lang));
    text_add(&t, ui_context_label(session->context, lang));
    text_add(&t, ui_text(UI_NOTES_INPUT, lang));
    for (int i = 0; i < session->input_len; i++) {
        if (i > 0)
            text_add(&t, tokenizer_separator(l->source_tokenizer));
        text_add(&t, session->input_tokens[i]);
    }
    text_add(&t, "\n");
    for (int k = first; k <= last; k++) {
        char head[64], number[48];
        snprintf(number, sizeof number, ui_text(UI_NOTES_STEP, lang), k + 1);
        snprintf(head, sizeof head, "\n## %s — ", number);
        char *title = session_step_title(session, k, lang);
        char *body = session_step_narration(session, k, lang);
        text_add(&t, head);
        text_add(&t, title);
        text_add(&t, "\n\n");
        text_add(&t, body);
        text_add(&t, "\n");
        free(title);
        free(body);
    }
    return t.data;
}
