/* libFuzzer target for the lesson loader: any bytes must give a lesson or
 * one error with a line, never a crash, a leak or undefined behaviour. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lesson/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    LessonError err;
    Lesson *l = lesson_load_string((const char *)data, size, "fuzz", &err);
    if (l) {
        /* exercise what the window does with a loaded lesson's input */
        int ids[LESSON_MAX_INPUT];
        char text[64];
        size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
        memcpy(text, data, n);
        text[n] = '\0';
        lesson_tokenize_input(l, text, ids, LESSON_MAX_INPUT, NULL);
        lesson_free(l);
    } else {
        char line[1200];
        lesson_error_format(&err, line, sizeof line);
        if (err.kind == LESSON_OK || !err.message[0])
            __builtin_trap(); /* a failure must say why */
    }
    return 0;
}
