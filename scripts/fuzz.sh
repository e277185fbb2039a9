#!/bin/sh
# Fuzzes the lesson loader with libFuzzer for SECONDS (default 60), seeded
# with the shipped lessons. Installs clang and its runtime if missing.
# Crashes land in build-fuzz/crashes/.
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"

need=""
command -v clang >/dev/null 2>&1 || command -v clang-14 >/dev/null 2>&1 ||
    need="clang-14"
# the fuzzer runtime ships separately from the compiler on Debian
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a \
    >/dev/null 2>&1 || need="$need libclang-rt-14-dev"
if [ -n "$need" ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update && apt-get install -y $need
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get update && sudo apt-get install -y $need
    else
        echo "fuzz.sh: please install: apt-get install $need" >&2
        exit 1
    fi
fi
cc=$(command -v clang || command -v clang-14)

if [ ! -d "$build" ]; then
    CC="$cc" meson setup "$build" "$root" -Dfuzz=true -Db_lundef=false \
        -Dbuildtype=debugoptimized
fi
ninja -C "$build" fuzz/fuzz_lesson

corpus="$build/corpus"
mkdir -p "$corpus" "$build/crashes"
cp "$root"/lessons/*.lesson "$corpus"/
# -max_len: lessons are a few KB; larger inputs only slow the search
exec "$build/fuzz/fuzz_lesson" "$corpus" -max_total_time="$seconds" \
    -max_len=8192 -artifact_prefix="$build/crashes/" -print_final_stats=1
