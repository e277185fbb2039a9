/* PNG export without a window: a software renderer draws each step onto an
 * offscreen surface at the asked pixel size (the scene is laid out for that
 * size, never scaled), and the picture is written as PNG. Nothing is lost:
 * every file goes to a temporary name in its final folder and is moved
 * into place only when the whole export is complete; without force the
 * move is a hard link, which fails rather than overwrite a file that
 * appeared meanwhile. Also the window's S (one view) and E (all steps)
 * savers, which write under the XDG pictures folder. */
#include "export/export.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <png.h>

#include "session/narration.h"
#include "paths.h"
#include "render/render.h"
#include "xalloc.h"

#define PATH_SIZE 4096

static void set_err(char *err, size_t size, const char *fmt, ...)
{
    if (!err || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
}

/* dir + "/" + name into out; false when it does not fit. */
static bool join_path(char *out, size_t size, const char *dir,
                      const char *name)
{
    size_t n = strlen(dir);
    const char *sep = n > 0 && dir[n - 1] == '/' ? "" : "/";
    int w = snprintf(out, size, "%s%s%s", dir, sep, name);
    return w >= 0 && (size_t)w < size;
}

/* Whether w x h is a picture size export takes; says why not in err. */
static bool valid_size(int w, int h, char *err, size_t err_size)
{
    if (w >= 1 && h >= 1 && w <= EXPORT_MAX_SIZE && h <= EXPORT_MAX_SIZE)
        return true;
    set_err(err, err_size,
            "bad size %dx%d: width and height must be 1 to %d pixels", w, h,
            EXPORT_MAX_SIZE);
    return false;
}

/* stem + suffix into out for n = 1, stem + "-n" + suffix after that: the
 * n-th name tried for a new file or folder. */
static void numbered_name(char *out, size_t size, const char *stem, int n,
                          const char *suffix)
{
    if (n == 1)
        snprintf(out, size, "%s%s", stem, suffix);
    else
        snprintf(out, size, "%s-%d%s", stem, n, suffix);
}

/* ---- Offscreen drawing ------------------------------------------------ */

typedef struct {
    bool video; /* we hold a reference on SDL's video subsystem */
    SDL_Surface *surface;
    SDL_Renderer *sdl;
    RenderContext *rc;
    Scene scene;
    int w, h;
} Offscreen;

/* R, G, B, A bytes in memory on every machine: what the PNG writer takes
 * row by row without conversion. */
#define SURFACE_FORMAT SDL_PIXELFORMAT_RGBA32

static void offscreen_close(Offscreen *o)
{
    scene_deinit(&o->scene);
    render_destroy(o->rc);
    if (o->sdl)
        SDL_DestroyRenderer(o->sdl);
    SDL_FreeSurface(o->surface);
    if (o->video)
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    memset(o, 0, sizeof *o);
}

/* Prepares a w x h software canvas with the font (NULL = shipped). Works
 * with no display: when SDL's video is not running yet it is started with
 * the dummy driver (export never needs a window). */
static bool offscreen_open(Offscreen *o, int w, int h, const char *font_path,
                           char *err, size_t err_size)
{
    memset(o, 0, sizeof *o);
    scene_init(&o->scene);
    o->w = w;
    o->h = h;
    char *found = NULL;

    if (!SDL_WasInit(SDL_INIT_VIDEO)) {
        /* Override even SDL_VIDEODRIVER: an x11 driver with DISPLAY unset
         * would fail, and nothing here is ever shown. */
        SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "dummy",
                                SDL_HINT_OVERRIDE);
        int rc = SDL_InitSubSystem(SDL_INIT_VIDEO);
#if SDL_VERSION_ATLEAST(2, 24, 0)
        SDL_ResetHint(SDL_HINT_VIDEODRIVER);
#endif
        if (rc != 0) {
            set_err(err, err_size, "cannot start SDL video: %s",
                    SDL_GetError());
            goto fail;
        }
        o->video = true;
    }
    o->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SURFACE_FORMAT);
    if (!o->surface) {
        set_err(err, err_size, "cannot create a %dx%d picture: %s", w, h,
                SDL_GetError());
        goto fail;
    }
    o->sdl = SDL_CreateSoftwareRenderer(o->surface);
    if (!o->sdl) {
        set_err(err, err_size, "cannot create a software renderer: %s",
                SDL_GetError());
        goto fail;
    }
    if (!font_path) {
        found = paths_asset(PATHS_FONT_FILE);
        if (!found) {
            set_err(err, err_size,
                    "cannot find the font %s (set S2S_ASSETS_DIR)",
                    PATHS_FONT_FILE);
            goto fail;
        }
        font_path = found;
    }
    o->rc = render_create(o->sdl, font_path, err, err_size);
    if (!o->rc)
        goto fail;
    free(found);
    return true;
fail:
    free(found);
    offscreen_close(o);
    return false;
}

/* Draws step k (0-based) of the session, finished, into o->surface; the
 * session's own step stays where it is. */
static bool offscreen_draw(Offscreen *o, const Session *session, int k,
                           const ViewOptions *view, char *err,
                           size_t err_size)
{
    SceneInput in;
    scene_input_at(session, k, 1.0f, &in);
    scene_build(&o->scene, &in, view, render_text_measure(o->rc, o->w, o->h));

    if (!render_scene(o->rc, &o->scene, o->w, o->h)) {
        set_err(err, err_size, "cannot draw step %d: %s", k + 1,
                render_error(o->rc));
        return false;
    }
    if (SDL_RenderFlush(o->sdl) != 0) {
        set_err(err, err_size, "cannot draw the picture: %s",
                SDL_GetError());
        return false;
    }
    return true;
}

/* ---- Files ------------------------------------------------------------ */

/* Creates a new file "dir/.name.tmp-PID[-n]" that did not exist; its path
 * goes to tmp. Returns an open stream or NULL with errno set. */
static FILE *create_temp(const char *dir, const char *name, char *tmp,
                         size_t tmp_size)
{
    for (int n = 1; n < 100; n++) {
        char stem[480], base[512];
        snprintf(stem, sizeof stem, ".%s.tmp-%ld", name, (long)getpid());
        numbered_name(base, sizeof base, stem, n, "");
        if (!join_path(tmp, tmp_size, dir, base)) {
            errno = ENAMETOOLONG;
            return NULL;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0) {
            if (errno == EEXIST)
                continue;
            return NULL;
        }
        FILE *fp = fdopen(fd, "wb");
        if (!fp) {
            int e = errno;
            close(fd);
            unlink(tmp);
            errno = e;
            return NULL;
        }
        return fp;
    }
    errno = EEXIST;
    return NULL;
}

/* create_temp, saying in err when it fails. */
static FILE *open_temp(const char *dir, const char *name, char *tmp,
                       size_t tmp_size, char *err, size_t err_size)
{
    FILE *fp = create_temp(dir, name, tmp, tmp_size);
    if (!fp)
        set_err(err, err_size, "%s: cannot write in this folder: %s", dir,
                strerror(errno));
    return fp;
}

/* Closes the temporary file tmp. written is false when a write to fp
 * already failed (errno says why). On a write or close error, says so in
 * err, removes tmp and returns false. */
static bool close_temp(FILE *fp, bool written, const char *tmp, char *err,
                       size_t err_size)
{
    bool ok = written && ferror(fp) == 0;
    int e = errno;
    if (fclose(fp) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        set_err(err, err_size, "%s: cannot write: %s", tmp, strerror(e));
        unlink(tmp);
    }
    return ok;
}

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
static bool write_png_temp(const unsigned char *pixels, int w, int h,
                           int pitch, bool alpha, const char *dir,
                           const char *name, char *tmp, size_t tmp_size,
                           char *err, size_t err_size)
{
    FILE *fp = open_temp(dir, name, tmp, tmp_size, err, err_size);
    if (!fp)
        return false;
    char reason[256] = "";
    bool encoded = png_write_pixels(fp, pixels, w, h, pitch, alpha, reason,
                                    sizeof reason);
    /* An I/O error is the better explanation of a failed encoding. */
    if (!close_temp(fp, true, tmp, err, err_size))
        return false;
    if (!encoded) {
        set_err(err, err_size, "%s: cannot write PNG: %s", tmp, reason);
        unlink(tmp);
        return false;
    }
    return true;
}

/* Writes text to a new temporary file beside dir/name (path to tmp). */
static bool write_text_temp(const char *text, const char *dir,
                            const char *name, char *tmp, size_t tmp_size,
                            char *err, size_t err_size)
{
    FILE *fp = open_temp(dir, name, tmp, tmp_size, err, err_size);
    if (!fp)
        return false;
    size_t len = strlen(text);
    bool written = fwrite(text, 1, len, fp) == len;
    return close_temp(fp, written, tmp, err, err_size);
}

/* Moves tmp to path. Without overwrite it never replaces a file: a hard
 * link fails with EEXIST when path exists (on file systems without hard
 * links, a check then rename, which is as good as they allow). */
static bool move_into_place(const char *tmp, const char *path,
                            bool overwrite)
{
    if (overwrite)
        return rename(tmp, path) == 0;
    if (link(tmp, path) == 0) {
        unlink(tmp);
        return true;
    }
    if (errno == EEXIST)
        return false;
    struct stat st;
    if (lstat(path, &st) == 0) {
        errno = EEXIST;
        return false;
    }
    return rename(tmp, path) == 0;
}

/* A growing string for notes.md. */
typedef struct {
    char *data;
    size_t len, cap;
} Text;

static void text_add(Text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 1024;
        while (t->len + n + 1 > cap)
            cap *= 2;
        t->data = xrealloc(t->data, cap);
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n + 1);
    t->len += n;
}

/* The speaker notes: the lesson's title, what is shown, then per step
 * "## Step N — title" and its narration. */
static char *notes_markdown(const Session *session, int first, int last, Lang lang)
{
    const Lesson *l = session->course->lesson;
    const Trace *trace = session_trace(session);
    const Timeline *tl = session_timeline(session);
    Text t = {0};
    text_add(&t, "# ");
    text_add(&t, l->title[lang]);
    text_add(&t, "\n\n");
    text_add(&t, lang == LANG_ZH ? "解码器：" : "Decoder: ");
    text_add(&t, variant_name(session->variant));
    text_add(&t, lang == LANG_ZH ? " · 上下文 C：" : " · context C: ");
    text_add(&t, context_name(session->context));
    text_add(&t, lang == LANG_ZH ? " · 输入：" : " · input: ");
    for (int i = 0; i < session->input_len; i++) {
        if (i > 0)
            text_add(&t, " ");
        text_add(&t, session->input_tokens[i]);
    }
    text_add(&t, "\n");
    for (int k = first; k <= last; k++) {
        const Step *step = &tl->steps[k];
        char head[64];
        snprintf(head, sizeof head, "\n## Step %d — ", k + 1);
        const char *const *typed =
            (const char *const *)session->input_tokens;
        char *title = narration_step_title(l, trace, step, lang, typed);
        char *body = narration_for_step(l, trace, session->variant,
                                        session->context, step, lang, typed);
        text_add(&t, head);
        text_add(&t, title);
        text_add(&t, "\n\n");
        text_add(&t, body);
        text_add(&t, "\n");
        free(title);
        free(body);
    }
    return t.data;
}

/* "step-001.png" ... */
static void step_file_name(char *buf, size_t size, int k)
{
    snprintf(buf, size, "step-%03d.png", k + 1);
}

/* True for "step-<digits>.png"; its number (1-based) goes to *number. */
static bool is_step_file(const char *name, long *number)
{
    if (strncmp(name, "step-", 5) != 0)
        return false;
    const char *p = name + 5;
    if (*p < '0' || *p > '9')
        return false;
    char *end;
    long n = strtol(p, &end, 10);
    if (strcmp(end, ".png") != 0)
        return false;
    *number = n;
    return true;
}

/* The first file of an earlier export in dir (a step PNG or notes.md)
 * into found; false when there is none. */
static bool find_earlier_export(const char *dir, char *found, size_t size)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool any = false;
    struct dirent *e;
    while ((e = readdir(d))) {
        long n;
        if (strcmp(e->d_name, "notes.md") == 0 ||
            is_step_file(e->d_name, &n)) {
            if (!any || strcmp(e->d_name, found) < 0)
                snprintf(found, size, "%s", e->d_name);
            any = true;
        }
    }
    closedir(d);
    return any;
}

/* After a forced full export of `count` steps: removes step PNGs of an
 * earlier, longer export so the folder holds one export only. */
static void remove_stale_steps(const char *dir, int count)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        long n;
        char path[PATH_SIZE];
        char own[32];
        if (!is_step_file(e->d_name, &n))
            continue;
        if (n >= 1 && n <= count) {
            step_file_name(own, sizeof own, (int)n - 1);
            if (strcmp(own, e->d_name) == 0)
                continue;
        }
        if (join_path(path, sizeof path, dir, e->d_name))
            unlink(path);
    }
    closedir(d);
}

/* ---- The batch -------------------------------------------------------- */

typedef struct {
    char **tmp;  /* written temporary files, owned */
    char **path; /* their final names, owned */
    bool *moved; /* already moved into place */
    int count;
} Batch;

static void batch_init(Batch *b, int capacity)
{
    b->tmp = xcalloc((size_t)capacity, sizeof *b->tmp);
    b->path = xcalloc((size_t)capacity, sizeof *b->path);
    b->moved = xcalloc((size_t)capacity, sizeof *b->moved);
    b->count = 0;
}

static void batch_add(Batch *b, const char *tmp, const char *path)
{
    b->tmp[b->count] = xstrdup(tmp);
    b->path[b->count] = xstrdup(path);
    b->moved[b->count] = false;
    b->count++;
}

/* Removes everything the batch wrote, temporary or moved. */
static void batch_discard(Batch *b)
{
    for (int i = 0; i < b->count; i++)
        unlink(b->moved[i] ? b->path[i] : b->tmp[i]);
}

static void batch_deinit(Batch *b)
{
    for (int i = 0; i < b->count; i++) {
        free(b->tmp[i]);
        free(b->path[i]);
    }
    free(b->tmp);
    free(b->path);
    free(b->moved);
    memset(b, 0, sizeof *b);
}

/* Moves every file into place; on the first failure undoes the batch. */
static bool batch_commit(Batch *b, bool overwrite, char *err,
                         size_t err_size)
{
    for (int i = 0; i < b->count; i++) {
        if (!move_into_place(b->tmp[i], b->path[i], overwrite)) {
            set_err(err, err_size, "%s: %s", b->path[i],
                    errno == EEXIST ? "appeared during the export; "
                                      "nothing was written"
                                    : strerror(errno));
            batch_discard(b);
            return false;
        }
        b->moved[i] = true;
    }
    return true;
}

/* ---- The encoder thread ----------------------------------------------- */

/* Encoding a PNG takes longer than drawing a step, so while step k is
 * encoded on this thread the next one is drawn: a step then costs about
 * the larger of the two instead of their sum. */
typedef struct {
    SDL_Thread *thread;    /* running, or NULL */
    bool pending;          /* a step was handed over and not collected */
    unsigned char *pixels; /* owned copy of the picture */
    size_t pixels_size;
    int w, h, pitch;
    bool alpha;
    const char *dir; /* borrowed */
    char name[32], path[PATH_SIZE], tmp[PATH_SIZE];
    bool ok;
    char err[1024];
} Encoder;

static int encoder_main(void *data)
{
    Encoder *e = data;
    e->ok = write_png_temp(e->pixels, e->w, e->h, e->pitch, e->alpha, e->dir,
                           e->name, e->tmp, sizeof e->tmp, e->err,
                           sizeof e->err);
    return 0;
}

/* Hands a copy of the surface over to be written as dir/name (final path
 * path). The previous step must have been collected. */
static void encoder_start(Encoder *e, SDL_Surface *s, bool alpha,
                          const char *dir, const char *name,
                          const char *path)
{
    size_t size = (size_t)s->pitch * (size_t)s->h;
    if (size > e->pixels_size) {
        free(e->pixels);
        e->pixels = malloc(size);
        e->pixels_size = e->pixels ? size : 0;
    }
    e->w = s->w;
    e->h = s->h;
    e->pitch = s->pitch;
    e->alpha = alpha;
    e->dir = dir;
    snprintf(e->name, sizeof e->name, "%s", name);
    snprintf(e->path, sizeof e->path, "%s", path);
    e->pending = true;
    if (!e->pixels) {
        /* No memory for a copy (a huge picture): encode from the surface
         * itself, in turn. */
        e->ok = write_png_temp(s->pixels, e->w, e->h, e->pitch, alpha, dir,
                               name, e->tmp, sizeof e->tmp, e->err,
                               sizeof e->err);
        e->thread = NULL;
        return;
    }
    memcpy(e->pixels, s->pixels, size);
    e->thread = SDL_CreateThread(encoder_main, "s2s-png", e);
    if (!e->thread)
        encoder_main(e); /* no thread: the same work, in turn */
}

/* Waits for the step handed over (if any); when it was written its files
 * join the batch, else the reason goes to err. */
static bool encoder_collect(Encoder *e, Batch *batch, char *err,
                            size_t err_size)
{
    if (!e->pending)
        return true;
    if (e->thread)
        SDL_WaitThread(e->thread, NULL);
    e->thread = NULL;
    e->pending = false;
    if (!e->ok) {
        set_err(err, err_size, "%s", e->err);
        return false;
    }
    batch_add(batch, e->tmp, e->path);
    return true;
}

static void encoder_deinit(Encoder *e)
{
    free(e->pixels);
    memset(e, 0, sizeof *e);
}

/* The stderr progress bar. */
static void progress_bar(int done, int total)
{
    enum { WIDTH = 30 };
    char bar[WIDTH + 1];
    int fill = total > 0 ? done * WIDTH / total : WIDTH;
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\rexporting [%s] %d/%d", bar, done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

int export_run(const Session *session, const ExportDesc *desc, char *err,
               size_t err_size)
{
    int w = desc->width, h = desc->height;
    if (w == 0 && h == 0) {
        w = EXPORT_DEFAULT_WIDTH;
        h = EXPORT_DEFAULT_HEIGHT;
    }
    if (!valid_size(w, h, err, err_size))
        return EXPORT_USAGE;
    int count = session_step_count(session);
    if (desc->step < 0 || desc->step > count) {
        set_err(err, err_size, "step %d is out of range: this lesson has "
                               "steps 1 to %d",
                desc->step, count);
        return EXPORT_USAGE;
    }
    const char *dir = desc->dir;
    struct stat st;
    if (!dir || !*dir) {
        set_err(err, err_size, "no export folder given");
        return EXPORT_USAGE;
    }
    if (stat(dir, &st) != 0) {
        set_err(err, err_size, "%s: %s (the export folder must exist)", dir,
                strerror(errno));
        return EXPORT_FAILED;
    }
    if (!S_ISDIR(st.st_mode)) {
        set_err(err, err_size, "%s: not a folder", dir);
        return EXPORT_FAILED;
    }
    char earlier[256];
    if (!desc->force && find_earlier_export(dir, earlier, sizeof earlier)) {
        set_err(err, err_size,
                "%s already holds an export (%s); use --force to replace it",
                dir, earlier);
        return EXPORT_USAGE;
    }

    int first = desc->step ? desc->step - 1 : 0;
    int last = desc->step ? desc->step - 1 : count - 1;
    int total = last - first + 1;
    bool bar = desc->progress && isatty(STDERR_FILENO);
    int status = EXPORT_FAILED;
    char tmp[PATH_SIZE], path[PATH_SIZE], name[32];
    char *notes = NULL;
    Batch batch;
    batch_init(&batch, total + 1);
    Encoder enc = {0};
    Offscreen o;
    if (!offscreen_open(&o, w, h, desc->font_path, err, err_size)) {
        batch_deinit(&batch);
        return EXPORT_FAILED;
    }

    for (int k = first; k <= last + 1; k++) {
        if (k <= last) {
            step_file_name(name, sizeof name, k);
            if (!join_path(path, sizeof path, dir, name)) {
                set_err(err, err_size, "%s: path too long", dir);
                goto fail;
            }
            if (!offscreen_draw(&o, session, k, &desc->view, err, err_size))
                goto fail;
        }
        /* The previous step's PNG, encoded meanwhile. */
        bool had = enc.pending;
        if (!encoder_collect(&enc, &batch, err, err_size))
            goto fail;
        if (had) {
            int done = batch.count;
            if (bar)
                progress_bar(done, total);
            if (desc->on_step.func &&
                !desc->on_step.func(desc->on_step.ctx, done, total)) {
                set_err(err, err_size, "export cancelled");
                status = EXPORT_CANCELLED;
                goto fail;
            }
        }
        if (k <= last)
            encoder_start(&enc, o.surface, desc->view.transparent, dir, name,
                          path);
    }
    notes = notes_markdown(session, first, last, desc->view.lang);
    if (!join_path(path, sizeof path, dir, "notes.md")) {
        set_err(err, err_size, "%s: path too long", dir);
        goto fail;
    }
    if (!write_text_temp(notes, dir, "notes.md", tmp, sizeof tmp, err,
                         err_size))
        goto fail;
    batch_add(&batch, tmp, path);
    if (!batch_commit(&batch, desc->force, err, err_size))
        goto fail_committed;
    if (desc->force && desc->step == 0)
        remove_stale_steps(dir, count);
    status = EXPORT_OK;
    goto done;

fail:
    if (bar)
        fputc('\n', stderr);
    encoder_collect(&enc, &batch, NULL, 0);
    batch_discard(&batch);
fail_committed:
done:
    encoder_deinit(&enc);
    free(notes);
    offscreen_close(&o);
    batch_deinit(&batch);
    return status;
}

/* ---- The window's savers ---------------------------------------------- */

/* mkdir -p. */
static bool make_dirs(const char *path, char *err, size_t err_size)
{
    char buf[PATH_SIZE];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        set_err(err, err_size, "%s: path too long", path);
        return false;
    }
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            set_err(err, err_size, "%s: cannot create folder: %s", buf,
                    strerror(errno));
            return false;
        }
        *p = c;
        if (c == '\0')
            break;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        set_err(err, err_size, "%s: not a folder", path);
        return false;
    }
    return true;
}

/* XDG_PICTURES_DIR from user-dirs.dirs ("$HOME/..." or absolute), into
 * out; false when the file or the line is not there. */
static bool read_user_dirs(const char *home, char *out, size_t size)
{
    char file[PATH_SIZE];
    const char *config = getenv("XDG_CONFIG_HOME");
    int n = config && config[0] == '/'
                ? snprintf(file, sizeof file, "%s/user-dirs.dirs", config)
                : snprintf(file, sizeof file, "%s/.config/user-dirs.dirs",
                           home);
    if (n < 0 || (size_t)n >= sizeof file)
        return false;
    FILE *fp = fopen(file, "r");
    if (!fp)
        return false;
    bool found = false;
    char line[PATH_SIZE];
    while (!found && fgets(line, sizeof line, fp)) {
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        static const char key[] = "XDG_PICTURES_DIR=\"";
        if (strncmp(p, key, sizeof key - 1) != 0)
            continue;
        p += sizeof key - 1;
        const char *end = strchr(p, '"');
        if (!end)
            continue;
        int len = (int)(end - p);
        if (strncmp(p, "$HOME", 5) == 0 && (len == 5 || p[5] == '/'))
            n = snprintf(out, size, "%s%.*s", home, len - 5, p + 5);
        else if (p[0] == '/')
            n = snprintf(out, size, "%.*s", len, p);
        else
            continue;
        found = n > 0 && (size_t)n < size;
    }
    fclose(fp);
    return found;
}

bool export_pictures_dir(char *out, size_t out_size, char *err,
                         size_t err_size)
{
    char base[PATH_SIZE];
    const char *env = getenv("XDG_PICTURES_DIR");
    const char *home = getenv("HOME");
    if (env && env[0] == '/') {
        snprintf(base, sizeof base, "%s", env);
    } else if (!home || home[0] != '/') {
        set_err(err, err_size, "cannot find the pictures folder: HOME is "
                               "not set (set XDG_PICTURES_DIR)");
        return false;
    } else if (!read_user_dirs(home, base, sizeof base)) {
        snprintf(base, sizeof base, "%s/Pictures", home);
    }
    if (!join_path(out, out_size, base, "seq2seq-viz")) {
        set_err(err, err_size, "%s: path too long", base);
        return false;
    }
    return make_dirs(out, err, err_size);
}

bool export_save_view(const Session *session, const ViewOptions *view, int w, int h,
                      const char *font_path, char *out_path,
                      size_t out_size, char *err, size_t err_size)
{
    if (!valid_size(w, h, err, err_size))
        return false;
    char dir[PATH_SIZE], slug[256], name[320], tmp[PATH_SIZE];
    char path[PATH_SIZE];
    if (!export_pictures_dir(dir, sizeof dir, err, err_size))
        return false;
    session_slug(session, slug, sizeof slug);
    int step = session->step;
    Offscreen o;
    if (!offscreen_open(&o, w, h, font_path, err, err_size))
        return false;
    bool ok = offscreen_draw(&o, session, step, view, err, err_size);
    char stem[280];
    snprintf(stem, sizeof stem, "%s-step-%03d", slug, step + 1);
    numbered_name(name, sizeof name, stem, 1, ".png");
    ok = ok && write_png_temp(o.surface->pixels, w, h, o.surface->pitch,
                              view->transparent, dir, name, tmp, sizeof tmp,
                              err, err_size);
    offscreen_close(&o);
    if (!ok)
        return false;

    bool placed = false, failed = false;
    for (int n = 1; n < 10000 && !placed && !failed; n++) {
        numbered_name(name, sizeof name, stem, n, ".png");
        if (!join_path(path, sizeof path, dir, name)) {
            set_err(err, err_size, "%s: path too long", dir);
            failed = true;
        } else if (move_into_place(tmp, path, false)) {
            placed = true;
        } else if (errno != EEXIST) {
            set_err(err, err_size, "%s: %s", path, strerror(errno));
            failed = true;
        }
    }
    if (!placed) {
        if (!failed)
            set_err(err, err_size, "%s: too many screenshots of this step",
                    dir);
        unlink(tmp);
        return false;
    }
    snprintf(out_path, out_size, "%s", path);
    return true;
}

int export_all_steps(const Session *session, const ViewOptions *view, int w, int h,
                     const char *font_path, ExportProgress progress,
                     char *out_dir, size_t out_size, char *err,
                     size_t err_size)
{
    if (!valid_size(w, h, err, err_size))
        return EXPORT_USAGE;
    char base[PATH_SIZE], slug[256], name[320], dir[PATH_SIZE];
    if (!export_pictures_dir(base, sizeof base, err, err_size))
        return EXPORT_FAILED;
    session_slug(session, slug, sizeof slug);
    char stem[280];
    snprintf(stem, sizeof stem, "%s-steps", slug);
    bool made = false;
    for (int n = 1; n < 10000 && !made; n++) {
        numbered_name(name, sizeof name, stem, n, "");
        if (!join_path(dir, sizeof dir, base, name)) {
            set_err(err, err_size, "%s: path too long", base);
            return EXPORT_FAILED;
        }
        if (mkdir(dir, 0777) == 0)
            made = true;
        else if (errno != EEXIST) {
            set_err(err, err_size, "%s: cannot create folder: %s", dir,
                    strerror(errno));
            return EXPORT_FAILED;
        }
    }
    if (!made) {
        set_err(err, err_size, "%s: too many exports of this lesson", base);
        return EXPORT_FAILED;
    }
    ExportDesc desc = {
        .dir = dir,
        .width = w,
        .height = h,
        .view = *view,
        .font_path = font_path,
        .on_step = progress,
    };
    int status = export_run(session, &desc, err, err_size);
    if (status != EXPORT_OK) {
        rmdir(dir);
        return status;
    }
    snprintf(out_dir, out_size, "%s", dir);
    return EXPORT_OK;
}
