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

void clock_start(AnimClock *c, double now_ms, int slow)
{
    if (slow < 1)
        slow = 1;
    c->start_ms = now_ms;
    c->duration_ms = CLOCK_STEP_MS * slow;
    c->linear = slow > 1;
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
    double t = (now_ms - c->start_ms) / c->duration_ms;
    if (c->linear)
        return t <= 0 ? 0.0f : t >= 1 ? 1.0f : (float)t;
    return clock_ease(t);
}
