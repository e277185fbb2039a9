/* The window's savers: S (the current view, one PNG) and E (every step)
 * under the XDG pictures folder, in a folder of their own. */
#include "export/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "files.h"

/* mkdir -p. */
bool make_dirs(const char *path, char *err, size_t err_size)
{
    char buf[PATH_SIZE];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        set_err(err, err_size, "%s: path too long", path);
        return false;
    }
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            set_err(err, err_size, "%s: cannot create folder: %s", buf,
                    strerror(errno));
            return false;
        }
        *p = c;
        if (c == '\0')
            break;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        set_err(err, err_size, "%s: not a folder", path);
        return false;
    }
    return true;
}

/* XDG_PICTURES_DIR from user-dirs.dirs ("$HOME/..." or absolute), into
 * out; false when the file or the line is not there. */
static bool read_user_dirs(const char *home, char *out, size_t size)
{
    char file[PATH_SIZE];
    const char *config = getenv("XDG_CONFIG_HOME");
    int n = config && config[0] == '/'
                ? snprintf(file, sizeof file, "%s/user-dirs.dirs", config)
                : snprintf(file, sizeof file, "%s/.config/user-dirs.dirs",
                           home);
    if (n < 0 || (size_t)n >= sizeof file)
        return false;
    FILE *fp = fopen(file, "r");
    if (!fp)
        return false;
    bool found = false;
    char line[PATH_SIZE];
    while (!found && fgets(line, sizeof line, fp)) {
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        static const char key[] = "XDG_PICTURES_DIR=\"";
        if (strncmp(p, key, sizeof key - 1) != 0)
            continue;
        p += sizeof key - 1;
        const char *end = strchr(p, '"');
        if (!end)
            continue;
        int len = (int)(end - p);
        if (strncmp(p, "$HOME", 5) == 0 && (len == 5 || p[5] == '/'))
            n = snprintf(out, size, "%s%.*s", home, len - 5, p + 5);
        else if (p[0] == '/')
            n = snprintf(out, size, "%.*s", len, p);
        else
            continue;
        found = n > 0 && (size_t)n < size;
    }
    fclose(fp);
    return found;
}

bool export_pictures_dir(char *out, size_t out_size, char *err,
                         size_t err_size)
{
    char base[PATH_SIZE];
    const char *env = getenv("XDG_PICTURES_DIR");
    const char *home = getenv("HOME");
    if (env && env[0] == '/') {
        snprintf(base, sizeof base, "%s", env);
    } else if (!home || home[0] != '/') {
        set_err(err, err_size, "cannot find the pictures folder: HOME is "
                               "not set (set XDG_PICTURES_DIR)");
        return false;
    } else if (!read_user_dirs(home, base, sizeof base)) {
        snprintf(base, sizeof base, "%s/Pictures", home);
    }
    if (!path_join(out, out_size, base, "seq2seq-viz")) {
        set_err(err, err_size, "%s: path too long", base);
        return false;
    }
    return make_dirs(out, err, err_size);
}

bool export_save_view(const Session *session, const ViewOptions *view,
                      int w, int h, const char *font_path, char *out_path,
                      size_t out_size, char *err, size_t err_size)
{
    if (!valid_size(w, h, err, err_size))
        return false;
    char dir[PATH_SIZE], slug[256], name[320], tmp[PATH_SIZE];
    char path[PATH_SIZE];
    if (!export_pictures_dir(dir, sizeof dir, err, err_size))
        return false;
    session_slug(session, slug, sizeof slug);
    int step = session->step;
    Offscreen o;
    if (!offscreen_open(&o, w, h, 1, font_path, err, err_size))
        return false;
    bool ok = offscreen_draw(&o, session, step, view, err, err_size);
    char stem[280];
    snprintf(stem, sizeof stem, "%s-step-%03d", slug, step + 1);
    numbered_name(name, sizeof name, stem, 1, ".png");
    ok = ok && write_png_temp(o.surface->pixels, w, h, o.surface->pitch,
                              view->transparent, dir, name, tmp, sizeof tmp,
                              err, err_size);
    offscreen_close(&o);
    if (!ok)
        return false;

    bool placed = false, failed = false;
    for (int n = 1; n < 10000 && !placed && !failed; n++) {
        numbered_name(name, sizeof name, stem, n, ".png");
        if (!path_join(path, sizeof path, dir, name)) {
            set_err(err, err_size, "%s: path too long", dir);
            failed = true;
        } else if (files_move_into_place(tmp, path, false)) {
            placed = true;
        } else if (errno != EEXIST) {
            set_err(err, err_size, "%s: %s", path, strerror(errno));
            failed = true;
        }
    }
    if (!placed) {
        if (!failed)
            set_err(err, err_size, "%s: too many screenshots of this step",
                    dir);
        unlink(tmp);
        return false;
    }
    snprintf(out_path, out_size, "%s", path);
    return true;
}

int export_all_steps(const Session *session, const ViewOptions *view,
                     int w, int h, const char *font_path, ExportProgress progress,
                     char *out_dir, size_t out_size, char *err,
                     size_t err_size)
{
    if (!valid_size(w, h, err, err_size))
        return EXPORT_USAGE;
    char base[PATH_SIZE], slug[256], name[320], dir[PATH_SIZE];
    if (!export_pictures_dir(base, sizeof base, err, err_size))
        return EXPORT_FAILED;
    session_slug(session, slug, sizeof slug);
    char stem[280];
    snprintf(stem, sizeof stem, "%s-steps", slug);
    bool made = false;
    for (int n = 1; n < 10000 && !made; n++) {
        numbered_name(name, sizeof name, stem, n, "");
        if (!path_join(dir, sizeof dir, base, name)) {
            set_err(err, err_size, "%s: path too long", base);
            return EXPORT_FAILED;
        }
        if (mkdir(dir, 0777) == 0)
            made = true;
        else if (errno != EEXIST) {
            set_err(err, err_size, "%s: cannot create folder: %s", dir,
                    strerror(errno));
            return EXPORT_FAILED;
        }
    }
    if (!made) {
        set_err(err, err_size, "%s: too many exports of this lesson", base);
        return EXPORT_FAILED;
    }
    ExportDesc desc = {
        .dir = dir,
        .width = w,
        .height = h,
        .view = *view,
        .font_path = font_path,
        .on_step = progress,
    };
    int status = export_run(session, &desc, err, err_size);
    if (status != EXPORT_OK) {
        rmdir(dir);
        return status;
    }
    snprintf(out_dir, out_size, "%s", dir);
    return EXPORT_OK;
}
