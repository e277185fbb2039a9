#!/usr/bin/env bash
# Builds the program's libraries for WebAssembly from Debian *source*
# packages with Debian's emscripten, into a prefix cached outside the clone:
#
#   ${XDG_CACHE_HOME:-$HOME/.cache}/seq2seq-viz/web-<key>
#
# <key> hashes this script, the pinned source versions below and the emcc
# version, so a second run finds the prefix and takes seconds; a changed
# recipe or version builds a new one. Prints the prefix on stdout (the only
# thing it prints there). A build that stops half way resumes: each
# library leaves a stamp in the work folder, and the prefix appears under
# its final name only when every library is in it.
#
# Why not emscripten's -sUSE_SDL=2 ports: they download from the internet.
# Why these recipes (DESIGN.md, "The web build"): harfbuzz's meson adds
# -pthread under emscripten (SharedArrayBuffer), so harfbuzz, SDL2_ttf,
# SDL2_image's PNG loader and cJSON are built from their few C/C++ files
# with emcc directly, with hand-written .pc files; SDL2, zlib, libpng and
# freetype use their own build systems. inih is built by scripts/web.sh
# (web-inih.sh): its handler type belongs to the program's build.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

# The Debian source packages, pinned: the versions whose files the mirror
# serves (a security update's .dsc may list files the mirror does not hold).
SOURCES=(
    "libsdl2=2.26.5+dfsg-1"
    "libsdl2-ttf=2.20.1+dfsg-2"
    "libsdl2-image=2.6.3+dfsg-1"
    "freetype=2.12.1+dfsg-5+deb12u4"
    "harfbuzz=6.0.0+dfsg-3"
    "zlib=1:1.2.13.dfsg-1"
    "libpng1.6=1.6.39-2+deb12u5"
    "cjson=1.7.15-1+deb12u4"
)

JOBS=${WEB_JOBS:-2}
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs} # emcc -O1+ needs acorn

log() { echo "web-deps: $*" >&2; }
die() { echo "web-deps: error: $*" >&2; exit 1; }

command -v emcc >/dev/null || die "emcc not found (apt-get install emscripten)"
emcc_version=$(emcc --version 2>/dev/null | head -1)
key=$( { cat "$0" "$here/web-inih.sh"; printf '%s\n' "${SOURCES[@]}" \
    "$emcc_version"; } | sha256sum | cut -c1-16)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/seq2seq-viz
prefix=$cache/web-$key
work=$cache/web-$key.work

# --print-prefix: where the prefix is (or would be), without building.
if [ "${1:-}" = "--print-prefix" ]; then
    echo "$prefix"
    exit 0
fi
if [ -f "$prefix/.complete" ]; then
    echo "$prefix"
    exit 0
fi

mkdir -p "$cache"
# One builder at a time per key (a developer and CI on the same machine).
exec 9>"$cache/web-$key.lock"
flock 9
if [ -f "$prefix/.complete" ]; then
    echo "$prefix"
    exit 0
fi

mkdir -p "$work/src" "$work/build" "$work/prefix/lib/pkgconfig" \
    "$work/prefix/include"
P=$work/prefix
export EM_PKG_CONFIG_PATH=$P/lib/pkgconfig
export PKG_CONFIG_LIBDIR=$P/lib/pkgconfig

# ---- sources -------------------------------------------------------------

# A private apt configuration with deb-src lines made from the system's own
# deb lines: the machine's apt setup is left as it is.
fetch_sources() {
    [ -f "$work/src/.fetched" ] && return 0
    local apt=$work/apt
    mkdir -p "$apt/parts" "$apt/lists/partial" "$apt/cache/archives/partial"
    local f n=0
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        sed -n '/^Types:.*\bdeb\b/,/^$/p' "$f" |
            sed 's/^Types:.*/Types: deb-src/' >"$apt/parts/src$n.sources"
        n=$((n + 1))
    done
    if [ -f /etc/apt/sources.list ]; then
        grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
            >"$apt/parts/src.list" || true
    fi
    local opts=(-o "Dir::Etc::SourceList=/dev/null"
        -o "Dir::Etc::SourceParts=$apt/parts"
        -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
        -o "APT::Sandbox::User=root")
    log "fetching the source package lists"
    apt-get "${opts[@]}" update >"$work/apt.log" 2>&1 ||
        die "apt-get update for deb-src failed (see $work/apt.log)"
    log "fetching ${#SOURCES[@]} source packages"
    (cd "$work/src" && apt-get "${opts[@]}" source --download-only \
        "${SOURCES[@]}") >>"$work/apt.log" 2>&1 ||
        die "apt-get source failed (see $work/apt.log)"
    local dsc
    for dsc in "$work"/src/*.dsc; do
        (cd "$work/src" && dpkg-source --no-check -x "$dsc") \
            >>"$work/apt.log" 2>&1 || die "cannot unpack $dsc"
    done
    touch "$work/src/.fetched"
}

# srcdir NAME: the unpacked folder of source package NAME.
srcdir() {
    local d
    for d in "$work"/src/"$1"-[0-9]*/; do
        [ -d "$d" ] && { echo "${d%/}"; return 0; }
    done
    die "no unpacked source for $1"
}

# step NAME FUNCTION: runs FUNCTION once, logged, with a stamp.
step() {
    local name=$1 fn=$2
    [ -f "$work/build/$name.done" ] && return 0
    log "building $name (log: $work/build/$name.log)"
    local t0=$SECONDS
    # Not under "if": errexit would be off inside the subshell there.
    local rc
    set +e
    (set -e; $fn) >"$work/build/$name.log" 2>&1
    rc=$?
    set -e
    if [ $rc -ne 0 ]; then
        tail -20 "$work/build/$name.log" >&2
        die "building $name failed (see $work/build/$name.log)"
    fi
    log "built $name in $((SECONDS - t0)) s"
    touch "$work/build/$name.done"
}

CFLAGS_WEB="-O2"

# ---- the libraries ---------------------------------------------------------

build_zlib() {
    local s b=$work/build/zlib
    s=$(srcdir zlib)
    rm -rf "$b" && cp -a "$s" "$b" && cd "$b"
    CFLAGS="$CFLAGS_WEB" emconfigure ./configure --static --prefix="$P"
    emmake make -j"$JOBS" libz.a
    emmake make install
}

build_libpng() {
    local s b=$work/build/libpng
    s=$(srcdir libpng1.6)
    rm -rf "$b" && mkdir -p "$b" && cd "$b"
    CFLAGS="$CFLAGS_WEB" CPPFLAGS="-I$P/include" LDFLAGS="-L$P/lib" \
        emconfigure "$s/configure" --host=wasm32-unknown-emscripten \
        --prefix="$P" --disable-shared \
        --enable-static --disable-hardware-optimizations
    # The library alone: "make" would also link a dozen test programs.
    emmake make -j"$JOBS" libpng16.la
    emmake make install-libLTLIBRARIES install-pkgincludeHEADERS \
        install-nodist_pkgincludeHEADERS install-pkgconfigDATA \
        install-header-links install-libpng-pc install-library-links
}

build_freetype() {
    local s b=$work/build/freetype
    s=$(srcdir freetype)
    rm -rf "$b" && mkdir -p "$b" && cd "$b"
    # OpenType/CFF from memory is what is needed: no png, bzip2, brotli or
    # harfbuzz (the autofitter's harfbuzz link is a cycle). zlib is the
    # prefix's: without it freetype compiles its own copy of inflate, whose
    # symbols then clash with libz.a's at the program's link.
    emcmake cmake "$s" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$P" -DBUILD_SHARED_LIBS=OFF \
        -DFT_REQUIRE_ZLIB=ON -DZLIB_LIBRARY="$P/lib/libz.a" \
        -DZLIB_INCLUDE_DIR="$P/include" -DFT_DISABLE_BZIP2=ON \
        -DFT_DISABLE_PNG=ON -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON
    ninja -j"$JOBS" install
}

build_harfbuzz() {
    local s b=$work/build/harfbuzz
    s=$(srcdir harfbuzz)
    rm -rf "$b" && mkdir -p "$b" && cd "$b"
    # The amalgamated harfbuzz.cc, without threads (HB_NO_MT): no -pthread,
    # so no SharedArrayBuffer and no cross-origin isolation for the page.
    em++ $CFLAGS_WEB -std=c++11 -fno-exceptions -fno-rtti \
        -fno-threadsafe-statics -DHB_NO_MT -DHAVE_FREETYPE=1 \
        -DHAVE_FT_GET_VAR_BLEND_COORDINATES -DHAVE_FT_SET_VAR_BLEND_COORDINATES \
        -DHAVE_FT_DONE_MM_VAR -DHAVE_FT_GET_TRANSFORM \
        -I"$P/include/freetype2" -c "$s/src/harfbuzz.cc" -o harfbuzz.o
    emar rcs "$P/lib/libharfbuzz.a" harfbuzz.o
    mkdir -p "$P/include/harfbuzz"
    cp "$s"/src/hb.h "$s"/src/hb-*.h "$P/include/harfbuzz/"
    cat >"$P/lib/pkgconfig/harfbuzz.pc" <<EOF
prefix=$P
Name: harfbuzz
Description: HarfBuzz text shaping library (wasm, static, no threads)
Version: 6.0.0
Requires: freetype2
Libs: -L\${prefix}/lib -lharfbuzz
Cflags: -I\${prefix}/include/harfbuzz
EOF
}

build_sdl2() {
    local s b=$work/build/sdl2
    s=$(srcdir libsdl2)
    rm -rf "$b" && mkdir -p "$b" && cd "$b"
    # As emscripten's own SDL2 port does: SDL's static configuration for
    # emscripten (include/SDL_config.h picks SDL_config_emscripten.h) and
    # its sources compiled directly. Its CMake runs some 300 configure
    # checks, each an emcc run: far too slow on a loaded 2-core machine.
    # Every C file of the portable folders plus the emscripten, dummy,
    # generic and unix back ends; files for other platforms compile to
    # nothing under that configuration.
    local dirs=(. atomic audio audio/emscripten audio/disk audio/dummy
        cpuinfo dynapi events file filesystem/emscripten haptic haptic/dummy
        joystick joystick/emscripten joystick/virtual libm loadso/dlopen
        locale locale/emscripten misc misc/emscripten power power/emscripten
        render render/software render/opengles2 sensor sensor/dummy stdlib
        thread thread/generic timer timer/unix video video/emscripten
        video/dummy video/yuv2rgb)
    local d f
    : >sources.txt
    for d in "${dirs[@]}"; do
        for f in "$s/src/$d"/*.c; do
            [ -f "$f" ] && echo "$f" >>sources.txt
        done
    done
    echo "$s/src/hidapi/SDL_hidapi.c" >>sources.txt
    mkdir -p obj
    # One object per source, named after its path (SDL repeats names).
    xargs -P "$JOBS" -I{} sh -c 'o=obj/$(echo "$1" | sed "s|.*/src/||; s|^\./||; s|/|_|g").o
        emcc -O2 -w -I"$2/include" -c "$1" -o "$o"' _ {} "$s" <sources.txt
    rm -f "$P/lib/libSDL2.a"
    emar rcs "$P/lib/libSDL2.a" obj/*.o
    [ "$(ls obj | wc -l)" -eq "$(wc -l <sources.txt)" ] ||
        { echo "not every SDL source made an object"; return 1; }
    mkdir -p "$P/include/SDL2"
    cp "$s"/include/*.h "$P/include/SDL2/"
    cat >"$P/lib/pkgconfig/sdl2.pc" <<EOF
prefix=$P
Name: sdl2
Description: Simple DirectMedia Layer (wasm, static, no threads)
Version: 2.26.5
Libs: -L\${prefix}/lib -lSDL2
Cflags: -I\${prefix}/include/SDL2 -D_REENTRANT
EOF
}

build_sdl2_ttf() {
    local s b=$work/build/sdl2_ttf
    s=$(srcdir libsdl2-ttf)
    rm -rf "$b" && mkdir -p "$b" && cd "$b"
    # Debian builds it with harfbuzz (--enable-harfbuzz): shaping matches.
    emcc $CFLAGS_WEB -DTTF_USE_HARFBUZZ=1 -I"$P/include/SDL2" \
        -I"$P/include/freetype2" -I"$P/include/harfbuzz" \
        -c "$s/SDL_ttf.c" -o SDL_ttf.o
    emar rcs "$P/lib/libSDL2_ttf.a" SDL_ttf.o
    cp "$s/SDL_ttf.h" "$P/include/SDL2/"
    cat >"$P/lib/pkgconfig/SDL2_ttf.pc" <<EOF
prefix=$P
Name: SDL2_ttf
Description: SDL2 TrueType fonts (wasm, static)
Version: 2.20.1
Requires: sdl2 freetype2 harfbuzz
Libs: -L\${prefix}/lib -lSDL2_ttf
Cflags: -I\${prefix}/include/SDL2
EOF
}

build_sdl2_image() {
    local s b=$work/build/sdl2_image
    s=$(srcdir libsdl2-image)
    rm -rf "$b" && mkdir -p "$b" && cd "$b"
    # PNG only: the program reads no images; its tests read PNGs back.
    local f
    for f in "$s"/IMG*.c; do
        case $f in *IMG_WIC.c) continue ;; esac
        emcc $CFLAGS_WEB -DLOAD_PNG -I"$s" -I"$P/include/SDL2" \
            -I"$P/include/libpng16" -I"$P/include" -c "$f" \
            -o "$(basename "${f%.c}").o"
    done
    emar rcs "$P/lib/libSDL2_image.a" ./*.o
    cp "$s/SDL_image.h" "$P/include/SDL2/"
    cat >"$P/lib/pkgconfig/SDL2_image.pc" <<EOF
prefix=$P
Name: SDL2_image
Description: SDL2 image loading, PNG only (wasm, static)
Version: 2.6.3
Requires: sdl2 libpng16
Libs: -L\${prefix}/lib -lSDL2_image
Cflags: -I\${prefix}/include/SDL2
EOF
}

build_cjson() {
    local s b=$work/build/cjson
    s=$(srcdir cjson)
    rm -rf "$b" && mkdir -p "$b" && cd "$b"
    emcc $CFLAGS_WEB -c "$s/cJSON.c" -o cJSON.o
    emar rcs "$P/lib/libcjson.a" cJSON.o
    mkdir -p "$P/include/cjson"
    cp "$s/cJSON.h" "$P/include/cjson/"
    cat >"$P/lib/pkgconfig/libcjson.pc" <<EOF
prefix=$P
Name: libcjson
Description: cJSON (wasm, static)
Version: 1.7.15
Libs: -L\${prefix}/lib -lcjson
Cflags: -I\${prefix}/include -I\${prefix}/include/cjson
EOF
}

# relocate_pc: every absolute path of a (work) prefix in the .pc files
# becomes ${pcfiledir}/../.. (lib/pkgconfig is two folders down).
relocate_pc() {
    local pc
    for pc in "$P"/lib/pkgconfig/*.pc; do
        sed -i -E 's|/[^ ]*/web-[0-9a-f]+\.work/prefix|${pcfiledir}/../..|g' "$pc"
    done
}

fetch_sources
step zlib build_zlib
step libpng build_libpng
step freetype build_freetype
step harfbuzz build_harfbuzz
step cjson build_cjson
step sdl2 build_sdl2
step sdl2_ttf build_sdl2_ttf
step sdl2_image build_sdl2_image
. "$here/web-inih.sh"
step inih-source build_inih

# The .pc files name the prefix relative to themselves (${pcfiledir}), so
# the prefix can move: to its final name now, in one rename.
relocate_pc
rm -rf "$prefix"
mv "$P" "$prefix"
touch "$prefix/.complete"
rm -rf "$work"
log "prefix ready: $prefix"
echo "$prefix"
