/* Every interface string of the program in both languages, held once: the
 * labels of the header and the toasts, the help and the footer, the input
 * field, the picker, the softmax band, notes.md, the input errors. A string
 * is named by a UiText and looked up with the language on screen, so the
 * zh and en forms of one label can never drift apart, and a test
 * (tests/session/test_ui_text.c) fails when an entry lacks a language.
 * Strings with %d, %s or %.1f are printf formats; their arguments are
 * listed beside the entry. The narration sentences are the lessons' (and
 * session/narration.c's built-in templates), not interface strings. */
#ifndef S2S_UI_TEXT_H
#define S2S_UI_TEXT_H

#include "lesson/lesson.h"

typedef enum {
    /* the decoder variant and the context mode: header badge, toasts,
     * narration {variant}, notes.md */
    UI_VARIANT_INIT,
    UI_VARIANT_EVERY,
    UI_VARIANT_ATTENTION,
    UI_CONTEXT_LAST,
    UI_CONTEXT_LAST_TRANSFORM,
    UI_CONTEXT_MEAN,

    /* step titles (--list-steps, the header, notes.md) */
    UI_TITLE_OVERVIEW,
    UI_TITLE_SOFTMAX_EXAMPLE,
    UI_TITLE_ENCODER,         /* %d: t */
    UI_TITLE_CONTEXT,
    UI_TITLE_DECODER_STATE,   /* %d: t */
    UI_TITLE_DECODER_ATTEND,  /* %d: t, %s: t as subscript digits */
    UI_TITLE_DECODER_SOFTMAX, /* %d: t */
    UI_TITLE_SUMMARY,
    UI_TITLE_UNK,
    UI_TITLE_RIGHT,
    UI_TITLE_WRONG,
    UI_TITLE_TEACHER_FORCING,

    /* notes.md */
    UI_NOTES_DECODER,
    UI_NOTES_CONTEXT,
    UI_NOTES_INPUT,
    UI_NOTES_STEP, /* %d: step number */

    /* the input: session_set_input_text's errors, the field */
    UI_INPUT_EMPTY,
    UI_INPUT_TOO_LONG, /* %d: tokens, %d: the limit */
    UI_INPUT_PROMPT,
    UI_INPUT_NOTE,
    UI_INPUT_FULL,
    UI_INPUT_ONE_UNKNOWN,
    UI_INPUT_UNKNOWN, /* %d: how many */
    UI_INPUT_FALLBACK, /* %s: the characters drawn from another font */
    UI_INPUT_COUNTER,  /* %d: tokens typed, %d: the limit */
    UI_NETWORK_UNKNOWN, /* %s: the tokens */

    /* the softmax band */
    UI_SOFTMAX_COMES_NEXT,
    UI_SOFTMAX_BAR_HEIGHT,
    UI_SOFTMAX_LOGITS_UNDER,
    UI_SOFTMAX_OUTPUT,
    UI_SOFTMAX_EMPTY,
    UI_SOFTMAX_OTHERS, /* %d: how many */
    UI_SOFTMAX_BAR_HEIGHT_LOG,
    UI_SOFTMAX_LOGITS_LABEL,

    /* attention's attend step (layout_attention.c) */
    UI_ATTENTION_WEIGHTS,
    UI_ATTENTION_REPLACES_C,

    /* the footer: the colour legend, the auto-play indicator */
    UI_LEGEND_COLOURS,
    UI_AUTO_INDICATOR, /* %.1f: seconds a step */

    /* toasts of the classroom keys */
    UI_TOAST_SLOW_MOTION, /* %d: 1, 3 or 6 */
    UI_TOAST_BARS_LOG,
    UI_TOAST_BARS_LINEAR,
    UI_TOAST_LARGE_ON,
    UI_TOAST_LARGE_OFF,

    /* the picker, the help, the footer */
    UI_PICKER_TITLE,
    UI_HELP_TITLE,
    UI_FOOTER_HINTS,
    UI_KEYS_NEXT,
    UI_HELP_NEXT,
    UI_KEYS_PREVIOUS,
    UI_HELP_PREVIOUS,
    UI_KEYS_FIRST_LAST,
    UI_HELP_FIRST_LAST,
    UI_KEYS_JUMP,
    UI_HELP_JUMP,
    UI_KEYS_AUTO,
    UI_HELP_AUTO,
    UI_HELP_VARIANT,
    UI_HELP_CONTEXT,
    UI_HELP_NUMBERS,
    UI_HELP_LANGUAGE,
    UI_HELP_THEME,
    UI_HELP_FULLSCREEN,
    UI_HELP_BLANK,
    UI_HELP_SAVE,
    UI_HELP_EXPORT,
    UI_HELP_INPUT,
    UI_HELP_PICKER,
    UI_HELP_HELP,
    UI_KEYS_QUIT,
    UI_HELP_QUIT,

    /* the window's toasts and progress */
    UI_FULLSCREEN_FAILED,
    UI_AUTO_ON,    /* %.1f: seconds a step */
    UI_AUTO_OFF_S, /* %.1f: seconds a step */
    UI_AUTO_SPEED, /* %.1f: seconds a step, %s: UI_AUTO_START or "" */
    UI_AUTO_START,
    UI_AUTO_OFF,
    UI_AUTO_END,
    UI_NUMBERS_ON,
    UI_NUMBERS_OFF,
    UI_LANGUAGE_NAME,
    UI_TRAINING,
    UI_EXPORTING,
    UI_SAVED,
    UI_EXPORTED_TO,
    UI_EXPORTED_TO_WITH_DECK, /* %s: the folder, %s: the PDF deck */
    UI_EXPORT_CANCELLED,
    UI_JUMP_PROMPT, /* %d: typed step, %d: steps */
    UI_JUMP_NONE,   /* %d: typed step, %d: steps */

    /* the key table (app/keys.c): each action's help line and footer word */
    UI_KEY_HELP,
    UI_KEY_HINT_HELP,
    UI_KEY_NEXT,
    UI_KEY_HINT_NEXT,
    UI_KEY_PREV,
    UI_KEY_HINT_PREV,
    UI_KEY_FIRST,
    UI_KEY_LAST,
    UI_KEY_DIGIT,
    UI_KEY_AUTO,
    UI_KEY_HINT_AUTO,
    UI_KEY_FASTER,
    UI_KEY_SLOWER,
    UI_KEY_SLOW_MOTION,
    UI_KEY_HINT_SLOW_MOTION,
    UI_KEY_VARIANT,
    UI_KEY_HINT_VARIANT,
    UI_KEY_CONTEXT,
    UI_KEY_HINT_CONTEXT,
    UI_KEY_NUMBERS,
    UI_KEY_HINT_NUMBERS,
    UI_KEY_LOG_BARS,
    UI_KEY_HINT_LOG_BARS,
    UI_KEY_LANG,
    UI_KEY_HINT_LANG,
    UI_KEY_THEME,
    UI_KEY_HINT_THEME,
    UI_KEY_LARGE_TEXT,
    UI_KEY_HINT_LARGE_TEXT,
    UI_KEY_KEY_HINTS,
    UI_KEY_HINT_KEY_HINTS,
    UI_KEY_FULLSCREEN,
    UI_KEY_ESCAPE,
    UI_KEY_BLACK,
    UI_KEY_WHITE,
    UI_KEY_SAVE,
    UI_KEY_HINT_SAVE,
    UI_KEY_EXPORT,
    UI_KEY_INPUT,
    UI_KEY_HINT_INPUT,
    UI_KEY_PICKER,
    UI_KEY_HINT_PICKER,
    UI_KEY_QUIT,
    UI_KEY_TRAINING,
    UI_KEY_HINT_TRAINING,
    UI_KEY_SNAPSHOT,
    UI_KEY_SNAPSHOT_ENDS,

    /* the training view */
    UI_TRAINING_EPOCH,     /* %d: epoch, %d: epochs */
    UI_LOSS_CHART_TITLE,
    UI_LOSS_CHART_READING, /* %d: epoch, %s: L_e */
    UI_LOSS_CHART_EPOCH,
    UI_TF_PANEL_TITLE,
    UI_TF_NO_EXPECTED,
    UI_TF_ROW_OWN,
    UI_TF_ROW_EXPECTED,
    UI_TF_ROW_P,
    UI_TF_ROW_BAR,
    UI_TF_ROW_NLL,
    UI_TF_ROW_FED,
    UI_TF_LOSS_MEAN,
    UI_TOAST_TRAINING_ON,  /* %d: epoch */
    UI_TOAST_TRAINING_OFF,
    UI_TOAST_EPOCH,        /* %d: epoch, %d: epochs */
    UI_TOAST_SNAPSHOT_KEYS,
    UI_KEY_COMPARE,
    UI_KEY_HINT_COMPARE,

    /* the compare view (X) */
    UI_COMPARE_LABEL,      /* the header's view label */
    UI_COMPARE_ENDED,      /* a row whose output has ended */
    UI_COMPARE_PART,       /* the mark of the step where outputs part */
    UI_COMPARE_PICK,       /* %s: the pick, %s: its probability */
    UI_COMPARE_BARS_LATER, /* a panel before its decoder's softmax step */
    UI_COMPARE_INFLUENCE,  /* the influence chart's title */
    UI_COMPARE_STEP_AXIS,  /* its x axis */
    UI_COMPARE_ACCURACY,   /* the accuracy chart's title */
    UI_COMPARE_LENGTH_AXIS,
    UI_COMPARE_NO_TESTS,   /* a lesson without [test] pairs */
    UI_COMPARE_OUTPUT,     /* %s: the output, %s: p(y|x) */

    UI_TEXT_COUNT,
    UI_NONE = -1 /* no string (a key without a footer hint) */
} UiText;

/* The string id in lang; never NULL ("" for an id out of range). */
const char *ui_text(UiText id, Lang lang);

/* The same without the fallback, for the test: NULL when the table lacks
 * the entry in lang. */
const char *ui_text_entry(UiText id, Lang lang);

/* The labels of a variant and a context mode in lang. */
const char *ui_variant_label(Variant v, Lang lang);
const char *ui_context_label(ContextMode c, Lang lang);

#endif
