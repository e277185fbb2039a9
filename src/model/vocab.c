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
    v->slots = NULL;
    v->slot_count = 0;
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
    free(v->slots);
    vocab_init(v);
}

/* FNV-1a: short strings, no adversary worth more (a lesson is at most
 * 1 MiB, and a collision costs only a longer probe). */
static unsigned hash_string(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

int vocab_find(const Vocab *v, const char *token)
{
    if (!v->slots) {
        for (int i = 0; i < v->count; i++)
            if (strcmp(v->tokens[i], token) == 0)
                return i;
        return -1;
    }
    unsigned mask = (unsigned)v->slot_count - 1;
    for (unsigned at = hash_string(token) & mask;; at = (at + 1) & mask) {
        int i = v->slots[at];
        if (i < 0)
            return -1;
        if (strcmp(v->tokens[i], token) == 0)
            return i;
    }
}

static void index_insert(Vocab *v, int i)
{
    unsigned mask = (unsigned)v->slot_count - 1;
    unsigned at = hash_string(v->tokens[i]) & mask;
    while (v->slots[at] >= 0)
        at = (at + 1) & mask;
    v->slots[at] = i;
}

/* Keeps the index at most half full, rebuilding it twice as large. */
static void index_grow(Vocab *v)
{
    if (v->slots && 2 * (v->count + 1) <= v->slot_count)
        return;
    int n = v->slot_count ? v->slot_count * 2 : 64;
    free(v->slots);
    v->slots = xmalloc((size_t)n * sizeof *v->slots);
    v->slot_count = n;
    for (int k = 0; k < n; k++)
        v->slots[k] = -1;
    for (int k = 0; k < v->count; k++)
        index_insert(v, k);
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
    index_grow(v);
    v->tokens[v->count] = dup_string(token);
    index_insert(v, v->count);
    return v->count++;
}

void vocab_copy(Vocab *dst, const Vocab *src)
{
    vocab_init(dst);
    for (int i = 0; i < src->count; i++)
        vocab_add(dst, src->tokens[i]);
}
