/* The text of the input field (key I / Tab): what was typed, a caret and
 * a selection, the input method's composition shown at the caret, and a
 * one-line note (why Enter was refused). It opens with the current
 * sentence selected, so typing or an IME commit replaces it, as in any
 * text box. Plain UTF-8 editing with no SDL, so it is tested directly. */
#ifndef S2S_APP_INPUT_FIELD_H
#define S2S_APP_INPUT_FIELD_H

#include <stdbool.h>
#include <stddef.h>

/* Enough for LESSON_MAX_INPUT long words and then some, so an over-long
 * sentence reaches the show and is refused with its reason rather than
 * cut silently. */
#define INPUT_FIELD_MAX 4096

typedef struct {
    bool open;
    char text[INPUT_FIELD_MAX];  /* committed text, UTF-8 */
    size_t len;
    size_t caret;                /* byte offset, on a character boundary */
    size_t anchor;               /* the selection's other end; == caret
                                    when nothing is selected */
    char *composition;           /* owned; the IME's uncommitted text */
    int comp_cursor;             /* cursor inside it, in characters */
    char note[512];              /* refusal reason, "" when none */
} InputField;

void input_field_init(InputField *f);
void input_field_deinit(InputField *f);

/* Opens the field holding text (the current input), all of it selected;
 * clears note and composition. */
void input_field_open(InputField *f, const char *text);
void input_field_close(InputField *f);

/* Inserts committed text (SDL_TEXTINPUT) at the caret, replacing the
 * selection. Returns false when it would not fit (the text is then left
 * as it was). */
bool input_field_insert(InputField *f, const char *utf8);
/* Deletes the selection, else the character before the caret; false when
 * there was nothing to delete. */
bool input_field_backspace(InputField *f);
/* Deletes the selection, else the character after the caret. */
bool input_field_delete(InputField *f);
/* Ctrl+A. */
void input_field_select_all(InputField *f);
/* Moves the caret one character (dir -1 / +1) or to the start / end
 * (dir -2 / +2); extend keeps the selection's anchor (Shift). Without
 * extend, ← / → on a selection land on its start / end. */
void input_field_move(InputField *f, int dir, bool extend);
/* The selection as [start, end) byte offsets; start == end when none. */
void input_field_selection(const InputField *f, size_t *start, size_t *end);
/* Sets the composition (SDL_TEXTEDITING[_EXT]); "" or NULL clears it. A
 * composition that begins replaces the selection, as the commit will. */
void input_field_set_composition(InputField *f, const char *utf8,
                                 int cursor);
/* True while the IME is composing: Enter and Backspace belong to it. */
bool input_field_composing(const InputField *f);

/* The text to draw: committed text with the composition at the caret,
 * into buf (cut at a character boundary when buf is too small). */
void input_field_display(const InputField *f, char *buf, size_t size);

#endif
