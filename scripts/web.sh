#!/usr/bin/env bash
# The browser build: builds (or finds cached) the wasm libraries from
# Debian source packages (scripts/web-deps.sh), cross-compiles the program
# with Meson and Debian's emscripten into build-web/, and writes
# build-web/site/: index.html, page.js, seq2seq-viz.js, .wasm and .data, and
# the font's licence — a folder to copy to any web server. Installs the
# Debian packages it needs. See docs/web.md.
#
#   scripts/web.sh            build the site
#   scripts/web.sh --serve    then serve it on http://127.0.0.1:8000/
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/deps.sh

need_packages "${WEB_PACKAGES[@]}"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs} # emcc -O1+ needs acorn

# inih's handler type (docs/architecture.md, "inih and its handler type"):
# inih is built as Debian builds it, calling the handler with the line
# number, and the cross build says so (the probe cannot run in a cross
# build; calling through the other type traps in wasm).
export WEB_INIH_LINENO=1
meson_inih=(-Dinih_handler_lineno=true)

t0=$SECONDS
prefix=$(nice -n 10 scripts/web-deps.sh)
echo "==> wasm libraries: $prefix ($((SECONDS - t0)) s)" >&2

build=build-web
mkdir -p "$build"
# inih with the handler type this tree's build uses (one file: a second).
. scripts/web-inih.sh
inih=$root/$build/inih-lineno-$WEB_INIH_LINENO
[ -f "$inih/lib/libinih.a" ] ||
    build_inih_lib "$prefix" "$WEB_INIH_LINENO" "$inih"
cat >"$build/prefix.ini.new" <<EOF
# Written by scripts/web.sh: where the cached wasm libraries are.
[properties]
pkg_config_libdir = ['$prefix/lib/pkgconfig', '$inih/pkgconfig']
EOF
if ! cmp -s "$build/prefix.ini.new" "$build/prefix.ini"; then
    mv "$build/prefix.ini.new" "$build/prefix.ini"
    rm -f "$build/build.ninja" # a new prefix: configure again
else
    rm -f "$build/prefix.ini.new"
fi
if [ ! -f "$build/build.ninja" ]; then
    rm -rf "$build/meson-private" "$build/meson-info" "$build/meson-logs"
    meson setup "$build" --cross-file web/emscripten.ini \
        --cross-file "$build/prefix.ini" --buildtype=release \
        -Ddefault_library=static "${meson_inih[@]}" >&2
fi
ninja -C "$build" -j2 seq2seq-viz.js >&2

# The site, made beside and swapped in whole.
site=$build/site
rm -rf "$site.new"
mkdir -p "$site.new"
cp web/index.html web/page.js "$site.new/"
cp "$build"/seq2seq-viz.js "$build"/seq2seq-viz.wasm "$build"/seq2seq-viz.data \
    "$site.new/"
cp assets/LICENSE-OFL.txt "$site.new/"
rm -rf "$site.old"
[ -d "$site" ] && mv "$site" "$site.old"
mv "$site.new" "$site"
rm -rf "$site.old"
echo "==> site: $root/$site ($((SECONDS - t0)) s in all)" >&2
du -b "$site"/seq2seq-viz.* | sed 's/^/    /' >&2

if [ "${1:-}" = "--serve" ]; then
    echo "==> serving on http://127.0.0.1:8000/ (Ctrl+C stops)" >&2
    exec python3 -m http.server --bind 127.0.0.1 --directory "$site" 8000
fi
