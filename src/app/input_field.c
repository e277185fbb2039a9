/* The input field's text. Backspace removes a whole UTF-8 character (a
 * Chinese character is three bytes), never half of one. */
#include "app/input_field.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void input_field_init(InputField *f)
{
    memset(f, 0, sizeof *f);
}

void input_field_deinit(InputField *f)
{
    free(f->composition);
    memset(f, 0, sizeof *f);
}

void input_field_open(InputField *f, const char *text)
{
    f->open = true;
    f->len = 0;
    f->text[0] = '\0';
    f->note[0] = '\0';
    input_field_set_composition(f, NULL, 0);
    if (text)
        input_field_insert(f, text);
}

void input_field_close(InputField *f)
{
    f->open = false;
    f->note[0] = '\0';
    input_field_set_composition(f, NULL, 0);
}

bool input_field_insert(InputField *f, const char *utf8)
{
    size_t n = strlen(utf8);
    if (f->len + n >= sizeof f->text)
        return false;
    memcpy(f->text + f->len, utf8, n + 1);
    f->len += n;
    f->note[0] = '\0';
    return true;
}

bool input_field_backspace(InputField *f)
{
    if (f->len == 0)
        return false;
    size_t i = f->len - 1;
    while (i > 0 && ((unsigned char)f->text[i] & 0xC0) == 0x80)
        i--;
    f->len = i;
    f->text[i] = '\0';
    f->note[0] = '\0';
    return true;
}

void input_field_set_composition(InputField *f, const char *utf8,
                                 int cursor)
{
    free(f->composition);
    f->composition = NULL;
    f->comp_cursor = 0;
    if (utf8 && *utf8) {
        f->composition = xstrdup(utf8);
        f->comp_cursor = cursor;
    }
}

bool input_field_composing(const InputField *f)
{
    return f->composition != NULL;
}

void input_field_display(const InputField *f, char *buf, size_t size)
{
    if (size == 0)
        return;
    snprintf(buf, size, "%s%s", f->text,
             f->composition ? f->composition : "");
    /* snprintf may have cut inside a character: drop the partial tail. */
    size_t n = strlen(buf);
    if (n == size - 1) {
        size_t i = n;
        while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
            i--;
        if (i > 0 && ((unsigned char)buf[i - 1] & 0x80))
            buf[i - 1] = '\0';
    }
}
