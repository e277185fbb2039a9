/* PNG files with libpng directly: a fast compression level and filter,
 * RGB when the picture is opaque, errors caught without longjmp leaks. */
#include "export/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <png.h>

#include "files.h"

typedef struct {
    char message[256];
} PngError;

static void png_on_error(png_structp png, png_const_charp message)
{
    PngError *e = png_get_error_ptr(png);
    snprintf(e->message, sizeof e->message, "%s", message);
    png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

/* Writes w x h RGBA pixels to fp as PNG: RGB when opaque, RGBA when
 * alpha is asked for. zlib level 3 without row filters: on these flat
 * pictures that measured ~20 ms at 1920x1080 against ~55 ms for
 * IMG_SavePNG (libpng defaults: level 6, adaptive filters, always RGBA),
 * for files about 1.2x as large (100-200 KB). Deterministic for a given
 * libpng and zlib. */
static bool png_write_pixels(FILE *fp, const unsigned char *pixels, int w,
                             int h, int pitch, bool alpha, char *reason,
                             size_t reason_size)
{
    PngError perr = {{0}};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &perr,
                                              png_on_error, png_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        set_err(reason, reason_size, "cannot start the PNG writer");
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        set_err(reason, reason_size, "%s", perr.message);
        return false;
    }
    png_init_io(png, fp);
    png_set_compression_level(png, 3);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (!alpha)
        png_set_filler(png, 0, PNG_FILLER_AFTER); /* drops A on write */
    for (int y = 0; y < h; y++)
        png_write_row(png, pixels + (size_t)y * (size_t)pitch);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return true;
}

/* Writes w x h RGBA pixels as PNG to a new temporary file beside
 * dir/name; its path goes to tmp. On failure nothing is left on disk. */
bool write_png_temp(const unsigned char *pixels, int w, int h,
                    int pitch, bool alpha, const char *dir,
                    const char *name, char *tmp, size_t tmp_size,
                    char *err, size_t err_size)
{
    FILE *fp = files_open_temp(dir, name, tmp, tmp_size, err, err_size);
    if (!fp)
        return false;
    char reason[256] = "";
    bool encoded = png_write_pixels(fp, pixels, w, h, pitch, alpha, reason,
                                    sizeof reason);
    /* An I/O error is the better explanation of a failed encoding. */
    if (!files_close_temp(fp, true, tmp, err, err_size))
        return false;
    if (!encoded) {
        set_err(err, err_size, "%s: cannot write PNG: %s", tmp, reason);
        unlink(tmp);
        return false;
    }
    return true;
}
