#!/bin/sh
# sysfs, group exclusivity, deny, fail, raw, remove; hold (pid:) and run
# (fd:N) hand-over; no VV_EMU_ROOT: pass-through.
. "$(dirname "$0")/lib.sh"
U=a297db4a-f4c2-11e6-90f6-d3b88d6c9525
V=e297db4a-f4c2-11e6-90f6-d3b88d6c9529
"$VV_EMU" add "$VV_EMU_ROOT" mbochs $U
"$VV_EMU" add "$VV_EMU_ROOT" mbochs $V
"$VV_EMU" mode $V 640x480
"$VV_EMU" draw $V 1
emu "$EMU_CLIENT" open $U 0
# fd:N
"$VV_EMU" run $V -- env LD_PRELOAD="$VV_EMU_PRELOAD" "$EMU_CLIENT" fd 3 'anon_inode:[vfio-device]'
# pid:PID:FD
"$VV_EMU" hold $V > "$VV_EMU_ROOT/hold.out" &
PIDS=$!
i=0
until grep -q ready "$VV_EMU_ROOT/hold.out" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "hold never ready"; sleep 0.05
done
read -r _ pid fd < "$VV_EMU_ROOT/hold.out"
emu "$EMU_CLIENT" pid "${pid#pid=}" "${fd#fd=}"
"$VV_EMU" stats $V | grep -qx 'open_group_fds=1' || fail "hold keeps the group"
"$VV_EMU" stats $V | grep -qx 'reset_calls=0' || fail "reset called"
kill "$PIDS"; wait "$PIDS" 2>/dev/null || true; PIDS=""
"$VV_EMU" stats $V | grep -qx 'open_group_fds=0' || fail "group not released"
# without VV_EMU_ROOT the library changes nothing
if (unset VV_EMU_ROOT; emu "$EMU_CLIENT" mtty $U 0 >/dev/null 2>&1); then
	fail "pass-through served a device"
fi
