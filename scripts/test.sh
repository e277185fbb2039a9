#!/usr/bin/env bash
# Builds and runs every test, headless, twice: a plain build and one with
# AddressSanitizer + UndefinedBehaviorSanitizer. Installs what it needs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/deps.sh

need_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}"

# Headless: SDL's dummy video driver (with none set and no display SDL
# would pick 'offscreen', whose GL read-back is unreliable).
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}

status=0

# The core rule as a build fact (DESIGN.md, "Modules"): the system headers
# are reachable from /usr/include, so an SDL or cairo include in the core
# would compile; this fails the run instead.
echo "==> the core includes no SDL or cairo"
core_dirs=(src/model src/lesson src/session src/timeline src/scene)
if grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](SDL2?/|SDL[_.]|cairo)' \
        "${core_dirs[@]}"; then
    echo "error: the files above are core (${core_dirs[*]}) and include SDL or cairo" >&2
    status=1
fi

echo "==> plain build"
configure_build build
meson test -C build --print-errorlogs --num-processes 2 || status=1

echo "==> sanitizer build (address, undefined)"
configure_build build-asan -Db_sanitize=address,undefined -Db_lundef=false
meson test -C build-asan --print-errorlogs --num-processes 2 \
    --timeout-multiplier 4 || status=1

# The lesson loader calls inih's handler through a function pointer; clang's
# -fsanitize=function checks such calls in C from clang 17 on (older clang
# accepts the flag and checks nothing in C). Run the lesson suite under it
# where the installed clang really traps a mismatched call.
logs=(build/meson-logs/testlog.json build-asan/meson-logs/testlog.json)
probe_dir=$(mktemp -d)
cat >"$probe_dir/mismatch.c" <<'C'
static int one(int a) { return a; }
int main(void)
{
    int (*two)(int, int) = (int (*)(int, int))(void (*)(void))one;
    return two(0, 1);
}
C
if command -v clang >/dev/null 2>&1 &&
        clang -fsanitize=function -fno-sanitize-recover=all \
            "$probe_dir/mismatch.c" -o "$probe_dir/mismatch" 2>/dev/null &&
        ! "$probe_dir/mismatch" 2>/dev/null; then
    echo "==> clang build, -fsanitize=function,undefined: the lesson suite"
    CC=clang configure_build build-fsan -Db_sanitize=undefined \
        -Dc_args=-fsanitize=function -Db_lundef=false
    meson test -C build-fsan --suite lesson --print-errorlogs \
        --num-processes 2 || status=1
    logs+=(build-fsan/meson-logs/testlog.json)
else
    echo "==> note: no clang here that checks function types in C" \
        "(-fsanitize=function, clang >= 17); that run is left out"
fi
rm -rf "$probe_dir"

# The Debian package: built from a copy of the tree, lintian, installed
# into a clean Debian 12 chroot (a few minutes; S2S_SKIP_PACKAGE=1 skips it
# on a developer's machine, never in CI).
package_log=build/package-test.log
rm -f "$package_log"
if [ "${S2S_SKIP_PACKAGE:-0}" = 1 ] && [ "${CI:-}" != true ]; then
    echo "==> Debian package: skipped (S2S_SKIP_PACKAGE=1)"
else
    echo "==> Debian package (dpkg-buildpackage, lintian, clean install)"
    bash tests/package/test_deb.sh 2>&1 | tee "$package_log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

# The browser build and its test in headless chromium (docs/web.md); the
# first run builds the wasm libraries (cached). S2S_WEB=off switches it
# off, and then this says so in one line.
web_results=()
if [ "${S2S_WEB:-on}" = off ]; then
    echo "==> web build and browser test: skipped (S2S_WEB=off)"
else
    echo "==> web build and browser test"
    scripts/web-test.sh || status=1
    web_results=(build-web/test/parity.json build-web/test/asyncify.json
        build-web/test/results.json)
fi

# One closing line over all builds, the package test and the web test,
# counted from meson's own logs and the other tests' own results.
python3 - "$package_log" "${logs[@]}" "${web_results[@]}" <<'PY' || true
import json, os, re, sys
passed = failed = 0
package_log = sys.argv.pop(1)
if os.path.exists(package_log):
    found = re.findall(r"^package: (\d+) passed, (\d+) failed$",
                       open(package_log).read(), re.M)
    if found:
        passed += int(found[-1][0])
        failed += int(found[-1][1])
    else:
        failed += 1  # the package test died before its closing line
for path in sys.argv[1:]:
    if path.endswith(".json") and "meson-logs" not in path:
        try:
            for check in json.load(open(path))["checks"]:
                if check["ok"]:
                    passed += 1
                else:
                    failed += 1
        except (OSError, ValueError, KeyError):
            failed += 1
        continue
    try:
        for line in open(path):
            result = json.loads(line).get("result")
            if result == "OK":
                passed += 1
            elif result not in ("SKIP", None):
                failed += 1
    except OSError:
        failed += 1
print(f"{passed} passed, {failed} failed")
PY
exit $status
