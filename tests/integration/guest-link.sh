#!/bin/bash
# The viewer's link to the guest beyond frames, in the test compositor on
# the emulated GVT-g: a window resized by the compositor offers the guest a
# mode of its size through the EDID region (debounced, capped by the
# device's max_xres/max_yres); --no-resize-guest does not; a device removed
# while shown leaves the window up with "No signal", and the viewer reopens
# it when it comes back.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

gvt=2d1f0c3e-55aa-4bd3-8a5e-9c0f7e6b0001
emu add "$VV_EMU_ROOT" gvt $gvt --max 1280x1024 >/dev/null
emu mode $gvt 640x480
emu draw $gvt 4

# --- guest resize: a drag (three sizes in a row) ends in one mode, the last
start -- $gvt
check_text "no mode offered before a resize" <(emu edid $gvt) none
ctl configure 900 700
ctl configure 950 650
ctl configure 1000 600
wait_for "EDID written" 5 sh -c "[ \"\$('$VV_EMU' edid $gvt)\" = 1000x600 ]"
links=$(emu stats $gvt | sed -n 's/^edid_link_ups=//p')
if [ "$links" = 1 ]; then pass; else fail "a drag gave the guest $links mode changes, expected 1"; fi
# Larger than the device allows: capped.
ctl configure 2000 1500
wait_for "EDID capped" 5 sh -c "[ \"\$('$VV_EMU' edid $gvt)\" = 1280x1024 ]"
# Smaller than any guest takes: raised to 640x480, the window scales.
ctl configure 1 1
wait_for "EDID floored" 5 sh -c "[ \"\$('$VV_EMU' edid $gvt)\" = 640x480 ]"
stop
check_err_has "says what it offered" "offered the guest a 1000x600 mode (EDID, capped at 1280x1024)"

# The guest takes the mode: the window shows it 1:1 in the same place.
emu mode $gvt 1000x600
emu draw $gvt 5
emu expect $gvt "$T/r-expect.png"
start -- $gvt
ctl configure 1000 600
shot "$T/r.png"
check_rect "guest at the window's size" "$T/r-expect.png" "$T/r.png" 0,0,1000,600
stop

# --no-resize-guest: the window scales, the guest keeps its mode.
gvt2=2d1f0c3e-55aa-4bd3-8a5e-9c0f7e6b0002
emu add "$VV_EMU_ROOT" gvt $gvt2 >/dev/null
emu mode $gvt2 640x480
emu draw $gvt2 4
start -- --no-resize-guest $gvt2
ctl configure 1000 600
shot "$T/n.png"
sleep 0.6
check_text "--no-resize-guest" <(emu edid $gvt2) none
stop

# A device without an EDID region (the demo): said once, nothing breaks.
start -- demo:320x240@3
ctl configure 800 600
shot "$T/d.png"
sleep 0.6
stop
check_err_has "no EDID region" "has no EDID region (" 

# --- device loss and return
emu mode $gvt 640x480
emu draw $gvt 6
emu expect $gvt "$T/l-expect.png"
start -- $gvt
shot "$T/l1.png"
check_rect "before the loss" "$T/l-expect.png" "$T/l1.png" 0,0,640,480
emu remove $gvt
wait_for "no-signal screen" 5 grep -q 'role=subsurface .*buffer=shm format=XR24' "$T/log"
snap "$T/l2.png"
if "$VV_EMU" cmp "$T/l-expect.png" "$T/l2.png" --rect 0,0,640,480 >/dev/null 2>&1; then
	fail "device loss: the old picture is still on screen"
else
	pass
fi
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "the viewer exited when the device went away"; fi
# The mdev comes back (same UUID): reopened, shown again.
emu add "$VV_EMU_ROOT" gvt $gvt --max 1280x1024 >/dev/null
emu mode $gvt 640x480
emu draw $gvt 6
wait_for "reattached" 10 grep -q "is back" "$T/err"
shot "$T/l3.png"
check_rect "after the return" "$T/l-expect.png" "$T/l3.png" 0,0,640,480
stop
check_err_has "loss said once" "is gone (the device was removed or its VM stopped); waiting for it to come back"
n=$(grep -c "is gone" "$T/err")
if [ "$n" -eq 1 ]; then pass; else fail "device loss logged $n times"; fi

finish
