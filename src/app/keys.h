/* The key table of DESIGN.md ("Keys") as a pure function: an SDL key and
 * its modifiers -> what the presenter asked for. No window is needed, so
 * the table is tested on its own. Modes (input field, picker) are not
 * handled here: the app routes keys there before asking this table. */
#ifndef S2S_APP_KEYS_H
#define S2S_APP_KEYS_H

#include <SDL.h>

#include "scene/key_help.h"

typedef enum {
    ACT_NONE,
    ACT_NEXT,       /* → ↓ Space PageDown Enter N */
    ACT_PREV,       /* ← ↑ PageUp Backspace P */
    ACT_FIRST,      /* Home */
    ACT_LAST,       /* End */
    ACT_DIGIT,      /* 0-9 (keys_digit gives which) */
    ACT_AUTO,       /* A */
    ACT_FASTER,     /* + */
    ACT_SLOWER,     /* - */
    ACT_SLOW_MOTION, /* M: 1x -> 3x -> 6x */
    ACT_VARIANT,    /* V */
    ACT_CONTEXT,    /* C */
    ACT_COMPARE,    /* X: the compare view on / off */
    ACT_NUMBERS,    /* D */
    ACT_LOG_BARS,   /* G: the bars on a log scale */
    ACT_LANG,       /* L */
    ACT_THEME,      /* T */
    ACT_LARGE_TEXT, /* Z */
    ACT_KEY_HINTS,  /* K: the footer's hints */
    ACT_FULLSCREEN, /* F F11 F5 */
    ACT_ESCAPE,     /* Esc: leaves full screen, closes things; never quits */
    ACT_BLACK,      /* B . */
    ACT_WHITE,      /* W , */
    ACT_SAVE,       /* S */
    ACT_EXPORT,     /* E */
    ACT_INPUT,      /* I Tab */
    ACT_PICKER,     /* O */
    ACT_TRAINING,   /* R: the training view on / off */
    ACT_SNAPSHOT_PREV,  /* [ (training view) */
    ACT_SNAPSHOT_NEXT,  /* ] */
    ACT_SNAPSHOT_FIRST, /* { (Shift+[) */
    ACT_SNAPSHOT_LAST,  /* } (Shift+]) */
    ACT_HELP,       /* H F1 ? */
    ACT_QUIT,       /* Q, Ctrl+Q */
    ACT_COUNT
} KeyAction;

/* What key sym with modifiers mod does in the normal view. Keys held with
 * Ctrl, Alt or GUI do nothing except Ctrl+Q (so window-manager chords and
 * a stray Ctrl+S do not act). */
KeyAction keys_action(SDL_Keycode sym, Uint16 mod);

/* The digit 0-9 of a digit key (top row or keypad), or -1. */
int keys_digit(SDL_Keycode sym);

/* The table as the help overlay and the footer list it: copies up to max
 * rows (KEYS_HELP_MAX holds them all; the strings are static) into out and
 * returns how many. */
#define KEYS_HELP_MAX 40
int keys_help(KeyHelpRow *out, int max);

/* A short name for tests and logs ("next", "quit", ...). */
const char *keys_action_name(KeyAction a);

#endif
