/* The slide formats by file name, shared by the desktop writers (slides.c)
 * and the browser's stand-in (slides_web.c). */
#include "export/slides.h"

#include <string.h>
#include <strings.h>

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcasecmp(s + n - k, suffix) == 0;
}

SlidesFormat slides_format(const char *path)
{
    if (!path)
        return SLIDES_NONE;
    if (ends_with(path, ".pdf"))
        return SLIDES_PDF;
    if (ends_with(path, ".svg"))
        return SLIDES_SVG;
    if (ends_with(path, ".gif"))
        return SLIDES_GIF;
    return SLIDES_NONE;
}

bool slides_pdfpc_path(const char *pdf_path, char *out, size_t out_size)
{
    size_t n = strlen(pdf_path);
    if (!ends_with(pdf_path, ".pdf") || n - 4 + 7 > out_size)
        return false;
    memcpy(out, pdf_path, n - 4);
    memcpy(out + n - 4, ".pdfpc", 7);
    return true;
}
