#!/bin/sh
# Builds assets/NotoSansSC-Subset.otf: the Simplified Chinese face of Noto
# Sans CJK (Debian's fonts-noto-cjk, OFL 1.1) cut down to what the app can
# show: all of GB2312, ASCII/Latin-1, Greek, punctuation, arrows, maths
# operators, super/subscripts, Big5 level 1 (Traditional), CJK
# punctuation, fullwidth forms and a few shapes. SDL2_ttf 2.20 has no
# font fallback, so this one file must cover every character a lesson
# or the interface uses (a character it lacks is drawn from a fallback).
#
# Usage: scripts/make-font.sh [OUTPUT]   (default: assets/NotoSansSC-Subset.otf)
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$here/assets/NotoSansSC-Subset.otf"}
ttc=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
# The system python: python3-fonttools is a Debian package, so a pyenv or
# venv python3 earlier on PATH would not see it.
py=/usr/bin/python3

need=""
[ -f "$ttc" ] || need="$need fonts-noto-cjk"
"$py" -c 'import fontTools.subset' 2>/dev/null || need="$need python3-fonttools"
if [ -n "$need" ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y $need
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get install -y $need
    else
        echo "make-font.sh: missing packages; run: apt-get install$need" >&2
        exit 1
    fi
fi

# The collection holds JP, KR, SC, TC, HK (then the Mono faces); find SC by
# name rather than trusting an index that a new release could move.
index=$("$py" - "$ttc" <<'EOF'
import sys
from fontTools.ttLib import TTCollection
for i, f in enumerate(TTCollection(sys.argv[1], lazy=True).fonts):
    if f["name"].getDebugName(4) == "Noto Sans CJK SC":
        print(i)
        break
else:
    sys.exit("make-font.sh: no 'Noto Sans CJK SC' face in " + sys.argv[1])
EOF
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every character of GB2312 (rows 0xA1-0xF7, columns 0xA1-0xFE: levels 1
# and 2 of hanzi plus its symbols, kana, Cyrillic...), as code points.
"$py" - >"$tmp/unicodes.txt" <<'EOF'
cps = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            cps.add(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
# Big5 level 1 (0xA440-0xC67E): the 5401 common Traditional characters, so
# a teacher in Taipei or Hong Kong can type 機器學習. The SC face draws
# them in its own (mainland) style, which is what its cmap holds.
for hi in range(0xA4, 0xC7):
    for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
        if (hi << 8 | lo) > 0xC67E:
            continue
        try:
            cps.add(ord(bytes([hi, lo]).decode("big5")))
        except UnicodeDecodeError:
            pass
ranges = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x0100, 0x017F),  # Latin Extended-A (names in lessons)
    (0x0370, 0x03FF),  # Greek (Σ, π, θ...)
    (0x2000, 0x206F),  # General Punctuation (— “ ” … ·)
    (0x2070, 0x209F),  # superscripts and subscripts (h₃, e^x)
    (0x20AC, 0x20AC),  # euro sign
    (0x2100, 0x214F),  # letterlike symbols
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2300, 0x23FF),  # misc technical (⌘ ⏎ for key hints)
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ...)
    (0x2500, 0x257F),  # box drawing
    (0x2580, 0x259F),  # block elements
    (0x25A0, 0x25FF),  # geometric shapes (▶ ● ◆)
    (0x2600, 0x26FF),  # misc symbols (★ ✓-like)
    (0x2700, 0x27BF),  # dingbats (✓ ✗)
    (0x27E8, 0x27E9),  # angle brackets ⟨ ⟩
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。「」)
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms (，？：（）)
    (0xFFFD, 0xFFFD),  # replacement character
]
for a, b in ranges:
    cps.update(range(a, b + 1))
for cp in sorted(cps):
    print("U+%04X" % cp)
EOF

# Only the features HarfBuzz applies to horizontal text: locl and vert
# would pull in the JP/KR/TC glyph variants and add 1.5 MB.
"$py" -m fontTools.subset "$ttc" \
    --font-number="$index" \
    --unicodes-file="$tmp/unicodes.txt" \
    --layout-features='kern,liga,calt,ccmp,mark,mkmk' \
    --name-IDs='*' --name-languages='*' \
    --output-file="$out"

# Noto Sans CJK has no super/subscript digits or letters (only U+2074), but
# the formulas need h₃ and x²: draw them from the font's own digits and
# letters, scaled and raised or lowered, into new glyphs of the subset.
"$py" - "$out" <<'EOF'
import sys
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen

path = sys.argv[1]
font = TTFont(path, recalcTimestamp=False)
cmap = font.getBestCmap()
cff = font["CFF "].cff
td = cff.topDictIndex[0]
cs = td.CharStrings
order = font.getGlyphOrder()

# Superscripts sit with their baseline near x-height + a little; subscripts
# drop below the baseline. Scales match common fonts (~60 %).
SUP = {0x2070: "0", 0x2071: "i", 0x2075: "5", 0x2076: "6", 0x2077: "7",
       0x2078: "8", 0x2079: "9", 0x207A: "+", 0x207B: "\u2212",
       0x207C: "=", 0x207D: "(", 0x207E: ")", 0x207F: "n"}
SUB = {0x2080 + i: str(i) for i in range(10)}
SUB.update({0x208A: "+", 0x208B: "\u2212", 0x208C: "=", 0x208D: "(",
            0x208E: ")", 0x2090: "a", 0x2091: "e", 0x2092: "o",
            0x2093: "x", 0x2095: "h", 0x2096: "k", 0x2097: "l",
            0x2098: "m", 0x2099: "n", 0x209A: "p", 0x209B: "s",
            0x209C: "t"})
SCALE = 0.62
jobs = [(cp, ch, 340) for cp, ch in SUP.items()] + \
       [(cp, ch, -110) for cp, ch in SUB.items()]

used = {int(n[3:]) for n in td.charset if n.startswith("cid")}
free = (c for c in range(60000, 65535) if c not in used)
hmtx = font["hmtx"].metrics
vmtx = font["vmtx"].metrics if "vmtx" in font else None
added = {}
for cp, base_ch, dy in sorted(jobs):
    if cp in cmap:
        continue
    base = cmap.get(ord(base_ch))
    if base is None:
        continue
    gid = cs.charStrings[base]
    src = cs.charStringsIndex[gid]
    fd = td.FDSelect[gid]
    adv, _ = hmtx[base]
    pen = T2CharStringPen(round(adv * SCALE), None)
    src.draw(TransformPen(pen, (SCALE, 0, 0, SCALE, 0, dy)))
    new = pen.getCharString(private=td.FDArray[fd].Private,
                            globalSubrs=cff.GlobalSubrs)
    name = "cid%05d" % next(free)
    cs.charStringsIndex.append(new)
    cs.charStrings[name] = len(cs.charStringsIndex) - 1
    td.FDSelect.append(fd)
    # The CFF charset and the font's glyph order may be one list.
    td.charset.append(name)
    if order is not td.charset:
        order.append(name)
    # Measure the new outline for the left side bearing.
    bp = BoundsPen(None)
    new.draw(bp)
    lsb = round(bp.bounds[0]) if bp.bounds else 0
    hmtx[name] = (round(adv * SCALE), lsb)
    if vmtx is not None:
        vmtx[name] = vmtx[base]
    added[cp] = name

# The SC face's middle dot is full width (an ideographic dot), which spreads
# "W·x" apart in formulas: U+00B7 (and the dot operators U+22C5, U+2219)
# get a proportional copy of it, at 75 %, with 90 units either side.
dot = cmap.get(0x00B7)
if dot is not None:
    gid = cs.charStrings[dot]
    src = cs.charStringsIndex[gid]
    fd = td.FDSelect[gid]
    bp = BoundsPen(None)
    src.draw(bp)
    x0, y0, x1, y1 = bp.bounds
    k = 0.75  # the ideographic dot is heavy next to Latin letters
    adv = round(k * (x1 - x0)) + 180
    yc = (y0 + y1) / 2
    pen = T2CharStringPen(adv, None)
    src.draw(TransformPen(pen, (k, 0, 0, k, 90 - k * x0, yc - k * yc)))
    new = pen.getCharString(private=td.FDArray[fd].Private,
                            globalSubrs=cff.GlobalSubrs)
    name = "cid%05d" % next(free)
    cs.charStringsIndex.append(new)
    cs.charStrings[name] = len(cs.charStringsIndex) - 1
    td.FDSelect.append(fd)
    td.charset.append(name)
    if order is not td.charset:
        order.append(name)
    hmtx[name] = (adv, 90)
    if vmtx is not None:
        vmtx[name] = vmtx[dot]
    for cp in (0x00B7, 0x22C5, 0x2219):
        added[cp] = name

font.setGlyphOrder(order)
td.CIDCount = max(td.CIDCount, max(int(n[3:]) for n in td.charset
                                   if n.startswith("cid")) + 1)
for t in font["cmap"].tables:
    if t.isUnicode():
        t.cmap.update(added)
font.save(path)
print("added %d super/subscript and dot glyphs" % len(set(added.values())))
EOF

echo "wrote $out ($(wc -c <"$out") bytes, face $index of $ttc)"
