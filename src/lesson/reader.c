/* The INI pass: the bytes are checked before inih sees them (NUL, UTF-8,
 * control characters), and our own line reader feeds inih so that every
 * handler call knows its physical line.
 *
 * inih cuts lines at INI_MAX_LINE bytes and would parse the rest as a new
 * line. Our reader never hands it a long line: a long "key = value" line
 * goes to inih as "key = \x01" while the reader keeps the real value
 * (cleaned the way inih cleans values) and the handler swaps it back in.
 * \x01 cannot occur in a file because control characters are rejected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "lesson/parser.h"
#include "lesson/template.h"
#include "utf8.h"
#include "xalloc.h"

/* Rejects NUL bytes, broken UTF-8 and control characters, naming the line. */
bool parser_check_bytes(Parser *p, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    const unsigned char *end = s + len;
    int line = 1;
    const unsigned char *line_start = s;
    while (s < end) {
        unsigned cp;
        int n;
        if (*s == '\n') {
            line++;
            line_start = ++s;
            continue;
        }
        if (*s == '\0')
            return parser_fail(p, LESSON_ERR_ENCODING, line,
                        "NUL byte at column %d: a lesson is plain UTF-8 "
                        "text",
                        (int)(s - line_start) + 1);
        if (*s == '\r' && s + 1 < end && s[1] == '\n') {
            s++;
            continue;
        }
        n = utf8_decode(s, end, &cp);
        if (n == 0)
            return parser_fail(p, LESSON_ERR_ENCODING, line,
                        "invalid UTF-8 (byte 0x%02X at byte %d of the "
                        "line); save the file as UTF-8",
                        *s, (int)(s - line_start) + 1);
        /* C0, DEL and C1 (U+0080-U+009F): the format has no control
         * characters but the tab. */
        if ((cp < 0x20 && cp != '\t') || cp == 0x7F ||
            (cp >= 0x80 && cp <= 0x9F))
            return parser_fail(p, LESSON_ERR_ENCODING, line,
                        "control character U+%04X at byte %d of the line",
                        cp, (int)(s - line_start) + 1);
        s += n;
    }
    return true;
}

/* The value inih would make of raw text after '=': leading blanks skipped,
 * cut at an inline ';' comment (one preceded by a blank), trailing blanks
 * dropped. */
static char *clean_value(const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end && is_space(*s))
        s++;
    const char *q = s;
    bool was_space = false;
    while (q < end && !(*q == ';' && was_space)) {
        was_space = is_space(*q);
        q++;
    }
    while (q > s && is_space(q[-1]))
        q--;
    return xstrndup(s, (size_t)(q - s));
}

/* Remembers where each section starts and rejects unknown ones: inih only
 * reports sections through the keys inside them. */
static bool see_section(Parser *p, const char *s, size_t n)
{
    const char *close = memchr(s, ']', n);
    if (!close)
        return parser_fail(p, LESSON_ERR_SYNTAX, p->line,
                    "a section header needs a closing ']'");
    char name[64];
    size_t len = (size_t)(close - s - 1);
    if (len >= sizeof name)
        return parser_fail(p, LESSON_ERR_SECTION, p->line,
                    "unknown section (a name of %zu bytes; sections: "
                    "[lesson] [data] [test] [input] [narration] [softmax])",
                    len);
    memcpy(name, s + 1, len);
    name[len] = '\0';
    /* inih strips blanks inside the brackets too */
    char *a = name;
    while (is_space(*a))
        a++;
    size_t an = strlen(a);
    while (an > 0 && is_space(a[an - 1]))
        a[--an] = '\0';
    for (int i = 0; i < SECTION_COUNT; i++) {
        if (strcmp(a, section_names[i]) == 0) {
            if (!p->section_line[i])
                p->section_line[i] = p->line;
            p->last_field = -2; /* inih forgets the previous key too */
            return true;
        }
    }
    char q[64];
    const char *hint = parser_near_miss(a, section_names, SECTION_COUNT);
    if (hint)
        return parser_fail(p, LESSON_ERR_SECTION, p->line,
                    "unknown section [%s] (did you mean [%s]?)",
                    parser_quote(q, sizeof q, a), hint);
    return parser_fail(p, LESSON_ERR_SECTION, p->line,
                "unknown section [%s] (sections: [lesson] [data] [test] "
                "[input] [narration] [softmax])",
                parser_quote(q, sizeof q, a));
}

/* Whether text (trailing blanks allowed) is exactly "[name]" for one of
 * the format's sections. */
static bool is_section_header(const char *t, size_t n)
{
    static const char *const names[] = {"lesson", "data", "test", "input",
                                        "narration", "softmax"};
    while (n > 0 && is_space(t[n - 1]))
        n--;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t k = strlen(names[i]);
        if (n == k + 2 && t[0] == '[' && t[n - 1] == ']' &&
            memcmp(t + 1, names[i], k) == 0)
            return true;
    }
    return false;
}

/* inih's reader: hands over one physical line at a time (without CR/LF),
 * replacing the value of a line that would not fit inih's buffer. Returns
 * NULL at the end or after the first error, which stops inih. */
char *parser_read_line(char *buf, int size, void *stream)
{
    Parser *p = stream;
    free(p->stash);
    p->stash = NULL;
    if (p->failed || p->cur >= p->end || size < 16)
        return NULL;
    const char *s = p->cur;
    const char *nl = memchr(s, '\n', (size_t)(p->end - s));
    const char *stop = nl ? nl : p->end;
    p->cur = nl ? nl + 1 : p->end;
    if (stop > s && stop[-1] == '\r')
        stop--;
    size_t n = (size_t)(stop - s);
    p->line++;
    p->indented = n > 0 && is_space(s[0]);

    const char *t = s;
    while (t < stop && is_space(*t))
        t++;
    /* A second BOM (or one pasted later) hides the line's first character
     * from inih: "\uFEFF[lesson]" is no section header, and the loader
     * would say there is no [lesson]. */
    if (stop - t >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
        parser_fail(p, LESSON_ERR_ENCODING, p->line,
                    "a byte-order mark (U+FEFF) starts this line; only the "
                    "file's first bytes may hold one: remove it");
        return NULL;
    }
    if (t < stop && *t == '[' && !p->indented &&
        !see_section(p, t, (size_t)(stop - t)))
        return NULL;
    /* "  [lesson]": inih reads it as a section or as a continuation line
     * depending on what came before; either way the loader would later
     * say the section is missing. Say what is wrong with the line. */
    if (t < stop && *t == '[' && p->indented &&
        is_section_header(t, (size_t)(stop - t))) {
        parser_fail(p, LESSON_ERR_SECTION, p->line,
                    "a section header must start the line; remove the "
                    "spaces before '['");
        return NULL;
    }

    if (n + 1 < (size_t)size) {
        memcpy(buf, s, n);
        buf[n] = '\0';
        return buf;
    }

    /* A long line. */
    size_t room = (size_t)size - 8; /* for the separator and the mark */
    if (t == stop || *t == ';' || *t == '#') {
        strcpy(buf, ";");
    } else if (p->indented && p->last_field != -2) {
        /* inih takes it as a continuation of the previous key */
        p->stash = clean_value(s, n);
        strcpy(buf, " " LONG_MARK);
    } else if (*t == '[') {
        parser_fail(p, LESSON_ERR_LINE_LONG, p->line,
             "a section header of %zu bytes; section names are short", n);
        return NULL;
    } else {
        const char *sep = t;
        while (sep < stop && *sep != '=' && *sep != ':')
            sep++;
        if (sep == stop || (size_t)(sep - s) + 1 > room) {
            parser_fail(p, LESSON_ERR_LINE_LONG, p->line,
                 "a line of %zu bytes with no 'key =' near its start",
                 n);
            return NULL;
        }
        size_t k = (size_t)(sep - s) + 1;
        memcpy(buf, s, k);
        strcpy(buf + k, LONG_MARK);
        p->stash = clean_value(sep + 1, (size_t)(stop - sep - 1));
    }
    return buf;
}


/* ---- the handler ------------------------------------------------------ */

static RawPair *push_pair(RawPairs *ps, const char *text, int line)
{
    if (ps->count == ps->capacity) {
        ps->capacity = ps->capacity ? 2 * ps->capacity : 16;
        ps->items = xrealloc(ps->items,
                             (size_t)ps->capacity * sizeof *ps->items);
    }
    RawPair *r = &ps->items[ps->count++];
    r->text = xstrdup(text);
    r->line = line;
    return r;
}

/* Appends a continuation: a blank between two ASCII words, nothing between
 * Chinese characters (whose lines are broken without one). */
static void append_text(char **dst, const char *more)
{
    size_t a = strlen(*dst), b = strlen(more);
    bool blank = a > 0 && b > 0 && (unsigned char)(*dst)[a - 1] < 0x80 &&
                 (unsigned char)more[0] < 0x80;
    *dst = xrealloc(*dst, a + b + 2);
    if (blank)
        (*dst)[a++] = ' ';
    memcpy(*dst + a, more, b + 1);
}


static bool check_narration_piece(Parser *p, int f, const char *text)
{
    if (f < F_NARRATION)
        return true;
    StepKind kind = (StepKind)((f - F_NARRATION) / LANG_COUNT);
    char bad[64];
    if (template_check(text, kind, bad, sizeof bad))
        return true;
    if (strcmp(bad, "{") == 0)
        return parser_fail(p, LESSON_ERR_PLACEHOLDER, p->line,
                    "'{' without a closing '}' (write {{ for a brace)");
    if (strcmp(bad, "}") == 0)
        return parser_fail(p, LESSON_ERR_PLACEHOLDER, p->line,
                    "'}' without an opening '{' (write }} for a brace)");
    return parser_fail(p, LESSON_ERR_PLACEHOLDER, p->line,
                "no placeholder {%s} in %s narration (there are: %s)", bad,
                kind == NARRATION_TRAINING ? "training" : step_kind_name(kind),
                template_placeholders(kind));
}

/* One key (or continuation line) of the current line, p->line. */
static int handle_entry(Parser *p, const char *section, const char *name,
                        const char *value)
{
    if (p->failed)
        return 0;
    if (strcmp(value, LONG_MARK) == 0 && p->stash)
        value = p->stash;

    /* inih calls us again for an indented line after a key (but not after
     * a section header): a continuation, with the previous key's name. */
    if (p->indented && p->last_field != -2) {
        int f = p->last_field;
        if (f < 0)
            return parser_fail(p, LESSON_ERR_SYNTAX, p->line,
                        "an indented line continues a 'pair'; write each "
                        "pair on one line");
        if (!fields[f].text)
            return parser_fail(p, LESSON_ERR_SYNTAX, p->line,
                        "an indented line continues '%s', which is not "
                        "text; only titles, descriptions and narration "
                        "may go on over several lines",
                        name);
        if (!check_narration_piece(p, f, value))
            return 0;
        append_text(&p->value[f], value);
        return 1;
    }
    if (!*name)
        return parser_fail(p, LESSON_ERR_SYNTAX, p->line,
                    "no key before '='");
    if (!*section)
        return parser_fail(p, LESSON_ERR_SYNTAX, p->line,
                    "'%s' comes before any [section]; start with [lesson]",
                    name);

    bool known_section = false;
    for (int i = 0; i < SECTION_COUNT; i++)
        known_section |= strcmp(section, section_names[i]) == 0;
    if (!known_section) /* see_section reported it already */
        return parser_fail(p, LESSON_ERR_SECTION, p->line, "unknown section [%s]",
                    section);

    if (strcmp(name, "pair") == 0 &&
        (strcmp(section, "data") == 0 || strcmp(section, "test") == 0)) {
        RawPairs *ps = section[0] == 'd' ? &p->data : &p->test;
        if (ps->count >= MAX_PAIRS)
            return parser_fail(p, LESSON_ERR_VALUE, p->line,
                        "more than %d pairs in [%s]", MAX_PAIRS, section);
        push_pair(ps, value, p->line);
        p->last_field = -1;
        return 1;
    }
    int f = parser_find_field(section, name);
    if (f < 0)
        return parser_unknown_key(p, section, name);
    if (p->value[f])
        return parser_fail(p, LESSON_ERR_DUPLICATE, p->line,
                    "'%s' is already set on line %d; it may appear only "
                    "once",
                    name, p->value_line[f]);
    if (!check_narration_piece(p, f, value))
        return 0;
    p->value[f] = xstrdup(value);
    p->value_line[f] = p->line;
    p->last_field = f;
    return 1;
}

/* inih's handler, of the type the linked library calls (INI_HANDLER_LINENO
 * is set by meson.build from a probe of the library, not left to ini.h's
 * default). Lines are counted once, by read_line: it hands inih one
 * physical line per call, and section headers and long lines never reach
 * the handler, so its count is needed anyway. Where inih passes its own
 * line number it must be that same count; a difference would mean the
 * reader and inih no longer agree on what a line is. */
#if INI_HANDLER_LINENO
int parser_handle(void *user, const char *section, const char *name,
                  const char *value, int lineno)
{
    Parser *p = user;
    if (lineno != p->line)
        return parser_fail(p, LESSON_ERR_SYNTAX, p->line,
                    "internal: inih counts this as line %d", lineno);
    return handle_entry(p, section, name, value);
}
#else
int parser_handle(void *user, const char *section, const char *name,
                  const char *value)
{
    return handle_entry(user, section, name, value);
}
#endif


/* Explains inih's syntax error on physical line `line`. */
void parser_syntax_error(Parser *p, const char *text, size_t len,
                         int line)
{
    const char *s = text, *end = text + len;
    for (int i = 1; i < line && s < end; i++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        s = nl ? nl + 1 : end;
    }
    while (s < end && is_space(*s))
        s++;
    if (s < end && *s == '[')
        parser_fail(p, LESSON_ERR_SYNTAX, line,
             "a section header needs a closing ']'");
    else
        parser_fail(p, LESSON_ERR_SYNTAX, line,
             "expected 'key = value', a [section], or a comment "
             "starting with ';' or '#'");
}
