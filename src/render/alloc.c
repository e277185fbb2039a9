/* The renderer's growable array (alloc.h). */
#include "render/alloc.h"

void *render_grow(void *array, int *capacity, int need, int first,
                  size_t elem_size)
{
    if (need <= *capacity)
        return array;
    int cap = *capacity ? *capacity : first;
    while (cap < need)
        cap *= 2;
    *capacity = cap;
    return xrealloc(array, (size_t)cap * elem_size);
}
