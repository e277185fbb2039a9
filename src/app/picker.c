/* The lesson picker's list. Each file is parsed (not trained) when the
 * picker opens: parsing is fast and gives the title to show, and a broken
 * file shows its error before anyone waits for it. */
#include "app/picker.h"
#include "xalloc.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void picker_init(Picker *p)
{
    memset(p, 0, sizeof *p);
}

static void clear_entries(Picker *p)
{
    for (int i = 0; i < p->count; i++) {
        free(p->entries[i].path);
        for (int l = 0; l < LANG_COUNT; l++)
            free(p->entries[i].title[l]);
        free(p->entries[i].error);
    }
    free(p->entries);
    p->entries = NULL;
    p->count = 0;
    p->selected = 0;
}

void picker_deinit(Picker *p)
{
    clear_entries(p);
    memset(p, 0, sizeof *p);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Whether two paths name the same file (a lesson may be listed twice when
 * it was opened from the shipped folder). */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return strcmp(a, b) == 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static bool listed(const Picker *p, const char *path)
{
    for (int i = 0; i < p->count; i++)
        if (same_file(path, p->entries[i].path))
            return true;
    return false;
}

/* tag_file: the lesson is not a shipped one; its file name follows its
 * title, so a copy of a shipped lesson can be told from the original. */
static void add_entry(Picker *p, const char *path, bool tag_file)
{
    if (listed(p, path))
        return;
    PickerEntry *grown =
        xrealloc(p->entries, (size_t)(p->count + 1) * sizeof *grown);
    p->entries = grown;
    PickerEntry *e = &p->entries[p->count++];
    memset(e, 0, sizeof *e);
    e->path = xstrdup(path);

    LessonError err;
    Lesson *l = lesson_load(path, &err);
    const char *slash = strrchr(path, '/');
    const char *file = slash ? slash + 1 : path;
    if (l) {
        for (int i = 0; i < LANG_COUNT; i++) {
            if (tag_file) {
                size_t n = strlen(l->title[i]) + strlen(file) + 8;
                e->title[i] = xmalloc(n);
                snprintf(e->title[i], n, "%s  (%s)", l->title[i], file);
            } else {
                e->title[i] = xstrdup(l->title[i]);
            }
        }
        lesson_free(l);
    } else {
        char buf[1200];
        lesson_error_format(&err, buf, sizeof buf);
        e->error = xstrdup(buf);
        for (int i = 0; i < LANG_COUNT; i++)
            e->title[i] = xstrdup(file);
    }
}

static void add_folder(Picker *p, const char *dir, bool tag_files)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || !ends_with(de->d_name, ".lesson"))
            continue;
        char **grown = xrealloc(names, (size_t)(n + 1) * sizeof *names);
        names = grown;
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int i = 0; i < n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s%s%s", dir,
                 ends_with(dir, "/") ? "" : "/", names[i]);
        add_entry(p, path, tag_files);
        free(names[i]);
    }
    free(names);
}

void picker_scan(Picker *p, const char *shipped_dir,
                 const char *opened_lesson, const char *current_path)
{
    clear_entries(p);
    p->note[0] = '\0';
    if (shipped_dir)
        add_folder(p, shipped_dir, false);
    if (opened_lesson) {
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%s", opened_lesson);
        char *slash = strrchr(dir, '/');
        if (slash) {
            *slash = '\0';
            add_folder(p, dir[0] ? dir : "/", true);
        } else {
            add_folder(p, ".", true);
        }
    }
    if (current_path)
        for (int i = 0; i < p->count; i++)
            if (same_file(current_path, p->entries[i].path))
                p->selected = i;
}

void picker_move(Picker *p, int delta)
{
    if (p->count == 0)
        return;
    int k = p->selected + delta;
    p->selected = k < 0 ? 0 : k >= p->count ? p->count - 1 : k;
}
