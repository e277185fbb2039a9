/* Finding the shipped lessons and assets, in order:
 *   1. an environment override (S2S_LESSONS_DIR, S2S_ASSETS_DIR);
 *   2. the source tree, when this binary is the one in its own build tree
 *      (build/seq2seq-viz: scripts/run.sh, tests);
 *   3. relative to the binary: <bindir>/../share/seq2seq-viz for the
 *      default layout, so an installed tree works wherever it is moved;
 *   4. the compiled-in data folder (<prefix>/share/seq2seq-viz).
 * An installed binary never reads the source tree, even if it still
 * exists: what it shows must be what was installed. */

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
#include "xalloc.h"

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = xmalloc(n);
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

/* True when the folder dir (SDL_GetBasePath: real, ends with '/') is the
 * build tree this binary was compiled in. */
static int is_build_tree(const char *dir)
{
    char *build = realpath(S2S_BUILD_ROOT, NULL);
    if (!build)
        return 0;
    size_t n = strlen(build);
    int same = strncmp(dir, build, n) == 0 &&
               (dir[n] == '\0' || (dir[n] == '/' && dir[n + 1] == '\0'));
    free(build);
    return same;
}

/* The first existing folder among the candidates for a data folder named
 * sub ("lessons" or "assets"), or NULL. malloc'd. */
static char *find_dir(const char *env, const char *sub)
{
    const char *e = getenv(env);
    if (e && *e)
        return is_dir(e) ? xstrdup(e) : NULL;

    char *cand = NULL;
    char *base = SDL_GetBasePath(); /* the binary's real folder, '/'-ended */
    if (base) {
        if (is_build_tree(base))
            cand = join(S2S_SOURCE_ROOT, sub);
        else if (*S2S_DATADIR_FROM_BINDIR) {
            /* "../share/seq2seq-viz" for bindir "bin", datadir "share";
             * empty when either is outside the prefix. */
            char *dir = join(base, S2S_DATADIR_FROM_BINDIR);
            cand = join(dir, sub);
            free(dir);
        }
        SDL_free(base);
        if (cand && is_dir(cand))
            return tidy(cand);
        free(cand);
    }
    cand = join(S2S_DATADIR, sub);
    if (is_dir(cand))
        return cand;
    free(cand);
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
                best = xstrdup(ent->d_name);
            }
        }
        closedir(d);
    }
    char *path = best ? join(dir, best) : NULL;
    free(best);
    free(dir);
    return path;
}
