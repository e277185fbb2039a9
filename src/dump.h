/* --dump: the weights of the chosen model and its whole forward trace as
 * JSON, in the layout of DESIGN.md ("--dump JSON"). */
#ifndef S2S_DUMP_H
#define S2S_DUMP_H

#include <stdbool.h>
#include <stddef.h>

#include "session/session.h"

/* The dump of the session's current variant and context mode at training
 * snapshot epoch (< 0: the last epoch, the trained weights), its trace
 * recomputed with those weights on the session's input, as a malloc'd
 * NUL-terminated string the caller frees; NULL when epoch is no snapshot. */
char *dump_json(const Session *s, int epoch);

/* When epoch (>= 0) is not a snapshot epoch of c, writes one line saying so
 * and listing the snapshots into err and returns true (a usage error). */
bool dump_epoch_error(const Course *c, int epoch, char *err, size_t err_size);

/* Writes dump_json(s, epoch) to path ("-" = stdout) through a temporary
 * file renamed when complete. False with a one-line reason in err on an
 * I/O failure or when epoch is no snapshot. */
bool dump_write(const Session *s, int epoch, const char *path, char *err,
                size_t err_size);

#endif
