/* Joining paths, numbered names, and files that appear whole or not at
 * all (a temporary file in the final folder, moved into place when
 * complete). err buffers get one line saying what failed. */
#ifndef S2S_FILES_H
#define S2S_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* dir + "/" + name into out; false when it does not fit. */
bool path_join(char *out, size_t size, const char *dir,
               const char *name);

/* stem + suffix into out for n = 1, stem + "-n" + suffix after that: the
 * n-th name tried for a new file or folder. */
void numbered_name(char *out, size_t size, const char *stem, int n,
                   const char *suffix);

/* Creates a new file "dir/.name.tmp-PID[-n]" that did not exist; its path
 * goes to tmp. Returns an open stream or NULL with errno set. */
FILE *files_create_temp(const char *dir, const char *name, char *tmp,
                        size_t tmp_size);

/* create_temp, saying in err when it fails. */
FILE *files_open_temp(const char *dir, const char *name, char *tmp,
                      size_t tmp_size, char *err, size_t err_size);

/* Closes the temporary file tmp. written is false when a write to fp
 * already failed (errno says why). On a write or close error, says so in
 * err, removes tmp and returns false. */
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
