#!/usr/bin/env bash
# Files written safely, lessons opened in bounded time, stdout errors said
# (issue 18): --dump onto devices, FIFOs, symlinks and long names; a planted
# symlink at a temporary's name; a FIFO or device as a lesson; stdout on
# /dev/full. Device nodes are made here (as root) with mknod, never the
# system's own /dev/null and /dev/full, so a regression cannot replace them.
#   test_files_safe.sh PROGRAM
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
prog=$1

"$prog" --dump "$tmp/reference.json" || bad "--dump to a new file failed"
size=$(wc -c <"$tmp/reference.json")

# Device nodes: written where they are, never replaced; /dev/full's ENOSPC
# is an error.
if [ "$(id -u)" = 0 ] && mknod "$tmp/null" c 1 3 && mknod "$tmp/full" c 1 7; then
    "$prog" --dump "$tmp/null" && ok || bad "--dump to a null device failed"
    [ -c "$tmp/null" ] && ok || bad "--dump replaced a null device: $(ls -l "$tmp/null")"
    one_line 1 --dump "$tmp/full"
    grep -q "No space left" "$tmp/err" && ok || bad "/dev/full: $(cat "$tmp/err")"
    [ -c "$tmp/full" ] && ok || bad "--dump replaced a full device"
    "$prog" --dump - >"$tmp/full" 2>/dev/null && bad "--dump - onto a full device exited 0" || ok
else
    echo "note: not root; the device-node cases are left out" >&2
fi

# /proc/self/fd/1 (a pipe here) is written, not renamed over.
got=$("$prog" --dump /proc/self/fd/1 | wc -c)
[ "$got" -eq "$size" ] && ok || bad "--dump /proc/self/fd/1 gave $got bytes, expected $size"

# A FIFO: its reader gets the whole dump, and it stays a FIFO.
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" >"$tmp/from-fifo" &
reader=$!
timeout 10 "$prog" --dump "$tmp/fifo" && ok || bad "--dump to a FIFO failed"
wait "$reader"
cmp -s "$tmp/from-fifo" "$tmp/reference.json" && ok || bad "the FIFO's reader got $(wc -c <"$tmp/from-fifo") bytes"
[ -p "$tmp/fifo" ] && ok || bad "--dump replaced the FIFO"

# A folder is refused in one line.
mkdir "$tmp/folder"
one_line 1 --dump "$tmp/folder"

# Through a symlink: the target is replaced (keeping its mode), the link stays.
echo old >"$tmp/target"
chmod 640 "$tmp/target"
ln -s target "$tmp/link"
"$prog" --dump "$tmp/link" && ok || bad "--dump through a symlink failed"
[ -L "$tmp/link" ] && ok || bad "the symlink was replaced by a file"
cmp -s "$tmp/target" "$tmp/reference.json" && ok || bad "the link's target does not hold the dump"
[ "$(stat -c %a "$tmp/target")" = 640 ] && ok || bad "the replaced file's mode became $(stat -c %a "$tmp/target")"
# A dangling link creates its target.
ln -s made-through-link "$tmp/dangling"
"$prog" --dump "$tmp/dangling" && [ -L "$tmp/dangling" ] && [ -f "$tmp/made-through-link" ] \
    && ok || bad "--dump through a dangling symlink"

# A 250-byte file name: the temporary's name must fit NAME_MAX too.
long=$(printf 'd%.0s' $(seq 250))
"$prog" --dump "$tmp/$long" && cmp -s "$tmp/$long" "$tmp/reference.json" \
    && ok || bad "--dump to a 250-byte name failed"

# Planted symlinks at the temporary names an earlier version used
# (".NAME.tmp-PID", PID predictable): the victim is never written.
echo victim >"$tmp/victim"
mkdir "$tmp/planted"
next=$(( $(sh -c 'echo $$') + 1 ))
for pid in $(seq "$next" $((next + 40))); do
    ln -s ../victim "$tmp/planted/.out.json.tmp-$pid"
done
"$prog" --dump "$tmp/planted/out.json" && ok || bad "--dump beside planted links failed"
[ "$(cat "$tmp/victim")" = victim ] && ok || bad "a planted symlink made --dump overwrite another file"
# Nothing but the planted links and the dump is left in the folder.
left=$(find "$tmp/planted" -name '.*' -type f | wc -l)
[ "$left" -eq 0 ] && ok || bad "$left temporary files left behind"

# Lessons that are not regular files: one line, exit 2, at once.
mkfifo "$tmp/fifo.lesson"
for mode in --check --list-steps "--dump -"; do
    # shellcheck disable=SC2086
    one_line 2 $mode "$tmp/fifo.lesson"
    grep -q "not a regular file" "$tmp/err" && ok || bad "$mode FIFO lesson: $(cat "$tmp/err")"
done
one_line 2 --check /dev/zero

# stdout on a full device: one line, exit 1.
if [ -c "$tmp/full" ]; then
    for mode in --help --version --check --list-steps; do
        "$prog" $mode >"$tmp/full" 2>"$tmp/err"
        got=$?
        if [ "$got" -ne 1 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
            bad "$mode on a full stdout exited $got: $(cat "$tmp/err")"
        else
            ok
        fi
    done
fi

# --force over an earlier deck, failing half way (step-003.png is a folder,
# so its rename fails after step-001 and step-002 were moved in): the
# earlier deck is put back whole, nothing hidden is left.
deck="$tmp/deck"
mkdir "$deck" "$tmp/earlier"
"$prog" --export "$deck" --size 320x180 2>/dev/null && ok || bad "the first export failed"
cp "$deck"/* "$tmp/earlier/"
rm "$deck/step-003.png"
mkdir -p "$deck/step-003.png/blocker"
one_line 1 --export "$deck" --force --size 400x200
for f in step-001.png step-002.png step-004.png notes.md; do
    cmp -s "$deck/$f" "$tmp/earlier/$f" && ok || bad "a failed --force export changed or removed $f"
done
hidden=$(find "$deck" -maxdepth 1 -name '.*' | wc -l)
[ "$hidden" -eq 0 ] && ok || bad "a failed --force export left $hidden hidden files"
# --force --step N over the full deck: the folder holds that one step only.
rm -r "$deck/step-003.png"
cp "$tmp/earlier/step-003.png" "$deck/"
"$prog" --export "$deck" --force --step 2 --size 400x200 2>"$tmp/err" && ok || bad "--force --step 2: $(cat "$tmp/err")"
[ "$(ls -A "$deck" | tr '\n' ' ')" = "notes.md step-002.png " ] && ok \
    || bad "--force --step 2 left: $(ls -A "$deck" | tr '\n' ' ')"
grep -c '^## ' "$deck/notes.md" | grep -qx 1 && ok || bad "notes.md should describe the one step"

# A font path that is a folder (SIGSEGV in SDL_LoadFile) or a FIFO (a
# hang): one line, exit 1, for the export and --check.
font=$(cd "$S2S_ASSETS_DIR" && ls ./*.otf ./*.ttf 2>/dev/null | head -1)
if [ -n "$font" ]; then
    for kind in folder fifo; do
        rm -rf "$tmp/assets"
        cp -r "$S2S_ASSETS_DIR" "$tmp/assets"
        rm "$tmp/assets/$font"
        if [ $kind = folder ]; then mkdir "$tmp/assets/$font"; else mkfifo "$tmp/assets/$font"; fi
        mkdir -p "$tmp/font-export"
        S2S_ASSETS_DIR="$tmp/assets" one_line 1 --export "$tmp/font-export"
        grep -q "not a regular file" "$tmp/err" && ok || bad "font $kind, --export: $(cat "$tmp/err")"
        S2S_ASSETS_DIR="$tmp/assets" one_line 1 --check
        grep -q "not a regular file" "$tmp/err" && ok || bad "font $kind, --check: $(cat "$tmp/err")"
    done
else
    bad "no font in S2S_ASSETS_DIR"
fi

# A newline in a file name or a typed token stays inside its one line.
printf 'x' >"$tmp/new
line.lesson"
one_line 2 --check "$tmp/new
line.lesson"
grep -qF 'new\nline.lesson' "$tmp/err" && ok || bad "the newline in a file name: $(cat "$tmp/err")"
"$prog" --list-steps --input "$(printf '机器\n学习')" >"$tmp/steps" 2>"$tmp/err"
awk -F '\t' 'NF != 3 || $1 != NR { bad = 1 } END { exit bad }' "$tmp/steps" && ok \
    || bad "--list-steps with a newline in the input: $(head -5 "$tmp/steps")"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok || bad "the <unk> note split: $(cat "$tmp/err")"
# A 600-byte path is not cut in the message.
deep="$tmp/$(printf 'p%.0s' $(seq 200))/$(printf 'q%.0s' $(seq 200))/$(printf 'r%.0s' $(seq 200)).lesson"
one_line 2 --check "$deep"
grep -qF "$deep" "$tmp/err" && ok || bad "a long path was cut: $(cat "$tmp/err")"

finish
