#!/usr/bin/env bash
# Builds (optimised) and runs every benchmark; each prints its figures
# against the budgets of DESIGN.md. Benchmarks never fail on a slow machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/deps.sh

need_packages "${BUILD_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy}
configure_build build-release --buildtype=release
meson test -C build-release --benchmark --verbose
