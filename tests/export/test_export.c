/* Export tests, headless: the default lesson exported to PNG files in a
 * temporary folder. Counts, sizes, byte-identical repeats, --step, the
 * notes, every refusal leaving the folder as it was, cancel leaving
 * nothing, and the window's S and E savers never overwriting. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "check.h"
#include "export/export.h"
#include "export_fixture.h"
#include "session/course.h"
#include "lesson/lesson.h"
#include "paths.h"
#include "session/session.h"

/* ---- helpers ---------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted entries of dir (without . and ..), one string "name:size"
 * each, joined by newlines; malloc'd. "" for an empty folder, "(none)"
 * when dir cannot be read. */
static char *listing(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return strdup("(none)");
    char *names[4096];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 4096) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char path[4096], item[600];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        long long size = stat(path, &st) == 0 ? (long long)st.st_size : -1;
        snprintf(item, sizeof item, "%s:%lld", e->d_name, size);
        names[n++] = strdup(item);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    size_t total = 1;
    for (int i = 0; i < n; i++)
        total += strlen(names[i]) + 1;
    char *out = calloc(total, 1);
    for (int i = 0; i < n; i++) {
        strcat(out, names[i]);
        strcat(out, "\n");
        free(names[i]);
    }
    return out;
}

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
    *len = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    return buf;
}

static bool same_bytes(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    unsigned char *da = read_all(a, &la), *db = read_all(b, &lb);
    bool same = da && db && la == lb && la > 0 && !memcmp(da, db, la);
    free(da);
    free(db);
    return same;
}

static bool decodes_to(const char *path, int w, int h)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        fprintf(stderr, "%s: %s\n", path, IMG_GetError());
        return false;
    }
    bool ok = s->w == w && s->h == h;
    if (!ok)
        fprintf(stderr, "%s: %dx%d, expected %dx%d\n", path, s->w, s->h, w,
                h);
    SDL_FreeSurface(s);
    return ok;
}

/* Alpha of pixel (x, y) of a PNG, or -1. */
static int alpha_at(const char *path, int x, int y)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s)
        return -1;
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(s);
    if (!c)
        return -1;
    const Uint8 *p = (const Uint8 *)c->pixels + y * c->pitch + x * 4;
    int a = p[3];
    SDL_FreeSurface(c);
    return a;
}

/* Whether rows y0..y1 (inclusive), columns x0..x1, of a PNG are all one
 * colour: a band with no text or shape in it. */
static bool rows_uniform(const char *path, int x0, int x1, int y0, int y1)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s)
        return false;
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(s);
    if (!c)
        return false;
    bool same = y0 >= 0 && y1 < c->h && y0 <= y1 && x0 >= 0 && x1 < c->w &&
                x0 <= x1;
    const Uint8 *first = (const Uint8 *)c->pixels + y0 * c->pitch + x0 * 4;
    for (int y = y0; same && y <= y1; y++)
        for (int x = x0; same && x <= x1; x++)
            same = !memcmp((const Uint8 *)c->pixels + y * c->pitch + x * 4,
                           first, 4);
    SDL_FreeSurface(c);
    return same;
}

static int count_sections(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, fp))
        if (!strncmp(line, "## Step ", 8))
            n++;
    fclose(fp);
    return n;
}

static char base[512];

static void sub(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", base, name);
}

static void make_sub(char *out, size_t size, const char *name)
{
    sub(out, size, name);
    mkdir(out, 0755);
}

typedef struct {
    int calls, cancel_at, last_done, last_total;
    const Session *session; /* when set: its step must be `step` in the call */
    int step;
    bool moved;
    const char *plant; /* when set: a file created here at the 2nd call */
} Counter;

static bool on_step(void *ctx, int done, int total)
{
    Counter *c = ctx;
    c->calls++;
    if (c->session && c->session->step != c->step)
        c->moved = true;
    if (c->plant && c->calls == 2) {
        FILE *fp = fopen(c->plant, "w");
        if (fp) {
            fputs("someone else's", fp);
            fclose(fp);
        }
    }
    c->last_done = done;
    c->last_total = total;
    return c->cancel_at == 0 || done < c->cancel_at;
}

/* ---- tests ------------------------------------------------------------ */

static int run_export(Session *session, const char *dir, int step, int w, int h,
                      bool force, char *err, size_t err_size)
{
    ExportDesc desc = {
        .dir = dir,
        .step = step,
        .width = w,
        .height = h,
        .view = {.theme = THEME_LIGHT, .lang = LANG_EN, .numbers = true},
        .force = force,
    };
    err[0] = '\0';
    return export_run(session, &desc, err, err_size);
}

static void test_full_export(Session *session)
{
    int count = session_step_count(session);
    char a[600], b[600], one[600], err[1024];
    make_sub(a, sizeof a, "a");
    make_sub(b, sizeof b, "b");
    make_sub(one, sizeof one, "one");

    session_go(session, 2);
    int status = run_export(session, a, 0, 1920, 1080, false, err, sizeof err);
    CHECK_MSG(status == 0, "%s", err);
    CHECK(session->step == 2); /* the export leaves the session where it was */
    CHECK(fixture_count_entries(a, "step-", ".png") == count);
    /* + notes.md, no temporaries */
    CHECK(fixture_count_entries(a, "", "") == count + 1);
    char path[700], other[700];
    for (int k = 1; k <= count; k++) {
        snprintf(path, sizeof path, "%s/step-%03d.png", a, k);
        CHECK_MSG(decodes_to(path, 1920, 1080), "step %d", k);
    }
    snprintf(path, sizeof path, "%s/notes.md", a);
    CHECK(count_sections(path) == count);
    /* The input is written as the lesson's tokenizer joins it: characters
     * with nothing between them. */
    {
        static char notes[1 << 16];
        FILE *f = fopen(path, "rb");
        size_t n = f ? fread(notes, 1, sizeof notes - 1, f) : 0;
        if (f)
            fclose(f);
        notes[n] = '\0';
        char joined[256] = "";
        const char *sep = tokenizer_separator(
            session->course->lesson->source_tokenizer);
        for (int i = 0; i < session->input_len; i++) {
            if (i > 0)
                strncat(joined, sep, sizeof joined - strlen(joined) - 1);
            strncat(joined, session->input_tokens[i],
                    sizeof joined - strlen(joined) - 1);
        }
        CHECK(session->course->lesson->source_tokenizer == TOKENIZE_CHARS);
        CHECK_MSG(strstr(notes, "机器学习") != NULL &&
                      strstr(notes, joined) != NULL,
                  "notes.md does not hold the input %s", joined);
    }

    /* The default size is 1920 x 1080 too, and a repeat is identical. */
    status = run_export(session, b, 0, 0, 0, false, err, sizeof err);
    CHECK_MSG(status == 0, "%s", err);
    CHECK(fixture_count_entries(b, "", "") == count + 1);
    for (int k = 1; k <= count; k++) {
        snprintf(path, sizeof path, "%s/step-%03d.png", a, k);
        snprintf(other, sizeof other, "%s/step-%03d.png", b, k);
        CHECK_MSG(same_bytes(path, other), "step %d differs", k);
    }
    snprintf(path, sizeof path, "%s/notes.md", a);
    snprintf(other, sizeof other, "%s/notes.md", b);
    CHECK(same_bytes(path, other));

    /* --step N: one PNG, equal to the Nth of the full export. */
    int n = count / 2 + 1;
    status = run_export(session, one, n, 1920, 1080, false, err, sizeof err);
    CHECK_MSG(status == 0, "%s", err);
    CHECK(fixture_count_entries(one, "step-", ".png") == 1);
    snprintf(path, sizeof path, "%s/step-%03d.png", a, n);
    snprintf(other, sizeof other, "%s/step-%03d.png", one, n);
    CHECK(same_bytes(path, other));
    snprintf(path, sizeof path, "%s/notes.md", one);
    CHECK(count_sections(path) == 1);

    /* An earlier export is refused and left alone... */
    char *before = listing(a);
    status = run_export(session, a, 0, 1920, 1080, false, err, sizeof err);
    CHECK(status == 2);
    CHECK(strstr(err, "--force") != NULL && !strchr(err, '\n'));
    char *after = listing(a);
    CHECK_MSG(!strcmp(before, after), "before:\n%s\nafter:\n%s", before,
              after);
    free(after);
    status = run_export(session, one, 1, 1920, 1080, false, err, sizeof err);
    CHECK(status == 2);
    /* ...even when only notes.md is there. */
    char notes_only[600];
    make_sub(notes_only, sizeof notes_only, "notes-only");
    snprintf(path, sizeof path, "%s/notes.md", notes_only);
    FILE *fp = fopen(path, "w");
    fputs("mine\n", fp);
    fclose(fp);
    status = run_export(session, notes_only, 0, 64, 36, false, err, sizeof err);
    CHECK(status == 2);
    CHECK(fixture_count_entries(notes_only, "", "") == 1);

    /* With force it is replaced, and a longer earlier export's extra
     * steps go, so the folder holds one export. */
    snprintf(path, sizeof path, "%s/step-%03d.png", a, count + 1);
    fp = fopen(path, "w");
    fputs("stale", fp);
    fclose(fp);
    status = run_export(session, a, 0, 1920, 1080, true, err, sizeof err);
    CHECK_MSG(status == 0, "%s", err);
    CHECK(fixture_count_entries(a, "", "") == count + 1);
    after = listing(a);
    CHECK(!strcmp(before, after));
    free(after);
    free(before);
}

static void test_refusals(Session *session)
{
    int count = session_step_count(session);
    char d[600], err[1024], file[600], bad[700];
    make_sub(d, sizeof d, "refuse");
    static const int sizes[][2] = {
        {0, 1080}, {1920, 0}, {-1920, 1080}, {1920, -1}, {16385, 1080},
        {1920, 16385}, {100000, 100000},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        int st = run_export(session, d, 0, sizes[i][0], sizes[i][1], false, err,
                            sizeof err);
        CHECK_MSG(st == 2, "size %dx%d gave %d", sizes[i][0], sizes[i][1],
                  st);
        CHECK(strstr(err, "size") != NULL && !strchr(err, '\n'));
    }
    int steps[] = {-1, count + 1, 100000};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        int st = run_export(session, d, steps[i], 320, 180, false, err,
                            sizeof err);
        CHECK_MSG(st == 2, "step %d gave %d", steps[i], st);
        CHECK(strstr(err, "step") != NULL);
    }
    CHECK(fixture_count_entries(d, "", "") == 0);

    /* A missing folder is made when its parent exists (the README's
     * `--export slides/`); a missing parent is usage, exit 2, and makes
     * nothing. */
    sub(bad, sizeof bad, "missing");
    CHECK(run_export(session, bad, 1, 320, 180, false, err, sizeof err) == 0);
    CHECK(fixture_count_entries(bad, "", "") == 2); /* step-001.png, notes.md */
    sub(bad, sizeof bad, "no-parent/slides");
    CHECK(run_export(session, bad, 1, 320, 180, false, err, sizeof err) == 2);
    CHECK(strstr(err, "parent") != NULL && !strchr(err, '\n'));
    sub(bad, sizeof bad, "no-parent");
    CHECK(fixture_count_entries(bad, "", "") == -1);
    /* A folder the export made is removed again when the export fails. */
    {
        Counter made = {.cancel_at = 1};
        sub(bad, sizeof bad, "made-then-cancelled");
        ExportDesc cd = {.dir = bad, .width = 320, .height = 180,
                         .on_step = {on_step, &made}};
        CHECK(export_run(session, &cd, err, sizeof err) == EXPORT_CANCELLED);
        CHECK(fixture_count_entries(bad, "", "") == -1);
    }
    /* A "folder" under a regular file (ENOTDIR: fails for root too, unlike
     * chmod 0555). */
    sub(file, sizeof file, "plain-file");
    FILE *fp = fopen(file, "w");
    fputs("x", fp);
    fclose(fp);
    CHECK(run_export(session, file, 0, 320, 180, false, err, sizeof err) == 1);
    snprintf(bad, sizeof bad, "%s/sub", file);
    CHECK(run_export(session, bad, 0, 320, 180, false, err, sizeof err) == 1);
    CHECK(!strchr(err, '\n'));

    /* A folder nobody may write in, root included: the failure comes at
     * the first file, after rendering, and leaves nothing. */
    struct stat st;
    if (stat("/proc/self", &st) == 0) {
        int s = run_export(session, "/proc/self", 0, 320, 180, false, err,
                           sizeof err);
        CHECK_MSG(s == 1, "/proc/self gave %d: %s", s, err);
    }

    /* A cancel after some steps were written removes them all. */
    Counter c = {.cancel_at = 3};
    ExportDesc desc = {
        .dir = d,
        .width = 320,
        .height = 180,
        .on_step = {on_step, &c},
    };
    CHECK(export_run(session, &desc, err, sizeof err) == EXPORT_CANCELLED);
    CHECK(c.calls == 3);
    CHECK(fixture_count_entries(d, "", "") == 0);

    /* A write that fails (a file size limit: EFBIG, root included)
     * leaves nothing, not even the partial temporary file. */
    struct rlimit old_limit, small;
    if (getrlimit(RLIMIT_FSIZE, &old_limit) == 0) {
        small = old_limit;
        small.rlim_cur = 2048;
        signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &small) == 0) {
            int s = run_export(session, d, 0, 640, 360, false, err, sizeof err);
            setrlimit(RLIMIT_FSIZE, &old_limit);
            CHECK_MSG(s == 1, "file size limit gave %d: %s", s, err);
            CHECK(!strchr(err, '\n'));
            CHECK(fixture_count_entries(d, "", "") == 0);
        }
    }

    /* A file that appears under a final name during the export makes it
     * fail at the end without touching that file, and removes its own. */
    char planted[700];
    snprintf(planted, sizeof planted, "%s/step-005.png", d);
    c = (Counter){.plant = planted};
    int s = export_run(session, &desc, err, sizeof err);
    CHECK_MSG(s == 1, "planted file gave %d: %s", s, err);
    CHECK(strstr(err, "step-005.png") != NULL);
    CHECK(fixture_count_entries(d, "", "") == 1);
    size_t len = 0;
    unsigned char *kept = read_all(planted, &len);
    CHECK(kept && len == 14 && !memcmp(kept, "someone else's", 14));
    free(kept);
    unlink(planted);

    /* Progress reaches done == total. */
    c = (Counter){0};
    CHECK(export_run(session, &desc, err, sizeof err) == 0);
    CHECK(c.calls == count && c.last_done == count && c.last_total == count);
}

static void test_sizes_and_themes(Session *session)
{
    char d[600], path[700], err[1024];
    make_sub(d, sizeof d, "4k");
    ExportDesc desc = {
        .dir = d,
        .step = 1,
        .width = 3840,
        .height = 2160,
        .view = {.theme = THEME_DARK, .lang = LANG_ZH, .numbers = true},
    };
    CHECK_MSG(export_run(session, &desc, err, sizeof err) == 0, "%s", err);
    snprintf(path, sizeof path, "%s/step-001.png", d);
    CHECK(decodes_to(path, 3840, 2160));
    CHECK(alpha_at(path, 0, 0) == 255);

    /* Not 16:9 is letterboxed, and still exactly the asked size. */
    make_sub(d, sizeof d, "odd");
    desc = (ExportDesc){.dir = d, .step = 1, .width = 1000, .height = 1000};
    CHECK_MSG(export_run(session, &desc, err, sizeof err) == 0, "%s", err);
    snprintf(path, sizeof path, "%s/step-001.png", d);
    CHECK(decodes_to(path, 1000, 1000));

    make_sub(d, sizeof d, "transparent");
    desc = (ExportDesc){
        .dir = d,
        .width = 640,
        .height = 360,
        .view = {.transparent = true, .numbers = true},
    };
    CHECK_MSG(export_run(session, &desc, err, sizeof err) == 0, "%s", err);
    snprintf(path, sizeof path, "%s/step-001.png", d);
    CHECK(alpha_at(path, 0, 0) == 0);
}

static void test_window_savers(Session *session)
{
    char pics[600], err[1024], p1[4096], p2[4096], dir[4096];
    sub(pics, sizeof pics, "pictures/nested");
    setenv("XDG_PICTURES_DIR", pics, 1);
    /* The window's view: the key table and its hints on, as the app
     * passes it. A saved slide still has no key hints. */
    static const KeyHelpRow rows[] = {
        {"N", {"下一步", "next step"}, "N", {"下一步", "next"}},
        {"S", {"保存", "save"}, "S", {"保存", "save"}},
    };
    KeyHelp keys = {rows, 2};
    ViewOptions view = {.theme = THEME_LIGHT, .lang = LANG_EN, .keys = &keys,
                        .key_hints = true};

    session_go(session, 6);
    bool ok = export_save_view(session, &view, 1280, 720, NULL, p1, sizeof p1,
                               err, sizeof err);
    CHECK_MSG(ok, "%s", err);
    ok = export_save_view(session, &view, 1280, 720, NULL, p2, sizeof p2, err,
                          sizeof err);
    CHECK_MSG(ok, "%s", err);
    CHECK(strcmp(p1, p2) != 0);
    CHECK(strstr(p1, "/seq2seq-viz/") != NULL);
    CHECK(strstr(p1, "-step-007.png") != NULL);
    CHECK(strstr(p2, "-step-007-2.png") != NULL);
    CHECK(decodes_to(p1, 1280, 720));
    CHECK(decodes_to(p2, 1280, 720));
    /* The footer band (canvas y 1038..1080 at scale 720/1080) holds the
     * colour legend at its left and nothing else: no key hints. */
    int fy = 1038 * 720 / 1080 + 1, lx = 700 * 720 / 1080;
    CHECK(rows_uniform(p1, lx, 1279 - 40, fy, 719));
    /* ... while the legend and the narration band are seen (the check
     * can fail). */
    CHECK(!rows_uniform(p1, 0, lx, fy, 719));
    CHECK(!rows_uniform(p1, 0, 1279, 850 * 720 / 1080, 900 * 720 / 1080));
    CHECK(same_bytes(p1, p2));
    CHECK(session->step == 6);
    char folder[4096];
    snprintf(folder, sizeof folder, "%s/seq2seq-viz", pics);
    CHECK(fixture_count_entries(folder, "", "") == 2); /* no temporaries left */

    CHECK(!export_save_view(session, &view, 0, 720, NULL, p1, sizeof p1, err,
                            sizeof err));
    CHECK(fixture_count_entries(folder, "", "") == 2);

    /* E: a new folder each time; a cancel removes its folder. While it
     * runs, the window (drawing in the callback) sees its own step. */
    Counter c = {.session = session, .step = 6};
    int st = export_all_steps(session, &view, 320, 180, NULL,
                              (ExportProgress){on_step, &c}, dir,
                              sizeof dir, err, sizeof err);
    CHECK_MSG(st == 0, "%s", err);
    CHECK(fixture_count_entries(dir, "step-", ".png") ==
          session_step_count(session));
    CHECK(strstr(dir, "-steps") != NULL);
    CHECK(c.last_done == session_step_count(session));
    CHECK(!c.moved);
    st = export_all_steps(session, &view, 320, 180, NULL, (ExportProgress){0},
                          p1, sizeof p1, err, sizeof err);
    CHECK_MSG(st == 0, "%s", err);
    CHECK(strcmp(p1, dir) != 0 && strstr(p1, "-steps-2") != NULL);
    c = (Counter){.cancel_at = 2};
    st = export_all_steps(session, &view, 320, 180, NULL,
                          (ExportProgress){on_step, &c}, p2, sizeof p2, err,
                          sizeof err);
    CHECK(st == EXPORT_CANCELLED);
    CHECK(fixture_count_entries(folder, "", "") == 4); /* 2 PNGs + 2 folders */
    CHECK(session->step == 6);

    /* The pictures folder from user-dirs.dirs, then ~/Pictures. */
    unsetenv("XDG_PICTURES_DIR");
    char home[600], conf[700];
    make_sub(home, sizeof home, "home");
    setenv("HOME", home, 1);
    unsetenv("XDG_CONFIG_HOME");
    CHECK(export_pictures_dir(p1, sizeof p1, err, sizeof err));
    snprintf(p2, sizeof p2, "%s/Pictures/seq2seq-viz", home);
    CHECK_MSG(!strcmp(p1, p2), "%s", p1);
    snprintf(conf, sizeof conf, "%s/.config", home);
    mkdir(conf, 0755);
    snprintf(conf, sizeof conf, "%s/.config/user-dirs.dirs", home);
    FILE *fp = fopen(conf, "w");
    fputs("# comment\nXDG_PICTURES_DIR=\"$HOME/Bilder\"\n", fp);
    fclose(fp);
    CHECK(export_pictures_dir(p1, sizeof p1, err, sizeof err));
    snprintf(p2, sizeof p2, "%s/Bilder/seq2seq-viz", home);
    CHECK_MSG(!strcmp(p1, p2), "%s", p1);
}

int main(void)
{
    Session session;
    bool loaded = fixture_default_show(&session, "test_export");
    CHECK(loaded); /* the default lesson is found and loads */
    if (!loaded)
        return check_exit();
    CHECK(fixture_temp_dir(base, sizeof base, "s2s-export"));

    test_full_export(&session);
    test_refusals(&session);
    test_sizes_and_themes(&session);
    test_window_savers(&session);

    remove_tree(base);
    session_deinit(&session);
    IMG_Quit();
    SDL_Quit();
    return check_exit();
}
