# The shell tests' shared start (sourced by tests/cli/test_*.sh and
# tests/install/test_install.sh): a temporary folder $tmp removed at exit,
# the ok / bad counters, and the checks on one run of the program $prog
# (set it before calling them). finish prints the summary line meson's log
# shows and returns the test's status.
set -u
fails=0
checks=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { checks=$((checks + 1)); }
bad() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL: $*" >&2; }

# run_fault STATUS ARGS...: runs $prog ARGS (10 s at most; its output in
# $tmp/out and $tmp/err) and prints what is wrong: nothing when it exited
# STATUS with exactly one line on stderr.
run_fault() {
    local want=$1
    shift
    timeout 10 "$prog" "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$? lines
    lines=$(wc -l <"$tmp/err")
    if [ "$got" -ne "$want" ]; then
        echo "'$*' exited $got, expected $want: $(cat "$tmp/err")"
    elif [ "$lines" -ne 1 ]; then
        echo "'$*' wrote $lines lines on stderr, expected 1: $(cat "$tmp/err")"
    fi
}

# one_line STATUS ARGS...: exits STATUS with exactly one line on stderr.
one_line() {
    local fault
    fault=$(run_fault "$@")
    if [ -n "$fault" ]; then bad "$fault"; else ok; fi
}

# expect_error STATUS ARGS...: as one_line, and nothing on stdout.
expect_error() {
    local fault
    fault=$(run_fault "$@")
    if [ -z "$fault" ] && [ -s "$tmp/out" ]; then
        fault="'${*:2}' wrote on stdout"
    fi
    if [ -n "$fault" ]; then bad "$fault"; else ok; fi
}

# png_size FILE: "W H" from the IHDR chunk, or nothing when not a PNG.
png_size() {
    python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read(24)
if d[:8] == b'\x89PNG\r\n\x1a\n' and d[12:16] == b'IHDR':
    print(*struct.unpack('>II', d[16:24]))
PY
}

# The last line of a test: "N passed, N failed", and its status.
finish() {
    echo "$((checks - fails)) passed, $fails failed"
    [ "$fails" -eq 0 ]
}
