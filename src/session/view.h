/* The three views of the same steps (DESIGN.md, "Three views of the same
 * steps"): the step-through (the default), compare (key X) and training
 * (key R), by the names the command line's --view uses. */
#ifndef S2S_VIEW_H
#define S2S_VIEW_H

#include <stdbool.h>

typedef enum { VIEW_STEPS, VIEW_TRAINING, VIEW_COMPARE } SessionView;

#define VIEW_COUNT 3

/* "steps", "training", "compare"; "?" for none of them. */
const char *view_name(SessionView v);
/* True and *out set when name is one of view_name's names. */
bool view_parse(const char *name, SessionView *out);

#endif
