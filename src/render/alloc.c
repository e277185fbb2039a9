/* The renderer's checked allocator and growable array (alloc.h). */
#include "render/alloc.h"

#include <stdio.h>
#include <stdlib.h>

void *render_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fprintf(stderr, "render: out of memory (%zu bytes)\n", size);
        abort();
    }
    return q;
}

void *render_grow(void *array, int *capacity, int need, int first,
                  size_t elem_size)
{
    if (need <= *capacity)
        return array;
    int cap = *capacity ? *capacity : first;
    while (cap < need)
        cap *= 2;
    *capacity = cap;
    return render_xrealloc(array, (size_t)cap * elem_size);
}
