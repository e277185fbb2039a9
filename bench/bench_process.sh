#!/usr/bin/env bash
# Benchmark: whole processes, start-up and training included, on the
# default lesson: `--export DIR` of every step as PNG at 1920x1080 (budget
# DESIGN.md's <= 20 ms a step, i.e. the whole process in 20 ms times the
# number of steps), the same at 3840x2160, and `--dump` (training and the
# JSON). Seven runs each into fresh folders; best and median wall time,
# the median wall time a step against the budget, the median CPU time
# (user + sys: training and PNG encoding run on every core) in all and a
# step, and the bytes the export wrote. Never fails on a slow machine:
# only a failed run fails it. Wall time depends on what else the machine
# runs; compare CPU time between builds.
set -euo pipefail
bin=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/s2s-bench-process-XXXXXX")
trap 'rm -rf "$dir"' EXIT
runs=7
steps=$("$bin" --list-steps | wc -l)

# "wall_ms cpu_ms" of one run of "$@"
run_ms() {
    local out
    out=$({ /usr/bin/env time -f '%e %U %S' "$@" >/dev/null 2>"$dir/err"; } 2>&1) ||
        { cat "$dir/err" >&2; exit 1; }
    tail -1 "$dir/err" | awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }'
}

# report WHAT BUDGET_MS_PER_STEP CMD...: best / median wall, median CPU
report() {
    local what=$1 budget=$2
    shift 2
    local i walls=() cpus=()
    for i in $(seq $runs); do
        rm -rf "$dir/out"
        read -r w c < <(run_ms "$@")
        walls+=("$w")
        cpus+=("$c")
    done
    local best median cpu size=""
    [ -d "$dir/out" ] && size=$(du -sb "$dir/out" | awk '{ printf ", %.2f MB written", $1 / 1e6 }')
    best=$(printf '%s\n' "${walls[@]}" | sort -n | head -1)
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    if [ "$budget" = none ]; then
        printf '%-46s best %5d ms, median %5d ms wall, %5d ms CPU%s\n' \
            "$what" "$best" "$median" "$cpu" "$size"
    else
        printf '%-46s best %5d ms, median %5d ms wall (%.1f ms a step; budget %d ms a step) %s, %d ms CPU (%.1f ms a step)%s\n' \
            "$what" "$best" "$median" \
            "$(awk -v m="$median" -v s="$steps" 'BEGIN { print m / s }')" \
            "$budget" \
            "$([ "$median" -le $((budget * steps)) ] && echo OK || echo OVER BUDGET)" \
            "$cpu" "$(awk -v c="$cpu" -v s="$steps" 'BEGIN { print c / s }')" \
            "$size"
    fi
}

if ! /usr/bin/env time -f '%e' true 2>/dev/null; then
    echo "process: skipped (no /usr/bin/time; apt-get install time)"
    exit 0
fi
report "--export DIR, $steps steps, 1920x1080" 20 \
    "$bin" --export "$dir/out" --force
report "--export DIR, $steps steps, 3840x2160" none \
    "$bin" --export "$dir/out" --size 3840x2160 --force
report "--dump FILE" none "$bin" --dump "$dir/dump.json"
