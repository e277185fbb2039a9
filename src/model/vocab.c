/* Vocabularies: token strings in order of first sight, with the reserved
 * entries (<unk> on the source side, <go> and <eos> on the target side)
 * at fixed indices so the model code can name them by constant. */
#include "model/vocab.h"

#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

void vocab_init(Vocab *v)
{
    v->tokens = NULL;
    v->count = 0;
    v->capacity = 0;
}

void vocab_init_source(Vocab *v)
{
    vocab_init(v);
    vocab_add(v, VOCAB_UNK_TOKEN);
}

void vocab_init_target(Vocab *v)
{
    vocab_init(v);
    vocab_add(v, VOCAB_GO_TOKEN);
    vocab_add(v, VOCAB_EOS_TOKEN);
}

void vocab_deinit(Vocab *v)
{
    if (!v)
        return;
    for (int i = 0; i < v->count; i++)
        free(v->tokens[i]);
    free(v->tokens);
    vocab_init(v);
}

int vocab_find(const Vocab *v, const char *token)
{
    /* Linear: lesson vocabularies hold tens of tokens, not thousands. */
    for (int i = 0; i < v->count; i++)
        if (strcmp(v->tokens[i], token) == 0)
            return i;
    return -1;
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xmalloc(n);
    memcpy(d, s, n);
    return d;
}

int vocab_add(Vocab *v, const char *token)
{
    int i = vocab_find(v, token);
    if (i >= 0)
        return i;
    if (v->count == v->capacity) {
        int cap = v->capacity ? v->capacity * 2 : 16;
        v->tokens = xrealloc(v->tokens, (size_t)cap * sizeof *v->tokens);
        v->capacity = cap;
    }
    v->tokens[v->count] = dup_string(token);
    return v->count++;
}

void vocab_copy(Vocab *dst, const Vocab *src)
{
    vocab_init(dst);
    for (int i = 0; i < src->count; i++)
        vocab_add(dst, src->tokens[i]);
}
