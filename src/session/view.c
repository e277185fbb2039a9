/* The names of the views, for --view and the docs. */
#include "session/view.h"

#include <string.h>

static const char *const names[VIEW_COUNT] = {
    [VIEW_STEPS] = "steps",
    [VIEW_TRAINING] = "training",
    [VIEW_COMPARE] = "compare",
};

const char *view_name(SessionView v)
{
    return (unsigned)v < VIEW_COUNT ? names[v] : "?";
}

bool view_parse(const char *name, SessionView *out)
{
    for (int v = 0; v < VIEW_COUNT; v++)
        if (strcmp(name, names[v]) == 0) {
            *out = (SessionView)v;
            return true;
        }
    return false;
}
