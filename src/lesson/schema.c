/* The keys of a lesson file (its sections and fields) and the "did you
 * mean" hints for a key or section that is none of them. */
#include <stdio.h>
#include <string.h>

#include "lesson/parser.h"

/* Copies s into buf for an error message, cut at a character boundary. */
const char *parser_quote(char *buf, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n < size) {
        memcpy(buf, s, n + 1);
        return buf;
    }
    n = size > 4 ? size - 4 : 0;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, s, n);
    memcpy(buf + n, "...", 4);
    return buf;
}

static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    int row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The candidate nearest to word when it is a plausible typo, else NULL. */
const char *parser_near_miss(const char *word, const char *const *cands,
                             int n)
{
    const char *best = NULL;
    int best_d = 99;
    for (int i = 0; i < n; i++) {
        int d = edit_distance(word, cands[i]);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    int limit = strlen(word) <= 4 ? 1 : 2;
    return best_d <= limit ? best : NULL;
}


const char *const section_names[SECTION_COUNT] = {
    "lesson", "data", "test", "input", "narration", "softmax",
};

const FieldDef fields[F_COUNT] = {
    [F_TITLE_ZH] = {"lesson", "title.zh", true},
    [F_TITLE_EN] = {"lesson", "title.en", true},
    [F_DESC_ZH] = {"lesson", "description.zh", true},
    [F_DESC_EN] = {"lesson", "description.en", true},
    [F_VARIANT] = {"lesson", "variant", false},
    [F_CONTEXT] = {"lesson", "context", false},
    [F_HIDDEN] = {"lesson", "hidden", false},
    [F_EMBED] = {"lesson", "embed", false},
    [F_SEED] = {"lesson", "seed", false},
    [F_EPOCHS] = {"lesson", "epochs", false},
    [F_LEARNING_RATE] = {"lesson", "learning_rate", false},
    [F_UNK_RATE] = {"lesson", "unk_rate", false},
    [F_MAX_LEN] = {"lesson", "max_len", false},
    [F_SOURCE_TOKENS] = {"lesson", "source_tokens", false},
    [F_TARGET_TOKENS] = {"lesson", "target_tokens", false},
    [F_ATTENTION] = {"lesson", "attention", false},
    [F_ATTENTION_SIZE] = {"lesson", "attention_size", false},
    [F_INPUT] = {"input", "source", false},
    [F_LOGITS] = {"softmax", "logits", false},
    [F_LABELS] = {"softmax", "labels", false},
    /* Narration: kind-major, zh then en, in StepKind order. */
    [F_NARRATION + 0] = {"narration", "overview.zh", true},
    [F_NARRATION + 1] = {"narration", "overview.en", true},
    [F_NARRATION + 2] = {"narration", "softmax-example.zh", true},
    [F_NARRATION + 3] = {"narration", "softmax-example.en", true},
    [F_NARRATION + 4] = {"narration", "encoder.zh", true},
    [F_NARRATION + 5] = {"narration", "encoder.en", true},
    [F_NARRATION + 6] = {"narration", "context.zh", true},
    [F_NARRATION + 7] = {"narration", "context.en", true},
    [F_NARRATION + 8] = {"narration", "decoder-state.zh", true},
    [F_NARRATION + 9] = {"narration", "decoder-state.en", true},
    [F_NARRATION + 10] = {"narration", "decoder-attend.zh", true},
    [F_NARRATION + 11] = {"narration", "decoder-attend.en", true},
    [F_NARRATION + 12] = {"narration", "decoder-softmax.zh", true},
    [F_NARRATION + 13] = {"narration", "decoder-softmax.en", true},
    [F_NARRATION + 14] = {"narration", "summary.zh", true},
    [F_NARRATION + 15] = {"narration", "summary.en", true},
    [F_NARRATION + 16] = {"narration", "teacher-forcing.zh", true},
    [F_NARRATION + 17] = {"narration", "teacher-forcing.en", true},
    [F_NARRATION + 18] = {"narration", "training.zh", true},
    [F_NARRATION + 19] = {"narration", "training.en", true},
};

int parser_find_field(const char *section, const char *name)
{
    for (int f = 0; f < F_COUNT; f++)
        if (strcmp(fields[f].section, section) == 0 &&
            strcmp(fields[f].name, name) == 0)
            return f;
    return -1;
}

bool parser_unknown_key(Parser *p, const char *section, const char *name)
{
    const char *cands[F_COUNT + 1];
    int n = 0;
    bool pairs = strcmp(section, "data") == 0 || strcmp(section, "test") == 0;
    if (pairs)
        cands[n++] = "pair";
    for (int f = 0; f < F_COUNT; f++)
        if (strcmp(fields[f].section, section) == 0)
            cands[n++] = fields[f].name;
    char q[80];
    const char *hint = parser_near_miss(name, cands, n);
    if (hint)
        return parser_fail(p, LESSON_ERR_KEY, p->line,
                    "unknown key '%s' in [%s] (did you mean '%s'?)",
                    parser_quote(q, sizeof q, name), section, hint);
    if (strcmp(section, "narration") == 0)
        return parser_fail(p, LESSON_ERR_KEY, p->line,
                    "unknown key '%s' in [narration] (keys are <kind>.zh "
                    "and <kind>.en for the kinds overview, softmax-example, "
                    "encoder, context, decoder-state, decoder-attend, "
                    "decoder-softmax, summary, teacher-forcing; and training "
                    "for the training view)",
                    parser_quote(q, sizeof q, name));
    return parser_fail(p, LESSON_ERR_KEY, p->line,
                "unknown key '%s' in [%s] (see lessons/README.md)",
                parser_quote(q, sizeof q, name), section);
}
