/* Native check that web/inih/ini.c (the web build's inih) calls the handler
 * exactly as Debian's libinih does: the same (section, name, value, line)
 * calls in the same order and the same return value, on every file given
 * on the command line (the shipped lessons) and on a table of awkward
 * inputs. Built by scripts/web-test.sh with the web file's functions
 * renamed compat_*, linked against -linih; exits 1 on the first
 * difference, naming the input. */
#define INI_HANDLER_LINENO 1
#include <ini.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int compat_ini_parse_string(const char *string, ini_handler handler,
                            void *user);

typedef struct {
    char *text;
    size_t len, cap;
    int stop_at; /* the handler returns 0 on this call (1-based), 0 never */
    int calls;
} Record;

static void append(Record *r, const char *s)
{
    size_t n = strlen(s);
    if (r->len + n + 1 > r->cap) {
        r->cap = (r->len + n + 1) * 2;
        r->text = realloc(r->text, r->cap);
        if (!r->text)
            abort();
    }
    memcpy(r->text + r->len, s, n + 1);
    r->len += n;
}

static int record(void *user, const char *section, const char *name,
                  const char *value, int lineno)
{
    Record *r = user;
    char head[64];
    snprintf(head, sizeof head, "%d:", lineno);
    append(r, head);
    append(r, section);
    append(r, "|");
    append(r, name);
    append(r, "|");
    append(r, value);
    append(r, "\n");
    r->calls++;
    return r->calls != r->stop_at;
}

/* 0 when both parsers agree on text (also with the handler failing on
 * its second call), else 1 with both records on stderr. */
static int compare(const char *label, const char *text)
{
    for (int stop = 0; stop <= 2; stop += 2) {
        Record a = {.stop_at = stop}, b = {.stop_at = stop};
        append(&a, "");
        append(&b, "");
        int ra = ini_parse_string(text, record, &a);
        int rb = compat_ini_parse_string(text, record, &b);
        int same = ra == rb && strcmp(a.text, b.text) == 0;
        if (!same)
            fprintf(stderr,
                    "inih parity: %s differs (handler stops at %d)\n"
                    "libinih returned %d:\n%s\nweb/inih returned %d:\n%s\n",
                    label, stop, ra, a.text, rb, b.text);
        free(a.text);
        free(b.text);
        if (!same)
            return 1;
    }
    return 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            buf = realloc(buf, cap);
            if (!buf)
                abort();
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    if (!buf)
        buf = calloc(1, 1);
    buf[len] = '\0';
    return buf;
}

int main(int argc, char **argv)
{
    static const char *const cases[] = {
        "",
        "[a]\nx=1\n\ny=2\n",
        "\xEF\xBB\xBF[bom]\nk = v\n",
        "no section = here\n[s]\n",
        "[s]\nkey\n",
        "[s\nk=v\n",
        "[s] ; comment\nk = v ; inline\nk2 = v;not inline\n",
        "[s]\nk = first\n  continued\n\tand tab ; c\n[t]\n  after section\n",
        "[s]\n; comment\n# hash\n  ; indented comment\nk : colon\n",
        "[s]\n = empty name\nk =\n",
        "[s]\r\nk = crlf\r\n",
        "[a very long section name that goes past fifty bytes for sure ok]\n"
        "a very long key name that goes past fifty bytes for sure, yes = v\n"
        "  and continues\n",
        "[s]\nk = 0123456789012345678901234567890123456789012345678901234567"
        "89012345678901234567890123456789012345678901234567890123456789012"
        "34567890123456789012345678901234567890123456789012345678901234567"
        "89 past two hundred bytes = then this\n",
        "[s]\nk = v\n[t]\nk = dup\nk = dup again\n",
    };
    int status = 0;
    char label[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(label, sizeof label, "case %zu", i + 1);
        status |= compare(label, cases[i]);
    }
    for (int i = 1; i < argc; i++) {
        char *text = slurp(argv[i]);
        if (!text) {
            fprintf(stderr, "inih parity: cannot read %s\n", argv[i]);
            return 1;
        }
        status |= compare(argv[i], text);
        free(text);
    }
    if (status == 0)
        printf("inih parity: %zu cases and %d files agree\n",
               sizeof cases / sizeof cases[0], argc - 1);
    return status;
}
