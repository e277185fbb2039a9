/* The narration template language of a lesson file (lessons/README.md):
 * literal text, "{{" and "}}" for braces, and {placeholders}, each step
 * kind with its own set. The loader checks templates with it; the session
 * fills them (session/narration.c) through the same walk, so what the
 * loader accepts is exactly what can be filled. */
#include "lesson/template.h"

#include <stdio.h>
#include <string.h>

#define COMMON "{input} {output} {T} {T'} {H} {d} {V} {variant} {mode}"

static const char *const placeholder_lists[NARRATION_KEYS] = {
    [STEP_OVERVIEW] = COMMON,
    [STEP_SOFTMAX_EXAMPLE] = COMMON " {logits} {probs} {n} {max} {pmax}",
    [STEP_ENCODER] = COMMON " {t} {t-1} {token}",
    [STEP_CONTEXT] = COMMON " {how}",
    [STEP_DECODER_STATE] = COMMON " {t} {t-1} {prev} {fed} {c-role}",
    [STEP_DECODER_ATTEND] = COMMON " {t} {t-1} {prev} {focus} {focus-token} "
                                   "{alpha-max}",
    [STEP_DECODER_SOFTMAX] = COMMON " {t} {t-1} {prev} {pick} {p} {then}",
    [STEP_SUMMARY] = COMMON " {product} {prob} {logprob}",
    [STEP_TEACHER_FORCING] = COMMON " {epoch} {epochs} {expected} {N} "
                                    "{logp} {loss} {role}",
    /* the training view's opening sentence, before any step's text */
    [NARRATION_TRAINING] = COMMON " {epoch} {epochs} {N} {loss} {stage}",
};

const char *template_placeholders(StepKind kind)
{
    return (unsigned)kind < NARRATION_KEYS ? placeholder_lists[kind] : "";
}

static bool known(StepKind kind, const char *name, size_t len)
{
    const char *s = template_placeholders(kind);
    while ((s = strchr(s, '{')) != NULL) {
        s++;
        const char *e = strchr(s, '}');
        if ((size_t)(e - s) == len && memcmp(s, name, len) == 0)
            return true;
        s = e;
    }
    return false;
}

bool template_walk(const char *tmpl, StepKind kind, char *bad,
                   size_t bad_size, const TemplateSink *out)
{
    const char *s = tmpl;
    while (*s) {
        const char *brace = strpbrk(s, "{}");
        if (!brace) {
            if (out)
                out->text(out->ctx, s, strlen(s));
            break;
        }
        if (out)
            out->text(out->ctx, s, (size_t)(brace - s));
        if (brace[0] == brace[1]) { /* {{ or }} */
            if (out)
                out->text(out->ctx, brace, 1);
            s = brace + 2;
            continue;
        }
        if (*brace == '}') {
            snprintf(bad, bad_size, "}");
            return false;
        }
        const char *close = strpbrk(brace + 1, "{}");
        if (!close || *close == '{') {
            snprintf(bad, bad_size, "{");
            return false;
        }
        size_t len = (size_t)(close - brace - 1);
        if (!known(kind, brace + 1, len)) {
            snprintf(bad, bad_size, "%.*s", (int)(len < 40 ? len : 40),
                     brace + 1);
            /* Cut to whole characters only: drop a last character that
             * the 40-byte cut (or bad_size) left incomplete. Dropping
             * every non-ASCII byte turned a CJK name into "{}". */
            size_t bl = strlen(bad);
            size_t lead = bl;
            while (lead > 0 && ((unsigned char)bad[lead - 1] & 0xC0) == 0x80)
                lead--;
            if (lead > 0 && ((unsigned char)bad[lead - 1] & 0x80)) {
                unsigned char c = (unsigned char)bad[lead - 1];
                size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                if (bl - (lead - 1) < need)
                    bad[lead - 1] = '\0';
            }
            return false;
        }
        if (out)
            out->placeholder(out->ctx, brace + 1, len);
        s = close + 1;
    }
    return true;
}

bool template_check(const char *tmpl, StepKind kind, char *bad,
                    size_t bad_size)
{
    char scratch[64];
    if (!bad || bad_size == 0) {
        bad = scratch;
        bad_size = sizeof scratch;
    }
    bad[0] = '\0';
    return template_walk(tmpl, kind, bad, bad_size, NULL);
}
