#!/usr/bin/env bash
# Builds and runs every test, headless, twice: a plain build and one with
# AddressSanitizer + UndefinedBehaviorSanitizer. Installs what it needs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/deps.sh

need_packages "${BUILD_PACKAGES[@]}"

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

# The browser build and its test in headless chromium (docs/web.md); the
# first run builds the wasm libraries (cached). S2S_WEB=off switches it
# off, and then this says so in one line.
web_results=()
if [ "${S2S_WEB:-on}" = off ]; then
    echo "==> web build and browser test: skipped (S2S_WEB=off)"
else
    echo "==> web build and browser test"
    scripts/web-test.sh || status=1
    web_results=(build-web/test/parity.json build-web/test/results.json)
fi

# One closing line over all builds, counted from meson's own logs and the
# web test's results.
python3 - build/meson-logs/testlog.json build-asan/meson-logs/testlog.json \
    "${web_results[@]}" <<'PY' || true
import json, sys
passed = failed = 0
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
