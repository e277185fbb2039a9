/* The key table: presentation remotes send PageDown/PageUp (some ↓/↑),
 * F5/Esc from their start button and '.'/'b' from their blank button;
 * PowerPoint habits add N/P, Enter, Backspace and number + Enter. Keeping
 * it a table makes "which key does what" one place to read and test. */
#include "app/keys.h"

typedef struct {
    SDL_Keycode sym;
    KeyAction action;
} KeyRow;

static const KeyRow table[] = {
    {SDLK_RIGHT, ACT_NEXT},       {SDLK_DOWN, ACT_NEXT},
    {SDLK_SPACE, ACT_NEXT},       {SDLK_PAGEDOWN, ACT_NEXT},
    {SDLK_RETURN, ACT_NEXT},      {SDLK_KP_ENTER, ACT_NEXT},
    {SDLK_RETURN2, ACT_NEXT},     {SDLK_n, ACT_NEXT},
    {SDLK_LEFT, ACT_PREV},        {SDLK_UP, ACT_PREV},
    {SDLK_PAGEUP, ACT_PREV},      {SDLK_BACKSPACE, ACT_PREV},
    {SDLK_p, ACT_PREV},           {SDLK_HOME, ACT_FIRST},
    {SDLK_END, ACT_LAST},         {SDLK_a, ACT_AUTO},
    {SDLK_PLUS, ACT_FASTER},      {SDLK_EQUALS, ACT_FASTER},
    {SDLK_KP_PLUS, ACT_FASTER},   {SDLK_MINUS, ACT_SLOWER},
    {SDLK_KP_MINUS, ACT_SLOWER},  {SDLK_v, ACT_VARIANT},
    {SDLK_c, ACT_CONTEXT},        {SDLK_d, ACT_NUMBERS},
    {SDLK_l, ACT_LANG},           {SDLK_t, ACT_THEME},
    {SDLK_f, ACT_FULLSCREEN},     {SDLK_F11, ACT_FULLSCREEN},
    {SDLK_F5, ACT_FULLSCREEN},    {SDLK_ESCAPE, ACT_ESCAPE},
    {SDLK_b, ACT_BLACK},          {SDLK_PERIOD, ACT_BLACK},
    {SDLK_KP_PERIOD, ACT_BLACK},  {SDLK_w, ACT_WHITE},
    {SDLK_COMMA, ACT_WHITE},      {SDLK_s, ACT_SAVE},
    {SDLK_e, ACT_EXPORT},         {SDLK_i, ACT_INPUT},
    {SDLK_TAB, ACT_INPUT},        {SDLK_o, ACT_PICKER},
    {SDLK_h, ACT_HELP},           {SDLK_F1, ACT_HELP},
    {SDLK_QUESTION, ACT_HELP},    {SDLK_q, ACT_QUIT},
};

KeyAction keys_action(SDL_Keycode sym, Uint16 mod)
{
    if (mod & KMOD_CTRL)
        return sym == SDLK_q ? ACT_QUIT : ACT_NONE;
    if (mod & (KMOD_ALT | KMOD_GUI))
        return ACT_NONE;
    /* SDL2 reports the unshifted key: '?' arrives as Shift + '/'. */
    if (sym == SDLK_SLASH)
        return (mod & KMOD_SHIFT) ? ACT_HELP : ACT_NONE;
    if (keys_digit(sym) >= 0)
        return ACT_DIGIT;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (table[i].sym == sym)
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

const char *keys_action_name(KeyAction a)
{
    static const char *const names[ACT_COUNT] = {
        "none",    "next",    "prev",       "first",  "last",   "digit",
        "auto",    "faster",  "slower",     "variant", "context", "numbers",
        "lang",    "theme",   "fullscreen", "escape", "black",  "white",
        "save",    "export",  "input",      "picker", "help",   "quit",
    };
    return (a >= 0 && a < ACT_COUNT) ? names[a] : "?";
}
