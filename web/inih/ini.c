/* The inih API (ini.h of Debian's libinih-dev, release 55) for the
 * WebAssembly build, used only when Debian's libinih source package cannot
 * be fetched (this machine's mirror lacks libinih_55.orig.tar.gz; see
 * docs/web.md). It follows the behaviour the lesson loader relies on, with
 * Debian's configuration: multi-line values, inline ';' comments after
 * whitespace (not on continuation lines), ';' and '#' comment lines, 50-byte section and key names,
 * lines handed in by the caller's reader, parsing going on after an error
 * and the first error's line returned. The desktop build links Debian's
 * real libinih; web/inih/parity.c checks, natively, that this file calls
 * the handler exactly as libinih does on every shipped lesson and a table
 * of awkward inputs (scripts/web-test.sh runs it). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ini.h"

#define MAX_SECTION 50
#define MAX_NAME 50

#if INI_HANDLER_LINENO
#define HANDLER(u, s, n, v) handler(u, s, n, v, lineno)
#else
#define HANDLER(u, s, n, v) handler(u, s, n, v)
#endif

static char *rstrip(char *s)
{
    char *p = s + strlen(s);
    while (p > s && isspace((unsigned char)(*--p)))
        *p = '\0';
    return s;
}

static char *lskip(const char *s)
{
    while (*s && isspace((unsigned char)(*s)))
        s++;
    return (char *)s;
}

/* The first of chars (or the end), or an inline comment: a prefix that
 * follows whitespace. */
static char *find_chars_or_comment(const char *s, const char *chars)
{
    int was_space = 0;
    while (*s && (!chars || !strchr(chars, *s)) &&
           !(was_space && strchr(INI_INLINE_COMMENT_PREFIXES, *s))) {
        was_space = isspace((unsigned char)(*s));
        s++;
    }
    return (char *)s;
}

/* strncpy that always terminates. */
static void copy_name(char *dest, const char *src, size_t size)
{
    size_t i;
    for (i = 0; i < size - 1 && src[i]; i++)
        dest[i] = src[i];
    dest[i] = '\0';
}

int ini_parse_stream(ini_reader reader, void *stream, ini_handler handler,
                     void *user)
{
    char line[INI_MAX_LINE];
    char section[MAX_SECTION] = "";
    char prev_name[MAX_NAME] = "";
    int lineno = 0;
    int error = 0;

    while (reader(line, INI_MAX_LINE, stream) != NULL) {
        lineno++;
        char *start = line;
        if (lineno == 1 && (unsigned char)start[0] == 0xEF &&
            (unsigned char)start[1] == 0xBB &&
            (unsigned char)start[2] == 0xBF)
            start += 3;
        start = lskip(rstrip(start));

        if (strchr(INI_START_COMMENT_PREFIXES, *start) && *start) {
            /* a comment line */
        } else if (*prev_name && *start && start > line) {
            /* An indented line after a key: the key's value goes on (as
             * libinih 55 does, without cutting an inline comment here). */
            if (!HANDLER(user, section, prev_name, start) && !error)
                error = lineno;
        } else if (*start == '[') {
            char *end = find_chars_or_comment(start + 1, "]");
            if (*end == ']') {
                *end = '\0';
                copy_name(section, start + 1, sizeof section);
                *prev_name = '\0';
            } else if (!error) {
                error = lineno;
            }
        } else if (*start) {
            char *end = find_chars_or_comment(start, "=:");
            if (*end == '=' || *end == ':') {
                *end = '\0';
                char *name = rstrip(start);
                char *value = end + 1;
                end = find_chars_or_comment(value, NULL);
                if (*end)
                    *end = '\0';
                value = lskip(value);
                rstrip(value);
                copy_name(prev_name, name, sizeof prev_name);
                if (!HANDLER(user, section, name, value) && !error)
                    error = lineno;
            } else if (!error) {
                error = lineno; /* no '=' or ':' */
            }
        }
    }
    return error;
}

int ini_parse_file(FILE *file, ini_handler handler, void *user)
{
    return ini_parse_stream((ini_reader)fgets, file, handler, user);
}

int ini_parse(const char *filename, ini_handler handler, void *user)
{
    FILE *file = fopen(filename, "r");
    if (!file)
        return -1;
    int error = ini_parse_file(file, handler, user);
    fclose(file);
    return error;
}

typedef struct {
    const char *ptr;
    size_t left;
} StringStream;

/* fgets over a string: up to num - 1 bytes, through the next '\n'. */
static char *string_reader(char *str, int num, void *stream)
{
    StringStream *ss = stream;
    if (ss->left == 0 || num < 2)
        return NULL;
    char *out = str;
    while (num > 1 && ss->left > 0) {
        char c = *ss->ptr++;
        ss->left--;
        *out++ = c;
        num--;
        if (c == '\n')
            break;
    }
    *out = '\0';
    return str;
}

int ini_parse_string(const char *string, ini_handler handler, void *user)
{
    StringStream ss = {string, strlen(string)};
    return ini_parse_stream(string_reader, &ss, handler, user);
}
