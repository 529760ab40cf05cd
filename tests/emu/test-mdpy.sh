#!/bin/sh
# mdpy (region 16, pread quirk, gradient) and mtty (no display).
. "$(dirname "$0")/lib.sh"
U=b297db4a-f4c2-11e6-90f6-d3b88d6c9526
M=c297db4a-f4c2-11e6-90f6-d3b88d6c9527
"$VV_EMU" add "$VV_EMU_ROOT" mdpy $U --type vga
"$VV_EMU" add "$VV_EMU_ROOT" mtty $M
emu "$EMU_CLIENT" mdpy $U 0
emu "$EMU_CLIENT" mtty $M 1
