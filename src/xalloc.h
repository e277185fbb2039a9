/* The one checked allocator: out of memory is not recoverable in this
 * program, so these abort with one line instead of returning NULL, and
 * every caller stays short. Header-only, so the core (no SDL) and the SDL
 * layers share it without a common library. A size of 0 allocates 1 byte
 * so the result is never NULL. */
#ifndef S2S_XALLOC_H
#define S2S_XALLOC_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ends the program on out of memory; size 0 when a library allocated and
 * the size is not known (cJSON returns NULL). */
static inline void xalloc_fail(size_t size)
{
    if (size)
        fprintf(stderr, "seq2seq-viz: out of memory (%zu bytes)\n", size);
    else
        fputs("seq2seq-viz: out of memory\n", stderr);
    abort();
}

static inline void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        xalloc_fail(size);
    return p;
}

static inline void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        xalloc_fail(count * size);
    return p;
}

static inline void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        xalloc_fail(size);
    return q;
}

static inline char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static inline char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

#endif
