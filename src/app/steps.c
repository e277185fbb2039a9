/* Moving through the timeline: next (finishing a running step first),
 * previous, the typed jump (digits then Enter), the variant and context
 * labels of the toasts. */
#include "app/internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_go_instant(AppState *app, int k)
{
    session_go(app->session, k);
    clock_finish(&app->clock);
    app->dirty = true;
}

void app_next(AppState *app)
{
    if (clock_running(&app->clock, app->now)) {
        clock_finish(&app->clock);
    } else if (app->session->step + 1 < session_step_count(app->session)) {
        session_go(app->session, app->session->step + 1);
        clock_start(&app->clock, app->now, app->view.slow_motion);
    }
    app->auto_next = app->now + app->auto_ms;
    app->dirty = true;
}

void app_prev(AppState *app)
{
    app_go_instant(app, app->session->step - 1);
    app->auto_next = app->now + app->auto_ms;
}

void app_jump_clear(AppState *app)
{
    if (app->jump_digits) {
        app->jump = 0;
        app->jump_digits = 0;
        app->toast[0] = '\0'; /* the "go to step" hint goes with it */
        app->toast_until = 0;
        app->dirty = true;
    }
}

void app_jump_show(AppState *app)
{
    /* No expiry while typing: the number stays until Enter or Esc. */
    snprintf(app->toast, sizeof app->toast,
             app_text(app, UI_JUMP_PROMPT),
             app->jump, session_step_count(app->session));
    app->toast_until = 1e300;
    app->dirty = true;
}

void app_jump_go(AppState *app)
{
    int k = app->jump;
    app_jump_clear(app);
    int n = session_step_count(app->session);
    if (k < 1 || k > n) {
        app_toast(app, app_text(app, UI_JUMP_NONE),
              k, n);
        return;
    }
    app_go_instant(app, k - 1);
}

const char *app_variant_label(const AppState *app, Variant v)
{
    return ui_variant_label(v, app->view.lang);
}

const char *app_context_label(const AppState *app, ContextMode c)
{
    return ui_context_label(c, app->view.lang);
}
