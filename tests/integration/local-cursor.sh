#!/bin/bash
# The cursor follows the hand at once: with a real QEMU (a tablet, over
# --qmp) and the emulated GVT-g, whose cursor plane stays where vv-emu put
# it, a host pointer motion moves the cursor subsurface to the mapped
# position in the next commit (the plane still says the old place, so only
# the local move explains it); the guest moving its plane wins; with
# --cursor guest, in relative mode and without QMP the plane alone
# places the cursor.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

sock=$T/qmp.sock
. "$(dirname "$0")/qemu-lib.sh"
trap 'stop_qemu; stop_all; cleanup' EXIT

gvt=7c0ffee0-0d6e-4c55-9d54-2b0c6a1d0012
emu add "$VV_EMU_ROOT" gvt $gvt >/dev/null
emu mode $gvt 640x480
emu draw $gvt 7
emu cursor $gvt 200 150 3 5 --seed 2

start_qemu virtio-tablet-pci

# cursor_after N: the cursor subsurface's commits after log line N.
cursor_after() {
	tail -n +$(($1 + 1)) "$T/log" | grep 'role=subsurface .*size=64x64' | sed 's/.* pos=\([-0-9,]*\) .*/\1/'
}

# first_cursor_after WHAT N POS: the first cursor commit after line N is at POS.
first_cursor_after() {
	wait_for "$1" 20 sh -c "tail -n +$(($2 + 1)) '$T/log' | grep -q 'role=subsurface .*size=64x64'"
	local got
	got=$(cursor_after "$2" | head -1)
	if [ "$got" = "$3" ]; then pass; else fail "$1: first cursor commit at $got, expected $3"; fi
}

# check_eq_last WHAT N POS: the last cursor commit after line N is at POS.
check_eq_last() {
	local got
	got=$(cursor_after "$2" | tail -1)
	if [ "$got" = "$3" ]; then pass; else fail "$1: cursor at $got, expected $3"; fi
}

# frames_after N: waits until the viewer committed 6 more frames after
# line N (the device was queried since).
frames_after() {
	wait_for "frames go on" 20 \
		sh -c "[ \$(tail -n +$(($1 + 1)) '$T/log' | grep -c '^commit') -ge 6 ]"
}

start --seat -- --qmp "$sock" $gvt
wait_for "connected" 20 grep -q "input: QMP $sock connected; pointer: QEMU Virtio Tablet (absolute)" "$T/err"
wait_for "the plane's cursor" 20 grep -q 'size=64x64 .*pos=197,145' "$T/log"

# --- 1:1: pointer at 400,300 → guest pixel 400,300, hotspot 3,5 there.
n=$(wc -l <"$T/log")
ctl pointer-enter 400 300
first_cursor_after "the cursor follows the pointer at once" "$n" 397,295
wait_for "QEMU got the motion" 20 grep -q "axis y, value 0x5000" "$T/trace"
frames_after "$n"
check_eq_last "the plane, still at 200,150, does not pull it back" "$n" 397,295

# --- the guest moves its cursor on its own: the guest wins
n=$(wc -l <"$T/log")
emu cursor $gvt 100 50 3 5 --seed 2
first_cursor_after "the guest's own move wins" "$n" 97,45
frames_after "$n"
check_eq_last "and stays until the next host motion" "$n" 97,45

# --- scaled 2x: window pixel 641,3 is guest pixel 320,1; the 64x64
# cursor shows 128x128 at (320 - 3) * 2, (1 - 5) * 2
ctl configure 1280 960
wait_for "scaled 2x" 20 grep -q 'role=subsurface .*pos=0,0 viewport=1280x960' "$T/log"
wait_for "the cursor rescaled" 20 grep -q 'size=64x64 .*pos=194,90 viewport=128x128' "$T/log"
n=$(wc -l <"$T/log")
ctl motion 641 3
first_cursor_after "2x: through the picture's layout" "$n" 634,-8
stop
check_rc "the viewer ends cleanly" 0

# --- relative mode (--pointer relative): the guest draws its cursor
# where its relative pointer is; the viewer never moves it, before the
# lock or under it
emu cursor $gvt 200 150 3 5 --seed 2
start --seat -- --qmp "$sock" --pointer relative $gvt
wait_for "connected (relative)" 20 grep -q "input: QMP $sock connected; pointer: relative" "$T/err"
wait_for "the plane's cursor (relative)" 20 grep -q 'size=64x64 .*pos=197,145' "$T/log"
n=$(wc -l <"$T/log")
ctl pointer-enter 400 300
ctl motion 420 310
ctl button left press
ctl button left release
wait_for "locked" 20 grep -q '^pointer-locked surface=' "$T/log"
ctl relative 40 30 40 30
wait_for "QEMU got the delta" 20 grep -q "input_event_rel .*axis y, value 30" "$T/trace"
frames_after "$n"
got=$(cursor_after "$n")
[ -z "$got" ] && pass || fail "relative mode: the viewer moved the cursor: $got"
stop
check_rc "the viewer ends cleanly" 0

# --- --cursor guest: QEMU gets the motion, the cursor stays where the
# guest's plane is (the peers' way, for the bench's comparison)
emu cursor $gvt 200 150 3 5 --seed 2
: >"$T/trace"
start --seat -- --qmp "$sock" --cursor guest $gvt
wait_for "connected (--cursor guest)" 20 grep -q "input: QMP $sock connected" "$T/err"
wait_for "the plane's cursor" 20 grep -q 'size=64x64 .*pos=197,145' "$T/log"
n=$(wc -l <"$T/log")
ctl pointer-enter 400 300
wait_for "QEMU got the motion" 20 grep -q "axis y, value 0x5000" "$T/trace"
frames_after "$n"
got=$(cursor_after "$n" | grep -v '^197,145$')
[ -z "$got" ] && pass || fail "--cursor guest: the cursor moved to $got"
n=$(wc -l <"$T/log")
emu cursor $gvt 400 300 3 5 --seed 2
first_cursor_after "--cursor guest: where the guest puts it" "$n" 397,295
stop
check_rc "the viewer ends cleanly" 0

# --- without QMP: the plane alone places the cursor
emu cursor $gvt 200 150 3 5 --seed 2
start --seat -- $gvt
wait_for "the plane's cursor" 20 grep -q 'size=64x64 .*pos=197,145' "$T/log"
n=$(wc -l <"$T/log")
ctl pointer-enter 400 300
ctl motion 420 310
frames_after "$n"
got=$(cursor_after "$n")
[ -z "$got" ] && pass || fail "without QMP the cursor moved: $got"
stop
check_rc "the viewer ends cleanly" 0
finish
