/* --dump: the weights of the chosen model and its whole forward trace as
 * JSON, in the layout of DESIGN.md ("--dump JSON"). */
#ifndef S2S_DUMP_H
#define S2S_DUMP_H

#include <stdbool.h>
#include <stddef.h>

#include "session/session.h"

/* The dump of the session's current variant and context mode, as a malloc'd
 * NUL-terminated string the caller frees. */
char *dump_json(const Session *s);

/* Writes dump_json to path ("-" = stdout) through a temporary file renamed
 * when complete. False with a one-line reason in err on an I/O failure. */
bool dump_write(const Session *s, const char *path, char *err, size_t err_size);

#endif
