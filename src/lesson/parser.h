/* Internal to lesson/: what the loader's files share -- the key schema
 * (schema.c), the Parser state the INI pass fills (reader.c: the byte check,
 * inih's line reader and handler), the conversion into a Lesson
 * (convert.c), the tokenizers (tokenize.c) and the one error value
 * (lesson.c). Not for use outside lesson/. */
#ifndef S2S_LESSON_PARSER_H
#define S2S_LESSON_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include <ini.h>

#include "lesson/lesson.h"

#define MAX_FILE_BYTES (1024 * 1024)
#define MAX_PAIRS 2000
#define MAX_TARGET_TOKENS (LESSON_MAX_INPUT - 1) /* <eos> makes 32 */
#define MAX_TITLE_BYTES 300
#define MAX_TEXT_BYTES 4000
#define MAX_EXAMPLE 16
/* Stands in for a long line's value inside inih; see reader.c. */
#define LONG_MARK "\x01"

static inline bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* The sections of a lesson file, in lessons/README.md order. */
#define SECTION_COUNT 6
extern const char *const section_names[SECTION_COUNT];

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
    F_ATTENTION,
    F_ATTENTION_SIZE,
    F_INPUT,
    F_LOGITS,
    F_LABELS,
    F_NARRATION, /* NARRATION_KEYS * LANG_COUNT entries follow */
    F_COUNT = F_NARRATION + NARRATION_KEYS * LANG_COUNT,
};

typedef struct {
    const char *section, *name;
    bool text; /* may be continued on indented lines */
} FieldDef;

/* Every key of a lesson file but the pairs (schema.c). */
extern const FieldDef fields[F_COUNT];

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

/* Records the first error only (later ones are consequences); returns
 * false so callers can "return parser_fail(...)". */
bool parser_fail(Parser *p, LessonErrorKind kind, int line, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

/* schema.c */
/* Copies s into buf for an error message, cut at a character boundary. */
const char *parser_quote(char *buf, size_t size, const char *s);
/* The candidate nearest to word when it is a plausible typo, else NULL. */
const char *parser_near_miss(const char *word, const char *const *cands,
                             int n);
/* The field of section.name, or -1. */
int parser_find_field(const char *section, const char *name);
/* Reports an unknown key, with the nearest known one when it looks like a
 * typo. Returns 0 (inih: stop). */
bool parser_unknown_key(Parser *p, const char *section, const char *name);

/* reader.c */
/* Rejects NUL bytes, broken UTF-8 and control characters, naming the line. */
bool parser_check_bytes(Parser *p, const char *text, size_t len);
/* inih's reader and handler (ini_parse_stream(parser_read_line, p,
 * parser_handle, p)). */
char *parser_read_line(char *buf, int size, void *stream);
#if INI_HANDLER_LINENO
int parser_handle(void *user, const char *section, const char *name,
                  const char *value, int lineno);
#else
int parser_handle(void *user, const char *section, const char *name,
                  const char *value);
#endif
/* Explains inih's syntax error on physical line `line`. */
void parser_syntax_error(Parser *p, const char *text, size_t len, int line);

/* convert.c */
/* Turns what the INI pass collected into l; false with p->err set. */
bool parser_build(Parser *p, Lesson *l);
/* The file name of path without folders and ".lesson" (malloc'd). */
char *parser_base_name(const char *path);

/* tokenize.c */
/* The next token of *s by the tokenizer: *start, *len; false at the end. */
bool parser_next_token(const char **s, Tokenizer tk, const char **start,
                       size_t *len);

#endif
