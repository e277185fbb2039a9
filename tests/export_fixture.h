/* What the export test and the export benchmark both start from: the
 * default lesson as a Session, and a fresh temporary folder that is removed
 * with everything in it at the end. Needs _XOPEN_SOURCE 700 (for nftw)
 * defined before the first include. */
#ifndef S2S_TESTS_EXPORT_FIXTURE_H
#define S2S_TESTS_EXPORT_FIXTURE_H

#include <dirent.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "session/course.h"
#include "lesson/lesson.h"
#include "paths.h"
#include "session/session.h"

/* Loads the default lesson into session (deinit with session_deinit). On
 * failure says why on stderr, after "who: ", and returns false. */
static inline bool fixture_default_show(Session *session, const char *who)
{
    char *path = paths_default_lesson();
    if (!path) {
        fprintf(stderr, "%s: no default lesson\n", who);
        return false;
    }
    LessonError lerr;
    Lesson *lesson = lesson_load(path, &lerr);
    free(path);
    if (!lesson) {
        char msg[1200];
        lesson_error_format(&lerr, msg, sizeof msg);
        fprintf(stderr, "%s: %s\n", who, msg);
        return false;
    }
    session_init(session, course_create(lesson, NULL, NULL));
    return true;
}

/* Makes a new folder $TMPDIR/name-XXXXXX (or under /tmp) and writes its
 * path to dir; false, with perror, when it cannot. */
static inline bool fixture_temp_dir(char *dir, size_t size, const char *name)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
    if (!mkdtemp(dir)) {
        perror(dir);
        return false;
    }
    return true;
}

static inline int fixture_remove_entry(const char *path,
                                       const struct stat *st, int flag,
                                       struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

/* How many entries of dir (without . and ..) have a name that starts with
 * prefix and ends with suffix ("" and "" count them all); -1 when dir
 * cannot be read. */
static inline int fixture_count_entries(const char *dir, const char *prefix,
                                        const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t plen = strlen(prefix), slen = strlen(suffix);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (len >= plen + slen && !strncmp(e->d_name, prefix, plen) &&
            !strcmp(e->d_name + len - slen, suffix))
            n++;
    }
    closedir(d);
    return n;
}

/* Removes dir and everything in it. */
static inline void remove_tree(const char *dir)
{
    nftw(dir, fixture_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
