/* The deck's notes for pdf-presenter-console: a .pdfpc file beside the PDF
 * (pdfpc loads it by that name), JSON in pdfpc's format 2:
 *   {"pdfpcFormat": 2, "disableMarkdown": true,
 *    "pages": [{"idx": 0, "label": "1", "overlay": 0, "note": "..."}, ...]}
 * idx counts the PDF's pages from 0; each note is the step's title, a
 * blank line, and its narration, as notes.md has them. Markdown is off:
 * narration is plain text, and a "*" or "_" in a formula must stay.
 *
 * pdfpc shows plain notes without wrapping them (seen with pdfpc 4.6 under
 * Xvfb: a long line widens the presenter window past the screen), so the
 * notes are wrapped here, at NOTE_COLUMNS columns (a CJK character counts
 * two), between words or between CJK characters. */
#include "export/slides_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "session/narration.h"
#include "utf8.h"
#include "xalloc.h"

#define NOTE_COLUMNS 44

/* CJK ideographs, kana, Hangul and full-width forms: two columns, and a
 * line may break before one. */
static bool is_wide(unsigned c)
{
    return (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60) ||
           c >= 0x20000;
}

/* Closing punctuation never starts a line (、。，：；？！）」』】》”). */
static bool no_break_before(unsigned c)
{
    return c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF1A ||
           c == 0xFF1B || c == 0xFF1F || c == 0xFF01 || c == 0xFF09 ||
           c == 0x300D || c == 0x300F || c == 0x3011 || c == 0x300B ||
           c == 0x201D;
}

/* text with lines broken at NOTE_COLUMNS; malloc'd. A space at a break
 * becomes the newline; a break before a wide character inserts one. */
static char *wrap_note(const char *text)
{
    size_t n = strlen(text);
    char *out = xrealloc(NULL, 2 * n + 1); /* at most a newline a byte */
    size_t o = 0;
    size_t line_start = 0;      /* in out */
    size_t last_break = 0;      /* in out: where a newline may go, or 0 */
    bool break_is_space = false;
    int width = 0;
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *end = p + n;
    while (p < end) {
        unsigned c;
        int len = utf8_decode(p, end, &c);
        if (len == 0) {
            c = *p;
            len = 1;
        }
        if (c == '\n') {
            memcpy(out + o, p, 1);
            o++;
            p++;
            line_start = o;
            last_break = 0;
            width = 0;
            continue;
        }
        int w = is_wide(c) ? 2 : 1;
        if (c == ' ' && width + 1 > NOTE_COLUMNS) {
            out[o++] = '\n'; /* the space itself becomes the break */
            p++;
            line_start = o;
            last_break = 0;
            width = 0;
            continue;
        }
        if (c == ' ') {
            last_break = o;
            break_is_space = true;
        } else if (is_wide(c) && !no_break_before(c) && o > line_start) {
            last_break = o;
            break_is_space = false;
        }
        if (width + w > NOTE_COLUMNS && last_break > line_start) {
            if (break_is_space) {
                out[last_break] = '\n';
            } else {
                memmove(out + last_break + 1, out + last_break,
                        o - last_break);
                out[last_break] = '\n';
                o++;
            }
            line_start = last_break + 1;
            width = 0;
            for (size_t i = line_start; i < o;) {
                unsigned d;
                int k = utf8_decode((const unsigned char *)out + i,
                                    (const unsigned char *)out + o, &d);
                width += k && is_wide(d) ? 2 : 1;
                i += k ? (size_t)k : 1;
            }
            last_break = 0;
        }
        memcpy(out + o, p, (size_t)len);
        o += (size_t)len;
        p += len;
        width += w;
    }
    out[o] = '\0';
    return out;
}

char *pdfpc_notes(const Session *session, int first, int last, Lang lang)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "pdfpcFormat", 2);
    cJSON_AddBoolToObject(root, "disableMarkdown", true);
    cJSON *pages = cJSON_AddArrayToObject(root, "pages");
    for (int k = first; k <= last; k++) {
        char *title = session_step_title(session, k, lang);
        char *body = session_step_narration(session, k, lang);
        size_t n = strlen(title) + strlen(body) + 3;
        char *note = xrealloc(NULL, n);
        snprintf(note, n, "%s\n\n%s", title, body);
        char label[16];
        snprintf(label, sizeof label, "%d", k - first + 1);
        cJSON *page = cJSON_CreateObject();
        cJSON_AddNumberToObject(page, "idx", k - first);
        cJSON_AddStringToObject(page, "label", label);
        cJSON_AddNumberToObject(page, "overlay", 0);
        char *wrapped = wrap_note(note);
        cJSON_AddStringToObject(page, "note", wrapped);
        cJSON_AddItemToArray(pages, page);
        free(wrapped);
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
