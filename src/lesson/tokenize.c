/* The lesson's tokenizers (DESIGN.md, "Lessons"): words split at blanks,
 * or one token per character; used for the pairs and for typed input. */
#include <string.h>

#include "lesson/parser.h"
#include "utf8.h"
#include "xalloc.h"

/* The next token of s by the tokenizer: *start, *len; false at the end. */
bool parser_next_token(const char **s, Tokenizer tk, const char **start,
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
        int n = utf8_decode((const unsigned char *)c,
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


int lesson_split_input(const Lesson *l, const char *text, int *ids,
                       char **written, int max)
{
    const char *s = text, *start;
    size_t len;
    int n = 0;
    char tok[256];
    while (parser_next_token(&s, l->source_tokenizer, &start, &len)) {
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
