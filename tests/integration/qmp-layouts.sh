#!/bin/bash
# Clicks reach a real QEMU (TCG, no guest OS: -trace 'input_event_*') at
# the exact abs values through every layout that places the picture: the
# integer scale mode, 1:1 (centred and cropped), an output at wl_output
# scale 2 (HiDPI) and a fractional scale of 1.5; motions over the bars
# send nothing. The expected values are computed here from the placement
# the compositor's log shows, not by the viewer's code. (Fit, letterbox
# bars and a 2x fit at scale 1: qmp-input.sh.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

sock=$T/qmp.sock
. "$(dirname "$0")/qemu-lib.sh"
trap 'stop_qemu; stop_all; cleanup' EXIT

# The trace's abs and button events as "x VALUE", "y VALUE", "BUTTON DOWN".
pointer_events() {
	sed -n -e 's/^input_event_abs .*axis \([xy]\), value \(0x[0-9a-f]*\)$/\1 \2/p' \
		-e 's/^input_event_btn .*button \([^,]*\), down \([01]\)$/\1 \2/p' "$T/trace"
}

# abs SURFACE ORIGIN EXTENT SHOWN SIZE: the value for a pointer at whole
# logical surface coordinate SURFACE over a picture placed at ORIGIN,
# EXTENT logical pixels long, showing SHOWN guest pixels of SIZE (the
# guest's whole width or height): guest position g = (SURFACE - ORIGIN) *
# SHOWN / EXTENT, value floor(g * 0x8000 / SIZE) (as in qmp-input.sh).
abs() {
	printf '0x%x' $(( ($1 - $2) * $4 * 32768 / ($3 * $5) ))
}

# check_eq WHAT EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		pass
	else
		fail "$1: expected"
		diff <(echo "$2") <(echo "$3") | head -20
	fi
}

# placed WHAT X Y W H: waits until the compositor shows the 640x480 guest
# at X,Y with W x H logical pixels.
placed() {
	wait_for "$1" 20 grep -q "role=subsurface .*size=640x480 .*pos=$2,$3 viewport=$4x$5 " "$T/log"
}

# connect VIEWER-COMPOSITOR-ARGS...: start (compositor-lib.sh) with a seat
# and --qmp, until the viewer has QEMU's tablet.
connect() {
	start --seat "$@"
	wait_for "connected" 20 grep -q "input: QMP $sock connected; pointer: QEMU Virtio Tablet (absolute)" "$T/err"
}

# enter_inside X Y: the pointer enters over the picture; its motion has
# reached QEMU before the next check empties the trace.
enter_inside() {
	: >"$T/trace"
	ctl pointer-enter "$1" "$2"
	wait_for "the entry's motion" 20 grep -q "axis y" "$T/trace"
}

# bars_then_click WHAT BAR-POSITIONS... -- X Y EXPECTED: from an empty
# trace, moves over each bar position (X,Y) and clicks at each, then moves
# to X Y and clicks there: only the last click's position and buttons
# reach QEMU, as EXPECTED ("x VALUE\ny VALUE", the click repeats it).
bars_then_click() {
	local what=$1 p
	shift
	: >"$T/trace"
	while [ "$1" != -- ]; do
		p=$1
		shift
		ctl motion "${p%,*}" "${p#*,}"
		ctl button right press
		ctl button right release
	done
	shift
	ctl motion "$1" "$2"
	ctl button left press
	ctl button left release
	wait_for "$what: the click" 20 grep -q "button left, down 0" "$T/trace"
	check_eq "$what" "$3
$3
left 1
left 0" "$(pointer_events)"
}

start_qemu

# --- integer, 1x: 1000x1000 shows 640x480 unscaled, centred at 180,260
connect -- --qmp "$sock" --scale integer demo:640x480
ctl configure 1000 1000
placed "integer 1x: centred" 180 260 640 480
ctl pointer-enter 100 500
bars_then_click "integer 1x: bars send nothing; 180,260 is guest 0,0" \
	100,500 900,500 500,100 500,900 179,400 820,400 400,259 400,740 -- 180 260 \
	"x $(abs 180 180 640 640 640)
y $(abs 260 260 480 480 480)"
bars_then_click "integer 1x: the last pixel, 819,739" -- 819 739 \
	"x $(abs 819 180 640 640 640)
y $(abs 739 260 480 480 480)"

# --- integer, 2x: 1400x1000 shows 1280x960 at 60,20 (fit would be
# 1333x1000); window pixel 701 is guest pixel 320.5
ctl configure 1400 1000
placed "integer 2x: centred" 60 20 1280 960
bars_then_click "integer 2x: bars send nothing, exact abs" \
	30,500 1370,500 700,10 700,990 -- 701 23 \
	"x $(abs 701 60 1280 640 640)
y $(abs 23 20 960 480 480)"
stop
check_rc "integer: the viewer ends cleanly" 0

# --- 1:1, smaller than the guest: 400x300 shows the guest's top left
# 400x300 at 0,0; window pixel = guest pixel
connect -- --qmp "$sock" --scale 1:1 demo:640x480
ctl configure 400 300
placed "1:1 cropped" 0 0 400 300
enter_inside 399 299
bars_then_click "1:1 cropped: window 399,299 is guest 399,299" -- 399 299 \
	"x $(abs 399 0 400 400 640)
y $(abs 299 0 300 300 480)"

# --- 1:1, wider and shorter: 500x600 shows the top left 500 columns, all
# 480 rows, at 0,60
ctl configure 500 600
placed "1:1 cropped across, centred down" 0 60 500 480
bars_then_click "1:1 cropped across: bars send nothing" \
	250,30 250,590 -- 250 300 \
	"x $(abs 250 0 500 500 640)
y $(abs 300 60 480 480 480)"

# --- 1:1, larger than the guest: 1000x700 shows it centred at 180,110
ctl configure 1000 700
placed "1:1 centred" 180 110 640 480
bars_then_click "1:1 centred: bars send nothing" \
	90,350 910,350 500,50 500,650 -- 500 350 \
	"x $(abs 500 180 640 640 640)
y $(abs 350 110 480 480 480)"
stop
check_rc "1:1: the viewer ends cleanly" 0

# --- HiDPI, wl_output scale 2: the window opens 320x240 logical, the
# guest 1:1 in physical pixels; logical 161 is guest pixel 322.5
connect --scale 2 -- --qmp "$sock" demo:640x480
placed "scale 2: half the logical size" 0 0 320 240
enter_inside 161 3
bars_then_click "scale 2: exact abs" -- 161 3 \
	"x $(abs 161 0 320 640 640)
y $(abs 3 0 240 480 480)"

# --- scale 2, fit with bars: 500x240 logical shows 320x240 at 90,0
ctl configure 500 240
placed "scale 2: letterboxed" 90 0 320 240
bars_then_click "scale 2, letterboxed: bars send nothing" \
	45,120 410,120 455,120 -- 409 239 \
	"x $(abs 409 90 320 640 640)
y $(abs 239 0 240 480 480)"
stop
check_rc "scale 2: the viewer ends cleanly" 0

# --- scale 2, 1:1 on a 200x200 window (400x400 physical): the guest's
# top left 400x400 pixels in 200x200 logical ones
connect --scale 2 -- --qmp "$sock" --scale 1:1 demo:640x480
ctl configure 200 200
placed "scale 2, 1:1: cropped" 0 0 200 200
enter_inside 150 199
bars_then_click "scale 2, 1:1: logical 150,199 is guest 300.5,398.5" -- 150 199 \
	"x $(abs 150 0 200 400 640)
y $(abs 199 0 200 400 480)"
stop
check_rc "scale 2, 1:1: the viewer ends cleanly" 0

# --- fractional scale 1.5: the window opens 427x320 logical
connect --fractional-scale 1.5 -- --qmp "$sock" demo:640x480
placed "fractional 1.5: 427x320 logical" 0 0 427 320
enter_inside 213 160
bars_then_click "fractional 1.5: exact abs" -- 213 160 \
	"x $(abs 213 0 427 640 640)
y $(abs 160 0 320 480 480)"

# --- 1.5, fit with bars: 600x320 shows 427x320 at 86,0
ctl configure 600 320
placed "fractional 1.5: letterboxed" 86 0 427 320
bars_then_click "fractional 1.5, letterboxed: bars send nothing" \
	40,100 85,100 513,100 580,100 -- 386 100 \
	"x $(abs 386 86 427 640 640)
y $(abs 100 0 320 480 480)"
stop
check_rc "fractional 1.5: the viewer ends cleanly" 0

# --- 1.5, integer: 900x700 logical is 1350x1050 physical, 2x: 1280x960
# physical is 853x640 logical at 23,30
connect --fractional-scale 1.5 -- --qmp "$sock" --scale integer demo:640x480
ctl configure 900 700
placed "fractional 1.5, integer 2x" 23 30 853 640
ctl pointer-enter 10 10
bars_then_click "fractional 1.5, integer: bars send nothing, exact abs" \
	10,350 890,350 450,15 450,690 -- 875 669 \
	"x $(abs 875 23 853 640 640)
y $(abs 669 30 640 480 480)"
stop
check_rc "fractional 1.5, integer: the viewer ends cleanly" 0
stop_qemu

finish
