#!/bin/bash
# The relative pointer against a real QEMU (TCG, no guest OS; -trace
# 'input_event_*' prints every event it receives): a VM without a tablet
# says so in one line and gets rel events; a click takes a one-shot pointer
# lock (zwp_pointer_constraints_v1) and is not the guest's; the
# unaccelerated deltas of zwp_relative_pointer_v1 go, not the accelerated
# ones, with sub-pixel remainders carried; buttons and the wheel go under
# the lock; the release chord and the compositor's own unlock stop it, a
# click locks again; a compositor without pointer constraints (one line);
# --pointer relative with a tablet, --pointer absolute without one (QEMU
# refuses abs events then). The wheel through wl_seat v8's axis_value120 (two halves
# make one step), v7's axis_discrete, and a v3 seat.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

sock=$T/qmp.sock
. "$(dirname "$0")/qemu-lib.sh"
trap 'stop_qemu; stop_all; cleanup' EXIT

# The trace's pointer events: "x N" / "y N" (rel), "abs x 0x..", "BUTTON
# DOWN".
pointer_events() {
	sed -n -e 's/^input_event_rel .*axis \([xy]\), value \(-\{0,1\}[0-9]*\)$/\1 \2/p' \
		-e 's/^input_event_abs .*axis \([xy]\), value \(0x[0-9a-f]*\)$/abs \1 \2/p' \
		-e 's/^input_event_btn .*button \([^,]*\), down \([01]\)$/\1 \2/p' "$T/trace"
}

wait_trace() {
	wait_for "$1" 20 grep -q -- "$2" "$T/trace"
}

check_eq() {
	if [ "$2" = "$3" ]; then
		pass
	else
		fail "$1: expected"
		diff <(echo "$2") <(echo "$3") | head -20
	fi
}

check_err_has() {
	if grep -q -- "$2" "$T/err"; then pass; else fail "$1: the viewer never said '$2'"; fi
}

# at_quarter: the pointer to 160,120 (guest 0x2000, 0x2000: no other
# place the pointer has been, so once QEMU has it every earlier position is
# in the trace too), then a fresh trace: what follows is what the test did.
at_quarter() {
	ctl motion 160 120
	wait_trace "the pointer at 160,120" "axis y, value 0x2000"
	: >"$T/trace"
}

# wait_count WHAT N PATTERN FILE: until FILE has N lines matching PATTERN.
wait_count() {
	wait_for "$1" 20 sh -c "[ \$(grep -c -- '$3' '$4') -ge $2 ]"
}

# --- a VM without a tablet (only the PS/2 mouse q35 always has)
: >"$T/trace"
start_qemu virtio-keyboard-pci
start --seat -- --qmp "$sock" demo:640x480
wait_for "no tablet said" 20 grep -q "input: QMP $sock connected, but the VM has no absolute pointer: add -device usb-tablet or -device virtio-tablet-pci to QEMU; until then the pointer is relative (click in the window to lock it)$" "$T/err"
check_eq "no tablet: said in one line" 1 "$(grep -c 'no absolute pointer' "$T/err")"
toplevel=$(sed -n 's/^commit surface=\([0-9]*\) role=toplevel .*/\1/p' "$T/log" | head -1)
check_log_has "the lock's globals are bound" '^bind zwp_pointer_constraints_v1 v1$'
check_log_has "the relative pointer's global is bound" '^bind zwp_relative_pointer_manager_v1 v1$'
check_log_has "wl_seat bound at v8" '^bind wl_seat v8$'

# Before any click: no lock, and deltas reach nobody.
ctl pointer-enter 100 100
ctl relative 5 5 5 5
check_log_lacks "before the lock the host pointer shows" '^set-cursor surface=none'
# The click that locks is the viewer's, not the guest's.
ctl button left press
ctl button left release
wait_for "locked (compositor)" 20 grep -q "^pointer-locked surface=$toplevel$" "$T/log"
wait_for "locked (viewer)" 20 grep -q "input: pointer locked (Ctrl+Alt+g releases)" "$T/err"
check_log_has "a one-shot lock on the window" "^pointer-lock surface=$toplevel lifetime=oneshot$"
wait_for "locked: the host pointer hidden (the guest draws one)" 20 \
	grep -q '^set-cursor surface=none hotspot=0,0 serial=[0-9]* accepted=yes$' "$T/log"
# Accelerated 30,-20 / 12,8 / 9,9 would be those; unaccelerated
# 3.5,-2.25 / 0.75,-0.5 / 0.5,-0.25 make x 3, 1 (0.5 + 0.75 carried), 0
# (0.25 + 0.5) and y -2, 0, -1 (-0.25 - 0.5 - 0.25 carried); the last,
# -1.75 and 0.25, makes x -1 (0.75 - 1.75) and y 0: nothing lost, nothing
# doubled.
ctl relative 30 -20 3.5 -2.25
ctl relative 12 8 0.75 -0.5
ctl relative 9 9 0.5 -0.25
# A locked pointer does not move: a motion is not sent (the compositor's
# log says so) and would be no abs event anyway.
ctl motion 10 10
ctl button right press
ctl button right release
# axis_value120: two halves are one step, half down and half up none.
ctl axis120 vertical 60
ctl axis120 vertical 60
ctl axis120 vertical 60
ctl axis120 vertical -60
ctl axis horizontal -1
ctl relative 100 100 -1.75 0.25
wait_trace "the last delta" "axis x, value -1"
check_eq "under the lock: unaccelerated deltas, remainders carried, buttons and whole wheel steps, no abs" "x 3
y -2
x 1
y -1
right 1
right 0
wheel-down 1
wheel-down 0
wheel-left 1
wheel-left 0
x -1" "$(pointer_events)"
check_log_has "the motion under the lock went nowhere" '^motion x=10 y=10 locked=yes$'

# --- the release chord unlocks; nothing more goes until a click locks again
: >"$T/trace"
ctl key g ctrl+alt
wait_for "released" 20 grep -q "input: released (Ctrl+Alt+g toggles)" "$T/err"
wait_for "the lock given back" 20 grep -q "^pointer-lock-destroy surface=$toplevel$" "$T/log"
ctl relative 10 10 10 10
ctl button middle press
wait_count "locked again" 2 "^pointer-locked surface=$toplevel$" "$T/log"
ctl button middle release
ctl relative 0 0 0 2
wait_trace "a delta after the new lock" "axis y, value 2"
check_eq "after the chord: no rel events until a click locks again; that click is not the guest's" "y 2" "$(pointer_events)"
check_eq "a new one-shot lock for the new click" 2 "$(grep -c "^pointer-lock surface=$toplevel lifetime=oneshot$" "$T/log")"

# --- the compositor takes the lock back: the viewer stops, a click relocks
: >"$T/trace"
ctl pointer-unlock
wait_for "unlocked said" 20 grep -q "input: the compositor unlocked the pointer; click in the window to lock it again" "$T/err"
ctl relative 10 10 10 10
ctl button left press
wait_count "locked a third time" 3 "^pointer-locked surface=$toplevel$" "$T/log"
ctl button left release
ctl relative 0 0 -3 0
wait_trace "a delta after the third lock" "axis x, value -3"
check_eq "after the compositor's unlock: nothing until a click locks again" "x -3" "$(pointer_events)"
stop
check_rc "the viewer ends cleanly" 0
check_log_lacks "no protocol error" '^protocol-error'

# --- a compositor that cannot lock the pointer: one line naming what it
# lacks and the fix, however often one clicks; keys still go
: >"$T/trace"
start --seat --no-pointer-lock -- --qmp "$sock" demo:640x480
wait_for "connected (no lock)" 20 grep -q "input: QMP $sock connected, but the VM has no absolute pointer" "$T/err"
ctl pointer-enter 100 100
ctl button left press
ctl button left release
ctl button left press
ctl button left release
ctl relative 5 5 5 5
ctl keycode 30 down
ctl keycode 30 up
wait_trace "keys without a lock" "key qcode a, down 0"
check_err_has "no lock: said" "input: the compositor cannot lock the pointer (it offers no zwp_pointer_constraints_v1), so a VM without a tablet gets no pointer: add -device usb-tablet or -device virtio-tablet-pci to QEMU"
check_eq "no lock: said once" 1 "$(grep -c 'cannot lock the pointer' "$T/err")"
check_eq "no lock: no pointer events" "" "$(pointer_events)"
stop
check_rc "no lock: the viewer ends cleanly" 0
stop_qemu

# --- --pointer relative with a tablet: rel events, never abs
: >"$T/trace"
start_qemu
start --seat -- --qmp "$sock" --pointer relative demo:640x480
wait_for "relative said" 20 grep -q "input: QMP $sock connected; pointer: relative (--pointer relative; click in the window to lock it)$" "$T/err"
ctl pointer-enter 320 240
ctl relative 1 1 1 1
ctl button left press
ctl button left release
wait_for "locked (--pointer relative)" 20 grep -q "^pointer-locked surface=" "$T/log"
ctl relative 70 70 2 -3
ctl axis vertical 1
wait_trace "wheel under the lock" "button wheel-down, down 0"
check_eq "--pointer relative: rel deltas and the wheel, no abs" "x 2
y -3
wheel-down 1
wheel-down 0" "$(pointer_events)"
wait_for "the host pointer hidden" 20 grep -q '^set-cursor surface=none' "$T/log"
check_eq "--pointer relative: the host pointer hidden only once locked" "pointer-locked
set-cursor surface=none" "$(grep -o '^pointer-locked\|^set-cursor surface=none' "$T/log")"
stop

# --- the wheel with a tablet (absolute): axis_value120 halves make one
# step at the pointer, v7's axis_discrete too
: >"$T/trace"
start --seat -- --qmp "$sock" demo:640x480
wait_for "connected (tablet)" 20 grep -q "input: QMP $sock connected; pointer: QEMU Virtio Tablet (absolute)" "$T/err"
at_quarter
ctl axis120 vertical 60
ctl axis120 vertical 60
ctl axis120 horizontal 30
ctl axis120 horizontal -90
ctl axis120 horizontal -30
wait_trace "the last wheel step" "button wheel-left, down 0"
check_eq "value120: 60+60 is one step, 30-90-30 one step left" "abs x 0x2000
abs y 0x2000
wheel-down 1
wheel-down 0
abs x 0x2000
abs y 0x2000
wheel-left 1
wheel-left 0" "$(pointer_events)"
check_log_lacks "no lock in absolute mode" '^pointer-lock '
stop

: >"$T/trace"
start --seat=7 -- --qmp "$sock" demo:640x480
wait_for "connected (v7)" 20 grep -q "input: QMP $sock connected" "$T/err"
check_log_has "wl_seat bound at v7" '^bind wl_seat v7$'
at_quarter
ctl axis vertical -2
wait_trace "v7 wheel" "button wheel-up, down 0"
check_eq "v7: axis_discrete steps" "abs x 0x2000
abs y 0x2000
wheel-up 1
wheel-up 0
wheel-up 1
wheel-up 0" "$(pointer_events)"
stop

: >"$T/trace"
start --seat=3 -- --qmp "$sock" demo:640x480
wait_for "connected (v3)" 20 grep -q "input: QMP $sock connected" "$T/err"
check_log_has "wl_seat bound at v3" '^bind wl_seat v3$'
at_quarter
ctl button left press
ctl button left release
ctl keycode 30 down
ctl keycode 30 up
wait_trace "v3: keys" "key qcode a, down 0"
check_eq "v3: a click still goes" "abs x 0x2000
abs y 0x2000
left 1
left 0" "$(pointer_events)"
stop
check_rc "v3: the viewer ends cleanly" 0
check_log_lacks "v3: no protocol error (no wl_seat.release below v5)" '^protocol-error'
stop_qemu

# --- --pointer absolute without a tablet: abs events, which this QEMU
# refuses (it has nothing to give them to): one line each, keys still go
: >"$T/trace"
start_qemu virtio-keyboard-pci
start --seat -- --qmp "$sock" --pointer absolute demo:640x480
wait_for "forced absolute said" 20 grep -q "input: QMP $sock connected; pointer: absolute (--pointer absolute), though the VM lists no absolute pointer: add -device usb-tablet or -device virtio-tablet-pci to QEMU$" "$T/err"
ctl motion 320 240
wait_for "QEMU refuses abs" 20 grep -q "input: QEMU refused input-send-event: Input handler not found for event type abs (GenericError)" "$T/err"
ctl keycode 30 down
ctl keycode 30 up
wait_trace "keys still go" "key qcode a, down 0"
check_eq "--pointer absolute: no lock, no rel" "" "$(pointer_events)"
check_log_lacks "--pointer absolute: no lock" '^pointer-lock '
stop
stop_qemu

finish
