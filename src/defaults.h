/* The values the program takes when no option says otherwise, each written
 * once: the code, --help (cli.c) and the window read them from here. (The
 * interface language's default is a function of the locale: main.c's
 * default_lang; the theme's is THEME_LIGHT, the zero of ViewOptions.) No
 * includes: any layer may read it. */
#ifndef S2S_DEFAULTS_H
#define S2S_DEFAULTS_H

/* Slide size of --export, S and E without --size: a 16:9 projector's. */
#define DEFAULT_SLIDE_WIDTH 1920
#define DEFAULT_SLIDE_HEIGHT 1080
/* The largest side --size accepts (cli.c) and the writers check (export.c):
 * a limit, kept beside the default it bounds. */
#define SLIDE_MAX_SIDE 16384
/* The window's size when it opens (not full screen): 16:9, fits a laptop. */
#define DEFAULT_WINDOW_WIDTH 1280
#define DEFAULT_WINDOW_HEIGHT 720
/* Auto-step (A): the time per step before M / Shift+M change it. */
#define DEFAULT_AUTOSTEP_MS 3000.0

/* "1920x1080" from the numbers above, for --help. */
#define DEFAULT_STRINGIFY_(x) #x
#define DEFAULT_STRINGIFY(x) DEFAULT_STRINGIFY_(x)
#define DEFAULT_SLIDE_SIZE_TEXT                                              \
    DEFAULT_STRINGIFY(DEFAULT_SLIDE_WIDTH) "x" DEFAULT_STRINGIFY(DEFAULT_SLIDE_HEIGHT)

/* The slide size to draw at: w x h as given (--size; each writer checks
 * it), or the default when none is given (0 x 0). The one place that
 * resolves it: --export's PNGs and slides, S and E. */
static inline void default_slide_size(int w, int h, int *out_w, int *out_h)
{
    if (w == 0 && h == 0) {
        w = DEFAULT_SLIDE_WIDTH;
        h = DEFAULT_SLIDE_HEIGHT;
    }
    *out_w = w;
    *out_h = h;
}

#endif
