#!/usr/bin/env bash
# Benchmark: the whole process of `--export deck.pdf` of the default
# lesson at 1920x1080 (budget: <= 1 s, training included), and of the GIF
# of one step at 1280x720 (its size too: budget <= 2 MB). Five runs each
# into a fresh temporary folder; best and median wall time are printed.
# Never fails on a slow machine: only a failed export fails it.
set -euo pipefail
bin=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/s2s-bench-slides-XXXXXX")
trap 'rm -rf "$dir"' EXIT

# ms of one run of "$@"
time_ms() {
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
}

report() {
    local what=$1 budget=$2
    shift 2
    local runs=() i
    for i in 1 2 3 4 5; do
        runs+=("$(time_ms "$@")")
    done
    local sorted
    sorted=$(printf '%s\n' "${runs[@]}" | sort -n)
    printf '%-40s best %5d ms  median %5d ms  (budget %s)\n' "$what" \
        "$(sed -n 1p <<<"$sorted")" "$(sed -n 3p <<<"$sorted")" "$budget"
}

report "--export deck.pdf (13 pages, 1920x1080)" "<= 1000 ms" \
    "$bin" --export "$dir/deck.pdf" --force
report "--export anim.gif --step 9 (1280x720)" "none" \
    "$bin" --export "$dir/anim.gif" --step 9 --size 1280x720 --force
printf '%-40s %d bytes (budget <= 2097152)\n' "anim.gif size" \
    "$(stat -c %s "$dir/anim.gif")"
report "--export anim.gif, whole lesson (1280x720)" "none" \
    "$bin" --export "$dir/all.gif" --size 1280x720 --force
printf '%-40s %d bytes\n' "all.gif size" "$(stat -c %s "$dir/all.gif")"
