# Sourced by web-deps.sh: build_inih puts inih into the wasm prefix.
#
# inih is one C file. Debian's libinih source package is the first choice;
# when its files are not on the mirror (this machine's mirror lacks
# libinih_55.orig.tar.gz), web/inih/ini.c, written for this project to
# libinih 55's behaviour and checked against it by web/inih/parity.c, is
# used. Either way the header is Debian's own ini.h (libinih-dev) and the
# handler type is set by INIH_LINENO (Debian's libinih uses 1).

build_inih() {
    local b=$work/build/inih src=""
    rm -rf "$b" && mkdir -p "$b" && cd "$b"
    local opts=(-o "Dir::Etc::SourceList=/dev/null"
        -o "Dir::Etc::SourceParts=$work/apt/parts"
        -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache"
        -o "APT::Sandbox::User=root")
    if apt-get "${opts[@]}" source libinih >apt.log 2>&1; then
        src=$(ls -d "$b"/libinih-*/ 2>/dev/null | head -1)
        [ -n "$src" ] && src=${src%/}/ini.c
        [ -n "$src" ] && [ -f "$src" ] || src=""
    fi
    if [ -z "$src" ]; then
        echo "libinih source not on the mirror: using web/inih/ini.c"
        src=$root/web/inih/ini.c
    fi
    [ -f /usr/include/ini.h ] || { echo "no /usr/include/ini.h (libinih-dev)"; return 1; }
    cp /usr/include/ini.h "$P/include/ini.h"
    emcc $CFLAGS_WEB -DINI_HANDLER_LINENO="$INIH_LINENO" -I"$P/include" \
        -c "$src" -o ini.o
    emar rcs "$P/lib/libinih.a" ini.o
    echo "$src" >"$P/lib/inih-source.txt"
    cat >"$P/lib/pkgconfig/inih.pc" <<PC
prefix=$P
Name: inih
Description: simple .INI file parser (wasm, static, INI_HANDLER_LINENO=$INIH_LINENO)
Version: 55
Libs: -L\${prefix}/lib -linih
Cflags: -I\${prefix}/include
PC
}
