/* The animation clock. Ease-out cubic because the eye should catch the
 * movement at once after a press and then read the settled picture; the
 * curve ends with zero speed, so the last frames do not "snap". */
#include "app/clock.h"

float clock_ease(double t)
{
    if (t <= 0.0)
        return 0.0f;
    if (t >= 1.0)
        return 1.0f;
    double r = 1.0 - t;
    return (float)(1.0 - r * r * r);
}

void clock_start(AnimClock *c, double now_ms)
{
    c->start_ms = now_ms;
    c->duration_ms = CLOCK_STEP_MS;
    c->running = true;
}

void clock_finish(AnimClock *c)
{
    c->running = false;
    c->duration_ms = 0.0;
}

bool clock_running(AnimClock *c, double now_ms)
{
    if (c->running && now_ms - c->start_ms >= c->duration_ms)
        c->running = false;
    return c->running;
}

float clock_progress(const AnimClock *c, double now_ms)
{
    if (!c->running || c->duration_ms <= 0.0)
        return 1.0f;
    return clock_ease((now_ms - c->start_ms) / c->duration_ms);
}
