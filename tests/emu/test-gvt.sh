#!/bin/sh
# gvt: untouched no-plane struct, formats, tilings, cursor, idr ids.
. "$(dirname "$0")/lib.sh"
U=d297db4a-f4c2-11e6-90f6-d3b88d6c9528
"$VV_EMU" add "$VV_EMU_ROOT" gvt $U
emu "$EMU_CLIENT" gvt $U 0
