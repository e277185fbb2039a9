/* A batch of files moved into place together once all are written, and
 * the step files of an export folder (names, an earlier export, stale
 * steps after a shorter one). */
#include "export/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
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
