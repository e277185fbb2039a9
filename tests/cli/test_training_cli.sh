#!/usr/bin/env bash
# The training view from the command line (issue 12): --export --view
# training --epoch 0 writes PNGs of the asked size whose pixels differ from
# the last epoch's; --list-steps --view training ends with the teacher-
# forcing step; an --epoch that is no snapshot, an unknown view and
# --epoch without --view training give one line and exit 2.
#   test_training_cli.sh PROGRAM
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
prog=$1


steps=$("$prog" --list-steps --view training --epoch 0) && ok || bad "--list-steps --view training --epoch 0 failed"
last_kind=$(printf '%s\n' "$steps" | tail -1 | cut -f2)
[ "$last_kind" = teacher-forcing ] && ok || bad "the training timeline ends with '$last_kind'"
n=$(printf '%s\n' "$steps" | wc -l)
plain=$("$prog" --list-steps | wc -l)
[ "$n" -ge 3 ] && [ "$plain" -ge 3 ] && ok || bad "step counts $n / $plain"

# decoder step 1 (the first state step) at epoch 0 and at the last epoch
k=$(printf '%s\n' "$steps" | awk -F'\t' '$2 == "decoder-state" { print $1; exit }')
[ -n "$k" ] && ok || bad "no decoder-state step"
"$prog" --export "$tmp/e0" --view training --epoch 0 --step "$k" \
    --size 800x450 >/dev/null 2>&1 && ok || bad "--export --view training --epoch 0 failed"
f0=$(ls "$tmp/e0"/step-*.png 2>/dev/null | head -1)
[ -n "$f0" ] && [ "$(png_size "$f0")" = "800 450" ] && ok ||
    bad "epoch 0 export: '$f0' is $(png_size "$f0"), expected 800 450"
"$prog" --export "$tmp/last" --view training --step "$k" --size 800x450 \
    >/dev/null 2>&1 && ok || bad "--export --view training failed"
f1=$(ls "$tmp/last"/step-*.png 2>/dev/null | head -1)
[ -n "$f1" ] && ! cmp -s "$f0" "$f1" && ok || bad "epoch 0 and the last epoch exported the same picture"

# A lesson's summary may state what the trained model does (07's states
# its held-out accuracy): at epoch 0 the summary says only what the
# untrained snapshot does; at the last epoch the lesson's own text is back.
long="${S2S_LESSONS_DIR:-lessons}/07-reverse-long.lesson"
for epoch in 0 last; do
    eopt=""; [ "$epoch" = last ] || eopt="--epoch $epoch"
    ks=$("$prog" --list-steps --view training $eopt --lang en "$long" |
        awk -F'\t' '$2 == "summary" { print $1 }')
    "$prog" --export "$tmp/s$epoch" --view training $eopt --step "$ks" \
        --lang en --size 400x300 "$long" >/dev/null 2>&1 && ok ||
        bad "--export --view training $eopt --step $ks of 07 failed"
    said=$(tail -1 "$tmp/s$epoch/notes.md")
    if [ "$epoch" = 0 ]; then
        case "$said" in *"never saw"*) bad "epoch 0's summary claims the trained accuracy: $said" ;; *) ok ;; esac
    else
        case "$said" in *"never saw"*) ok ;; *) bad "the last epoch's summary lost the lesson's text: $said" ;; esac
    fi
done

# the error lists the snapshots, on one line
expect_error 2 --export "$tmp/bad" --view training --epoch 7
grep -q "0, 1, 2, 3, 5, 10" "$tmp/err" && ok || bad "the epoch error does not list the snapshots: $(cat "$tmp/err")"
[ ! -e "$tmp/bad" ] && ok || bad "a bad --epoch left $tmp/bad behind"
expect_error 2 --list-steps --view training --epoch 7
expect_error 2 --view sideways --list-steps
expect_error 2 --export "$tmp/x" --epoch 0

finish
