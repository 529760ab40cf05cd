#!/bin/bash
# The three ways people use vgpu-view, in the test compositor on the
# emulated GVT-g: the desktop window (scale modes, title and app id), the
# kiosk (fullscreen from the first frame, letterboxed, deaf to close, no
# pointer, survives plane loss) and the debug overlay (a panel at the top
# left, nothing else changed, gone again on its key).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

gvt=4e0c7a52-1b9d-4f7e-8a3c-5d2e6f708001
emu add "$VV_EMU_ROOT" gvt $gvt >/dev/null
emu mode $gvt 640x480
emu draw $gvt 11
emu cursor $gvt 300 200 0 0 --seed 3
emu expect $gvt "$T/expect.png"
solid_png 1920 1080 000000 "$T/black.png"

# --- kiosk: fullscreen at once, the guest scaled to fit, bars black
start --size 1280x720 -- --kiosk $gvt
check_log_has "fullscreen from the first configure" '^configure serial=1 size=1280x720 states=.*fullscreen'
shot "$T/k.png"
check_log_has "guest fits 1280x720 (4:3 → 960x720, centred)" 'role=subsurface .*size=640x480 .*pos=160,0 viewport=960x720'
check_rect "left bar black" "$T/black.png" "$T/k.png" 0,0,160,720
check_rect "right bar black" "$T/black.png" "$T/k.png" 1120,0,160,720
check_log_lacks "no decoration asked" 'decoration'
# The compositor asking it to close is not the user: a kiosk stays.
ctl close
sleep 0.3
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "kiosk: exited on xdg_toplevel.close"; fi
# Plane loss and return, in the kiosk.
emu off $gvt
wait_for "kiosk no signal" 5 grep -q 'role=subsurface .*buffer=shm format=XR24 .*size=1280x720' "$T/log"
emu on $gvt
shot "$T/k2.png"
check_log_has "guest back after loss" 'role=subsurface .*buffer=dmabuf format=XR24'
# Device loss and return, in the kiosk: the window stays, says so, and
# shows the guest again.
emu remove $gvt
wait_for "kiosk: device gone" 5 grep -q "is gone" "$T/err"
emu add "$VV_EMU_ROOT" gvt $gvt >/dev/null
emu mode $gvt 640x480
emu draw $gvt 11
emu cursor $gvt 300 200 0 0 --seed 3
wait_for "kiosk: reattached" 10 grep -q "is back" "$T/err"
shot "$T/k3.png"
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "kiosk: exited on device loss"; fi
# A hang-up (its tty taken, the shell that started it gone) is no ask to
# end: a kiosk has no terminal. It says so and stays.
kill -HUP "$viewer_pid"
wait_for "kiosk: SIGHUP said" 5 grep -q "SIGHUP: the kiosk stays (SIGTERM or SIGINT end it)" "$T/err"
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "kiosk: exited on SIGHUP"; fi
stop
check_rc "kiosk ends on SIGTERM" 0
# SIGINT (Ctrl+C where a person started it) ends it too, as documented.
start -- --kiosk $gvt
kill -INT "$viewer_pid"
wait_for "kiosk gone on SIGINT" 5 sh -c "! kill -0 $viewer_pid 2>/dev/null"
wait "$viewer_pid" 2>/dev/null
rc=$?
viewer_pid=
check_rc "kiosk ends on SIGINT" 0
stop_all

# --- kiosk on a named output; a name that is not there is said, once
start -- --kiosk --output VV-1 $gvt
check_log_has "fullscreen on the named output" '^request set_fullscreen output=VV-1'
stop
start -- --kiosk --output HDMI-A-9 $gvt
check_log_has "unknown output: compositor's choice" '^request set_fullscreen output=none'
stop
check_err_has "unknown output said" "there is no output HDMI-A-9 (there are: VV-1); going fullscreen where the compositor likes"

# --- desktop window: a close request ends it, exit status 0
start -- $gvt
ctl close
wait_for "window closed" 5 sh -c "! kill -0 $viewer_pid 2>/dev/null"
wait "$viewer_pid" 2>/dev/null
rc=$?
viewer_pid=
check_rc "closed window exits 0" 0
stop_all

# --- scale modes on a 1000x700 window
start -- --scale integer $gvt
ctl configure 1000 700
shot "$T/i.png"
check_log_has "integer: 1× centred" 'role=subsurface .*size=640x480 .*pos=180,110 viewport=640x480'
stop
start -- --scale 1:1 $gvt
ctl configure 400 300
shot "$T/o.png"
check_log_has "1:1 on a small window: cropped" 'role=subsurface .*size=640x480 .*pos=0,0 viewport=400x300'
check_rect "1:1 shows the top left exactly" "$T/expect.png" "$T/o.png" 0,0,400,300
stop

# --- the overlay: a panel at (8,8); everything else is the guest
emu mode $gvt 1024x700
emu draw $gvt 12
emu expect $gvt "$T/expect.png"
start -- --overlay $gvt
shot "$T/ov.png"
check_log_has "overlay surface" 'role=subsurface .*buffer=shm format=AR24 .*pos=8,8'
panel=$(grep -m1 'role=subsurface .*format=AR24 .*pos=8,8' "$T/log" | sed -n 's/.* viewport=\([0-9]*\)x\([0-9]*\).*/\1 \2/p')
read -r pw ph <<<"$panel"
if [ "${pw:-0}" -ge 400 ] && [ "${ph:-0}" -ge 60 ]; then pass; else fail "overlay panel ${pw}x${ph}"; fi
if "$VV_EMU" cmp "$T/expect.png" "$T/ov.png" --rect 8,8,$pw,$ph >/dev/null 2>&1; then
	fail "overlay: the panel area shows the bare guest"
else
	pass
fi
check_rect "below the panel: the guest" "$T/expect.png" "$T/ov.png" 0,$((8 + ph)),1024,$((700 - 8 - ph))
check_rect "right of the panel: the guest" "$T/expect.png" "$T/ov.png" $((8 + pw)),0,$((1024 - 8 - pw)),700
stop

# --- the README's pictures of each mode, on the demo (docs/*.png are copies
# of these): only when asked, they add nothing the checks above miss.
if [ -n "${VV_SCREENSHOTS:-}" ]; then
	mkdir -p "$VV_SCREENSHOTS"
	start --size 1280x720 -- --kiosk demo:1024x768@240
	shot "$VV_SCREENSHOTS/kiosk.png"
	stop
	start --size 1024x768 -- --overlay demo:1024x768
	sleep 1 # a second of rates for the overlay to show
	snap "$VV_SCREENSHOTS/overlay.png"
	stop
	"$VV_RUN_IN_WESTON" --shell desktop --size 1280x800 --wait 1.5 \
		--screenshot "$VV_SCREENSHOTS/window-weston.png" -- \
		"$VV_VIEWER" demo:800x600@240 >/dev/null 2>&1
	for f in kiosk overlay window-weston; do
		if [ -s "$VV_SCREENSHOTS/$f.png" ]; then pass; else fail "no $f.png"; fi
	done
fi

finish
