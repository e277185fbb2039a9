/* Which view of the same steps is shown (DESIGN.md, "Three views of the
 * same steps"): the step-through of one decoder, the training view, or
 * the compare view of every decoder on the shared encoder. */
#ifndef S2S_VIEW_H
#define S2S_VIEW_H

#include <stdbool.h>

typedef enum { VIEW_STEPS, VIEW_TRAINING, VIEW_COMPARE } SessionView;

/* "steps", "training", "compare" ("?" out of range). */
const char *view_name(SessionView v);
/* False when name is none of them. */
bool view_parse(const char *name, SessionView *out);

#endif
