#!/usr/bin/env bash
# The command line as a user meets it: exit statuses, one-line errors, the
# step list against the dump, and which tensors --dump holds per variant.
#   test_cli.sh PROGRAM
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
prog=$1

expect_error 2 --bogus
expect_error 2 --variant sideways --list-steps
expect_error 2 --context first --list-steps
expect_error 2 --lang fr --list-steps
expect_error 2 --theme pink --list-steps
expect_error 2 --size 0x100 --export "$tmp/x"
expect_error 2 --size 100 --export "$tmp/x"
expect_error 2 --size 20000x100 --export "$tmp/x"
expect_error 2 --step 0 --export "$tmp/x"
expect_error 2 --step 3 --list-steps
expect_error 2 --dump
expect_error 2 --list-steps --dump -
expect_error 2 a.lesson b.lesson --list-steps
expect_error 2 --list-steps "$tmp/no-such.lesson"
expect_error 2 --input "" --list-steps

# --export DIR makes DIR when its parent exists (the README's example works
# as written); a missing parent is one line and exit 2, and nothing is made.
"$prog" --step 1 --size 320x180 --export "$tmp/new-slides" 2>"$tmp/err" &&
    [ -f "$tmp/new-slides/step-001.png" ] && ok ||
    bad "--export into a new folder: $(cat "$tmp/err")"
expect_error 2 --step 1 --export "$tmp/no-parent/slides"
[ ! -e "$tmp/no-parent" ] && ok || bad "--export made the missing parent"
grep -q 'parent folder does not exist' "$tmp/err" && ok ||
    bad "missing parent message: $(cat "$tmp/err")"

# The window with no display: exit 1, one line that says so and points to
# --export, before any SDL complaint.
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$prog" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
    grep -q 'no display' "$tmp/err" && grep -q -- '--export' "$tmp/err"; then
    ok
else
    bad "window without a display exited $st: $(cat "$tmp/err")"
fi

# Help and version go to stdout and succeed.
"$prog" --help | grep -q -- '--export DIR' && ok || bad "--help lacks --export"
"$prog" --version | grep -Eq '^seq2seq-viz [0-9]' && ok || bad "--version"

# --list-steps: N<TAB>kind<TAB>title, 1 + T + 1 + 2 T' + 1 lines.
"$prog" --list-steps >"$tmp/steps" 2>"$tmp/err" && ok || bad "--list-steps failed: $(cat "$tmp/err")"
"$prog" --dump "$tmp/dump.json" && ok || bad "--dump FILE failed"
T=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['trace']['input']))" "$tmp/dump.json")
Tp=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['trace']['decoder']))" "$tmp/dump.json")
want=$((1 + T + 1 + 2 * Tp + 1))
got=$(wc -l <"$tmp/steps")
[ "$got" -eq "$want" ] && ok || bad "--list-steps has $got lines, expected $want (T=$T, T'=$Tp)"
awk -F'\t' 'NF != 3 || $1 != NR { exit 1 }' "$tmp/steps" && ok || bad "--list-steps lines are not N<TAB>kind<TAB>title"
# The kinds in the timeline's order (DESIGN.md, "Timeline"), derived from
# the trace's own lengths: overview, T encoder steps, the context, a state
# and a softmax step per output token, the summary.
want_kinds=$( (echo overview
    for _ in $(seq "$T"); do echo encoder; done
    echo context
    for _ in $(seq "$Tp"); do echo decoder-state; echo decoder-softmax; done
    echo summary) | tr '\n' ' ')
kinds=$(cut -f2 "$tmp/steps" | tr '\n' ' ')
[ "$kinds" = "$want_kinds" ] && ok || bad "step kinds: $kinds, expected $want_kinds"
# A dump written to a file leaves no temporary file behind.
[ "$(ls "$tmp" | grep -c tmp)" -eq 0 ] && ok || bad "temporary file left: $(ls "$tmp")"

# --variant every has V, Oe, Oc; init does not.
"$prog" --variant every --dump - >"$tmp/every.json" && ok || bad "--variant every --dump - failed"
"$prog" --variant init --dump - >"$tmp/init.json" && ok || bad "--variant init --dump - failed"
has() { python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['weights']['decoder']; sys.exit(0 if sys.argv[2] in d else 1)" "$1" "$2"; }
for k in V Oe Oc; do
    has "$tmp/every.json" $k && ok || bad "every lacks $k"
    has "$tmp/init.json" $k && bad "init has $k" || ok
done
grep -q '"variant":[[:space:]]*"every"' "$tmp/every.json" && ok || bad "every dump does not say so"

# An unseen input token is read as <unk>, noted on stderr, not an error.
"$prog" --input "机器学Z" --dump - >"$tmp/unk.json" 2>"$tmp/err" && ok || bad "--input with an unseen token failed"
grep -q "'Z'" "$tmp/err" && ok || bad "the unseen token is not named: $(cat "$tmp/err")"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['trace']['input'][-1]=='<unk>' else 1)" "$tmp/unk.json" \
    && ok || bad "the unseen token is not <unk> in the trace"

# --check: the default lesson is sound and all in the shipped font; a
# lesson with characters the font lacks still passes, with one line per
# character saying what draws it: a fallback font (⟶ 龘 😀, from the fonts
# scripts/deps.sh installs), a box (U+0378, in no font), a dotted box (a
# zero-width space in a token).
"$prog" --check >"$tmp/check" 2>"$tmp/err" && ok || bad "--check of the default lesson failed: $(cat "$tmp/err")"
grep -q '^font: every character' "$tmp/check" && ok || bad "--check does not report the font"
printf '[lesson]\ntitle.zh = 箭头 龘\ntitle.en = x \xe2\x9f\xb6 y \xf0\x9f\x98\x80 \xcd\xb8\n[data]\npair = a | b\npair = a\xe2\x80\x8b | c\n[input]\nsource = a\n' >"$tmp/arrow.lesson"
"$prog" --check "$tmp/arrow.lesson" >"$tmp/check" 2>"$tmp/err"
[ $? -eq 0 ] && [ ! -s "$tmp/err" ] && ok || bad "--check of a lesson with fallback characters failed: $(cat "$tmp/err")"
for want in 'U+27F6 .* drawn from' 'U+9F98 .* drawn from' 'U+1F600 .* drawn from' \
        'U+0378 .* box with its code point' 'U+200B in a source token: draws nothing'; do
    grep -q "^font: $want" "$tmp/check" && ok || bad "--check does not say '$want': $(grep '^font' "$tmp/check")"
done
[ "$(grep -c '^font: U+' "$tmp/check")" -eq 5 ] && ok || bad "--check lists other characters: $(grep '^font' "$tmp/check")"

# --export FILE.pdf|.svg|.gif: chosen by the extension. The deck has a page
# per --list-steps line and its .pdfpc beside it; an existing deck is kept
# without --force (2), a missing folder is a runtime failure (1), and an
# SVG needs --step (2).
"$prog" --help | grep -q -- '--export FILE.pdf' && ok || bad "--help lacks --export FILE.pdf"
"$prog" --export "$tmp/deck.pdf" 2>"$tmp/err" && ok || bad "--export deck.pdf failed: $(cat "$tmp/err")"
pages=$(pdfinfo "$tmp/deck.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" = "$(wc -l <"$tmp/steps")" ] && ok || bad "deck.pdf has $pages pages, --list-steps $(wc -l <"$tmp/steps") lines"
[ -s "$tmp/deck.pdfpc" ] && ok || bad "no deck.pdfpc beside deck.pdf"
expect_error 2 --export "$tmp/deck.pdf"
"$prog" --export "$tmp/deck.pdf" --force && ok || bad "--export deck.pdf --force failed"
expect_error 1 --export "$tmp/no/such/deck.pdf"
expect_error 2 --export "$tmp/one.svg"
expect_error 2 --step 99 --export "$tmp/one.gif"
"$prog" --export "$tmp/one.svg" --step 2 --size 640x360 && ok || bad "--export one.svg --step 2 failed"
grep -q 'width="640px" height="360px"' "$tmp/one.svg" && ok || bad "one.svg is not 640x360"
[ "$(ls -A "$tmp" | grep -c '\.tmp')" -eq 0 ] && ok || bad "temporary file left: $(ls -A "$tmp")"

# --check of the long-input lesson: the held-out accuracy by input length of
# all three decoders, up to the longest inputs (10 digits), and the result
# the lesson is there for: attention holds better than one fixed C does.
long="${S2S_LESSONS_DIR:-lessons}/07-reverse-long.lesson"
"$prog" --check "$long" >"$tmp/long" 2>"$tmp/err" && ok || bad "--check of $long failed: $(cat "$tmp/err")"
grep -q 'len 10 (10)' "$tmp/long" && ok || bad "--check of $long has no len 10 column"
for v in init every attention; do
    [ "$(sed -n '/^held-out accuracy/,$p' "$tmp/long" | grep -c "^  $v ")" -eq 3 ] && ok || bad "--check of $long: no three $v rows by length"
done
best() { sed -n '/^held-out accuracy/,/^input/p' "$tmp/long" | grep -E "^  ($1) " | awk '{v=$NF; sub("%","",v); if (v+0>m) m=v+0} END {print m+0}'; }
att=$(best attention); fixed=$(best 'init|every')
awk -v a="$att" -v f="$fixed" 'BEGIN {exit !(a > f)}' && ok || bad "--check of $long: attention's held-out accuracy $att% is not above init's and every's $fixed%"

# --variant attention where the lesson says attention = no: one line, exit 2
"$prog" --variant attention --list-steps "${S2S_LESSONS_DIR:-lessons}/05-softmax.lesson" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q 'attention = no' "$tmp/err" && ok || bad "--variant attention on an attention = no lesson: $(cat "$tmp/err")"
# ...and where it is trained, the attend step follows each decoder state
"$prog" --variant attention --list-steps >"$tmp/steps" 2>"$tmp/err" && ok || bad "--variant attention --list-steps failed: $(cat "$tmp/err")"
[ "$(grep -c $'\tdecoder-attend\t' "$tmp/steps")" -eq "$(grep -c $'\tdecoder-state\t' "$tmp/steps")" ] && [ "$(grep -A1 $'\tdecoder-state\t' "$tmp/steps" | grep -c $'\tdecoder-attend\t')" -ge 1 ] && ok || bad "--variant attention: attend steps do not follow the states"

# --view compare: the compare timeline (no attend step, decoder steps to
# the longest output) and a PNG deck of exactly that many steps at --size.
long_lesson="${S2S_LESSONS_DIR:-lessons}/07-reverse-long.lesson"
expect_error 2 --view nonsense --list-steps
expect_error 2 --view compare --dump -
"$prog" --view compare --list-steps "$long_lesson" >"$tmp/csteps" 2>"$tmp/err" &&
    ok || bad "--view compare --list-steps: $(cat "$tmp/err")"
! grep -q $'\tdecoder-attend\t' "$tmp/csteps" && ok ||
    bad "--view compare lists attend steps"
"$prog" --list-steps --variant attention "$long_lesson" >"$tmp/asteps" 2>/dev/null
ca=$(grep -c $'\tdecoder-state\t' "$tmp/csteps")
aa=$(grep -c $'\tdecoder-state\t' "$tmp/asteps")
[ "$ca" -ge "$aa" ] && [ "$ca" -gt 0 ] && ok ||
    bad "compare has $ca decoder steps, attention alone $aa"
n=$(wc -l <"$tmp/csteps")
"$prog" --view compare --export "$tmp/compare" --size 400x300 "$long_lesson" \
    >/dev/null 2>"$tmp/err" && ok || bad "--export --view compare: $(cat "$tmp/err")"
pngs=$(ls "$tmp/compare"/step-*.png 2>/dev/null | wc -l)
[ "$pngs" -eq "$n" ] && ok || bad "--export --view compare wrote $pngs PNGs for $n steps"
for f in "$tmp/compare"/step-001.png "$tmp/compare"/step-$(printf %03d "$n").png; do
    [ "$(png_size "$f")" = "400 300" ] && ok || bad "$f is $(png_size "$f"), want 400 300"
done
finish
