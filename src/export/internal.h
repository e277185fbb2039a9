/* Internal to export/: what its files share. Not for use outside. */
#ifndef S2S_EXPORT_INTERNAL_H
#define S2S_EXPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "export/export.h"
#include "render/render.h"

/* Room for a file's path: PATH_MAX on Linux, so any path the system takes. */
#define PATH_SIZE 4096

/* Formats a one-line reason into err (which may be NULL). */
void set_err(char *err, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Whether w x h is a picture size export takes; says why not in err. */
bool valid_size(int w, int h, char *err, size_t err_size);

/* offscreen.c */
/* A software canvas with no window: where every export draws a step.
 * Its pixels live in one of up to OFFSCREEN_BUFFERS buffers made once, so
 * a batch export draws step k+1 into one while encoder threads read the
 * steps before it from the others, with no copy and no fresh memory per
 * step. */
#define OFFSCREEN_BUFFERS 3
typedef struct {
    bool video; /* we hold a reference on SDL's video subsystem */
    SDL_Surface *surface; /* over pixels[current] */
    unsigned char *pixels[OFFSCREEN_BUFFERS];
    int buffers; /* how many pixels[] there are */
    size_t pixels_size;
    int current;
    SDL_Thread *warm; /* writing the buffers once, or NULL */
    SDL_Renderer *sdl;
    RenderContext *rc;
    Scene scene; /* the step being drawn, built anew for each one */
    int w, h;    /* the canvas in pixels */
} Offscreen;
/* R, G, B, A bytes in memory on every machine: what the PNG writer takes
 * row by row without conversion. */
#define SURFACE_FORMAT SDL_PIXELFORMAT_RGBA32

/* Frees what offscreen_open made (safe on a zeroed or half-opened one). */
void offscreen_close(Offscreen *o);

/* Prepares a w x h software canvas with the font (NULL = shipped) and
 * up to `buffers` picture buffers (1 to OFFSCREEN_BUFFERS; fewer when
 * memory is short). Works with no display: when SDL's video is not
 * running yet it is started with the dummy driver (export never needs a
 * window). */
bool offscreen_open(Offscreen *o, int w, int h, int buffers,
                    const char *font_path, char *err, size_t err_size);

/* Draws step k (0-based) of the session, finished, into o->surface; the
 * session's own step stays where it is. */
bool offscreen_draw(Offscreen *o, const Session *session, int k,
                    const ViewOptions *view, char *err,
                    size_t err_size);

/* Points the canvas at its next buffer (in turn), so the pictures drawn
 * into the others stay untouched (for the encoders) while the next is
 * drawn. False when it has one buffer only: the canvas then stays where
 * it is and the caller must be done with the picture before drawing
 * again. */
bool offscreen_flip(Offscreen *o);

/* png.c */
/* Writes w x h RGBA pixels as PNG to a new temporary file beside
 * dir/name; its path goes to tmp. On failure nothing is left on disk. */
bool write_png_temp(const unsigned char *pixels, int w, int h,
                    int pitch, bool alpha, const char *dir,
                    const char *name, char *tmp, size_t tmp_size,
                    char *err, size_t err_size);

/* notes.c */
/* The speaker notes: the lesson's title, what is shown, then per step
 * "## Step N — title" and its narration. */
char *notes_markdown(const Session *session, int first, int last, Lang lang);

/* batch.c */
/* "step-001.png" ... */
void step_file_name(char *buf, size_t size, int k);

/* The first file of an earlier export in dir (a step PNG or notes.md)
 * into found; false when there is none. */
bool find_earlier_export(const char *dir, char *found, size_t size);

/* After a forced full export of `count` steps: removes step PNGs of an
 * earlier, longer export so the folder holds one export only. */
void remove_stale_steps(const char *dir, int count);

/* The files of one export, written under temporary names, so the folder
 * gets all of them or none (batch_commit, batch_swap_in, batch_discard). */
typedef struct {
    char **tmp;  /* written temporary files, owned */
    char **path; /* their final names, owned */
    bool *moved; /* already moved into place */
    int count;
} Batch;

/* An empty batch with room for capacity files (the steps plus notes). */
void batch_init(Batch *b, int capacity);

/* Records written temporary file tmp and its final name path (copied). */
void batch_add(Batch *b, const char *tmp, const char *path);

/* Removes everything the batch wrote, temporary or moved. */
void batch_discard(Batch *b);

/* Frees the batch's names; the files stay (commit or discard first). */
void batch_deinit(Batch *b);

/* Moves every file into place; on the first failure undoes the batch. */
bool batch_commit(Batch *b, bool overwrite, char *err,
                  size_t err_size);

/* Moves the batch into dir in place of the earlier export there (--force):
 * the earlier deck is hard-linked into a hidden folder first, the new files
 * are renamed over it one by one, then the earlier files the new deck does
 * not have are removed, so dir ends holding the new deck only. When a
 * rename fails half way, every file is put back as it was (the earlier
 * deck whole again) and the reason goes to err. A SIGKILL in the middle
 * leaves the earlier deck whole in the folder
 * ".earlier-export.tmp-PID-XXXXXX". */
bool batch_swap_in(Batch *b, const char *dir, char *err, size_t err_size);

/* encoder.c */
/* Encoding a PNG takes longer than drawing a step, so while step k is
 * encoded on this thread the next one is drawn: a step then costs about
 * the larger of the two instead of their sum. */
typedef struct {
    SDL_Thread *thread; /* running, or NULL */
    bool pending;       /* a step was handed over and not collected */
    const unsigned char *pixels; /* borrowed until collected */
    int w, h, pitch;
    bool alpha;
    const char *dir; /* borrowed */
    char name[32], path[PATH_SIZE], tmp[PATH_SIZE];
    bool ok;
    char err[1024];
} Encoder;

/* Hands the pixels of surface s over to be written as dir/name (final
 * path path); they must stay untouched until encoder_collect. The
 * previous step must have been collected. */
void encoder_start(Encoder *e, const SDL_Surface *s, bool alpha,
                   const char *dir, const char *name,
                   const char *path);

/* Waits for the step handed over (if any); when it was written its files
 * join the batch, else the reason goes to err. */
bool encoder_collect(Encoder *e, Batch *batch, char *err,
                     size_t err_size);

/* Forgets the encoder's state; call after the last encoder_collect. */
void encoder_deinit(Encoder *e);

/* savers.c */
/* mkdir -p. */
bool make_dirs(const char *path, char *err, size_t err_size);

#endif
