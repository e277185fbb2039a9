#!/usr/bin/env bash
# The Debian package, end to end: built with dpkg-buildpackage from a copy
# of the tree (the checkout is never written to), checked by lintian (no
# errors), then installed with `apt-get install ./….deb` into a fresh
# Debian 12 chroot (mmdebstrap, from this machine's own apt sources) where
# the installed program lists the default lesson's steps and exports one.
#   tests/package/test_deb.sh
# Prints "N passed, N failed" over its checks; exit 0 only when all pass.
# The package's own `meson test` is skipped (DEB_BUILD_OPTIONS=nocheck):
# scripts/test.sh has just run the same suite on the same sources twice.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
finish() {
    echo "package: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
start=$(date +%s)

# --- The source: what git tracks plus new files not ignored, as they are
# in the working tree now (so uncommitted edits are packaged too).
version=$(dpkg-parsechangelog -l "$root/debian/changelog" -S Version)
src=$tmp/seq2seq-viz-$version
mkdir "$src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$root" && while IFS= read -r -d '' f; do
        [ -e "$f" ] && printf '%s\0' "$f"
    done) |
    (cd "$root" && tar --null -T - -cf -) | tar -xf - -C "$src"
[ -x "$src/debian/rules" ] && ok || { bad "copying the tree"; finish; }

# --- Build -----------------------------------------------------------------
if (cd "$src" && DEB_BUILD_OPTIONS="nocheck parallel=2" \
        dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1; then
    ok
else
    bad "dpkg-buildpackage failed; last lines:"
    tail -20 "$tmp/build.log" >&2
    finish
fi
arch=$(dpkg --print-architecture)
deb=$tmp/seq2seq-viz_${version}_$arch.deb
changes=$tmp/seq2seq-viz_${version}_$arch.changes
[ -s "$deb" ] && ok || { bad "no $deb"; finish; }
built=$(date +%s)

# The package holds what the desktop needs.
dpkg-deb -c "$deb" >"$tmp/contents"
for f in usr/bin/seq2seq-viz usr/share/applications/ usr/share/metainfo/ \
    usr/share/icons/hicolor/scalable/apps/ usr/share/icons/hicolor/48x48/apps/ \
    usr/share/man/man1/seq2seq-viz.1.gz usr/share/seq2seq-viz/lessons/01-machine-learning.lesson \
    usr/share/seq2seq-viz/assets/NotoSansSC-Subset.otf usr/share/doc/seq2seq-viz/copyright; do
    grep -q " \./$f" "$tmp/contents" && ok || bad "the package lacks $f"
done

# --- lintian: no errors (warnings are printed, not failed on) --------------
if lintian --fail-on error --tag-display-limit 0 "$changes" >"$tmp/lintian" 2>&1; then
    ok
else
    bad "lintian reports errors:"
    cat "$tmp/lintian" >&2
fi
[ -s "$tmp/lintian" ] && sed 's/^/  lintian: /' "$tmp/lintian"
linted=$(date +%s)

# --- A clean Debian 12, the package installed there with apt-get ----------
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && sources+=("$f")
done
# S2S_KEEP_DEB=DIR keeps the built package (to install it by hand).
if [ -n "${S2S_KEEP_DEB:-}" ]; then
    cp "$deb" "$S2S_KEEP_DEB"/ && echo "package: kept $S2S_KEEP_DEB/$(basename "$deb")"
fi
cat >"$tmp/in-chroot.sh" <<'SH'
set -eu
export DEBIAN_FRONTEND=noninteractive
cd /tmp
apt-get install -y --no-install-recommends ./seq2seq-viz_*.deb >/tmp/apt.log 2>&1 ||
    { tail -20 /tmp/apt.log; exit 1; }
command -v seq2seq-viz
seq2seq-viz --version
seq2seq-viz --list-steps >/tmp/steps
cat /tmp/steps
mkdir /tmp/out
SDL_VIDEODRIVER=dummy seq2seq-viz --export /tmp/out --step 2 --size 320x180
test -s /tmp/out/step-002.png && echo "exported step-002.png"
SH
if mmdebstrap --variant=apt --quiet bookworm "$tmp/chroot" "${sources[@]}" \
        --customize-hook="copy-in $deb $tmp/in-chroot.sh /tmp" \
        --customize-hook='chroot "$1" sh /tmp/in-chroot.sh' >"$tmp/chroot.log" 2>&1; then
    ok
else
    bad "installing into a clean Debian 12 failed:"
    tail -20 "$tmp/chroot.log" >&2
fi
sed 's/^/  chroot: /' "$tmp/chroot.log" | grep -v '^  chroot: I:' | head -30
# The steps there are those of the default lesson here.
SDL_VIDEODRIVER=dummy S2S_LESSONS_DIR=$root/lessons S2S_ASSETS_DIR=$root/assets \
    "$src/obj-"*/seq2seq-viz --list-steps >"$tmp/want" 2>/dev/null
grep -qF "$(sed -n 2p "$tmp/want")" "$tmp/chroot.log" &&
    grep -qF "$(tail -1 "$tmp/want")" "$tmp/chroot.log" && ok ||
    bad "the installed program's steps are not the default lesson's"
grep -q "exported step-002.png" "$tmp/chroot.log" && ok || bad "no export in the chroot"
# mmdebstrap wrote the chroot as root-owned files; the trap removes it.
done_at=$(date +%s)
echo "package: build $((built - start)) s, lintian $((linted - built)) s," \
    "clean install $((done_at - linted)) s"
finish
