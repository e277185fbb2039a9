/* The input field's text. The caret and the selection's ends stay on
 * character boundaries: Backspace, Delete and the arrows move over a whole
 * UTF-8 character (a Chinese character is three bytes), never half of
 * one. */
#include "app/input_field.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* The boundary of the character before / after byte offset i. */
static size_t prev_char(const InputField *f, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && continuation(f->text[i]))
        i--;
    return i;
}

static size_t next_char(const InputField *f, size_t i)
{
    if (i >= f->len)
        return f->len;
    i++;
    while (i < f->len && continuation(f->text[i]))
        i++;
    return i;
}

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
    f->len = f->caret = f->anchor = 0;
    f->text[0] = '\0';
    input_field_set_composition(f, NULL, 0);
    if (text)
        input_field_insert(f, text);
    f->note[0] = '\0';
    input_field_select_all(f);
}

void input_field_close(InputField *f)
{
    f->open = false;
    f->note[0] = '\0';
    input_field_set_composition(f, NULL, 0);
}

void input_field_selection(const InputField *f, size_t *start, size_t *end)
{
    *start = f->anchor < f->caret ? f->anchor : f->caret;
    *end = f->anchor < f->caret ? f->caret : f->anchor;
}

/* Removes bytes [a, b) and puts the caret there. */
static void cut(InputField *f, size_t a, size_t b)
{
    memmove(f->text + a, f->text + b, f->len - b + 1);
    f->len -= b - a;
    f->caret = f->anchor = a;
}

static bool delete_selection(InputField *f)
{
    size_t a, b;
    input_field_selection(f, &a, &b);
    if (a == b)
        return false;
    cut(f, a, b);
    return true;
}

bool input_field_insert(InputField *f, const char *utf8)
{
    size_t n = strlen(utf8), a, b;
    input_field_selection(f, &a, &b);
    if (f->len - (b - a) + n >= sizeof f->text)
        return false;
    delete_selection(f);
    memmove(f->text + f->caret + n, f->text + f->caret,
            f->len - f->caret + 1);
    memcpy(f->text + f->caret, utf8, n);
    f->len += n;
    f->caret = f->anchor = f->caret + n;
    f->note[0] = '\0';
    return true;
}

bool input_field_backspace(InputField *f)
{
    f->note[0] = '\0';
    if (delete_selection(f))
        return true;
    if (f->caret == 0)
        return false;
    cut(f, prev_char(f, f->caret), f->caret);
    return true;
}

bool input_field_delete(InputField *f)
{
    f->note[0] = '\0';
    if (delete_selection(f))
        return true;
    if (f->caret >= f->len)
        return false;
    cut(f, f->caret, next_char(f, f->caret));
    return true;
}

void input_field_select_all(InputField *f)
{
    f->anchor = 0;
    f->caret = f->len;
}

void input_field_move(InputField *f, int dir, bool extend)
{
    size_t a, b;
    input_field_selection(f, &a, &b);
    size_t to;
    if (!extend && a != b && (dir == -1 || dir == 1))
        to = dir < 0 ? a : b;
    else if (dir == -2)
        to = 0;
    else if (dir == 2)
        to = f->len;
    else
        to = dir < 0 ? prev_char(f, f->caret) : next_char(f, f->caret);
    f->caret = to;
    if (!extend)
        f->anchor = to;
}

void input_field_set_composition(InputField *f, const char *utf8,
                                 int cursor)
{
    free(f->composition);
    f->composition = NULL;
    f->comp_cursor = 0;
    if (utf8 && *utf8) {
        delete_selection(f);
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
    snprintf(buf, size, "%.*s%s%s", (int)f->caret, f->text,
             f->composition ? f->composition : "", f->text + f->caret);
    /* snprintf may have cut inside a character: drop the partial tail. */
    size_t n = strlen(buf);
    if (n == size - 1) {
        size_t i = n;
        while (i > 0 && continuation(buf[i - 1]))
            i--;
        if (i > 0 && ((unsigned char)buf[i - 1] & 0x80))
            buf[i - 1] = '\0';
    }
}
