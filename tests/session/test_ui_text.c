/* The interface string table (session/ui_text.h): every entry exists in
 * both languages and is not empty; the Chinese form is Chinese (a CJK
 * character or a full-width sign, unless the entry is a key name the same
 * in both, like "Home / End"), and a printf format has the same
 * conversions in both languages, so a toast never reads garbage. */
#include <string.h>

#include "check.h"
#include "session/ui_text.h"

/* The conversions of a format, in order ("%d%s"); "%%" skipped. */
static void conversions(const char *s, char *out, size_t size)
{
    size_t o = 0;
    for (; *s && o + 3 < size; s++) {
        if (*s != '%')
            continue;
        if (s[1] == '%') {
            s++;
            continue;
        }
        const char *c = s + strspn(s + 1, ".0123456789") + 1;
        out[o++] = '%';
        out[o++] = *c;
        s = c;
    }
    out[o] = '\0';
}

static bool has_cjk(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0xE3 && *p <= 0xEF) /* U+3000..U+FFFF: CJK, full width */
            return true;
    return false;
}

int main(void)
{
    for (int id = 0; id < UI_TEXT_COUNT; id++) {
        const char *zh = ui_text_entry((UiText)id, LANG_ZH);
        const char *en = ui_text_entry((UiText)id, LANG_EN);
        CHECK_MSG(zh && *zh, "string %d has no zh", id);
        CHECK_MSG(en && *en, "string %d has no en", id);
        if (!zh || !en)
            continue;
        char a[32], b[32];
        conversions(zh, a, sizeof a);
        conversions(en, b, sizeof b);
        CHECK_MSG(strcmp(a, b) == 0, "string %d: zh %s, en %s", id, a, b);
        CHECK_MSG(has_cjk(zh) || strcmp(zh, en) == 0,
                  "string %d: the zh form is not Chinese: %s", id, zh);
    }
    CHECK(ui_text_entry(UI_TEXT_COUNT, LANG_ZH) == NULL);
    CHECK(*ui_text(UI_TEXT_COUNT, LANG_EN) == '\0');
    CHECK(strcmp(ui_variant_label(VARIANT_INIT, LANG_ZH), "C 只作初始状态") == 0);
    CHECK(strcmp(ui_context_label(CONTEXT_MEAN, LANG_EN),
                 ui_text(UI_CONTEXT_MEAN, LANG_EN)) == 0);
    return check_exit();
}
