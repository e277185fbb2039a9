#!/usr/bin/env bash
# Nothing hangs, nothing is left behind (issue 18): SIGTERM mid-export
# leaves no file; an export removes stale temporaries of dead processes; a
# lesson over the training budget is refused at once; one near it is
# opened in the window and stopped by SIGTERM while it trains, within
# well under a second.
#   test_stop_safe.sh PROGRAM
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
prog=$1

# lesson PAIRS HIDDEN EPOCHS > file: distinct sources, a small target set.
lesson() {
    printf '[lesson]\ntitle.zh = 测试\ntitle.en = test\nhidden = %d\nembed = %d\nepochs = %d\n\n[data]\n' "$2" "$2" "$3"
    for i in $(seq "$1"); do echo "pair = a$i b c | x$((i % 5)) y"; done
}

# ms since the epoch
now_ms() { date +%s%3N; }

# SIGTERM mid-export: exit by SIGTERM (143), the folder left empty.
mkdir "$tmp/export"
"$prog" --export "$tmp/export" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do
    [ -n "$(ls -A "$tmp/export")" ] && break
    sleep 0.05
done
kill -TERM "$pid"
wait "$pid"
got=$?
[ "$got" -eq 143 ] && ok || bad "SIGTERM'd export exited $got: $(cat "$tmp/err")"
left=$(ls -A "$tmp/export" | wc -l)
[ "$left" -eq 0 ] && ok || bad "SIGTERM'd export left $left files: $(ls -A "$tmp/export")"

# Stale temporaries of a dead process go; a live one's stay.
mkdir "$tmp/stale"
sh -c 'exit 0' &
dead=$!
wait "$dead"
touch "$tmp/stale/.step-001.png.tmp-$dead" "$tmp/stale/.step-002.png.tmp-$dead-a1B2c3" \
    "$tmp/stale/.step-003.png.tmp-$$-a1B2c3"
"$prog" --export "$tmp/stale" --step 1 2>"$tmp/err" && ok || bad "export beside stale temporaries: $(cat "$tmp/err")"
[ ! -e "$tmp/stale/.step-001.png.tmp-$dead" ] && [ ! -e "$tmp/stale/.step-002.png.tmp-$dead-a1B2c3" ] \
    && ok || bad "stale temporaries of a dead process were left"
[ -e "$tmp/stale/.step-003.png.tmp-$$-a1B2c3" ] && ok || bad "a live process's temporary was removed"

# Over the budget: refused in one line, at once.
lesson 2 32 100000 >"$tmp/huge.lesson"
t0=$(now_ms)
timeout 10 "$prog" --check "$tmp/huge.lesson" >/dev/null 2>"$tmp/err"
got=$?
t1=$(now_ms)
if [ "$got" -eq 2 ] && grep -q "the limit is" "$tmp/err" && [ $((t1 - t0)) -lt 3000 ]; then
    ok
else
    bad "an over-budget lesson: exit $got after $((t1 - t0)) ms: $(cat "$tmp/err")"
fi

# Near the budget, in the window: SIGTERM while it trains ends it soon.
# (attention = no: the budget counts attention's three decoders too, and
# this lesson stays the one README.md measures, near the limit without them)
lesson 2 32 5000 | sed '/^epochs/a attention = no' >"$tmp/big.lesson"
"$prog" --check "$tmp/big.lesson" >/dev/null 2>"$tmp/err"
grep -q "the limit is" "$tmp/err" && bad "the near-budget lesson is refused: $(cat "$tmp/err")" || ok
"$prog" "$tmp/big.lesson" 2>"$tmp/err" &
pid=$!
sleep 1.5
t0=$(now_ms)
kill -TERM "$pid"
wait "$pid"
got=$?
t1=$(now_ms)
[ "$got" -eq 143 ] && ok || bad "SIGTERM'd window exited $got: $(cat "$tmp/err")"
# 0.2 s is the goal; the sanitizer build is slower, so the test allows 1 s.
[ $((t1 - t0)) -lt 1000 ] && ok || bad "the window took $((t1 - t0)) ms to stop while training"
echo "window stopped $((t1 - t0)) ms after SIGTERM" >&2

finish
