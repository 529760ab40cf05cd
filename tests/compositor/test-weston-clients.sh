#!/bin/bash
# Debian's own weston clients against vv-compositor: simple-shm shows its
# 250x250 window at the origin, presentation-shm gets presentation feedback.
. "$(dirname "$0")/lib.sh"

BG=0x303030
start_compositor --size 640x480 --screenshot "$T/exit.png"

if [ -x /usr/bin/weston-simple-shm ]; then
	/usr/bin/weston-simple-shm >"$T/shm.out" 2>&1 &
	shm_pid=$!
	bg_pids+=($shm_pid)
	log_has "xdg binding" '^bind xdg_wm_base v[1-5]$'
	log_has "initial configure" '^configure serial=[0-9]+ size=0x0 states=none$'
	log_has "ack" '^ack serial=[0-9]+$'
	log_has "shm commit" '^commit surface=[0-9]+ role=toplevel parent=none buffer=shm format=XR24 modifier=LINEAR size=250x250 scale=1 pos=0,0 viewport=none damage=yes frame=yes$'
	wait_for "10 frames" 5 sh -c "[ \$(grep -c '^frame-done' '$T/log') -ge 10 ]" && pass
	screenshot simple-shm
	png "simple-shm draws its window" simple-shm differs 0 0 250 250 $BG
	png "right of the window" simple-shm color 250 0 390 480 $BG
	png "below the window" simple-shm color 0 250 250 230 $BG
	# hidden: no frame callbacks until shown; SIGUSR1 writes --screenshot
	ctl hide
	sleep 0.2
	before=$(grep -c '^frame-done' "$T/log")
	sleep 0.3
	after=$(grep -c '^frame-done' "$T/log")
	[ "$before" -eq "$after" ] && pass || fail "frame callbacks while hidden: $before then $after"
	ctl show
	wait_for "frames after show" 5 sh -c "[ \$(grep -c '^frame-done' '$T/log') -gt $after ]" && pass
	kill -USR1 $comp_pid
	log_has "SIGUSR1 screenshot" "^screenshot [0-9]+ $T/exit.png$"
	png "SIGUSR1 screenshot shows the window" exit differs 0 0 250 250 $BG
	kill -INT $shm_pid
	wait $shm_pid
	log_has "client gone" '^client-gone$'
else
	echo "SKIP: no /usr/bin/weston-simple-shm"
fi

# weston 10's presentation-shm binds xdg_wm_base at the advertised version
# but has no wm_capabilities handler (a v5 event): offer it v4.
if [ -x /usr/bin/weston-presentation-shm ]; then
	stop_compositor
	start_compositor --size 640x480 --screenshot "$T/exit.png" --xdg-version 4
	timeout 3 /usr/bin/weston-presentation-shm -f >"$T/pres.out" 2>&1
	log_has "presentation bound" '^bind wp_presentation v1$'
	log_has "presented" '^presented seq=[0-9]+ surface=[0-9]+ refresh=16666666$'
fi

stop_compositor
log_has "exit screenshot" "^screenshot [0-9]+ $T/exit.png$"
[ -f "$T/exit.png" ] && pass || fail "no exit screenshot"
png "exit screenshot size" exit size 640 480
finish
