/* Handing a saved picture to the person at the keyboard, after S or E has
 * written it: on the desktop the file stays where it was written and the
 * toast names its path; in the browser (no file system the student can
 * see) it becomes a download: a PNG as it is, E's folder of PNGs as one
 * zip. meson picks handover_desktop.c or handover_web.c. */
#ifndef S2S_APP_HANDOVER_H
#define S2S_APP_HANDOVER_H

#include <stdbool.h>
#include <stddef.h>

/* path is a file (S) or a folder of files (E). On success writes what the
 * toast should name (the path, or the download's file name) to shown and
 * returns true; else false with a one-line reason in err. */
bool handover_saved(const char *path, bool is_folder, char *shown,
                    size_t shown_size, char *err, size_t err_size);

#endif
