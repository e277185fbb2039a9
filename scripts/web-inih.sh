# inih for the browser build: one C file, compiled by scripts/web.sh into
# build-web/inih/ with the handler type the program's build asks for (so
# the handler type is not part of the cached prefix).
#
# Debian's libinih source package is the first choice: web-deps.sh keeps
# its ini.c in the prefix (share/inih/ini.c) when the mirror serves it.
# This machine's mirror lacks libinih_55.orig.tar.gz; then web/inih/ini.c,
# written for this project to libinih 55's behaviour and checked against
# Debian's libinih by web/inih/parity.c, is used. Either way the header is
# Debian's own ini.h (libinih-dev).

# fetch_inih_source (web-deps.sh, with its private apt setup in $work/apt):
# copies Debian's ini.c into $P/share/inih/ when the mirror has it.
fetch_inih_source() {
    local b=$work/build/inih
    rm -rf "$b" && mkdir -p "$b" && cd "$b"
    local opts=(-o "Dir::Etc::SourceList=/dev/null"
        -o "Dir::Etc::SourceParts=$work/apt/parts"
        -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache"
        -o "APT::Sandbox::User=root")
    if apt-get "${opts[@]}" source libinih; then
        local src
        src=$(ls -d "$b"/libinih-*/ 2>/dev/null | head -1)
        if [ -n "$src" ] && [ -f "$src/ini.c" ]; then
            mkdir -p "$P/share/inih"
            cp "$src/ini.c" "$P/share/inih/ini.c"
            return 0
        fi
    fi
    echo "libinih's source is not on the mirror: web/inih/ini.c will be used"
}
# The name web-deps.sh's step calls.
build_inih() { fetch_inih_source; }

# build_inih_lib PREFIX LINENO OUT (scripts/web.sh): OUT/lib/libinih.a and
# OUT/pkgconfig/inih.pc, the handler taking a line number when LINENO is 1.
build_inih_lib() {
    local prefix=$1 lineno=$2 out=$3 src
    src=$prefix/share/inih/ini.c
    [ -f "$src" ] || src=$root/web/inih/ini.c
    [ -f /usr/include/ini.h ] ||
        { echo "web: no /usr/include/ini.h (libinih-dev)" >&2; return 1; }
    mkdir -p "$out/include" "$out/lib" "$out/pkgconfig"
    cp /usr/include/ini.h "$out/include/ini.h"
    emcc -O2 -DINI_HANDLER_LINENO="$lineno" -I"$out/include" -c "$src" \
        -o "$out/ini.o"
    emar rcs "$out/lib/libinih.a" "$out/ini.o"
    cat >"$out/pkgconfig/inih.pc" <<PC
prefix=$out
Name: inih
Description: simple .INI file parser (wasm, static, INI_HANDLER_LINENO=$lineno, from $src)
Version: 55
Libs: -L\${prefix}/lib -linih
Cflags: -I\${prefix}/include
PC
}
