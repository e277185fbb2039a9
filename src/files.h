/* Joining paths, numbered names, and files that appear whole or not at
 * all. err buffers get one line saying what failed.
 *
 * The atomic-file writer (AtomicFile) is the one way this program writes
 * an output file:
 *
 *     AtomicFile af;
 *     if (!atomic_file_open(&af, path, ATOMIC_REPLACE, err, sizeof err))
 *         return false;                     // nothing was created
 *     bool ok = fwrite(buf, 1, n, af.fp) == n;
 *     if (!ok) { atomic_file_abort(&af); ... }   // unlinks the temporary
 *     if (!atomic_file_commit(&af, err, sizeof err)) ...  // reports why
 *
 * - A path that is a symbolic link is written through: the link's final
 *   target is the file replaced, the link stays a link.
 * - A target that exists and is not a regular file (a device such as
 *   /dev/null or /dev/full, a FIFO, a terminal, /proc/self/fd/N) is opened
 *   and written directly; commit flushes it and reports its write errors
 *   (ENOSPC from /dev/full). Such a file is never replaced. A folder is
 *   refused.
 * - Otherwise a temporary file is created exclusively (O_CREAT | O_EXCL |
 *   O_NOFOLLOW, so a planted file or symlink at its name is never opened)
 *   in the target's folder, with the mode of the file it replaces (0666
 *   less the umask for a new one). Its name is ".NAME.tmp-PID-XXXXXX",
 *   NAME shortened so it is never longer than the folder's NAME_MAX;
 *   files_remove_stale_temps() recognises the PID of a dead writer.
 *   Commit = fflush + fsync + close, then rename over the target (or, for
 *   ATOMIC_NO_REPLACE, a hard link that fails with EEXIST when the target
 *   appeared), then fsync of the folder. Abort = close + unlink.
 * - Every AtomicFile that open returned true for must end in exactly one
 *   commit or abort; both leave af.fp NULL. */
#ifndef S2S_FILES_H
#define S2S_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define FILES_PATH_SIZE 4096

typedef enum {
    ATOMIC_REPLACE,    /* an existing regular file is replaced */
    ATOMIC_NO_REPLACE, /* commit fails with EEXIST when the target exists */
} AtomicMode;

typedef struct {
    FILE *fp;                   /* write here between open and commit */
    bool direct;                /* target is not a regular file: no temp */
    AtomicMode mode;
    char target[FILES_PATH_SIZE]; /* the file really written (links followed) */
    char tmp[FILES_PATH_SIZE];    /* the temporary, "" when direct */
} AtomicFile;

/* Prepares to write path as described above. False with a one-line reason
 * in err (naming path) when it cannot; then nothing was created. */
bool atomic_file_open(AtomicFile *af, const char *path, AtomicMode mode,
                      char *err, size_t err_size);

/* Makes what was written the file at the target; false with the reason in
 * err (the temporary is removed then, the target is as it was). */
bool atomic_file_commit(AtomicFile *af, char *err, size_t err_size);

/* Drops what was written: closes and removes the temporary. */
void atomic_file_abort(AtomicFile *af);

/* Removes ".*.tmp-PID-*" files in dir left by processes that no longer
 * run (killed before they could clean up). Returns how many. */
int files_remove_stale_temps(const char *dir);

/* dir + "/" + name into out; false when it does not fit. */
bool path_join(char *out, size_t size, const char *dir,
               const char *name);

/* stem + suffix into out for n = 1, stem + "-n" + suffix after that: the
 * n-th name tried for a new file or folder. */
void numbered_name(char *out, size_t size, const char *stem, int n,
                   const char *suffix);

/* The lower level the export batch uses (a temporary now, moved into
 * place later with others): creates a new file "dir/.name.tmp-PID-XXXXXX"
 * exclusively, never following a link; its path goes to tmp. Returns an
 * open stream or NULL with errno set. */
FILE *files_create_temp(const char *dir, const char *name, char *tmp,
                        size_t tmp_size);

/* create_temp, saying in err when it fails. */
FILE *files_open_temp(const char *dir, const char *name, char *tmp,
                      size_t tmp_size, char *err, size_t err_size);

/* Closes the temporary file tmp after fflush and fsync. written is false
 * when a write to fp already failed (errno says why). On a write or close
 * error, says so in err, removes tmp and returns false. */
bool files_close_temp(FILE *fp, bool written, const char *tmp, char *err,
                      size_t err_size);

/* Writes text to a new temporary file beside dir/name (path to tmp). */
bool files_write_text_temp(const char *text, const char *dir,
                           const char *name, char *tmp, size_t tmp_size,
                           char *err, size_t err_size);

/* Moves tmp to path. Without overwrite it never replaces a file: a hard
 * link fails with EEXIST when path exists (on file systems without hard
 * links, a check then rename, which is as good as they allow). */
bool files_move_into_place(const char *tmp, const char *path,
                           bool overwrite);

#endif
