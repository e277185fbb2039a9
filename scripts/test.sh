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
echo "==> plain build"
configure_build build
meson test -C build --print-errorlogs --num-processes 2 || status=1

echo "==> sanitizer build (address, undefined)"
configure_build build-asan -Db_sanitize=address,undefined -Db_lundef=false
meson test -C build-asan --print-errorlogs --num-processes 2 \
    --timeout-multiplier 4 || status=1

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

# One closing line over both builds and the package test, counted from
# meson's own logs and the package test's own closing line.
python3 - "$package_log" build/meson-logs/testlog.json build-asan/meson-logs/testlog.json <<'PY' || true
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
