/* The deck's notes for pdf-presenter-console: a .pdfpc file beside the PDF
 * (pdfpc loads it by that name), JSON in pdfpc's format 2:
 *   {"pdfpcFormat": 2, "disableMarkdown": true,
 *    "pages": [{"idx": 0, "label": "1", "overlay": 0, "note": "..."}, ...]}
 * idx counts the PDF's pages from 0; each note is the step's title, a
 * blank line, and its narration, as notes.md has them. Markdown is off:
 * narration is plain text, and a "*" or "_" in a formula must stay. */
#include "export/slides_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "session/narration.h"
#include "xalloc.h"

char *pdfpc_notes(const Session *session, int first, int last, Lang lang)
{
    const Lesson *l = session->course->lesson;
    const Trace *trace = session_trace(session);
    const Timeline *tl = session_timeline(session);
    const char *const *typed = (const char *const *)session->input_tokens;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "pdfpcFormat", 2);
    cJSON_AddBoolToObject(root, "disableMarkdown", true);
    cJSON *pages = cJSON_AddArrayToObject(root, "pages");
    for (int k = first; k <= last; k++) {
        const Step *step = &tl->steps[k];
        char *title = narration_step_title(l, trace, step, lang, typed);
        char *body = narration_for_step(l, trace, session->variant,
                                        session->context, step, lang, typed);
        size_t n = strlen(title) + strlen(body) + 3;
        char *note = xrealloc(NULL, n);
        snprintf(note, n, "%s\n\n%s", title, body);
        char label[16];
        snprintf(label, sizeof label, "%d", k - first + 1);
        cJSON *page = cJSON_CreateObject();
        cJSON_AddNumberToObject(page, "idx", k - first);
        cJSON_AddStringToObject(page, "label", label);
        cJSON_AddNumberToObject(page, "overlay", 0);
        cJSON_AddStringToObject(page, "note", note);
        cJSON_AddItemToArray(pages, page);
        free(note);
        free(title);
        free(body);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        fprintf(stderr, "seq2seq-viz: out of memory\n");
        abort();
    }
    /* cJSON allocates with malloc, so the caller's free() fits. */
    return text;
}
