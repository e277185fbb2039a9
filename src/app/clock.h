/* The animation clock of one step: progress u runs from 0 to 1 over
 * CLOCK_STEP_MS with an ease-out curve. Time is given in, never read, so
 * the clock is a plain value that tests drive with made-up times. */
#ifndef S2S_APP_CLOCK_H
#define S2S_APP_CLOCK_H

#include <stdbool.h>

#define CLOCK_STEP_MS 550.0

typedef struct {
    double start_ms;    /* when the current step began easing in */
    double duration_ms; /* CLOCK_STEP_MS x slow; 0 = shown finished */
    bool linear;        /* slow motion: u runs evenly, the scene paces the
                           parts and their pauses itself */
    bool running;
} AnimClock;

/* Starts easing in at now_ms, slow (1, 3 or 6; below 1 = 1) times longer
 * than a normal step. */
void clock_start(AnimClock *c, double now_ms, int slow);
/* Jumps to the finished state (u = 1). */
void clock_finish(AnimClock *c);
/* True while u < 1. Stops the clock once its time is up. */
bool clock_running(AnimClock *c, double now_ms);
/* The eased progress u in [0, 1] at now_ms. */
float clock_progress(const AnimClock *c, double now_ms);

/* Ease-out cubic: fast start, gentle landing, 1 - (1 - t)^3. */
float clock_ease(double t);

#endif
