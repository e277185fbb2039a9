/* Files written whole or not at all: a new temporary file beside the final
 * name, moved into place only when complete -- with a hard link when
 * nothing may be replaced, so a file that appeared meanwhile is never
 * overwritten. Shared by --dump and every export. No SDL. */
#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
bool path_join(char *out, size_t size, const char *dir,
               const char *name)
{
    size_t n = strlen(dir);
    const char *sep = n > 0 && dir[n - 1] == '/' ? "" : "/";
    int w = snprintf(out, size, "%s%s%s", dir, sep, name);
    return w >= 0 && (size_t)w < size;
}

/* stem + suffix into out for n = 1, stem + "-n" + suffix after that: the
 * n-th name tried for a new file or folder. */
void numbered_name(char *out, size_t size, const char *stem, int n,
                   const char *suffix)
{
    if (n == 1)
        snprintf(out, size, "%s%s", stem, suffix);
    else
        snprintf(out, size, "%s-%d%s", stem, n, suffix);
}

/* Creates a new file "dir/.name.tmp-PID[-n]" that did not exist; its path
 * goes to tmp. Returns an open stream or NULL with errno set. */
FILE *files_create_temp(const char *dir, const char *name, char *tmp,
                        size_t tmp_size)
{
    for (int n = 1; n < 100; n++) {
        char stem[480], base[512];
        snprintf(stem, sizeof stem, ".%s.tmp-%ld", name, (long)getpid());
        numbered_name(base, sizeof base, stem, n, "");
        if (!path_join(tmp, tmp_size, dir, base)) {
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
FILE *files_open_temp(const char *dir, const char *name, char *tmp,
                      size_t tmp_size, char *err, size_t err_size)
{
    FILE *fp = files_create_temp(dir, name, tmp, tmp_size);
    if (!fp)
        set_err(err, err_size, "%s: cannot write in this folder: %s", dir,
                strerror(errno));
    return fp;
}

/* Closes the temporary file tmp. written is false when a write to fp
 * already failed (errno says why). On a write or close error, says so in
 * err, removes tmp and returns false. */
bool files_close_temp(FILE *fp, bool written, const char *tmp, char *err,
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

/* Writes text to a new temporary file beside dir/name (path to tmp). */
bool files_write_text_temp(const char *text, const char *dir,
                           const char *name, char *tmp, size_t tmp_size,
                           char *err, size_t err_size)
{
    FILE *fp = files_open_temp(dir, name, tmp, tmp_size, err, err_size);
    if (!fp)
        return false;
    size_t len = strlen(text);
    bool written = fwrite(text, 1, len, fp) == len;
    return files_close_temp(fp, written, tmp, err, err_size);
}

/* Moves tmp to path. Without overwrite it never replaces a file: a hard
 * link fails with EEXIST when path exists (on file systems without hard
 * links, a check then rename, which is as good as they allow). */
bool files_move_into_place(const char *tmp, const char *path,
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
