/* The lesson loader: a .lesson file (INI, parsed by inih) becomes a Lesson
 * value, or one LessonError naming file, line and problem. A shared lesson
 * file is untrusted input, so the bytes are checked before inih sees them
 * (size, NUL, UTF-8, control characters), and our own line reader feeds
 * inih so that every handler call knows its physical line.
 *
 * inih cuts lines at INI_MAX_LINE bytes and would parse the rest as a new
 * line. Our reader never hands it a long line: a long "key = value" line
 * goes to inih as "key = \x01" while the reader keeps the real value
 * (cleaned the way inih cleans values) and the handler swaps it back in.
 * \x01 cannot occur in a file because control characters are rejected. */
#include "lesson/lesson.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

#include "lesson/template.h"
#include "xalloc.h"

#define MAX_FILE_BYTES (1024 * 1024)
#define MAX_PAIRS 2000
#define MAX_TARGET_TOKENS (LESSON_MAX_INPUT - 1) /* <eos> makes 32 */
#define MAX_TITLE_BYTES 300
#define MAX_TEXT_BYTES 4000
#define MAX_EXAMPLE 16
#define LONG_MARK "\x01"

/* ---- small helpers ---------------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Length of the valid UTF-8 sequence at s (up to end), or 0 when invalid:
 * overlong forms, surrogates and code points past U+10FFFF are invalid. */
static int utf8_len(const unsigned char *s, const unsigned char *end,
                    unsigned *cp)
{
    unsigned c = s[0];
    int n;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2, min = 0x80, c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, min = 0x800, c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (end - s < n)
        return 0;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* Copies s into buf for an error message, cut at a character boundary. */
static const char *quote(char *buf, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n < size) {
        memcpy(buf, s, n + 1);
        return buf;
    }
    n = size > 4 ? size - 4 : 0;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, s, n);
    memcpy(buf + n, "...", 4);
    return buf;
}

static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    int row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The candidate nearest to word when it is a plausible typo, else NULL. */
static const char *near_miss(const char *word, const char *const *cands,
                             int n)
{
    const char *best = NULL;
    int best_d = 99;
    for (int i = 0; i < n; i++) {
        int d = edit_distance(word, cands[i]);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    int limit = strlen(word) <= 4 ? 1 : 2;
    return best_d <= limit ? best : NULL;
}

/* ---- languages -------------------------------------------------------- */

const char *lang_name(Lang l)
{
    return l == LANG_ZH ? "zh" : l == LANG_EN ? "en" : "?";
}

bool lang_parse(const char *name, Lang *out)
{
    if (strcmp(name, "zh") == 0)
        *out = LANG_ZH;
    else if (strcmp(name, "en") == 0)
        *out = LANG_EN;
    else
        return false;
    return true;
}

/* ---- the keys of a lesson file ---------------------------------------- */

static const char *const section_names[] = {
    "lesson", "data", "test", "input", "narration", "softmax",
};
#define SECTION_COUNT (int)(sizeof section_names / sizeof *section_names)

enum {
    F_TITLE_ZH,
    F_TITLE_EN,
    F_DESC_ZH,
    F_DESC_EN,
    F_VARIANT,
    F_CONTEXT,
    F_HIDDEN,
    F_EMBED,
    F_SEED,
    F_EPOCHS,
    F_LEARNING_RATE,
    F_UNK_RATE,
    F_MAX_LEN,
    F_SOURCE_TOKENS,
    F_TARGET_TOKENS,
    F_INPUT,
    F_LOGITS,
    F_LABELS,
    F_NARRATION, /* STEP_KIND_COUNT * LANG_COUNT entries follow */
    F_COUNT = F_NARRATION + STEP_KIND_COUNT * LANG_COUNT,
};

typedef struct {
    const char *section, *name;
    bool text; /* may be continued on indented lines */
} FieldDef;

static const FieldDef fields[F_COUNT] = {
    [F_TITLE_ZH] = {"lesson", "title.zh", true},
    [F_TITLE_EN] = {"lesson", "title.en", true},
    [F_DESC_ZH] = {"lesson", "description.zh", true},
    [F_DESC_EN] = {"lesson", "description.en", true},
    [F_VARIANT] = {"lesson", "variant", false},
    [F_CONTEXT] = {"lesson", "context", false},
    [F_HIDDEN] = {"lesson", "hidden", false},
    [F_EMBED] = {"lesson", "embed", false},
    [F_SEED] = {"lesson", "seed", false},
    [F_EPOCHS] = {"lesson", "epochs", false},
    [F_LEARNING_RATE] = {"lesson", "learning_rate", false},
    [F_UNK_RATE] = {"lesson", "unk_rate", false},
    [F_MAX_LEN] = {"lesson", "max_len", false},
    [F_SOURCE_TOKENS] = {"lesson", "source_tokens", false},
    [F_TARGET_TOKENS] = {"lesson", "target_tokens", false},
    [F_INPUT] = {"input", "source", false},
    [F_LOGITS] = {"softmax", "logits", false},
    [F_LABELS] = {"softmax", "labels", false},
    /* Narration: kind-major, zh then en, in StepKind order. */
    [F_NARRATION + 0] = {"narration", "overview.zh", true},
    [F_NARRATION + 1] = {"narration", "overview.en", true},
    [F_NARRATION + 2] = {"narration", "softmax-example.zh", true},
    [F_NARRATION + 3] = {"narration", "softmax-example.en", true},
    [F_NARRATION + 4] = {"narration", "encoder.zh", true},
    [F_NARRATION + 5] = {"narration", "encoder.en", true},
    [F_NARRATION + 6] = {"narration", "context.zh", true},
    [F_NARRATION + 7] = {"narration", "context.en", true},
    [F_NARRATION + 8] = {"narration", "decoder-state.zh", true},
    [F_NARRATION + 9] = {"narration", "decoder-state.en", true},
    [F_NARRATION + 10] = {"narration", "decoder-softmax.zh", true},
    [F_NARRATION + 11] = {"narration", "decoder-softmax.en", true},
    [F_NARRATION + 12] = {"narration", "summary.zh", true},
    [F_NARRATION + 13] = {"narration", "summary.en", true},
};

typedef struct {
    char *text; /* owned; NULL when absent */
    int line;
} RawPair;

typedef struct {
    RawPair *items;
    int count, capacity;
} RawPairs;

/* Everything the INI pass collects; checked and converted afterwards. */
typedef struct {
    const char *name; /* for errors */
    LessonError *err;
    bool failed;

    /* the line reader */
    const char *cur, *end;
    int line;          /* physical line of the last line handed to inih */
    bool indented;     /* that line starts with a space or a tab */
    char *stash;       /* the real value of a long line (owned) */

    /* what the handler saw */
    char *value[F_COUNT];
    int value_line[F_COUNT];
    int section_line[SECTION_COUNT]; /* first header line, 0 if absent */
    int last_field; /* the previous key: a field, -1 a pair, -2 none since
                       the section header (for continuation lines) */
    RawPairs data, test;
} Parser;

static bool fail(Parser *p, LessonErrorKind kind, int line, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

/* Records the first error only; later ones are consequences. */
static bool fail(Parser *p, LessonErrorKind kind, int line, const char *fmt,
                 ...)
{
    if (p->failed)
        return false;
    p->failed = true;
    p->err->kind = kind;
    p->err->line = line;
    snprintf(p->err->file, sizeof p->err->file, "%s", p->name);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
    return false;
}

/* ---- the byte check and the line reader ------------------------------- */

/* Rejects NUL bytes, broken UTF-8 and control characters, naming the line. */
static bool check_bytes(Parser *p, const char *text, size_t len)
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
            return fail(p, LESSON_ERR_ENCODING, line,
                        "NUL byte at column %d: a lesson is plain UTF-8 "
                        "text",
                        (int)(s - line_start) + 1);
        if (*s == '\r' && s + 1 < end && s[1] == '\n') {
            s++;
            continue;
        }
        n = utf8_len(s, end, &cp);
        if (n == 0)
            return fail(p, LESSON_ERR_ENCODING, line,
                        "invalid UTF-8 (byte 0x%02X at byte %d of the "
                        "line); save the file as UTF-8",
                        *s, (int)(s - line_start) + 1);
        if ((cp < 0x20 && cp != '\t') || cp == 0x7F)
            return fail(p, LESSON_ERR_ENCODING, line,
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
        return fail(p, LESSON_ERR_SYNTAX, p->line,
                    "a section header needs a closing ']'");
    char name[64];
    size_t len = (size_t)(close - s - 1);
    if (len >= sizeof name)
        return fail(p, LESSON_ERR_SECTION, p->line,
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
    const char *hint = near_miss(a, section_names, SECTION_COUNT);
    if (hint)
        return fail(p, LESSON_ERR_SECTION, p->line,
                    "unknown section [%s] (did you mean [%s]?)",
                    quote(q, sizeof q, a), hint);
    return fail(p, LESSON_ERR_SECTION, p->line,
                "unknown section [%s] (sections: [lesson] [data] [test] "
                "[input] [narration] [softmax])",
                quote(q, sizeof q, a));
}

/* inih's reader: hands over one physical line at a time (without CR/LF),
 * replacing the value of a line that would not fit inih's buffer. Returns
 * NULL at the end or after the first error, which stops inih. */
static char *read_line(char *buf, int size, void *stream)
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
    if (t < stop && *t == '[' && !p->indented &&
        !see_section(p, t, (size_t)(stop - t)))
        return NULL;

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
        fail(p, LESSON_ERR_LINE_LONG, p->line,
             "a section header of %zu bytes; section names are short", n);
        return NULL;
    } else {
        const char *sep = t;
        while (sep < stop && *sep != '=' && *sep != ':')
            sep++;
        if (sep == stop || (size_t)(sep - s) + 1 > room) {
            fail(p, LESSON_ERR_LINE_LONG, p->line,
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

static int find_field(const char *section, const char *name)
{
    for (int f = 0; f < F_COUNT; f++)
        if (strcmp(fields[f].section, section) == 0 &&
            strcmp(fields[f].name, name) == 0)
            return f;
    return -1;
}

static bool unknown_key(Parser *p, const char *section, const char *name)
{
    const char *cands[F_COUNT + 1];
    int n = 0;
    bool pairs = strcmp(section, "data") == 0 || strcmp(section, "test") == 0;
    if (pairs)
        cands[n++] = "pair";
    for (int f = 0; f < F_COUNT; f++)
        if (strcmp(fields[f].section, section) == 0)
            cands[n++] = fields[f].name;
    char q[80];
    const char *hint = near_miss(name, cands, n);
    if (hint)
        return fail(p, LESSON_ERR_KEY, p->line,
                    "unknown key '%s' in [%s] (did you mean '%s'?)",
                    quote(q, sizeof q, name), section, hint);
    if (strcmp(section, "narration") == 0)
        return fail(p, LESSON_ERR_KEY, p->line,
                    "unknown key '%s' in [narration] (keys are <kind>.zh "
                    "and <kind>.en for the kinds overview, softmax-example, "
                    "encoder, context, decoder-state, decoder-softmax, "
                    "summary)",
                    quote(q, sizeof q, name));
    return fail(p, LESSON_ERR_KEY, p->line,
                "unknown key '%s' in [%s] (see lessons/README.md)",
                quote(q, sizeof q, name), section);
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
        return fail(p, LESSON_ERR_PLACEHOLDER, p->line,
                    "'{' without a closing '}' (write {{ for a brace)");
    if (strcmp(bad, "}") == 0)
        return fail(p, LESSON_ERR_PLACEHOLDER, p->line,
                    "'}' without an opening '{' (write }} for a brace)");
    return fail(p, LESSON_ERR_PLACEHOLDER, p->line,
                "no placeholder {%s} in %s narration (there are: %s)", bad,
                step_kind_name(kind), template_placeholders(kind));
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
            return fail(p, LESSON_ERR_SYNTAX, p->line,
                        "an indented line continues a 'pair'; write each "
                        "pair on one line");
        if (!fields[f].text)
            return fail(p, LESSON_ERR_SYNTAX, p->line,
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
        return fail(p, LESSON_ERR_SYNTAX, p->line,
                    "no key before '='");
    if (!*section)
        return fail(p, LESSON_ERR_SYNTAX, p->line,
                    "'%s' comes before any [section]; start with [lesson]",
                    name);

    bool known_section = false;
    for (int i = 0; i < SECTION_COUNT; i++)
        known_section |= strcmp(section, section_names[i]) == 0;
    if (!known_section) /* see_section reported it already */
        return fail(p, LESSON_ERR_SECTION, p->line, "unknown section [%s]",
                    section);

    if (strcmp(name, "pair") == 0 &&
        (strcmp(section, "data") == 0 || strcmp(section, "test") == 0)) {
        RawPairs *ps = section[0] == 'd' ? &p->data : &p->test;
        if (ps->count >= MAX_PAIRS)
            return fail(p, LESSON_ERR_VALUE, p->line,
                        "more than %d pairs in [%s]", MAX_PAIRS, section);
        push_pair(ps, value, p->line);
        p->last_field = -1;
        return 1;
    }
    int f = find_field(section, name);
    if (f < 0)
        return unknown_key(p, section, name);
    if (p->value[f])
        return fail(p, LESSON_ERR_DUPLICATE, p->line,
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
static int handle(void *user, const char *section, const char *name,
                  const char *value, int lineno)
{
    Parser *p = user;
    if (lineno != p->line)
        return fail(p, LESSON_ERR_SYNTAX, p->line,
                    "internal: inih counts this as line %d", lineno);
    return handle_entry(p, section, name, value);
}
#else
static int handle(void *user, const char *section, const char *name,
                  const char *value)
{
    return handle_entry(user, section, name, value);
}
#endif

/* ---- converting the values -------------------------------------------- */

static bool get_int(Parser *p, int f, long lo, long hi, long def, long *out)
{
    *out = def;
    const char *v = p->value[f];
    if (!v)
        return true;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    char q[48];
    if (!*v || *end || errno)
        return fail(p, LESSON_ERR_VALUE, p->value_line[f],
                    "%s must be a whole number from %ld to %ld, not '%s'",
                    fields[f].name, lo, hi, quote(q, sizeof q, v));
    if (x < lo || x > hi)
        return fail(p, LESSON_ERR_VALUE, p->value_line[f],
                    "%s = %ld is out of range (%ld to %ld)", fields[f].name,
                    x, lo, hi);
    *out = x;
    return true;
}

static bool get_real(Parser *p, int f, double lo, double hi, bool lo_open,
                     double def, double *out)
{
    *out = def;
    const char *v = p->value[f];
    if (!v)
        return true;
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    char q[48];
    if (!*v || *end || errno || !isfinite(x))
        return fail(p, LESSON_ERR_VALUE, p->value_line[f],
                    "%s must be a number, not '%s'", fields[f].name,
                    quote(q, sizeof q, v));
    if (x > hi || x < lo || (lo_open && x == lo))
        return fail(p, LESSON_ERR_VALUE, p->value_line[f],
                    "%s = %g is out of range (%s%g to %g)", fields[f].name,
                    x, lo_open ? "above " : "", lo, hi);
    *out = x;
    return true;
}

static bool get_tokenizer(Parser *p, int f, Tokenizer *out)
{
    const char *v = p->value[f];
    *out = TOKENIZE_SPACES;
    if (!v || strcmp(v, "spaces") == 0)
        return true;
    if (strcmp(v, "chars") == 0) {
        *out = TOKENIZE_CHARS;
        return true;
    }
    char q[48];
    return fail(p, LESSON_ERR_VALUE, p->value_line[f],
                "%s must be 'chars' or 'spaces', not '%s'", fields[f].name,
                quote(q, sizeof q, v));
}

static bool get_text(Parser *p, int f, bool required, size_t max,
                     char **out)
{
    const char *v = p->value[f];
    if (!v && required)
        return fail(p, LESSON_ERR_MISSING, p->section_line[0],
                    "[lesson] has no %s (the title is required in zh and "
                    "en)",
                    fields[f].name);
    if (v && required && !*v)
        return fail(p, LESSON_ERR_VALUE, p->value_line[f], "%s is empty",
                    fields[f].name);
    if (v && strlen(v) > max)
        return fail(p, LESSON_ERR_VALUE, p->value_line[f],
                    "%s is %zu bytes long; at most %zu", fields[f].name,
                    strlen(v), max);
    *out = xstrdup(v ? v : "");
    return true;
}

/* The next token of s by the tokenizer: *start, *len; false at the end. */
static bool next_token(const char **s, Tokenizer tk, const char **start,
                       size_t *len)
{
    const char *c = *s;
    while (is_space(*c))
        c++;
    if (!*c) {
        *s = c;
        return false;
    }
    *start = c;
    if (tk == TOKENIZE_CHARS) {
        unsigned cp;
        int n = utf8_len((const unsigned char *)c,
                         (const unsigned char *)c + strlen(c), &cp);
        c += n ? n : 1; /* typed text may be broken: a byte is a token */
    } else {
        while (*c && !is_space(*c))
            c++;
    }
    *len = (size_t)(c - *start);
    *s = c;
    return true;
}

static bool reserved(const char *tok)
{
    return strcmp(tok, VOCAB_UNK_TOKEN) == 0 ||
           strcmp(tok, VOCAB_GO_TOKEN) == 0 ||
           strcmp(tok, VOCAB_EOS_TOKEN) == 0;
}

/* Tokenizes one side of a pair into ids. With add, new tokens join vocab;
 * otherwise an unknown token is an error (naming it) of kind unknown_kind. */
static bool tokenize_side(Parser *p, const char *text, Tokenizer tk,
                          Vocab *vocab, bool add, int max, const char *what,
                          int line, int **ids, int *count, bool eos)
{
    int *out = xmalloc(((size_t)max + 1) * sizeof(int));
    int n = 0;
    const char *s = text, *start;
    size_t len;
    char tok[256], q[64];
    while (next_token(&s, tk, &start, &len)) {
        if (n == max) {
            free(out);
            return fail(p, LESSON_ERR_PAIR, line,
                        "the %s has more than %d tokens", what, max);
        }
        if (len >= sizeof tok) {
            free(out);
            return fail(p, LESSON_ERR_PAIR, line,
                        "a token of the %s is %zu bytes long; at most %zu",
                        what, len, sizeof tok - 1);
        }
        memcpy(tok, start, len);
        tok[len] = '\0';
        if (reserved(tok)) {
            free(out);
            return fail(p, LESSON_ERR_PAIR, line,
                        "'%s' is reserved by the model and cannot be a "
                        "token",
                        tok);
        }
        int id = add ? vocab_add(vocab, tok) : vocab_find(vocab, tok);
        if (id < 0) {
            free(out);
            return fail(p, LESSON_ERR_INPUT, line,
                        "the %s uses '%s', which no training pair has; "
                        "the model never learnt it",
                        what, quote(q, sizeof q, tok));
        }
        out[n++] = id;
    }
    if (eos)
        out[n++] = VOCAB_EOS;
    *ids = out;
    *count = n;
    return true;
}

static bool convert_pair(Parser *p, const RawPair *r, Lesson *l, bool add,
                         LessonPair *out)
{
    const char *bar = strchr(r->text, '|');
    if (!bar)
        return fail(p, LESSON_ERR_PAIR, r->line,
                    "a pair needs 'source | target' with a '|' between");
    if (strchr(bar + 1, '|'))
        return fail(p, LESSON_ERR_PAIR, r->line,
                    "a pair has one '|' only, between source and target");
    char *src = xstrndup(r->text, (size_t)(bar - r->text));
    const char *tgt = bar + 1;
    const char *probe = src, *st;
    size_t sl;
    bool src_empty = !next_token(&probe, TOKENIZE_SPACES, &st, &sl);
    probe = tgt;
    bool tgt_empty = !next_token(&probe, TOKENIZE_SPACES, &st, &sl);
    bool ok = true;
    if (src_empty || tgt_empty)
        ok = fail(p, LESSON_ERR_PAIR, r->line,
                  "the %s side of the pair is empty",
                  src_empty ? "source" : "target");
    ok = ok && tokenize_side(p, src, l->source_tokenizer, &l->source_vocab,
                             add, LESSON_MAX_INPUT, "source", r->line,
                             &out->source, &out->source_len, false);
    ok = ok && tokenize_side(p, tgt, l->target_tokenizer, &l->target_vocab,
                             add, MAX_TARGET_TOKENS, "target", r->line,
                             &out->target, &out->target_len, true);
    free(src);
    return ok;
}

static bool same_ids(const int *a, int an, const int *b, int bn)
{
    return an == bn && memcmp(a, b, (size_t)an * sizeof *a) == 0;
}

static bool convert_pairs(Parser *p, const RawPairs *raw, Lesson *l,
                          bool training, LessonPair **out, int *count)
{
    *out = xcalloc((size_t)raw->count, sizeof **out);
    *count = 0;
    for (int i = 0; i < raw->count; i++) {
        LessonPair *lp = &(*out)[i];
        (*count)++; /* counted first: a half-converted pair is freed too */
        if (!convert_pair(p, &raw->items[i], l, training, lp))
            return false;
        /* The same source with two targets cannot both be learnt. */
        for (int j = 0; j < i; j++) {
            const LessonPair *o = &(*out)[j];
            if (same_ids(o->source, o->source_len, lp->source,
                         lp->source_len))
                return fail(p, LESSON_ERR_PAIR, raw->items[i].line,
                            "this source is already paired on line %d",
                            raw->items[j].line);
        }
    }
    return true;
}

static bool convert_example(Parser *p, Lesson *l)
{
    const char *v = p->value[F_LOGITS];
    if (!v) {
        if (p->value[F_LABELS])
            return fail(p, LESSON_ERR_MISSING, p->section_line[5],
                        "[softmax] has labels but no logits");
        return true;
    }
    int line = p->value_line[F_LOGITS];
    double vals[MAX_EXAMPLE];
    int n = 0;
    const char *s = v;
    char q[48];
    for (;;) {
        while (is_space(*s) || *s == ',')
            s++;
        if (!*s)
            break;
        char *end;
        errno = 0;
        double x = strtod(s, &end);
        if (end == s || errno || !isfinite(x) ||
            (*end && !is_space(*end) && *end != ','))
            return fail(p, LESSON_ERR_VALUE, line,
                        "logits must be numbers separated by spaces, not "
                        "'%s'",
                        quote(q, sizeof q, s));
        if (fabs(x) > 1000)
            return fail(p, LESSON_ERR_VALUE, line,
                        "logit %g is out of range (-1000 to 1000)", x);
        if (n == MAX_EXAMPLE)
            return fail(p, LESSON_ERR_VALUE, line,
                        "more than %d logits", MAX_EXAMPLE);
        vals[n++] = x;
        s = end;
    }
    if (n < 2)
        return fail(p, LESSON_ERR_VALUE, line,
                    "a softmax example needs at least 2 logits");
    char **labels = xcalloc((size_t)n, sizeof *labels);
    int nl = 0;
    if (p->value[F_LABELS]) {
        const char *ls = p->value[F_LABELS], *st;
        size_t len;
        while (next_token(&ls, TOKENIZE_SPACES, &st, &len)) {
            if (nl == n) {
                nl++;
                break;
            }
            labels[nl++] = xstrndup(st, len);
        }
        if (nl != n) {
            for (int i = 0; i < n && i < nl; i++)
                free(labels[i]);
            free(labels);
            return fail(p, LESSON_ERR_VALUE, p->value_line[F_LABELS],
                        "%s labels for %d logits; give one label per "
                        "logit",
                        nl > n ? "more" : "fewer", n);
        }
    } else {
        for (int i = 0; i < n; i++) {
            char b[16];
            snprintf(b, sizeof b, "%d", i + 1);
            labels[i] = xstrdup(b);
        }
    }
    l->example_logits = xmalloc((size_t)n * sizeof(double));
    memcpy(l->example_logits, vals, (size_t)n * sizeof(double));
    l->example_labels = labels;
    l->example_count = n;
    return true;
}

static char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 7 && strcmp(b + n - 7, ".lesson") == 0)
        n -= 7;
    return xstrndup(b, n);
}

/* Turns what the INI pass collected into l; false with p->err set. */
static bool build(Parser *p, Lesson *l)
{
    if (!p->section_line[0])
        return fail(p, LESSON_ERR_MISSING, 0,
                    "no [lesson] section (it holds the title and sizes)");
    if (!get_text(p, F_TITLE_ZH, true, MAX_TITLE_BYTES, &l->title[LANG_ZH]) ||
        !get_text(p, F_TITLE_EN, true, MAX_TITLE_BYTES, &l->title[LANG_EN]) ||
        !get_text(p, F_DESC_ZH, false, MAX_TEXT_BYTES,
                  &l->description[LANG_ZH]) ||
        !get_text(p, F_DESC_EN, false, MAX_TEXT_BYTES,
                  &l->description[LANG_EN]))
        return false;

    char q[48];
    l->variant = VARIANT_INIT;
    if (p->value[F_VARIANT] && !variant_parse(p->value[F_VARIANT], &l->variant))
        return fail(p, LESSON_ERR_VALUE, p->value_line[F_VARIANT],
                    "variant must be 'init' or 'every', not '%s'",
                    quote(q, sizeof q, p->value[F_VARIANT]));
    l->context = CONTEXT_LAST;
    if (p->value[F_CONTEXT] && !context_parse(p->value[F_CONTEXT], &l->context))
        return fail(p, LESSON_ERR_VALUE, p->value_line[F_CONTEXT],
                    "context must be 'last', 'last-transform' or 'mean', "
                    "not '%s'",
                    quote(q, sizeof q, p->value[F_CONTEXT]));

    long hidden, embed, epochs, max_len = 0;
    double lr, unk;
    if (!get_int(p, F_HIDDEN, 1, 32, 8, &hidden) ||
        !get_int(p, F_EMBED, 1, 32, 6, &embed) ||
        !get_int(p, F_EPOCHS, 1, 100000, 400, &epochs) ||
        !get_int(p, F_MAX_LEN, 1, LESSON_MAX_INPUT, 0, &max_len) ||
        !get_real(p, F_LEARNING_RATE, 0, 1, true, 0.02, &lr) ||
        !get_real(p, F_UNK_RATE, 0, 0.5, false, LESSON_DEFAULT_UNK_RATE,
                  &unk) ||
        !get_tokenizer(p, F_SOURCE_TOKENS, &l->source_tokenizer) ||
        !get_tokenizer(p, F_TARGET_TOKENS, &l->target_tokenizer))
        return false;
    l->hidden = (int)hidden;
    l->embed = (int)embed;
    l->epochs = (int)epochs;
    l->learning_rate = lr;
    l->unk_rate = unk;

    l->seed = 1;
    if (p->value[F_SEED]) {
        const char *v = p->value[F_SEED];
        char *end;
        errno = 0;
        unsigned long long x = strtoull(v, &end, 10);
        if (!*v || *end || errno || strchr(v, '-'))
            return fail(p, LESSON_ERR_VALUE, p->value_line[F_SEED],
                        "seed must be a whole number from 0 to "
                        "18446744073709551615, not '%s'",
                        quote(q, sizeof q, v));
        l->seed = x;
    }

    if (p->data.count == 0)
        return fail(p, LESSON_ERR_MISSING, p->section_line[1],
                    p->section_line[1] ? "[data] has no 'pair = source | "
                                         "target' lines"
                                       : "no [data] section with training "
                                         "pairs");
    if (!convert_pairs(p, &p->data, l, true, &l->pairs, &l->pair_count) ||
        !convert_pairs(p, &p->test, l, false, &l->tests, &l->test_count))
        return false;

    int longest = 0;
    for (int i = 0; i < l->pair_count; i++)
        if (l->pairs[i].target_len > longest)
            longest = l->pairs[i].target_len;
    for (int i = 0; i < l->test_count; i++)
        if (l->tests[i].target_len > longest)
            longest = l->tests[i].target_len;
    if (p->value[F_MAX_LEN]) {
        if (max_len < longest)
            return fail(p, LESSON_ERR_VALUE, p->value_line[F_MAX_LEN],
                        "max_len = %ld is shorter than the longest target "
                        "(%d tokens with <eos>)",
                        max_len, longest);
        l->max_len = (int)max_len;
    } else {
        /* Room for an untrained or typed input to run on a little. */
        int m = 2 * longest > longest + 4 ? 2 * longest : longest + 4;
        l->max_len = m < LESSON_MAX_INPUT ? m : LESSON_MAX_INPUT;
    }

    if (p->value[F_INPUT]) {
        int *ids, n;
        if (!tokenize_side(p, p->value[F_INPUT], l->source_tokenizer,
                           &l->source_vocab, false, LESSON_MAX_INPUT,
                           "input", p->value_line[F_INPUT], &ids, &n, false))
            return false;
        if (n == 0) {
            free(ids);
            return fail(p, LESSON_ERR_VALUE, p->value_line[F_INPUT],
                        "the input sentence is empty");
        }
        l->input = ids;
        l->input_len = n;
    } else {
        l->input_len = l->pairs[0].source_len;
        l->input = xmalloc((size_t)l->input_len * sizeof(int));
        memcpy(l->input, l->pairs[0].source,
               (size_t)l->input_len * sizeof(int));
    }

    for (int k = 0; k < STEP_KIND_COUNT; k++)
        for (int g = 0; g < LANG_COUNT; g++) {
            int f = F_NARRATION + k * LANG_COUNT + g;
            if (!p->value[f])
                continue;
            if (strlen(p->value[f]) > MAX_TEXT_BYTES)
                return fail(p, LESSON_ERR_VALUE, p->value_line[f],
                            "%s is %zu bytes long; at most %d",
                            fields[f].name, strlen(p->value[f]),
                            MAX_TEXT_BYTES);
            /* Pieces were checked line by line; joining cannot add a
             * placeholder, but check the whole to be sure. */
            char bad[64];
            if (!template_check(p->value[f], (StepKind)k, bad, sizeof bad))
                return fail(p, LESSON_ERR_PLACEHOLDER, p->value_line[f],
                            "bad placeholder {%s} in %s", bad,
                            fields[f].name);
            l->narration[k][g] = p->value[f];
            p->value[f] = NULL;
        }
    return convert_example(p, l);
}

static void parser_deinit(Parser *p)
{
    free(p->stash);
    for (int f = 0; f < F_COUNT; f++)
        free(p->value[f]);
    for (int i = 0; i < p->data.count; i++)
        free(p->data.items[i].text);
    for (int i = 0; i < p->test.count; i++)
        free(p->test.items[i].text);
    free(p->data.items);
    free(p->test.items);
}

/* Explains inih's syntax error on physical line `line`. */
static void syntax_error(Parser *p, const char *text, size_t len, int line)
{
    const char *s = text, *end = text + len;
    for (int i = 1; i < line && s < end; i++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        s = nl ? nl + 1 : end;
    }
    while (s < end && is_space(*s))
        s++;
    if (s < end && *s == '[')
        fail(p, LESSON_ERR_SYNTAX, line,
             "a section header needs a closing ']'");
    else
        fail(p, LESSON_ERR_SYNTAX, line,
             "expected 'key = value', a [section], or a comment "
             "starting with ';' or '#'");
}

Lesson *lesson_load_string(const char *text, size_t len, const char *name,
                           LessonError *err)
{
    LessonError scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof *err);
    Parser p = {.name = name ? name : "<string>", .err = err,
                .last_field = -2};
    Lesson *l = NULL;

    if (len > MAX_FILE_BYTES) {
        fail(&p, LESSON_ERR_TOO_BIG, 0,
             "%zu bytes; a lesson file may have at most 1 MiB", len);
        goto fail;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    if (!check_bytes(&p, text, len))
        goto fail;

    p.cur = text;
    p.end = text + len;
    int bad = ini_parse_stream(read_line, &p, handle, &p);
    if (bad > 0) {
        /* inih goes on after a syntax error, so an error of ours may have
         * come later in the file: the earlier one is the one to report. */
        int line = bad; /* inih's count is read_line's: a line a call */
        if (!p.failed || line < err->line) {
            p.failed = false;
            syntax_error(&p, text, len, line);
        }
    }
    if (p.failed)
        goto fail;

    l = xcalloc(1, sizeof *l);
    l->path = xstrdup(p.name);
    l->name = base_name(p.name);
    vocab_init_source(&l->source_vocab);
    vocab_init_target(&l->target_vocab);
    if (!build(&p, l))
        goto fail;
    parser_deinit(&p);
    err->kind = LESSON_OK;
    return l;

fail:
    parser_deinit(&p);
    lesson_free(l);
    if (err->kind == LESSON_OK) { /* cannot happen; never report success */
        err->kind = LESSON_ERR_SYNTAX;
        snprintf(err->message, sizeof err->message, "unreadable lesson");
    }
    return NULL;
}

Lesson *lesson_load(const char *path, LessonError *err)
{
    LessonError scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof *err);
    snprintf(err->file, sizeof err->file, "%s", path);
    char *buf = NULL;
    Lesson *l = NULL;
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f) {
        err->kind = LESSON_ERR_IO;
        snprintf(err->message, sizeof err->message, "cannot open: %s",
                 strerror(errno));
        goto fail;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        err->kind = LESSON_ERR_IO;
        snprintf(err->message, sizeof err->message,
                 "is a folder, not a .lesson file");
        goto fail;
    }
    /* Read one byte past the limit so a too-big file (or a pipe) is told
     * from one that just fits, whatever stat says. */
    buf = xmalloc(MAX_FILE_BYTES + 1);
    size_t n = fread(buf, 1, MAX_FILE_BYTES + 1, f);
    if (ferror(f)) {
        err->kind = LESSON_ERR_IO;
        snprintf(err->message, sizeof err->message, "cannot read: %s",
                 strerror(errno));
        goto fail;
    }
    if (n > MAX_FILE_BYTES) {
        err->kind = LESSON_ERR_TOO_BIG;
        if (S_ISREG(st.st_mode))
            snprintf(err->message, sizeof err->message,
                     "%lld bytes; a lesson file may have at most 1 MiB",
                     (long long)st.st_size);
        else
            snprintf(err->message, sizeof err->message,
                     "over 1 MiB; a lesson file may have at most 1 MiB");
        goto fail;
    }
    l = lesson_load_string(buf, n, path, err);

fail:
    free(buf);
    if (f)
        fclose(f);
    return l;
}

static void free_pairs(LessonPair *ps, int n)
{
    for (int i = 0; i < n; i++) {
        free(ps[i].source);
        free(ps[i].target);
    }
    free(ps);
}

void lesson_free(Lesson *l)
{
    if (!l)
        return;
    free(l->path);
    free(l->name);
    for (int g = 0; g < LANG_COUNT; g++) {
        free(l->title[g]);
        free(l->description[g]);
    }
    vocab_deinit(&l->source_vocab);
    vocab_deinit(&l->target_vocab);
    free_pairs(l->pairs, l->pair_count);
    free_pairs(l->tests, l->test_count);
    free(l->input);
    for (int k = 0; k < STEP_KIND_COUNT; k++)
        for (int g = 0; g < LANG_COUNT; g++)
            free(l->narration[k][g]);
    free(l->example_logits);
    for (int i = 0; i < l->example_count; i++)
        free(l->example_labels[i]);
    free(l->example_labels);
    free(l);
}

void lesson_error_format(const LessonError *err, char *buf, size_t size)
{
    if (err->line > 0)
        snprintf(buf, size, "%s:%d: %s", err->file, err->line, err->message);
    else
        snprintf(buf, size, "%s: %s", err->file, err->message);
}

int lesson_split_input(const Lesson *l, const char *text, int *ids,
                       char **written, int max)
{
    const char *s = text, *start;
    size_t len;
    int n = 0;
    char tok[256];
    while (next_token(&s, l->source_tokenizer, &start, &len)) {
        if (n < max) {
            int id = -1;
            if (len < sizeof tok) {
                memcpy(tok, start, len);
                tok[len] = '\0';
                id = vocab_find(&l->source_vocab, tok);
            }
            ids[n] = id < 0 ? VOCAB_UNK : id;
            if (written)
                written[n] = xstrndup(start, len);
        }
        n++;
    }
    return n;
}

int lesson_tokenize_input(const Lesson *l, const char *text, int *ids,
                          int max, int *unknown)
{
    int n = lesson_split_input(l, text, ids, NULL, max);
    if (n < 1 || n > max)
        return -1;
    if (unknown) {
        *unknown = 0;
        for (int i = 0; i < n; i++)
            *unknown += ids[i] == VOCAB_UNK;
    }
    return n;
}

TrainPair *lesson_train_pairs(const Lesson *l)
{
    TrainPair *tp = xcalloc((size_t)l->pair_count, sizeof *tp);
    for (int i = 0; i < l->pair_count; i++)
        tp[i] = (TrainPair){
            .source = l->pairs[i].source,
            .source_len = l->pairs[i].source_len,
            .target = l->pairs[i].target,
            .target_len = l->pairs[i].target_len,
        };
    return tp;
}
