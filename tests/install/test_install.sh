#!/usr/bin/env bash
# `meson install` into a temporary DESTDIR, the installed tree then moved
# elsewhere (a relocatable prefix), and run from there as a user would:
# the installed binary finds its own lessons and font, the desktop entry
# and the AppStream metainfo validate, and the man page renders and names
# every option that --help names.
#   test_install.sh MESON BUILD_DIR PREFIX BINDIR DATADIR MANDIR APP_ID BUILT_PROGRAM SOURCE_ROOT
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
meson=$1 build=$2 prefix=$3 bindir=$4 datadir=$5 mandir=$6 app_id=$7
built=$8 source=$9

# Only the installed tree may be read, never the source tree.
unset S2S_LESSONS_DIR S2S_ASSETS_DIR
export LC_ALL=C.UTF-8

if ! DESTDIR="$tmp/stage" "$meson" install -C "$build" --no-rebuild \
        --quiet >"$tmp/install.log" 2>&1; then
    echo "FAIL: meson install: $(tail -5 "$tmp/install.log")" >&2
    exit 1
fi
# Relocate: the whole prefix moves to a folder the build never knew.
case $bindir in /*) bindir=${bindir#"$prefix"/} ;; esac
case $datadir in /*) datadir=${datadir#"$prefix"/} ;; esac
case $mandir in /*) mandir=${mandir#"$prefix"/} ;; esac
mv "$tmp/stage$prefix" "$tmp/moved"
root=$tmp/moved
prog=$root/$bindir/seq2seq-viz
share=$root/$datadir/seq2seq-viz

[ -x "$prog" ] && ok || bad "no installed program at $bindir/seq2seq-viz"

# --- The installed program on the installed default lesson -------------
"$prog" --version >"$tmp/version" 2>&1 &&
    grep -qx "seq2seq-viz $("$built" --version | cut -d' ' -f2)" "$tmp/version" &&
    ok || bad "installed --version: $(cat "$tmp/version")"

# Its steps are those of the shipped default lesson (the build tree's
# binary on the source's first lesson), so the lesson was found.
first=$(ls "$source"/lessons/*.lesson | sort | head -1)
S2S_ASSETS_DIR=$source/assets "$built" --list-steps "$first" >"$tmp/want" 2>&1
if "$prog" --list-steps >"$tmp/got" 2>"$tmp/err"; then
    [ "$(wc -l <"$tmp/got")" -ge 5 ] && cmp -s "$tmp/got" "$tmp/want" && ok ||
        bad "installed --list-steps differs from the default lesson's"
else
    bad "installed --list-steps failed: $(cat "$tmp/err")"
fi

# And it is the moved tree's lessons folder it reads: a lesson added there
# that sorts first becomes the default.
cp "$share/lessons/02-hello.lesson" "$share/lessons/00-probe.lesson"
S2S_ASSETS_DIR=$source/assets "$built" --list-steps \
    "$source/lessons/02-hello.lesson" >"$tmp/want" 2>&1
"$prog" --list-steps >"$tmp/got" 2>"$tmp/err" && cmp -s "$tmp/got" "$tmp/want" &&
    ok || bad "the installed program did not read its own (moved) lessons folder"
rm "$share/lessons/00-probe.lesson"

# Exporting a step needs the installed font.
mkdir "$tmp/out"
if "$prog" --export "$tmp/out" --step 3 --size 640x360 >"$tmp/log" 2>&1; then
    python3 - "$tmp/out/step-003.png" <<'PY' && ok || bad "exported step-003.png is not a 640x360 PNG"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (640, 360), (w, h)
PY
else
    bad "installed --export failed: $(tail -1 "$tmp/log")"
fi
# Without the installed font, the export fails with one line (unless a
# system-wide install of the same prefix would serve it).
if [ ! -d "$prefix/$datadir/seq2seq-viz" ]; then
    mv "$share/assets" "$share/assets.away"
    mkdir "$tmp/out2"
    "$prog" --export "$tmp/out2" --step 3 --size 640x360 >/dev/null 2>"$tmp/err"
    status=$?
    [ "$status" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && ok ||
        bad "export without the installed font: status $status, $(cat "$tmp/err")"
    mv "$share/assets.away" "$share/assets"
fi

# --- Desktop entry, icon, AppStream -------------------------------------
desktop=$root/$datadir/applications/$app_id.desktop
metainfo=$root/$datadir/metainfo/$app_id.metainfo.xml
desktop-file-validate "$desktop" >"$tmp/dfv" 2>&1 &&
    ! grep -qE '(error|warning):' "$tmp/dfv" && ok ||
    bad "desktop-file-validate: $(cat "$tmp/dfv")"
grep -qx 'Categories=Education;Science;.*' "$desktop" && ok || bad "Categories"
grep -q '^Name\[zh_CN\]=' "$desktop" && grep -q '^Comment\[zh_CN\]=' "$desktop" &&
    ok || bad "no Chinese name or comment in the desktop entry"
# The Exec line's command is the installed program, its Icon is installed.
exec_cmd=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
[ -x "$root/$bindir/$exec_cmd" ] && ok || bad "Exec=$exec_cmd is not the installed program"
icon=$(sed -n 's/^Icon=//p' "$desktop")
for f in scalable/apps/$icon.svg 48x48/apps/$icon.png 256x256/apps/$icon.png; do
    [ -s "$root/$datadir/icons/hicolor/$f" ] && ok || bad "no icon $f"
done
appstreamcli validate --no-net "$metainfo" >"$tmp/as" 2>&1 && ok ||
    bad "appstreamcli validate: $(cat "$tmp/as")"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" &&
    ok || bad "the metainfo does not launch $app_id.desktop"

# --- The man page ---------------------------------------------------------
page=$root/$mandir/man1/seq2seq-viz.1
if MANWIDTH=80 man --warnings -l "$page" >"$tmp/man.txt" 2>"$tmp/man.err" &&
        [ ! -s "$tmp/man.err" ] && [ "$(wc -l <"$tmp/man.txt")" -gt 50 ]; then
    ok
else
    bad "man -l did not render the page cleanly: $(head -3 "$tmp/man.err")"
fi
for section in NAME SYNOPSIS DESCRIPTION OPTIONS KEYS 'EXIT STATUS' FILES EXAMPLES; do
    grep -qx "$section" "$tmp/man.txt" && ok || bad "the man page has no $section section"
done
# Every option --help names (read from --help, not listed here) is in the
# page as an option of its own.
"$prog" --help | grep -oE '(^|[ ,])--?[a-z][a-z-]*' | sed 's/^[ ,]*//' |
    sort -u >"$tmp/options"
[ "$(wc -l <"$tmp/options")" -ge 10 ] && ok || bad "too few options read from --help"
while read -r option; do
    grep -qE "(^|[ ,])$option([ ,=]|$)" "$tmp/man.txt" && ok ||
        bad "the man page does not name $option"
done <"$tmp/options"
grep -q "$(cat "$tmp/version")" "$tmp/man.txt" && ok || bad "the man page is not of this version"

echo "$checks checks, $fails failed"
[ "$fails" -eq 0 ]
