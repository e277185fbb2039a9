/* The text of the input field (key I / Tab): what was typed, the input
 * method's composition shown in place, and a one-line note (why Enter was
 * refused). Plain UTF-8 editing with no SDL, so it is tested directly. */
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
    char *composition;           /* owned; the IME's uncommitted text */
    int comp_cursor;             /* cursor inside it, in characters */
    char note[512];              /* refusal reason, "" when none */
} InputField;

void input_field_init(InputField *f);
void input_field_deinit(InputField *f);

/* Opens the field holding text (the current input), clears note and
 * composition. */
void input_field_open(InputField *f, const char *text);
void input_field_close(InputField *f);

/* Appends committed text (SDL_TEXTINPUT). Returns false when it would not
 * fit (the text is then left as it was). */
bool input_field_insert(InputField *f, const char *utf8);
/* Deletes the last UTF-8 character; false when empty. */
bool input_field_backspace(InputField *f);
/* Sets the composition (SDL_TEXTEDITING[_EXT]); "" or NULL clears it. */
void input_field_set_composition(InputField *f, const char *utf8,
                                 int cursor);
/* True while the IME is composing: Enter and Backspace belong to it. */
bool input_field_composing(const InputField *f);

/* The text to draw: committed text followed by the composition, into buf
 * (cut at a character boundary when buf is too small). */
void input_field_display(const InputField *f, char *buf, size_t size);

#endif
