/* Files written whole or not at all: a temporary file created exclusively
 * beside the final name, moved into place only when complete; a target
 * that is not a regular file (a device, a FIFO) written directly instead
 * of being replaced. Shared by --dump and every export. No SDL.
 * files.h says what each call promises. */
#define _GNU_SOURCE /* O_NOFOLLOW, O_CLOEXEC, fchmod spelled without feature macros */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void set_err(char *err, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
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

/* Six letters or digits no other writer is likely to pick: the clock's
 * nanoseconds mixed with a counter (O_EXCL makes a collision harmless,
 * only a retry). */
static void random_letters(char out[7], unsigned counter)
{
    static const char set[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_nsec * 6364136223846793005u ^
                 (uint64_t)ts.tv_sec ^ ((uint64_t)counter << 32) ^
                 (uint64_t)(uintptr_t)out;
    for (int i = 0; i < 6; i++) {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdu;
        x ^= x >> 29;
        out[i] = set[x % (sizeof set - 1)];
    }
    out[6] = '\0';
}

/* Creates dir/.NAME.tmp-PID-XXXXXX with O_EXCL | O_NOFOLLOW and the given
 * permission bits; NAME is cut so the whole name fits the folder's
 * NAME_MAX. Returns the descriptor or -1 with errno set. */
static int create_temp_fd(const char *dir, const char *name, mode_t perm,
                          char *tmp, size_t tmp_size)
{
    long name_max = pathconf(dir, _PC_NAME_MAX);
    if (name_max <= 0 || name_max > 255)
        name_max = 255;
    char suffix[64];
    snprintf(suffix, sizeof suffix, ".tmp-%ld-", (long)getpid());
    long room = name_max - 1 - (long)strlen(suffix) - 6;
    int keep = (int)strlen(name);
    if (keep > room)
        keep = room > 0 ? (int)room : 0;
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        char letters[7], base[300];
        random_letters(letters, attempt);
        snprintf(base, sizeof base, ".%.*s%s%s", keep, name, suffix, letters);
        if (!path_join(tmp, tmp_size, dir, base)) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      perm);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

FILE *files_create_temp(const char *dir, const char *name, char *tmp,
                        size_t tmp_size)
{
    int fd = create_temp_fd(dir, name, 0666, tmp, tmp_size);
    if (fd < 0)
        return NULL;
    FILE *fp = fdopen(fd, "wb");
    if (!fp) {
        int e = errno;
        close(fd);
        unlink(tmp);
        errno = e;
    }
    return fp;
}

FILE *files_open_temp(const char *dir, const char *name, char *tmp,
                      size_t tmp_size, char *err, size_t err_size)
{
    FILE *fp = files_create_temp(dir, name, tmp, tmp_size);
    if (!fp)
        set_err(err, err_size, "%s: cannot write in this folder: %s", dir,
                strerror(errno));
    return fp;
}

/* fflush, fsync and fclose; false with errno set on the first failure.
 * The stream is closed in every case. */
static bool flush_sync_close(FILE *fp, bool sync)
{
    bool ok = fflush(fp) == 0 && ferror(fp) == 0;
    int e = errno;
    if (ok && sync && fsync(fileno(fp)) != 0 && errno != EINVAL) {
        ok = false;
        e = errno;
    }
    if (fclose(fp) != 0 && ok) {
        ok = false;
        e = errno;
    }
    errno = e;
    return ok;
}

bool files_close_temp(FILE *fp, bool written, const char *tmp, char *err,
                      size_t err_size)
{
    int e = errno;
    bool ok = flush_sync_close(fp, true);
    if (ok && !written) {
        ok = false;
        errno = e;
    }
    if (!ok) {
        set_err(err, err_size, "%s: cannot write: %s", tmp, strerror(errno));
        unlink(tmp);
    }
    return ok;
}

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

/* The folder part of path into dir ("." when there is none). */
static void dir_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, size, ".");
    else if (slash == path)
        snprintf(dir, size, "/");
    else
        snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

/* Follows symbolic links from path to the file they name (which need not
 * exist yet), so the link itself is never replaced. */
static bool follow_links(const char *path, char *out, size_t size)
{
    if (snprintf(out, size, "%s", path) >= (int)size) {
        errno = ENAMETOOLONG;
        return false;
    }
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(out, &st) != 0 || !S_ISLNK(st.st_mode))
            return true; /* a missing file is created; other errors show at open */
        char link[FILES_PATH_SIZE], dir[FILES_PATH_SIZE];
        ssize_t n = readlink(out, link, sizeof link - 1);
        if (n < 0)
            return false;
        link[n] = '\0';
        if (link[0] == '/') {
            snprintf(out, size, "%s", link);
        } else {
            dir_of(out, dir, sizeof dir);
            if (!path_join(out, size, dir, link)) {
                errno = ENAMETOOLONG;
                return false;
            }
        }
    }
    errno = ELOOP;
    return false;
}

bool atomic_file_open(AtomicFile *af, const char *path, AtomicMode mode,
                      char *err, size_t err_size)
{
    memset(af, 0, sizeof *af);
    af->mode = mode;
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        set_err(err, err_size, "%s: is a folder", path);
        return false;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        /* A device, FIFO, socket or terminal: written where it is; a
         * rename would replace the device node itself. */
        if (mode == ATOMIC_NO_REPLACE) {
            set_err(err, err_size, "%s: %s", path, strerror(EEXIST));
            return false;
        }
        int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
        if (!fp) {
            int e = errno;
            if (fd >= 0)
                close(fd);
            set_err(err, err_size, "%s: cannot write: %s", path, strerror(e));
            return false;
        }
        af->fp = fp;
        af->direct = true;
        snprintf(af->target, sizeof af->target, "%s", path);
        return true;
    }
    if (!follow_links(path, af->target, sizeof af->target)) {
        set_err(err, err_size, "%s: %s", path, strerror(errno));
        return false;
    }
    char dir[FILES_PATH_SIZE];
    dir_of(af->target, dir, sizeof dir);
    const char *slash = strrchr(af->target, '/');
    const char *name = slash ? slash + 1 : af->target;
    mode_t perm = exists ? (st.st_mode & 07777) : 0666;
    int fd = create_temp_fd(dir, name, perm, af->tmp, sizeof af->tmp);
    if (fd < 0) {
        set_err(err, err_size, "%s: cannot write in this folder: %s", dir,
                strerror(errno));
        return false;
    }
    if (exists) {
        /* The replacement keeps the replaced file's owner (when we may set
         * it: as root, or our own) and exact mode (open applied the umask). */
        if (fchown(fd, st.st_uid, st.st_gid) != 0) {
            /* not ours to give away: the new file stays ours */
        }
        fchmod(fd, perm);
    }
    af->fp = fdopen(fd, "wb");
    if (!af->fp) {
        int e = errno;
        close(fd);
        unlink(af->tmp);
        set_err(err, err_size, "%s: cannot write: %s", af->tmp, strerror(e));
        return false;
    }
    return true;
}

bool atomic_file_commit(AtomicFile *af, char *err, size_t err_size)
{
    FILE *fp = af->fp;
    af->fp = NULL;
    if (!fp) {
        set_err(err, err_size, "%s: not open", af->target);
        return false;
    }
    if (af->direct) {
        if (!flush_sync_close(fp, false)) {
            set_err(err, err_size, "%s: cannot write: %s", af->target,
                    strerror(errno));
            return false;
        }
        return true;
    }
    if (!flush_sync_close(fp, true)) {
        set_err(err, err_size, "%s: cannot write: %s", af->target,
                strerror(errno));
        unlink(af->tmp);
        return false;
    }
    if (!files_move_into_place(af->tmp, af->target,
                               af->mode == ATOMIC_REPLACE)) {
        int e = errno;
        set_err(err, err_size, "%s: cannot write: %s", af->target,
                strerror(e));
        unlink(af->tmp);
        return false;
    }
    /* The rename itself reaches the disk with the folder's entry. */
    char dir[FILES_PATH_SIZE];
    dir_of(af->target, dir, sizeof dir);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return true;
}

void atomic_file_abort(AtomicFile *af)
{
    if (af->fp)
        fclose(af->fp);
    af->fp = NULL;
    if (!af->direct && af->tmp[0])
        unlink(af->tmp);
}

/* The PID in a temporary's name ".NAME.tmp-PID" or ".NAME.tmp-PID-SUFFIX"
 * (SUFFIX letters and digits), 0 when name is not one. */
static long temp_owner(const char *name)
{
    if (name[0] != '.')
        return 0;
    const char *p = NULL;
    for (const char *q = strstr(name, ".tmp-"); q; q = strstr(q + 1, ".tmp-"))
        p = q;
    if (!p)
        return 0;
    p += 5;
    char *end;
    long pid = strtol(p, &end, 10);
    if (end == p || pid <= 0)
        return 0;
    if (*end == '-') {
        const char *s = end + 1;
        if (!*s)
            return 0;
        for (; *s; s++)
            if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
                  (*s >= 'A' && *s <= 'Z')))
                return 0;
    } else if (*end) {
        return 0;
    }
    return pid;
}

int files_remove_stale_temps(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        long pid = temp_owner(e->d_name);
        if (pid == 0 || pid == (long)getpid())
            continue;
        /* A live process (ours or another's, EPERM) still writes it. */
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char path[FILES_PATH_SIZE];
        struct stat st;
        if (path_join(path, sizeof path, dir, e->d_name) &&
            lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}
