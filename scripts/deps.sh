# Sourced by the other scripts: installs the Debian packages this project
# needs when any is missing — with apt-get as root, else through sudo, else
# it prints the exact command and exits 1.
#
#   need_packages PKG...

need_packages() {
    local missing=()
    local p
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0

    local cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
    echo "==> installing missing Debian packages: ${missing[*]}" >&2
    if [ "$(id -u)" -eq 0 ]; then
        sh -c "$cmd" >&2 || { echo "error: could not install: ${missing[*]}" >&2; exit 1; }
    elif command -v sudo >/dev/null 2>&1; then
        sudo sh -c "$cmd" >&2 || { echo "error: could not install: ${missing[*]}" >&2; exit 1; }
    else
        echo "error: missing packages; run as root: $cmd" >&2
        exit 1
    fi
}

# What building and running needs. fontconfig finds fallback fonts for
# characters the shipped font lacks; the two font packages are the
# fallbacks the tests rely on (DejaVu Sans: symbols, accents, 😀; Droid
# Sans Fallback, 3.5 MB: the CJK the subset leaves out, such as 龘).
# librsvg2-bin renders the icon's PNG sizes at install (and the slide
# test's SVG). cairo draws the PDF, SVG and GIF slides; giflib writes the
# GIF and libimagequant makes its palettes.
BUILD_PACKAGES=(build-essential meson ninja-build pkg-config
    libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libpng-dev libinih-dev libcjson-dev
    libfontconfig-dev fonts-dejavu-core fonts-droid-fallback librsvg2-bin
    libcairo2-dev libgif-dev libimagequant-dev)

# What the tests need beyond that: the install test validates the desktop
# entry and the AppStream metainfo and renders the man page; the slide
# test reads the PDF back with poppler-utils (pdfinfo, pdffonts, pdftotext).
TEST_PACKAGES=(python3 desktop-file-utils appstream man-db poppler-utils)

# What the benchmarks need beyond the build (scripts/bench.sh): the
# window's memory is measured on a real X server (Xvfb, with openbox as
# its window manager, keys sent by xdotool); GNU time for the CPU time of
# whole processes.
BENCH_PACKAGES=(xvfb openbox xdotool time)

# What the package test needs (tests/package/test_deb.sh): the Debian
# build tools, lintian, and mmdebstrap for a clean Debian 12 to install
# the package into.
PACKAGE_PACKAGES=(debhelper dpkg-dev lintian mmdebstrap)

# What the browser build (scripts/web.sh) and its test need besides those:
# Debian's emscripten (with acorn for emcc -O1+), dpkg-dev for apt-get
# source, cmake for SDL2 and freetype, Debian's own ini.h (libinih-dev, in
# BUILD_PACKAGES), and chromium for the test in a real browser.
WEB_PACKAGES=(emscripten binaryen node-acorn dpkg-dev cmake ninja-build meson
    pkg-config libinih-dev python3 chromium python3-websocket python3-pil)

# configure_build DIR [MESON ARGS...]: configures DIR once, then builds it.
configure_build() {
    local dir=$1
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >&2
    fi
    ninja -C "$dir" >&2
}
