#!/bin/sh
# mbochs: group path, regions, flags, -ENOMEM, ids, flips, dma-bufs.
. "$(dirname "$0")/lib.sh"
U=a297db4a-f4c2-11e6-90f6-d3b88d6c9525
"$VV_EMU" add "$VV_EMU_ROOT" mbochs $U --group 2
emu "$EMU_CLIENT" mbochs $U 2
"$VV_EMU" stats $U | grep -qx 'reset_calls=1' || fail "reset_calls"
[ "$("$VV_EMU" edid $U)" = 1024x768 ] || fail "edid"
