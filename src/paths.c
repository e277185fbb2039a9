/* Finding the shipped lessons and assets: an environment override, then
 * beside the executable (build tree or relocatable install), then the
 * compiled-in source tree and data folder. */

/* realpath() is XSI, beyond the project-wide _POSIX_C_SOURCE. */
#define _XOPEN_SOURCE 700
#include "paths.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>

#include "s2s_config.h"

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (!s)
        abort();
    snprintf(s, n, "%s%s%s", a, (*a && a[strlen(a) - 1] == '/') ? "" : "/",
             b);
    return s;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* cand without "..": error lines then name the file as a person would. */
static char *tidy(char *cand)
{
    char *real = realpath(cand, NULL);
    if (!real)
        return cand;
    free(cand);
    return real;
}

/* The first existing folder among the candidates for a data folder named
 * sub ("lessons" or "assets"). */
static char *find_dir(const char *env, const char *sub)
{
    const char *e = getenv(env);
    if (e && *e)
        return is_dir(e) ? strdup(e) : NULL;

    char *base = SDL_GetBasePath(); /* ends with '/' */
    if (base) {
        /* build tree: <build>/seq2seq-viz next to the source's folders
         * is not known, so try an install layout first: bin/../share/. */
        const char *rel[] = {"../share/seq2seq-viz/", "", "../"};
        for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
            char *dir = join(base, rel[i]);
            char *cand = join(dir, sub);
            free(dir);
            if (is_dir(cand)) {
                SDL_free(base);
                return tidy(cand);
            }
            free(cand);
        }
        SDL_free(base);
    }
    const char *fixed[] = {S2S_SOURCE_ROOT, S2S_DATADIR};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        char *cand = join(fixed[i], sub);
        if (is_dir(cand))
            return cand;
        free(cand);
    }
    return NULL;
}

char *paths_lessons_dir(void)
{
    return find_dir("S2S_LESSONS_DIR", "lessons");
}

char *paths_asset(const char *name)
{
    char *dir = find_dir("S2S_ASSETS_DIR", "assets");
    if (!dir)
        return NULL;
    char *p = join(dir, name);
    free(dir);
    struct stat st;
    if (stat(p, &st) != 0) {
        free(p);
        return NULL;
    }
    return p;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

char *paths_default_lesson(void)
{
    char *dir = paths_lessons_dir();
    if (!dir)
        return NULL;
    DIR *d = opendir(dir);
    char *best = NULL;
    if (d) {
        struct dirent *ent;
        while ((ent = readdir(d))) {
            if (ent->d_name[0] == '.' || !ends_with(ent->d_name, ".lesson"))
                continue;
            if (!best || strcmp(ent->d_name, best) < 0) {
                free(best);
                best = strdup(ent->d_name);
            }
        }
        closedir(d);
    }
    char *path = best ? join(dir, best) : NULL;
    free(best);
    free(dir);
    return path;
}
