/* Private to render/: the checked allocator and the growable array that
 * the renderer's buffers and caches share. Out of memory aborts with a
 * message: it is not recoverable in this program. */
#ifndef S2S_RENDER_ALLOC_H
#define S2S_RENDER_ALLOC_H

#include <stddef.h>

/* realloc that never returns NULL (size 0 allocates one byte). */
void *render_xrealloc(void *p, size_t size);

/* Returns array with room for at least need elements of elem_size bytes:
 * unchanged when *capacity suffices, otherwise reallocated to first
 * elements (when empty), doubled until need fits, with *capacity updated.
 * The contents are kept. */
void *render_grow(void *array, int *capacity, int need, int first,
                  size_t elem_size);

#endif
