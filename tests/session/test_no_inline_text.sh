#!/bin/sh
# Every interface string comes from the string table (src/session/ui_text.c):
# no Chinese literal and no "zh ? ... : ..." pick in the window, the scene,
# the export or the command line, where a string in one language only
# could slip in unseen. Narration sentences live in session/narration.c and
# the lessons, not here. Argument: the source root.
root=${1:?source root}
cd "$root/src" || exit 1
hits=$(grep -nP '(\bzh \?|LANG_ZH \? ")|"[^"]*[\x{3400}-\x{9fff}\x{ff01}-\x{ffef}][^"]*"' \
    scene/*.c app/*.c export/*.c render/*.c ./*.c 2>&1 |
    grep -vP '^[^:]+:[0-9]+:\s*(/\*|\*|//)')  # comments may quote Chinese
if [ -n "$hits" ]; then
    echo "interface strings outside src/session/ui_text.c:" >&2
    echo "$hits" >&2
    exit 1
fi
echo "no inline interface strings"
