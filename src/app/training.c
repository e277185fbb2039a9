/* The training view in the window (DESIGN.md, "Keys"): R switches to it and
 * back, [ ] move to the previous / next snapshot and { } to the first /
 * last, keeping the step; A plays the snapshots in order. */
#include "app/internal.h"

void app_toggle_training(AppState *app)
{
    Session *s = app->session;
    bool on = s->view != VIEW_TRAINING;
    session_set_view(s, on ? VIEW_TRAINING : VIEW_STEPS);
    clock_finish(&app->clock);
    if (on)
        app_toast(app, app_text(app, UI_TOAST_TRAINING_ON),
                  session_epoch(s));
    else
        app_toast(app, "%s", app_text(app, UI_TOAST_TRAINING_OFF));
}

void app_snapshot_go(AppState *app, int snap)
{
    Session *s = app->session;
    if (s->view != VIEW_TRAINING) {
        app_toast(app, "%s", app_text(app, UI_TOAST_SNAPSHOT_KEYS));
        return;
    }
    session_set_snapshot(s, snap);
    clock_finish(&app->clock);
    app_toast(app, app_text(app, UI_TOAST_EPOCH), session_epoch(s),
              s->course->log.epochs);
}

bool app_snapshot_play_next(AppState *app)
{
    Session *s = app->session;
    if (s->snapshot + 1 >= s->course->log.snapshot_count)
        return false;
    app_snapshot_go(app, s->snapshot + 1);
    /* each snapshot shows a third of a step's time: the loss curve is the
     * story, and + / - still set the pace */
    app->auto_next = app->now + app->auto_ms / 3;
    return true;
}
