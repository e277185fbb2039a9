#!/usr/bin/env bash
# The web build's tests: web/inih/parity.c (natively: the web build's inih
# calls the handler exactly as Debian's libinih), then the build itself
# (scripts/web.sh), its ASYNCIFY list (web/asyncify_only.py --check) and
# the test in headless chromium (web/browser_test.py)
# against the native program in build/ (scripts/test.sh builds it first).
# Writes build-web/test/ (screenshots, results.json); prints one line per
# check and "N passed, N failed"; exits 1 when any failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/deps.sh
need_packages "${WEB_PACKAGES[@]}"

out=build-web/test
mkdir -p "$out"
rm -f "$out/parity.json" "$out/asyncify.json" "$out/results.json" # no stale counts
status=0

# inih parity: the web file's functions renamed compat_*, beside -linih.
rename=(-Dini_parse_stream=compat_ini_parse_stream -Dini_parse=compat_ini_parse
    -Dini_parse_file=compat_ini_parse_file
    -Dini_parse_string=compat_ini_parse_string)
if cc -O1 -Wall -Wextra -Werror -DINI_HANDLER_LINENO=1 "${rename[@]}" \
        -c web/inih/ini.c -o "$out/inih-compat.o" &&
    cc -O1 -Wall -Wextra -Werror web/inih/parity.c "$out/inih-compat.o" \
        -linih -o "$out/inih-parity" &&
    "$out/inih-parity" lessons/*.lesson; then
    echo '{"checks": [{"name": "inih parity", "ok": true}]}' >"$out/parity.json"
else
    echo '{"checks": [{"name": "inih parity", "ok": false}]}' >"$out/parity.json"
    status=1
fi

scripts/web.sh
# ASYNCIFY_ONLY (web/meson.build) must still name every function that can
# be on the stack when the program sleeps: web/asyncify_only.py derives the
# list from the link's call graph (a second link at -O0, ~15-30 s).
if /usr/bin/python3 web/asyncify_only.py build-web --check; then
    echo '{"checks": [{"name": "asyncify list", "ok": true}]}' >"$out/asyncify.json"
else
    echo '{"checks": [{"name": "asyncify list", "ok": false}]}' >"$out/asyncify.json"
    status=1
fi
[ -x build/seq2seq-viz ] || configure_build build
# Debian's python3: python3-websocket and python3-pil are installed for it.
/usr/bin/python3 web/browser_test.py build-web/site build/seq2seq-viz lessons \
    "$out" || status=1
exit $status
