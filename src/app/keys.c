/* The key table: presentation remotes send PageDown/PageUp (some ↓/↑),
 * F5/Esc from their start button and '.'/'b' from their blank button;
 * PowerPoint habits add N/P, Enter, Backspace and number + Enter. One row
 * per action: its keys, how they are written, what the help overlay says
 * and what the footer hints say, so "which key does what" is one place to
 * read and test, and the help and the footer follow it. */
#include "app/keys.h"

#include <stddef.h>

#include "session/ui_text.h"

enum { MAX_SYMS = 8 };

typedef struct {
    KeyAction action;
    SDL_Keycode syms[MAX_SYMS]; /* 0 ends the list */
    const char *keys;           /* how the keys are written */
    UiText what;                /* the help overlay's line */
    const char *hint_keys;      /* the footer's key label, or NULL */
    UiText hint;                /* the footer's word, or UI_NONE */
} KeyRow;

/* DESIGN.md, "Keys". ACT_DIGIT's keys are matched by keys_digit. */
static const KeyRow table[] = {
    /* First: the footer shows as many hints as fit, and this one must. */
    {ACT_HELP, {SDLK_h, SDLK_F1, SDLK_QUESTION},
     "H  F1  ?", UI_KEY_HELP, "H", UI_KEY_HINT_HELP},
    {ACT_NEXT, {SDLK_RIGHT, SDLK_DOWN, SDLK_SPACE, SDLK_PAGEDOWN, SDLK_RETURN, SDLK_KP_ENTER, SDLK_RETURN2, SDLK_n},
     "\xE2\x86\x92  \xE2\x86\x93  Space  PageDown  Enter  N", UI_KEY_NEXT, "\xE2\x86\x92", UI_KEY_HINT_NEXT},
    {ACT_PREV, {SDLK_LEFT, SDLK_UP, SDLK_PAGEUP, SDLK_BACKSPACE, SDLK_p},
     "\xE2\x86\x90  \xE2\x86\x91  PageUp  Backspace  P", UI_KEY_PREV, "\xE2\x86\x90", UI_KEY_HINT_PREV},
    {ACT_FIRST, {SDLK_HOME},
     "Home", UI_KEY_FIRST, NULL, UI_NONE},
    {ACT_LAST, {SDLK_END},
     "End", UI_KEY_LAST, NULL, UI_NONE},
    {ACT_DIGIT, {0},
     "0\xE2\x80\x93" "9, Enter", UI_KEY_DIGIT, NULL, UI_NONE},
    {ACT_AUTO, {SDLK_a},
     "A", UI_KEY_AUTO, "A", UI_KEY_HINT_AUTO},
    {ACT_FASTER, {SDLK_PLUS, SDLK_EQUALS, SDLK_KP_PLUS},
     "+", UI_KEY_FASTER, NULL, UI_NONE},
    {ACT_SLOWER, {SDLK_MINUS, SDLK_KP_MINUS},
     "\xE2\x88\x92", UI_KEY_SLOWER, NULL, UI_NONE},
    {ACT_SLOW_MOTION, {SDLK_m},
     "M", UI_KEY_SLOW_MOTION, "M", UI_KEY_HINT_SLOW_MOTION},
    {ACT_VARIANT, {SDLK_v},
     "V", UI_KEY_VARIANT, "V", UI_KEY_HINT_VARIANT},
    {ACT_CONTEXT, {SDLK_c},
     "C", UI_KEY_CONTEXT, "C", UI_KEY_HINT_CONTEXT},
    {ACT_COMPARE, {SDLK_x},
     "X", UI_KEY_COMPARE, "X", UI_KEY_HINT_COMPARE},
    {ACT_NUMBERS, {SDLK_d},
     "D", UI_KEY_NUMBERS, "D", UI_KEY_HINT_NUMBERS},
    {ACT_LOG_BARS, {SDLK_g},
     "G", UI_KEY_LOG_BARS, "G", UI_KEY_HINT_LOG_BARS},
    {ACT_LANG, {SDLK_l},
     "L", UI_KEY_LANG, "L", UI_KEY_HINT_LANG},
    {ACT_THEME, {SDLK_t},
     "T", UI_KEY_THEME, "T", UI_KEY_HINT_THEME},
    {ACT_LARGE_TEXT, {SDLK_z},
     "Z", UI_KEY_LARGE_TEXT, "Z", UI_KEY_HINT_LARGE_TEXT},
    {ACT_KEY_HINTS, {SDLK_k},
     "K", UI_KEY_KEY_HINTS, "K", UI_KEY_HINT_KEY_HINTS},
    {ACT_FULLSCREEN, {SDLK_f, SDLK_F11, SDLK_F5},
     "F  F11  F5", UI_KEY_FULLSCREEN, NULL, UI_NONE},
    {ACT_ESCAPE, {SDLK_ESCAPE},
     "Esc", UI_KEY_ESCAPE, NULL, UI_NONE},
    {ACT_BLACK, {SDLK_b, SDLK_PERIOD, SDLK_KP_PERIOD},
     "B  .", UI_KEY_BLACK, NULL, UI_NONE},
    {ACT_WHITE, {SDLK_w, SDLK_COMMA},
     "W  ,", UI_KEY_WHITE, NULL, UI_NONE},
    {ACT_SAVE, {SDLK_s},
     "S", UI_KEY_SAVE, "S", UI_KEY_HINT_SAVE},
    {ACT_EXPORT, {SDLK_e},
     "E", UI_KEY_EXPORT, NULL, UI_NONE},
    {ACT_INPUT, {SDLK_i, SDLK_TAB},
     "I  Tab", UI_KEY_INPUT, "I", UI_KEY_HINT_INPUT},
    {ACT_PICKER, {SDLK_o},
     "O", UI_KEY_PICKER, "O", UI_KEY_HINT_PICKER},
    {ACT_TRAINING, {SDLK_r},
     "R", UI_KEY_TRAINING, "R", UI_KEY_HINT_TRAINING},
    /* [ and ] shifted are { and }: keys_action tells them apart */
    {ACT_SNAPSHOT_PREV, {SDLK_LEFTBRACKET},
     "[  ]", UI_KEY_SNAPSHOT, NULL, UI_NONE},
    {ACT_SNAPSHOT_FIRST, {0},
     "{  }", UI_KEY_SNAPSHOT_ENDS, NULL, UI_NONE},
    {ACT_QUIT, {SDLK_q},
     "Q  Ctrl+Q", UI_KEY_QUIT, NULL, UI_NONE},
};

#define ROWS (sizeof table / sizeof *table)

KeyAction keys_action(SDL_Keycode sym, Uint16 mod)
{
    if (mod & KMOD_CTRL)
        return sym == SDLK_q ? ACT_QUIT : ACT_NONE;
    if (mod & (KMOD_ALT | KMOD_GUI))
        return ACT_NONE;
    /* SDL2 reports the unshifted key: '?' arrives as Shift + '/'. */
    if (sym == SDLK_SLASH)
        return (mod & KMOD_SHIFT) ? ACT_HELP : ACT_NONE;
    if (sym == SDLK_LEFTBRACKET)
        return (mod & KMOD_SHIFT) ? ACT_SNAPSHOT_FIRST : ACT_SNAPSHOT_PREV;
    if (sym == SDLK_RIGHTBRACKET)
        return (mod & KMOD_SHIFT) ? ACT_SNAPSHOT_LAST : ACT_SNAPSHOT_NEXT;
    if (keys_digit(sym) >= 0)
        return ACT_DIGIT;
    for (size_t i = 0; i < ROWS; i++)
        for (int j = 0; j < MAX_SYMS && table[i].syms[j]; j++)
            if (table[i].syms[j] == sym)
                return table[i].action;
    return ACT_NONE;
}

int keys_digit(SDL_Keycode sym)
{
    if (sym >= SDLK_0 && sym <= SDLK_9)
        return (int)(sym - SDLK_0);
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
        return (int)(sym - SDLK_KP_1) + 1;
    if (sym == SDLK_KP_0)
        return 0;
    return -1;
}

int keys_help(KeyHelpRow *out, int max)
{
    int n = 0;
    for (size_t i = 0; i < ROWS && n < max; i++)
    {
        const KeyRow *r = &table[i];
        KeyHelpRow h = {.keys = r->keys, .hint_keys = r->hint_keys};
        for (int l = 0; l < LANG_COUNT; l++) {
            h.what[l] = ui_text(r->what, (Lang)l);
            h.hint[l] = r->hint != UI_NONE ? ui_text(r->hint, (Lang)l) : NULL;
        }
        out[n++] = h;
    }
    return n;
}

const char *keys_action_name(KeyAction a)
{
    static const char *const names[ACT_COUNT] = {
        "none",     "next",       "prev",      "first",      "last",
        "digit",    "auto",       "faster",    "slower",     "slow-motion",
        "variant",  "context",    "compare",   "numbers",    "log-bars",
        "lang",     "theme",      "large-text", "key-hints", "fullscreen",
        "escape",   "black",      "white",     "save",       "export",
        "input",    "picker",     "training",  "snapshot-prev",
        "snapshot-next", "snapshot-first", "snapshot-last", "help", "quit",
    };
    return (a >= 0 && a < ACT_COUNT) ? names[a] : "?";
}
