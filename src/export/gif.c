/* The animated GIF for slide software: each step's ease-in drawn frame by
 * frame by the cairo backend onto an image surface, then held on its
 * finished state; looping forever. Frames are the window's animation at
 * 20 frames a second: u = 1 - (1 - t)^3 (ease-out cubic, as app/clock.c)
 * over STEP_MS. Each frame after the first carries only the rectangle that
 * changed, its unchanged pixels transparent, and gets its own palette from
 * libimagequant (without dithering: flat colours stay flat, which is also
 * what keeps a 1280 x 720 step well under 2 MB). */
#include "export/slides_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>
#include <libimagequant.h>

#include "export/internal.h"
#include "files.h"
#include "xalloc.h"

/* The window's step animation (app/clock.h CLOCK_STEP_MS). */
#define STEP_MS 550.0
/* Centiseconds per animation frame (GIF delays are in 1/100 s). */
#define FRAME_CS 5
/* How long the finished state of a step stays up, in centiseconds. */
#define HOLD_CS 150
/* libimagequant's speed (1 best .. 10 fastest): 8 keeps a frame's palette
 * quick to find with no visible loss on flat colours. */
#define QUANT_SPEED 8

typedef struct {
    GifFileType *gif;
    int w, h;
    bool diff;          /* frames carry only what changed (opaque views) */
    uint8_t *rgba;      /* this frame, w x h RGBA */
    uint8_t *prev;      /* the frame shown before, or NULL */
    uint8_t *crop;      /* the changed rectangle, RGBA */
    uint8_t *indices;   /* its palette indices */
    /* The frame waiting for its delay: shown until the next one differs. */
    bool pending;
    int px, py, pw, ph, delay, transparent;
    GifColorType palette[256];
    int palette_size;
    uint8_t *pending_indices;
    liq_attr *attr;
} GifWriter;

static int gif_output(GifFileType *gif, const GifByteType *data, int n)
{
    return (int)fwrite(data, 1, (size_t)n, gif->UserData);
}

/* cairo's premultiplied native-endian ARGB into straight RGBA bytes. */
static void to_rgba(cairo_surface_t *s, uint8_t *out, int w, int h)
{
    cairo_surface_flush(s);
    const uint8_t *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        uint8_t *o = out + (size_t)y * w * 4;
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            unsigned a = p >> 24, r = (p >> 16) & 255, g = (p >> 8) & 255,
                     b = p & 255;
            if (a > 0 && a < 255) {
                r = (r * 255 + a / 2) / a;
                g = (g * 255 + a / 2) / a;
                b = (b * 255 + a / 2) / a;
            }
            o[4 * x] = (uint8_t)r;
            o[4 * x + 1] = (uint8_t)g;
            o[4 * x + 2] = (uint8_t)b;
            o[4 * x + 3] = (uint8_t)a;
        }
    }
}

/* The bounding box of pixels that differ from the previous frame; false
 * when none does. */
static bool changed_box(const GifWriter *g, int *x0, int *y0, int *x1,
                        int *y1)
{
    *x0 = g->w;
    *y0 = g->h;
    *x1 = *y1 = -1;
    const uint32_t *a = (const uint32_t *)g->rgba;
    const uint32_t *b = (const uint32_t *)g->prev;
    for (int y = 0; y < g->h; y++)
        for (int x = 0; x < g->w; x++)
            if (a[(size_t)y * g->w + x] != b[(size_t)y * g->w + x]) {
                if (x < *x0) *x0 = x;
                if (x > *x1) *x1 = x;
                if (y < *y0) *y0 = y;
                if (y > *y1) *y1 = y;
            }
    return *x1 >= 0;
}

/* Writes the pending frame with its delay. */
static bool flush_pending(GifWriter *g)
{
    if (!g->pending)
        return true;
    g->pending = false;
    GraphicsControlBlock gcb = {
        .DisposalMode = g->diff ? DISPOSE_DO_NOT : DISPOSE_BACKGROUND,
        .UserInputFlag = false,
        .DelayTime = g->delay,
        .TransparentColor = g->transparent,
    };
    GifByteType ext[4];
    size_t n = EGifGCBToExtension(&gcb, ext);
    int size = 2;
    while (size < g->palette_size)
        size *= 2;
    ColorMapObject *map = GifMakeMapObject(size, NULL);
    if (!map)
        return false;
    memset(map->Colors, 0, (size_t)size * sizeof *map->Colors);
    memcpy(map->Colors, g->palette,
           (size_t)g->palette_size * sizeof *map->Colors);
    bool ok = EGifPutExtension(g->gif, GRAPHICS_EXT_FUNC_CODE, (int)n, ext) ==
                  GIF_OK &&
              EGifPutImageDesc(g->gif, g->px, g->py, g->pw, g->ph, false,
                               map) == GIF_OK;
    for (int y = 0; y < g->ph && ok; y++)
        ok = EGifPutLine(g->gif, g->pending_indices + (size_t)y * g->pw,
                         g->pw) == GIF_OK;
    GifFreeMapObject(map);
    return ok;
}

/* Adds g->rgba as the next frame, shown for delay centiseconds. */
static bool add_frame(GifWriter *g, int delay, char *err, size_t err_size)
{
    int x0 = 0, y0 = 0, x1 = g->w - 1, y1 = g->h - 1;
    if (g->prev && g->diff && !changed_box(g, &x0, &y0, &x1, &y1)) {
        g->delay += delay; /* nothing moved: the last frame stays longer */
        return true;
    }
    if (!flush_pending(g)) {
        set_err(err, err_size, "cannot write a GIF frame");
        return false;
    }
    int cw = x1 - x0 + 1, ch = y1 - y0 + 1;
    for (int y = 0; y < ch; y++) {
        size_t src = ((size_t)(y0 + y) * g->w + x0) * 4;
        uint8_t *dst = g->crop + (size_t)y * cw * 4;
        memcpy(dst, g->rgba + src, (size_t)cw * 4);
        if (!g->prev || !g->diff)
            continue;
        /* Unchanged pixels turn transparent: the frame below shows. */
        const uint8_t *old = g->prev + src;
        for (int x = 0; x < cw; x++)
            if (memcmp(dst + 4 * x, old + 4 * x, 4) == 0)
                memset(dst + 4 * x, 0, 4);
    }
    liq_image *img = liq_image_create_rgba(g->attr, g->crop, cw, ch, 0);
    liq_result *res = NULL;
    if (!img || liq_image_quantize(img, g->attr, &res) != LIQ_OK) {
        if (img)
            liq_image_destroy(img);
        set_err(err, err_size, "cannot find a palette for a GIF frame");
        return false;
    }
    liq_set_dithering_level(res, 0.0f);
    liq_write_remapped_image(res, img, g->pending_indices,
                             (size_t)cw * ch);
    const liq_palette *pal = liq_get_palette(res);
    g->palette_size = (int)pal->count;
    g->transparent = NO_TRANSPARENT_COLOR;
    for (unsigned i = 0; i < pal->count; i++) {
        g->palette[i] = (GifColorType){pal->entries[i].r, pal->entries[i].g,
                                       pal->entries[i].b};
        if (pal->entries[i].a < 128 && g->transparent == NO_TRANSPARENT_COLOR)
            g->transparent = (int)i;
    }
    liq_result_destroy(res);
    liq_image_destroy(img);
    g->pending = true;
    g->px = x0;
    g->py = y0;
    g->pw = cw;
    g->ph = ch;
    g->delay = delay;
    if (!g->prev)
        g->prev = xrealloc(NULL, (size_t)g->w * g->h * 4);
    memcpy(g->prev, g->rgba, (size_t)g->w * g->h * 4);
    return true;
}

/* The GIF's header: the screen and the loop-forever extension. */
static bool put_header(GifWriter *g)
{
    static const unsigned char loop[3] = {1, 0, 0}; /* loop count 0 */
    EGifSetGifVersion(g->gif, true);
    return EGifPutScreenDesc(g->gif, g->w, g->h, 8, 0, NULL) == GIF_OK &&
           EGifPutExtensionLeader(g->gif, APPLICATION_EXT_FUNC_CODE) ==
               GIF_OK &&
           EGifPutExtensionBlock(g->gif, 11, "NETSCAPE2.0") == GIF_OK &&
           EGifPutExtensionBlock(g->gif, 3, loop) == GIF_OK &&
           EGifPutExtensionTrailer(g->gif) == GIF_OK;
}

/* Draws steps first..last frame by frame into g. */
static bool draw_frames(GifWriter *g, SlideCanvas *c, int first, int last,
                        cairo_t *cr, cairo_surface_t *surface, char *err,
                        size_t err_size)
{
    int frames = (int)(STEP_MS / (FRAME_CS * 10.0) + 0.5);
    for (int k = first; k <= last; k++) {
        for (int i = 0; i <= frames; i++) {
            double t = (double)i / frames, r = 1.0 - t;
            float u = (float)(1.0 - r * r * r);
            cairo_save(cr);
            cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
            cairo_paint(cr);
            cairo_restore(cr);
            if (!slide_draw(c, cr, k, u, err, err_size))
                return false;
            to_rgba(surface, g->rgba, g->w, g->h);
            if (!add_frame(g, i == frames ? HOLD_CS : FRAME_CS, err,
                           err_size))
                return false;
        }
    }
    if (!flush_pending(g)) {
        set_err(err, err_size, "cannot write a GIF frame");
        return false;
    }
    return true;
}

bool gif_write_temp(SlideCanvas *c, int first, int last, const char *dir,
                    const char *name, char *tmp, size_t tmp_size, char *err,
                    size_t err_size)
{
    FILE *fp = files_open_temp(dir, name, tmp, tmp_size, err, err_size);
    if (!fp)
        return false;
    size_t px = (size_t)c->w * c->h;
    GifWriter g = {.w = c->w, .h = c->h, .diff = !c->view->transparent};
    g.rgba = xrealloc(NULL, px * 4);
    g.crop = xrealloc(NULL, px * 4);
    g.pending_indices = xrealloc(NULL, px);
    g.attr = liq_attr_create();
    cairo_surface_t *surface =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, c->w, c->h);
    cairo_t *cr = cairo_create(surface);
    int gerr = 0;
    bool ok = false;
    if (!g.attr || cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        set_err(err, err_size, "cannot prepare a %dx%d GIF frame", c->w,
                c->h);
        goto done;
    }
    liq_set_speed(g.attr, QUANT_SPEED);
    g.gif = EGifOpen(fp, gif_output, &gerr);
    if (!g.gif || !put_header(&g)) {
        set_err(err, err_size, "%s: cannot write the GIF: %s", tmp,
                GifErrorString(g.gif ? g.gif->Error : gerr));
        goto done;
    }
    ok = draw_frames(&g, c, first, last, cr, surface, err, err_size);
done:
    if (g.gif && EGifCloseFile(g.gif, &gerr) != GIF_OK && ok) {
        set_err(err, err_size, "%s: cannot write the GIF: %s", tmp,
                GifErrorString(gerr));
        ok = false;
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    if (g.attr)
        liq_attr_destroy(g.attr);
    free(g.rgba);
    free(g.crop);
    free(g.prev);
    free(g.pending_indices);
    if (!ok) {
        fclose(fp);
        remove(tmp);
        return false;
    }
    return files_close_temp(fp, true, tmp, err, err_size);
}
