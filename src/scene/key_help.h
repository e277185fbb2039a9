/* The keys as the picture lists them: the help overlay shows every row,
 * the footer the rows with a short hint. Plain data the app hands in from
 * its one key table (app/keys.c), so the scene needs no SDL and the help
 * and the footer cannot disagree with what the keys do. */
#ifndef S2S_KEY_HELP_H
#define S2S_KEY_HELP_H

#include "lesson/lesson.h" /* Lang, LANG_COUNT */

typedef struct {
    const char *keys;            /* "→  ↓  Space  PageDown  Enter  N" */
    const char *what[LANG_COUNT]; /* the help overlay's description */
    const char *hint_keys;       /* the footer's key label ("→ / Space"),
                                    or NULL: not in the footer */
    const char *hint[LANG_COUNT]; /* the footer's word ("next") */
} KeyHelpRow;

typedef struct {
    const KeyHelpRow *rows; /* borrowed */
    int count;
} KeyHelp;

#endif
