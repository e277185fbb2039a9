/* Where the program finds its files: the shipped lessons and the font.
 * In order: an environment override (S2S_LESSONS_DIR, S2S_ASSETS_DIR),
 * then beside the executable (a build tree, or a relocatable install's
 * ../share/seq2seq-viz), then the compiled-in data folder. */
#ifndef S2S_PATHS_H
#define S2S_PATHS_H

#include "s2s_config.h"

/* The shipped font's file name in assets/ (Noto Sans CJK SC, subset: see
 * assets/README.md), from font_file in the top-level meson.build. */
#define PATHS_FONT_FILE S2S_FONT_FILE

/* The folder of shipped lessons, or NULL when none is found. malloc'd. */
char *paths_lessons_dir(void);

/* The full path of assets/<name>, or NULL when not found. malloc'd. */
char *paths_asset(const char *name);

/* The default lesson (the first *.lesson of the lessons folder in name
 * order), or NULL. malloc'd. */
char *paths_default_lesson(void);

#endif
