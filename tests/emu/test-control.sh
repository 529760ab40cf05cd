#!/bin/sh
# vv-emu's own behaviour: usage errors, stats, edid, remove.
. "$(dirname "$0")/lib.sh"
U=a297db4a-f4c2-11e6-90f6-d3b88d6c9525
"$VV_EMU" add "$VV_EMU_ROOT" gvt $U
[ "$("$VV_EMU" edid $U)" = none ] || fail "edid of a fresh device"
if "$VV_EMU" mode $U 640x480 --format NOPE 2>/dev/null; then fail "bad format accepted"; fi
if "$VV_EMU" cursor $U 0 0 0 0 --size 65 2>/dev/null; then fail "bad cursor size"; fi
if "$VV_EMU" fail $U nosuchop EIO 2>/dev/null; then fail "bad op"; fi
if "$VV_EMU" draw $U 1 2>/dev/null; then fail "draw without a mode"; fi
"$VV_EMU" mode $U 640x480
"$VV_EMU" draw $U 3
"$VV_EMU" stats $U | grep -qx 'primary=on 640x480 stride=2560 offset=0x0 seed=3' || fail "stats"
"$VV_EMU" remove $U
[ ! -e "$VV_EMU_ROOT/sys/bus/mdev/devices/$U" ] || fail "sysfs entry stays"
