/* A batch of files moved into place together once all are written, and
 * the step files of an export folder (names, an earlier export, stale
 * steps after a shorter one). */
#include "export/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "xalloc.h"

/* "step-001.png" ... */
void step_file_name(char *buf, size_t size, int k)
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
bool find_earlier_export(const char *dir, char *found, size_t size)
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
void remove_stale_steps(const char *dir, int count)
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
        if (path_join(path, sizeof path, dir, e->d_name))
            unlink(path);
    }
    closedir(d);
}

void batch_init(Batch *b, int capacity)
{
    b->tmp = xcalloc((size_t)capacity, sizeof *b->tmp);
    b->path = xcalloc((size_t)capacity, sizeof *b->path);
    b->moved = xcalloc((size_t)capacity, sizeof *b->moved);
    b->count = 0;
}

void batch_add(Batch *b, const char *tmp, const char *path)
{
    b->tmp[b->count] = xstrdup(tmp);
    b->path[b->count] = xstrdup(path);
    b->moved[b->count] = false;
    b->count++;
}

/* Removes everything the batch wrote, temporary or moved. */
void batch_discard(Batch *b)
{
    for (int i = 0; i < b->count; i++)
        unlink(b->moved[i] ? b->path[i] : b->tmp[i]);
}

void batch_deinit(Batch *b)
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
bool batch_commit(Batch *b, bool overwrite, char *err,
                  size_t err_size)
{
    for (int i = 0; i < b->count; i++) {
        if (!files_move_into_place(b->tmp[i], b->path[i], overwrite)) {
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

/* A file of an export deck: notes.md or step-<digits>.png, regular. */
static bool is_deck_file(const char *dir, const char *name)
{
    long n;
    if (strcmp(name, "notes.md") != 0 && !is_step_file(name, &n))
        return false;
    char path[PATH_SIZE];
    struct stat st;
    return path_join(path, sizeof path, dir, name) && lstat(path, &st) == 0 &&
           S_ISREG(st.st_mode);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Whether the batch writes a file called name. */
static bool batch_writes(const Batch *b, const char *name)
{
    for (int i = 0; i < b->count; i++)
        if (strcmp(base_name(b->path[i]), name) == 0)
            return true;
    return false;
}

/* Unlinks every file in folder and the folder. */
static void remove_folder(const char *folder)
{
    DIR *d = opendir(folder);
    if (d) {
        struct dirent *e;
        char path[PATH_SIZE];
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
                path_join(path, sizeof path, folder, e->d_name))
                unlink(path);
        closedir(d);
    }
    rmdir(folder);
}

bool batch_swap_in(Batch *b, const char *dir, char *err, size_t err_size)
{
    /* 1. The earlier deck, hard-linked into a hidden backup folder: it
     *    stays whole there whatever happens in dir. */
    char backup[PATH_SIZE], from[PATH_SIZE], to[PATH_SIZE];
    char stem[64];
    snprintf(stem, sizeof stem, ".earlier-export.tmp-%ld-XXXXXX",
             (long)getpid());
    if (!path_join(backup, sizeof backup, dir, stem) || !mkdtemp(backup)) {
        set_err(err, err_size, "%s: cannot keep the earlier export aside: %s",
                dir, strerror(errno));
        batch_discard(b);
        return false;
    }
    char **old = NULL;
    int old_count = 0, old_cap = 0, moved = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!is_deck_file(dir, e->d_name))
            continue;
        if (!path_join(from, sizeof from, dir, e->d_name) ||
            !path_join(to, sizeof to, backup, e->d_name) ||
            link(from, to) != 0) {
            set_err(err, err_size, "%s: cannot keep the earlier export aside: "
                                   "%s", from, strerror(errno));
            closedir(d);
            goto undo;
        }
        if (old_count == old_cap) {
            old_cap = old_cap ? 2 * old_cap : 64;
            old = xrealloc(old, (size_t)old_cap * sizeof *old);
        }
        old[old_count++] = xstrdup(e->d_name);
    }
    if (d)
        closedir(d);

    /* 2. The new deck moved in, file by file (each rename atomic). */
    for (; moved < b->count; moved++) {
        if (rename(b->tmp[moved], b->path[moved]) != 0) {
            set_err(err, err_size, "%s: %s; the earlier export was put back",
                    b->path[moved], strerror(errno));
            goto undo;
        }
        b->moved[moved] = true;
    }

    /* 3. What the new deck does not have goes (a longer earlier export,
     *    the other steps when one step replaces a full deck). */
    for (int i = 0; i < old_count; i++)
        if (!batch_writes(b, old[i]) && path_join(from, sizeof from, dir, old[i]))
            unlink(from);
    for (int i = 0; i < old_count; i++)
        free(old[i]);
    free(old);
    remove_folder(backup);
    return true;

undo:
    /* Back to the earlier deck: each file moved in is replaced by the one
     * it replaced, or removed when it was new. */
    for (int i = 0; i < moved; i++) {
        const char *name = base_name(b->path[i]);
        bool had = false;
        for (int j = 0; j < old_count && !had; j++)
            had = strcmp(old[j], name) == 0;
        if (had && path_join(from, sizeof from, backup, name))
            rename(from, b->path[i]);
        else
            unlink(b->path[i]);
        b->moved[i] = false;
    }
    for (int i = moved; i < b->count; i++)
        unlink(b->tmp[i]);
    for (int i = 0; i < old_count; i++)
        free(old[i]);
    free(old);
    remove_folder(backup);
    return false;
}
