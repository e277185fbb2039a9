/* The view names of the command line (--view) and of file names. */
#include "session/view.h"

#include <string.h>

static const char *const names[] = {
    [VIEW_STEPS] = "steps",
    [VIEW_TRAINING] = "training",
    [VIEW_COMPARE] = "compare",
};

enum { VIEW_NAME_COUNT = (int)(sizeof names / sizeof names[0]) };

const char *view_name(SessionView v)
{
    return (unsigned)v < VIEW_NAME_COUNT ? names[v] : "?";
}

bool view_parse(const char *name, SessionView *out)
{
    for (int v = 0; v < VIEW_NAME_COUNT; v++) {
        if (strcmp(name, names[v]) == 0) {
            *out = (SessionView)v;
            return true;
        }
    }
    return false;
}
