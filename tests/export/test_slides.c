/* Slide export tests, headless: the default lesson as a PDF deck (pages
 * counted, text and fonts read back with poppler's tools, the .pdfpc
 * notes parsed), one step as SVG (rendered back with librsvg), the GIF
 * (decoded with giflib: size, frames, delays, loop), and every refusal
 * or failure leaving the folder as it was. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_image.h>
#include <cjson/cJSON.h>
#include <gif_lib.h>

#include "check.h"
#include "export/export.h"
#include "export/slides.h"
#include "export_fixture.h"
#include "session/narration.h"

/* ---- helpers ---------------------------------------------------------- */

/* The standard output of a shell command, malloc'd ("" when it fails). */
static char *command_output(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    size_t len = 0, cap = 4096;
    char *out = malloc(cap);
    out[0] = '\0';
    if (!p)
        return out;
    size_t n;
    while ((n = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 1024)
            out = realloc(out, cap *= 2);
    }
    out[len] = '\0';
    pclose(p);
    return out;
}

/* s without any white space (poppler breaks lines where the layout
 * wrapped them), malloc'd. */
static char *squash(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\f' && *s != '\r')
            *o++ = *s;
    *o = '\0';
    return out;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* The language every export here is made in; test_pdf runs in both. */
static Lang test_lang = LANG_ZH;

static int export_to(const Session *s, const char *path, int step, int w,
                     int h, bool force, char *err, size_t err_size)
{
    SlidesDesc desc = {.path = path, .step = step, .width = w, .height = h,
                       .force = force, .view = {.lang = test_lang,
                                                .numbers = true}};
    return export_slides(s, &desc, err, err_size);
}

/* ---- PDF ---------------------------------------------------------------- */

static void test_pdf(const Session *session, const char *dir)
{
    char pdf[600], notes[600], cmd[1400], err[1024] = "";
    snprintf(pdf, sizeof pdf, "%s/deck.pdf", dir);
    snprintf(notes, sizeof notes, "%s/deck.pdfpc", dir);
    int st = export_to(session, pdf, 0, 0, 0, false, err, sizeof err);
    CHECK_MSG(st == EXPORT_OK, "pdf export gave %d: %s", st, err);
    int steps = session_step_count(session);

    /* As many pages as steps. */
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", pdf);
    char *info = command_output(cmd);
    char *pages = strstr(info, "Pages:");
    CHECK_MSG(pages && atoi(pages + 6) == steps, "pdfinfo: %s", info);
    CHECK(strstr(info, "1440 x 810 pts") != NULL); /* 1920x1080 at 96 dpi */
    free(info);

    /* Every font is embedded (pdffonts' "emb" column), and there is one. */
    snprintf(cmd, sizeof cmd, "pdffonts '%s' | tail -n +3", pdf);
    char *fonts = command_output(cmd);
    int lines = 0, embedded = 0;
    for (char *line = strtok(fonts, "\n"); line; line = strtok(NULL, "\n")) {
        lines++;
        embedded += strstr(line, " yes yes yes ") != NULL;
    }
    CHECK_MSG(lines >= 1 && embedded == lines, "%d fonts, %d embedded",
              lines, embedded);
    free(fonts);

    /* Page k's text holds step k's title and narration. */
    const Lesson *l = session->course->lesson;
    const char *const *typed = (const char *const *)session->input_tokens;
    for (int k = 0; k < steps; k++) {
        snprintf(cmd, sizeof cmd, "pdftotext -f %d -l %d '%s' -", k + 1,
                 k + 1, pdf);
        char *text = command_output(cmd), *flat = squash(text);
        const Step *step = &session_timeline(session)->steps[k];
        char *title = narration_step_title(l, session_trace(session), step,
                                           test_lang, typed);
        char *body = narration_for_step(l, session_trace(session),
                                        session->variant, session->context,
                                        step, test_lang, typed);
        char *t = squash(title), *b = squash(body);
        CHECK_MSG(strstr(flat, t) != NULL, "page %d lacks the title %s", k + 1,
                  title);
        CHECK_MSG(strstr(flat, b) != NULL, "page %d lacks the narration %s",
                  k + 1, body);
        free(t);
        free(b);
        free(title);
        free(body);
        free(text);
        free(flat);
    }

    /* The .pdfpc: format 2, a page per step, each note opening with its
     * step's title. */
    FILE *fp = fopen(notes, "rb");
    CHECK(fp != NULL);
    char *json = calloc(1, 1 << 20);
    size_t n = fp ? fread(json, 1, (1 << 20) - 1, fp) : 0;
    if (fp)
        fclose(fp);
    cJSON *root = cJSON_ParseWithLength(json, n);
    CHECK_MSG(root != NULL, "the .pdfpc is not JSON");
    cJSON *format = cJSON_GetObjectItem(root, "pdfpcFormat");
    cJSON *list = cJSON_GetObjectItem(root, "pages");
    CHECK(cJSON_IsNumber(format) && format->valueint == 2);
    CHECK(cJSON_GetArraySize(list) == steps);
    for (int k = 0; k < cJSON_GetArraySize(list); k++) {
        cJSON *page = cJSON_GetArrayItem(list, k);
        cJSON *idx = cJSON_GetObjectItem(page, "idx");
        cJSON *note = cJSON_GetObjectItem(page, "note");
        CHECK(cJSON_IsNumber(idx) && idx->valueint == k);
        const Step *step = &session_timeline(session)->steps[k];
        char *title = narration_step_title(l, session_trace(session), step,
                                           test_lang, typed);
        CHECK(cJSON_IsString(note) &&
              strncmp(note->valuestring, title, strlen(title)) == 0 &&
              strlen(note->valuestring) > strlen(title) + 10);
        /* Wrapped for pdfpc, which does not wrap plain notes: no line
         * longer than 44 columns (132 bytes even if all were CJK). */
        const char *line = cJSON_IsString(note) ? note->valuestring : "";
        size_t longest = 0;
        while (*line) {
            size_t len = strcspn(line, "\n");
            if (len > longest)
                longest = len;
            line += len + (line[len] == '\n');
        }
        CHECK_MSG(longest <= 132, "a note line of %zu bytes", longest);
        free(title);
    }
    cJSON_Delete(root);
    free(json);

    /* --step N: a one-page deck. */
    char one[600];
    snprintf(one, sizeof one, "%s/one.pdf", dir);
    st = export_to(session, one, 3, 640, 480, false, err, sizeof err);
    CHECK_MSG(st == EXPORT_OK, "one-page export gave %d: %s", st, err);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", one);
    info = command_output(cmd);
    pages = strstr(info, "Pages:");
    CHECK_MSG(pages && atoi(pages + 6) == 1, "pdfinfo: %s", info);
    CHECK(strstr(info, "480 x 360 pts") != NULL);
    free(info);
}

/* ---- SVG ---------------------------------------------------------------- */

static void test_svg(const Session *session, const char *dir)
{
    char svg[600], png[600], cmd[1400], err[1024] = "";
    snprintf(svg, sizeof svg, "%s/step.svg", dir);
    snprintf(png, sizeof png, "%s/step-from-svg.png", dir);
    /* An SVG is one step. */
    CHECK(export_to(session, svg, 0, 0, 0, false, err, sizeof err) ==
          EXPORT_USAGE);
    CHECK(strstr(err, "--step") != NULL);
    CHECK(file_size(svg) == -1);

    int st = export_to(session, svg, 5, 800, 450, false, err, sizeof err);
    CHECK_MSG(st == EXPORT_OK, "svg export gave %d: %s", st, err);
    snprintf(cmd, sizeof cmd, "rsvg-convert '%s' -o '%s' && echo ok", svg,
             png);
    char *out = command_output(cmd);
    CHECK_MSG(strcmp(out, "ok\n") == 0, "rsvg-convert failed: %s", out);
    free(out);
    SDL_Surface *img = IMG_Load(png);
    CHECK_MSG(img && img->w == 800 && img->h == 450, "svg rendered as %dx%d",
              img ? img->w : -1, img ? img->h : -1);
    SDL_FreeSurface(img);
}

/* ---- GIF ---------------------------------------------------------------- */

/* Total delay (centiseconds) and frames of a GIF, and whether it loops. */
typedef struct {
    int w, h, frames, delay_cs;
    bool loops;
} GifFacts;

static bool read_gif(const char *path, GifFacts *f)
{
    int e = 0;
    GifFileType *gif = DGifOpenFileName(path, &e);
    if (!gif || DGifSlurp(gif) != GIF_OK) {
        if (gif)
            DGifCloseFile(gif, &e);
        return false;
    }
    *f = (GifFacts){gif->SWidth, gif->SHeight, gif->ImageCount, 0, false};
    for (int i = 0; i < gif->ImageCount; i++) {
        GraphicsControlBlock gcb;
        if (DGifSavedExtensionToGCB(gif, i, &gcb) == GIF_OK)
            f->delay_cs += gcb.DelayTime;
        SavedImage *im = &gif->SavedImages[i];
        for (int j = 0; j < im->ExtensionBlockCount; j++)
            if (im->ExtensionBlocks[j].Function == APPLICATION_EXT_FUNC_CODE &&
                im->ExtensionBlocks[j].ByteCount == 11 &&
                memcmp(im->ExtensionBlocks[j].Bytes, "NETSCAPE2.0", 11) == 0)
                f->loops = true;
    }
    DGifCloseFile(gif, &e);
    return true;
}

static void test_gif(const Session *session, const char *dir)
{
    char gif[600], err[1024] = "";
    snprintf(gif, sizeof gif, "%s/anim.gif", dir);
    /* One step at slide size: 550 ms of ease-in at 5 cs a frame, then
     * held 150 cs; frames where nothing moved are merged, delays kept. */
    int st = export_to(session, gif, 9, 1280, 720, false, err, sizeof err);
    CHECK_MSG(st == EXPORT_OK, "gif export gave %d: %s", st, err);
    GifFacts f;
    CHECK(read_gif(gif, &f));
    CHECK_MSG(f.w == 1280 && f.h == 720, "gif is %dx%d", f.w, f.h);
    CHECK_MSG(f.frames >= 3 && f.frames <= 12, "%d frames", f.frames);
    CHECK_MSG(f.delay_cs == 11 * 5 + 150, "delays add to %d cs", f.delay_cs);
    CHECK(f.loops);
    long size = file_size(gif);
    CHECK_MSG(size > 0 && size <= 2 * 1024 * 1024, "gif of %ld bytes", size);

    /* The whole lesson, small: every step's animation and hold. */
    char all[600];
    snprintf(all, sizeof all, "%s/all.gif", dir);
    st = export_to(session, all, 0, 320, 180, false, err, sizeof err);
    CHECK_MSG(st == EXPORT_OK, "lesson gif gave %d: %s", st, err);
    CHECK(read_gif(all, &f));
    int steps = session_step_count(session);
    CHECK(f.w == 320 && f.h == 180);
    CHECK_MSG(f.delay_cs == steps * (11 * 5 + 150), "delays add to %d cs",
              f.delay_cs);
    CHECK(f.frames > steps && f.frames <= steps * 12);
}

/* ---- key E's deck --------------------------------------------------------- */

static void test_deck_beside(const Session *session, const char *dir)
{
    char folder[600], deck[700], cmd[1400], err[1024] = "";
    snprintf(folder, sizeof folder, "%s/lesson-steps", dir);
    mkdir(folder, 0700);
    ViewOptions view = {.lang = LANG_EN};
    int st = export_deck_beside(session, &view, 640, 360, NULL, folder, deck,
                                sizeof deck, err, sizeof err);
    CHECK_MSG(st == EXPORT_OK, "deck beside gave %d: %s", st, err);
    char want[700];
    snprintf(want, sizeof want, "%s.pdf", folder);
    CHECK(strcmp(deck, want) == 0);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", deck);
    char *info = command_output(cmd);
    char *pages = strstr(info, "Pages:");
    CHECK_MSG(pages && atoi(pages + 6) == session_step_count(session),
              "pdfinfo: %s", info);
    free(info);
    snprintf(want, sizeof want, "%s.pdfpc", folder);
    CHECK(file_size(want) > 100);
    /* It never replaces a file. */
    long before = file_size(deck);
    CHECK(export_deck_beside(session, &view, 320, 180, NULL, folder, deck,
                             sizeof deck, err, sizeof err) == EXPORT_USAGE);
    CHECK(file_size(deck) == before);
}

/* ---- refusals and failures --------------------------------------------- */

static void test_failures(const Session *session, const char *dir)
{
    char pdf[600], notes[600], err[1024] = "";
    snprintf(pdf, sizeof pdf, "%s/deck.pdf", dir);
    snprintf(notes, sizeof notes, "%s/deck.pdfpc", dir);

    /* A file that exists is kept without --force (exit 2). */
    FILE *fp = fopen(pdf, "w");
    fputs("mine", fp);
    fclose(fp);
    CHECK(export_to(session, pdf, 0, 320, 180, false, err, sizeof err) ==
          EXPORT_USAGE);
    CHECK(strstr(err, "--force") != NULL && !strchr(err, '\n'));
    CHECK(file_size(pdf) == 4 && fixture_count_entries(dir, "", "") == 1);
    /* So is a lone .pdfpc: and the deck is not written either. */
    remove(pdf);
    fp = fopen(notes, "w");
    fputs("mine", fp);
    fclose(fp);
    CHECK(export_to(session, pdf, 0, 320, 180, false, err, sizeof err) ==
          EXPORT_USAGE);
    CHECK(file_size(notes) == 4 && fixture_count_entries(dir, "", "") == 1);
    /* With --force both are replaced. */
    CHECK(export_to(session, pdf, 0, 320, 180, true, err, sizeof err) ==
          EXPORT_OK);
    CHECK(file_size(notes) > 4 && file_size(pdf) > 1000);
    CHECK(fixture_count_entries(dir, "", "") == 2);
    remove(pdf);
    remove(notes);

    /* A folder that is not there: a runtime failure (exit 1). */
    char missing[700];
    snprintf(missing, sizeof missing, "%s/no/such/deck.gif", dir);
    CHECK(export_to(session, missing, 1, 320, 180, false, err, sizeof err) ==
          EXPORT_FAILED);
    CHECK(strstr(err, "must exist") != NULL);
    /* A bad extension, a step out of range, a bad size: usage (exit 2). */
    CHECK(export_to(session, pdf, 999, 320, 180, false, err, sizeof err) ==
          EXPORT_USAGE);
    CHECK(export_to(session, pdf, 0, 0, 99999, false, err, sizeof err) ==
          EXPORT_USAGE);
    CHECK(fixture_count_entries(dir, "", "") == 0);

    /* A write that fails (a file size limit, as a full disk would: EFBIG
     * even for root) leaves nothing, for every format. */
    struct rlimit old_limit, small;
    if (getrlimit(RLIMIT_FSIZE, &old_limit) == 0) {
        small = old_limit;
        small.rlim_cur = 4096;
        signal(SIGXFSZ, SIG_IGN);
        const char *names[] = {"deck.pdf", "step.svg", "anim.gif"};
        for (int i = 0; i < 3; i++) {
            char path[700];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            if (setrlimit(RLIMIT_FSIZE, &small) != 0)
                break;
            int s = export_to(session, path, i == 0 ? 0 : 2, 640, 360, false,
                              err, sizeof err);
            setrlimit(RLIMIT_FSIZE, &old_limit);
            CHECK_MSG(s == EXPORT_FAILED, "%s under a size limit gave %d: %s",
                      names[i], s, err);
            CHECK(!strchr(err, '\n'));
            CHECK_MSG(fixture_count_entries(dir, "", "") == 0,
                      "%s left %d files", names[i],
                      fixture_count_entries(dir, "", ""));
        }
    }
}

int main(void)
{
    Session session;
    if (!fixture_default_show(&session, "test_slides"))
        return 1;
    if (IMG_Init(IMG_INIT_PNG) == 0) {
        fprintf(stderr, "test_slides: SDL_image: %s\n", IMG_GetError());
        return 1;
    }
    char dir[512];
    if (!fixture_temp_dir(dir, sizeof dir, "s2s-slides"))
        return 1;
    test_pdf(&session, dir); /* Chinese, the zero default */
    remove_tree(dir);
    mkdir(dir, 0700);
    test_lang = LANG_EN;
    test_pdf(&session, dir);
    remove_tree(dir);
    mkdir(dir, 0700);
    test_svg(&session, dir);
    test_gif(&session, dir);
    test_deck_beside(&session, dir);
    remove_tree(dir);
    mkdir(dir, 0700);
    test_failures(&session, dir);
    remove_tree(dir);
    IMG_Quit();
    session_deinit(&session);
    return check_exit();
}
