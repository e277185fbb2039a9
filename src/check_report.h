/* --check: load a lesson, train every variant and context mode, and report
 * whether the lesson is sound. */
#ifndef S2S_CHECK_REPORT_H
#define S2S_CHECK_REPORT_H

#include <stdio.h>

/* Loads and trains the lesson at path and writes a report to out:
 * vocabulary sizes, the final loss and training-set accuracy of each
 * variant and context mode, accuracy on held-out [test] pairs by input
 * length, and the lesson's own input decoded. A load error is one line on
 * err. Returns 0 when the lesson is sound (every training pair decodes in
 * the lesson's own variant and context mode), 1 when it loads but is not
 * sound or cannot be read (I/O), 2 when the lesson is malformed. */
int check_lesson(const char *path, FILE *out, FILE *err);

#endif
