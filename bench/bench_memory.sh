#!/usr/bin/env bash
# Benchmark: memory of the window, open full screen at 1920x1080 on X11
# (Xvfb with openbox), the default lesson trained and stepped through every
# step in the three views' worth of keys: RSS, PSS and peak RSS (VmHWM)
# from /proc, against DESIGN.md's budget (RSS <= 60 MB), and what the big
# mappings cost. Measured with the renderer the window picks (SDL's
# software renderer) and, for comparison, with SDL_RENDER_DRIVER=opengl
# (Mesa). Skips with one line when Xvfb is absent; never fails on a slow
# machine, only when the window does not come up.
set -euo pipefail
bin=$1
budget_mb=60

if ! command -v Xvfb >/dev/null 2>&1; then
    echo "memory: skipped (no Xvfb; apt-get install xvfb openbox xdotool)"
    exit 0
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/s2s-bench-memory-XXXXXX")
xvfb_pid='' wm_pid='' app_pid=''
cleanup() {
    for p in $app_pid $wm_pid $xvfb_pid; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$dir"
}
trap cleanup EXIT

# a free display: Xvfb writes the number it took to the fd
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$dir/display" \
    2>"$dir/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 50); do
    [ -s "$dir/display" ] && break
    sleep 0.1
done
if [ ! -s "$dir/display" ]; then
    echo "memory: skipped (Xvfb did not start: $(tail -1 "$dir/xvfb.log"))"
    exit 0
fi
export DISPLAY=":$(cat "$dir/display")"
if command -v openbox >/dev/null 2>&1; then
    openbox >/dev/null 2>&1 &
    wm_pid=$!
fi
sleep 0.5

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
kb() { awk -v k="$1:" '$1 == k { print $2 }' "$2"; }

# RSS of the mappings whose path matches each pattern, in kB
mapped_kb() {
    awk -v pat="$1" '/^[0-9a-f]+-/ { name = $6 }
        /^Rss:/ { if (name ~ pat) sum += $2 }
        END { print sum + 0 }' "$2"
}

measure() {
    local label=$1
    shift
    # the real X server, whatever driver the test environment names
    env -u SDL_VIDEODRIVER "$@" "$bin" --fullscreen >"$dir/app.log" 2>&1 &
    app_pid=$!
    sleep 2.5 # trained and drawn
    if command -v xdotool >/dev/null 2>&1; then
        # every step, then the other variant and context mode: the glyph
        # caches and textures of a whole lesson
        for key in $(printf 'Right %.0s' $(seq 16)) v c Home; do
            xdotool key "$key" 2>/dev/null || true
            sleep 0.05
        done
        sleep 1
    fi
    if ! kill -0 "$app_pid" 2>/dev/null; then
        echo "memory: the window did not stay open ($label):"
        cat "$dir/app.log"
        exit 1
    fi
    cp "/proc/$app_pid/smaps_rollup" "$dir/rollup"
    cp "/proc/$app_pid/smaps" "$dir/smaps"
    cp "/proc/$app_pid/status" "$dir/status"
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=''
    local rss pss hwm
    rss=$(kb Rss "$dir/rollup")
    pss=$(kb Pss "$dir/rollup")
    hwm=$(kb VmHWM "$dir/status")
    printf 'memory, %s: RSS %.1f MB, PSS %.1f MB, peak RSS %.1f MB (budget: RSS <= %d MB) %s\n' \
        "$label" "$(mb "$rss")" "$(mb "$pss")" "$(mb "$hwm")" "$budget_mb" \
        "$([ "$hwm" -le $((budget_mb * 1024)) ] && echo OK || echo OVER BUDGET)"
    printf '  of it: heap %d kB, other anonymous %d kB, Mesa/LLVM/GL %d kB, SDL %d kB, font files %d kB, libc/libm %d kB\n' \
        "$(mapped_kb '^\[heap\]$' "$dir/smaps")" \
        "$(awk '/^[0-9a-f]+-/ { name = $6 } /^Rss:/ { if (name == "" || name ~ /^\/SYSV/) s += $2 } END { print s + 0 }' "$dir/smaps")" \
        "$(mapped_kb 'LLVM|dri|libGL|libEGL|libglapi|libgallium|libdrm' "$dir/smaps")" \
        "$(mapped_kb 'libSDL2' "$dir/smaps")" \
        "$(mapped_kb '\.(ttf|otf|ttc)$' "$dir/smaps")" \
        "$(mapped_kb 'libc\.so|libm\.so' "$dir/smaps")"
}

measure "window's renderer (software, X11 framebuffer), 1920x1080"
measure "SDL_RENDER_DRIVER=opengl (Mesa), 1920x1080" SDL_RENDER_DRIVER=opengl
