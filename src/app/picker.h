/* The lesson picker (key O): the shipped lessons plus every *.lesson in
 * the folder of the lesson that was opened, each with its title in both
 * languages, or the one-line error that stops it from loading. */
#ifndef S2S_APP_PICKER_H
#define S2S_APP_PICKER_H

#include <stdbool.h>

#include "lesson/lesson.h"

typedef struct {
    char *path;              /* owned */
    char *title[LANG_COUNT]; /* owned; the file name when it fails to load */
    char *error;             /* owned one-line error, or NULL */
} PickerEntry;

typedef struct {
    bool open;
    PickerEntry *entries; /* owned */
    int count;
    int selected;
    char note[1200]; /* a failed load's error, shown under the list */
} Picker;

void picker_init(Picker *p);
void picker_deinit(Picker *p);

/* Lists the *.lesson files of shipped_dir and of the folder of
 * opened_lesson (either may be NULL), each file once, sorted by name
 * within its folder, shipped first; reads each to get its title. Selects
 * the entry of current_path when listed. */
void picker_scan(Picker *p, const char *shipped_dir,
                 const char *opened_lesson, const char *current_path);

/* Moves the selection by delta, clamped. */
void picker_move(Picker *p, int delta);

#endif
