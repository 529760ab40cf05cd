#!/bin/sh
# expect renders the pattern (and gvt's cursor); cmp compares.
. "$(dirname "$0")/lib.sh"
U=a297db4a-f4c2-11e6-90f6-d3b88d6c9525
G=d297db4a-f4c2-11e6-90f6-d3b88d6c9528
D=$VV_EMU_ROOT
"$VV_EMU" add "$D" mbochs $U
"$VV_EMU" add "$D" gvt $G
if "$VV_EMU" expect $U "$D/none.png" 2>/dev/null; then fail "expect without a plane"; fi
"$VV_EMU" mode $U 640x480
"$VV_EMU" draw $U 5
"$VV_EMU" expect $U "$D/a.png"
"$EMU_CLIENT" png "$D/a.png" 5 0 0 0
"$VV_EMU" cmp "$D/a.png" "$D/a.png"
"$VV_EMU" draw $U 6
"$VV_EMU" expect $U "$D/b.png"
if "$VV_EMU" cmp "$D/a.png" "$D/b.png" > "$D/cmp.out"; then fail "cmp: equal?"; fi
grep -q 'pixels differ; first at (0,0)' "$D/cmp.out" || fail "cmp output: $(cat "$D/cmp.out")"
# gvt, X-tiled, cursor at -5,10 hot 3,4: drawn at |x|-hot = 2,6
"$VV_EMU" mode $G 640x480 --modifier X_TILED
"$VV_EMU" draw $G 5
"$VV_EMU" cursor $G -5 10 3 4 --seed 2
"$VV_EMU" expect $G "$D/c.png"
"$EMU_CLIENT" png "$D/c.png" 5 2 6 2
"$VV_EMU" cmp "$D/a.png" "$D/c.png" --rect 100,100,200,200
if "$VV_EMU" cmp "$D/a.png" "$D/c.png" --rect 0,0,100,100 >/dev/null; then fail "cursor missing"; fi
# RG16 quantizes: compare with the tolerance of the quantization
"$VV_EMU" mode $G 640x480 --format RG16
"$VV_EMU" draw $G 5
"$VV_EMU" cursor $G off
"$VV_EMU" expect $G "$D/d.png"
"$VV_EMU" cmp "$D/a.png" "$D/d.png" --tolerance 7
