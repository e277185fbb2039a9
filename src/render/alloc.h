/* Private to render/: the growable array that the renderer's buffers and
 * caches share (allocation through the project's xalloc.h). */
#ifndef S2S_RENDER_ALLOC_H
#define S2S_RENDER_ALLOC_H

#include <stddef.h>

#include "xalloc.h"

/* Returns array with room for at least need elements of elem_size bytes:
 * unchanged when *capacity suffices, otherwise reallocated to first
 * elements (when empty), doubled until need fits, with *capacity updated.
 * The contents are kept. */
void *render_grow(void *array, int *capacity, int need, int first,
                  size_t elem_size);

#endif
