#!/usr/bin/env bash
# Builds seq2seq-viz (installing what it needs on Debian) and runs it:
#   scripts/run.sh                 the window on the default lesson
#   scripts/run.sh [OPTIONS] [LESSON]   passed on (see --help)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/deps.sh

need_packages "${BUILD_PACKAGES[@]}"
configure_build build
exec ./build/seq2seq-viz "$@"
