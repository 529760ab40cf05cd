#!/bin/bash
# Bad input to the live window gets one clear line and nothing breaks: no
# Wayland session, a compositor that goes away, garbage plane metadata from
# the driver (shown as a message, said once per change, then the guest
# again), a dmabuf export that fails, a device that errors on every query
# (EIO at once, a transient error once it lasts), no fd left for the
# window's buffers.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

# No session at all.
rc=0
env -u WAYLAND_DISPLAY -u XDG_RUNTIME_DIR "$VV_VIEWER" demo >"$T/out" 2>"$T/err" || rc=$?
check_rc "no session" 1
check_one_line "no session: one line"
check_err_has "no session: says what to do" "no Wayland session: XDG_RUNTIME_DIR is not set (run vgpu-view inside a Wayland session, or use --snapshot FILE.png without one)"
# A socket nobody listens on.
rc=0
WAYLAND_DISPLAY=nobody-here "$VV_VIEWER" demo >"$T/out" 2>"$T/err" || rc=$?
check_rc "no compositor" 1
check_one_line "no compositor: one line"
check_err_has "no compositor: names it" "cannot connect to the Wayland compositor nobody-here"

gvt=3c9d8e7f-0a1b-4c2d-8e3f-4a5b6c7d8e01
emu add "$VV_EMU_ROOT" gvt $gvt >/dev/null
emu mode $gvt 640x480
emu draw $gvt 2
emu expect $gvt "$T/expect.png"

# Garbage metadata: a stride shorter than a row, then a size past the
# buffer; each said once, a message on screen, the guest back after.
start -- $gvt
shot "$T/a.png"
emu raw $gvt primary format=0x34325258 width=640 height=480 stride=100 size=1228800 id=1
wait_for "garbage: message" 5 grep -q 'role=subsurface .*buffer=shm format=XR24' "$T/log"
sleep 0.3
emu raw $gvt primary format=0x34325258 width=4096 height=4096 stride=16384 size=67108864 id=1
sleep 0.3
emu raw $gvt primary clear
shot "$T/b.png"
check_rect "guest back after garbage" "$T/expect.png" "$T/b.png" 0,0,640,480
stop
n=$(grep -c "the primary plane of .* is invalid" "$T/err")
if [ "$n" -eq 1 ]; then pass; else fail "garbage: $n warnings for the short stride, expected 1 per change"; fi
check_err_has "garbage: says why" "stride 100 is shorter than a row"
check_err_has "oversized: says why" "cannot show the primary plane of mdev $gvt (GVTg_V5_4): plane size 67108864 is larger than its buffer (1228800 bytes)"

# The export of a new id fails: said, then shown when it works again.
emu fail $gvt export EIO 1
emu flip $gvt --seed 3
emu expect $gvt "$T/expect2.png"
start -- $gvt
shot "$T/c.png"
check_rect "after a failed export" "$T/expect2.png" "$T/c.png" 0,0,640,480
stop
check_err_has "failed export said" "exporting dma-buf id"

# Every query fails (a driver in trouble): a message, one warning, alive.
emu fail $gvt query EIO -1
start -- $gvt
wait_for "query failure: message" 5 grep -q 'role=subsurface .*buffer=shm' "$T/log"
sleep 0.5
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "query failures: the viewer exited"; fi
stop
n=$(grep -c "cannot query the primary plane" "$T/err")
if [ "$n" -eq 1 ]; then pass; else fail "query failures: $n warnings, expected 1"; fi
emu fail $gvt query 0

# A transient failure that lasts (ENOMEM on every query): the picture
# stays, and after about a second of it the reason is said, once (query.h).
start -- $gvt
seen=$(emu stats $gvt | sed -n 's/^query_calls=//p')
emu fail $gvt query ENOMEM -1
wait_for "lasting ENOMEM said" 5 grep -q "cannot query the primary plane of mdev $gvt (GVTg_V5_4): Cannot allocate memory" "$T/err"
wait_for "more queries after it" 5 sh -c '[ "$("$1" stats "$2" | sed -n "s/^query_calls=//p")" -ge $(($3 + 200)) ]' sh "$VV_EMU" $gvt "$seen"
check_log_lacks "lasting ENOMEM: the guest stays" 'role=subsurface .*buffer=shm'
stop
emu fail $gvt query 0
n=$(grep -c "cannot query the primary plane" "$T/err")
if [ "$n" -eq 1 ]; then pass; else fail "lasting ENOMEM: $n warnings, expected 1"; fi

# No fd left for the window's buffers (their memfd): the real reason in
# one line, exit 1, nothing leaked. How many fds the viewer opens before
# them varies with the build, so the limit rises one at a time until a run
# fails there: lower limits fail earlier, higher ones later or not at all.
stop_all
socket=vv-test-$RANDOM
"${tie[@]}" "$VV_COMPOSITOR" --socket "$socket" --log "$T/log" --control "$T/ctl" \
	--size 1024x768 >"$T/comp-out" 2>"$T/comp-err" &
comp_pid=$!
wait_for "compositor ready" 5 grep -q '^ready' "$T/comp-out"
found=
for n in $(seq 6 24); do
	(ulimit -n "$n" && WAYLAND_DISPLAY=$socket exec "${tie[@]}" "$VV_VIEWER" demo) \
		>"$T/out" 2>"$T/err" &
	viewer_pid=$!
	wait_for "viewer under ulimit -n $n exits" 5 sh -c "! kill -0 $viewer_pid 2>/dev/null" || break
	rc=0
	wait "$viewer_pid" 2>/dev/null || rc=$?
	viewer_pid=
	if grep -q "cannot create the window's buffers" "$T/err"; then
		found=$n
		break
	fi
done
if [ -n "$found" ]; then
	pass
	check_rc "no fd for the window's buffers" 1
	check_one_line "no fd for the window's buffers: one line"
	check_err_has "no fd for the window's buffers: the real reason" "vgpu-view: error: cannot create the window's buffers: Too many open files (raise the limit on open files, ulimit -n)"
else
	fail "no limit on open files from 6 to $n made the window's buffers fail"
fi
stop_all

# The compositor goes away: one line, exit 1.
start -- $gvt
kill "$comp_pid"
wait "$comp_pid" 2>/dev/null
comp_pid=
wait_for "viewer exits" 5 sh -c "! kill -0 $viewer_pid 2>/dev/null"
rc=0
wait "$viewer_pid" 2>/dev/null || rc=$?
viewer_pid=
check_rc "compositor gone" 1
check_err_has "compositor gone: said" "the compositor closed the connection"

finish
