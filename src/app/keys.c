/* The key table: presentation remotes send PageDown/PageUp (some ↓/↑),
 * F5/Esc from their start button and '.'/'b' from their blank button;
 * PowerPoint habits add N/P, Enter, Backspace and number + Enter. One row
 * per action: its keys, how they are written, what the help overlay says
 * and what the footer hints say, so "which key does what" is one place to
 * read and test, and the help and the footer follow it. */
#include "app/keys.h"

#include <stddef.h>

enum { MAX_SYMS = 8 };

typedef struct {
    KeyAction action;
    SDL_Keycode syms[MAX_SYMS]; /* 0 ends the list */
    KeyHelpRow help;            /* what[] and hint[] are {zh, en} */
} KeyRow;

/* DESIGN.md, "Keys". ACT_DIGIT's keys are matched by keys_digit. */
static const KeyRow table[] = {
    /* First: the footer shows as many hints as fit, and this one must. */
    {ACT_HELP, {SDLK_h, SDLK_F1, SDLK_QUESTION},
     {"H  F1  ?", {"帮助（本页）", "this help"}, "H", {"帮助", "help"}}},
    {ACT_NEXT,
     {SDLK_RIGHT, SDLK_DOWN, SDLK_SPACE, SDLK_PAGEDOWN, SDLK_RETURN,
      SDLK_KP_ENTER, SDLK_RETURN2, SDLK_n},
     {"\xE2\x86\x92  \xE2\x86\x93  Space  PageDown  Enter  N",
      {"下一步", "next step"}, "\xE2\x86\x92", {"下一步", "next"}}},
    {ACT_PREV,
     {SDLK_LEFT, SDLK_UP, SDLK_PAGEUP, SDLK_BACKSPACE, SDLK_p},
     {"\xE2\x86\x90  \xE2\x86\x91  PageUp  Backspace  P",
      {"上一步", "previous step"}, "\xE2\x86\x90", {"上一步", "back"}}},
    {ACT_FIRST, {SDLK_HOME},
     {"Home", {"第一步", "first step"}, NULL, {NULL, NULL}}},
    {ACT_LAST, {SDLK_END},
     {"End", {"最后一步", "last step"}, NULL, {NULL, NULL}}},
    {ACT_DIGIT, {0},
     {"0\xE2\x80\x93" "9, Enter", {"输入数字再按 Enter：跳到该步",
                                   "jump to that step"},
      NULL, {NULL, NULL}}},
    {ACT_AUTO, {SDLK_a},
     {"A", {"自动播放 开/关", "automatic stepping on / off"}, "A",
      {"自动", "auto"}}},
    {ACT_FASTER, {SDLK_PLUS, SDLK_EQUALS, SDLK_KP_PLUS},
     {"+", {"自动播放更快", "auto-play faster"}, NULL, {NULL, NULL}}},
    {ACT_SLOWER, {SDLK_MINUS, SDLK_KP_MINUS},
     {"\xE2\x88\x92", {"自动播放更慢", "auto-play slower"}, NULL,
      {NULL, NULL}}},
    {ACT_SLOW_MOTION, {SDLK_m},
     {"M", {"慢动作 1× → 3× → 6×：逐个部分显示",
            "slow motion 1\xC3\x97 \xE2\x86\x92 3\xC3\x97 \xE2\x86\x92 "
            "6\xC3\x97: the parts of a step one by one"},
      "M", {"慢动作", "slow"}}},
    {ACT_VARIANT, {SDLK_v},
     {"V", {"切换解码器变体 init \xE2\x86\x94 every（同一步）",
            "flip decoder variant init \xE2\x86\x94 every, same step"},
      "V", {"变体", "variant"}}},
    {ACT_CONTEXT, {SDLK_c},
     {"C", {"切换语义向量 C 的求法（last、last-transform、mean）",
            "cycle the context mode (last, last-transform, mean)"},
      "C", {"语义向量", "context"}}},
    {ACT_NUMBERS, {SDLK_d},
     {"D", {"格子里的数值 开/关", "numbers in the cells on / off"}, "D",
      {"数值", "numbers"}}},
    {ACT_LOG_BARS, {SDLK_g},
     {"G", {"概率条：线性 \xE2\x86\x94 对数刻度",
            "bars: linear \xE2\x86\x94 log scale"},
      "G", {"对数", "log"}}},
    {ACT_LANG, {SDLK_l},
     {"L", {"讲解语言 中文 \xE2\x86\x94 English",
            "narration language zh \xE2\x86\x94 en"},
      "L", {"语言", "language"}}},
    {ACT_THEME, {SDLK_t},
     {"T", {"主题 浅色 \xE2\x86\x94 深色", "theme light \xE2\x86\x94 dark"},
      "T", {"主题", "theme"}}},
    {ACT_LARGE_TEXT, {SDLK_z},
     {"Z", {"大字模式（教室后排）开/关",
            "large text for the back row on / off"},
      "Z", {"大字", "large"}}},
    {ACT_KEY_HINTS, {SDLK_k},
     {"K", {"底部按键提示 开/关", "these key hints on / off"}, "K",
      {"隐藏提示", "hide hints"}}},
    {ACT_FULLSCREEN, {SDLK_f, SDLK_F11, SDLK_F5},
     {"F  F11  F5", {"全屏 开/关", "full screen on / off"}, NULL,
      {NULL, NULL}}},
    {ACT_ESCAPE, {SDLK_ESCAPE},
     {"Esc", {"退出全屏，关闭面板（不会退出程序）",
              "leave full screen, close a panel (never quits)"},
      NULL, {NULL, NULL}}},
    {ACT_BLACK, {SDLK_b, SDLK_PERIOD, SDLK_KP_PERIOD},
     {"B  .", {"黑屏 开/关", "black screen on / off"}, NULL, {NULL, NULL}}},
    {ACT_WHITE, {SDLK_w, SDLK_COMMA},
     {"W  ,", {"白屏 开/关", "white screen on / off"}, NULL, {NULL, NULL}}},
    {ACT_SAVE, {SDLK_s},
     {"S", {"把当前画面存为幻灯片 PNG", "save this view as a slide PNG"},
      "S", {"保存", "save"}}},
    {ACT_EXPORT, {SDLK_e},
     {"E", {"把本课每一步导出为 PNG", "export every step as PNGs"}, NULL,
      {NULL, NULL}}},
    {ACT_INPUT, {SDLK_i, SDLK_TAB},
     {"I  Tab", {"输入自己的句子（Enter 运行，Esc 取消）",
                 "type your own input (Enter runs it, Esc cancels)"},
      "I", {"输入", "input"}}},
    {ACT_PICKER, {SDLK_o},
     {"O", {"选择课程", "lesson picker"}, "O", {"课程", "lessons"}}},
    {ACT_QUIT, {SDLK_q},
     {"Q  Ctrl+Q", {"退出（Esc 不会退出）", "quit (Esc never quits)"}, NULL,
      {NULL, NULL}}},
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
        out[n++] = table[i].help;
    return n;
}

const char *keys_action_name(KeyAction a)
{
    static const char *const names[ACT_COUNT] = {
        "none",    "next",     "prev",       "first",       "last",
        "digit",   "auto",     "faster",     "slower",      "slow-motion",
        "variant", "context",  "numbers",    "log-bars",    "lang",
        "theme",   "large-text", "key-hints", "fullscreen", "escape",
        "black",   "white",    "save",       "export",      "input",
        "picker",  "help",     "quit",
    };
    return (a >= 0 && a < ACT_COUNT) ? names[a] : "?";
}
