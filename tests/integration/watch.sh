#!/bin/bash
# --info --watch follows the guest live: one line per change, in order,
# none for the frames in between; mbochs' ENOMEM after a mode change is
# ridden over silently, EIO said once; SIGINT ends it with status 0, a
# removed device with one line and status 1.
. "$(dirname "$0")/lib.sh"

MB=a297db4a-f4c2-11e6-90f6-d3b88d6c9525
GV=c0000000-0000-4000-8000-000000000001
emu add "$VV_EMU_ROOT" mbochs $MB
emu add "$VV_EMU_ROOT" gvt $GV

# start_watch UUID: the viewer in the background, lines in $T/watch.
start_watch() {
	: >"$T/watch"
	"${tie[@]}" env LD_PRELOAD="$VV_PRELOAD" "$VV_VIEWER" --info --watch "$1" \
		>"$T/watch" 2>"$T/watch.err" </dev/null &
	watch_pid=$!
}

# step WHAT LINE EMU-ARGS...: run the change, wait for LINE among the lines
# printed after it.
step() {
	local what=$1 line=$2 seen
	shift 2
	seen=$(wc -l <"$T/watch")
	emu "$@"
	wait_for "watch shows: $what" 5 \
		sh -c 'tail -n +$(($1 + 1)) "$2" | grep -qxF -- "$3"' sh "$seen" "$T/watch" "$line"
}

P640="plane=primary format=XR24 modifier=LINEAR width=640 height=480 stride=2560 size=1228800 kind=dmabuf"
C64="plane=cursor format=AR24 modifier=LINEAR width=64 height=64 stride=256 size=16384 kind=dmabuf"
start_watch $GV
wait_for "watch starts" 5 grep -qx 'plane=cursor state=none' "$T/watch"
step "mode set" "$P640 dmabuf_id=1 x=0 y=0" mode $GV 640x480
step "cursor appears" "$C64 dmabuf_id=2 x=10 y=20 hot_x=1 hot_y=1" cursor $GV 10 20 1 1
step "cursor moves" "$C64 dmabuf_id=2 x=30 y=40 hot_x=1 hot_y=1" cursor $GV 30 40 1 1
step "page flip" "$P640 dmabuf_id=3 x=0 y=0" flip $GV
step "display off" "plane=primary state=none" off $GV
step "cursor off" "plane=cursor state=none" cursor $GV off
step "display on" "$P640 dmabuf_id=3 x=0 y=0" on $GV
sleep 0.1 # frames with no change print nothing
kill -INT $watch_pid
rc=0
wait $watch_pid || rc=$?
check_rc "watch ends on SIGINT" 0
expected="plane=primary state=none
plane=cursor state=none
$P640 dmabuf_id=1 x=0 y=0
$C64 dmabuf_id=2 x=10 y=20 hot_x=1 hot_y=1
$C64 dmabuf_id=2 x=30 y=40 hot_x=1 hot_y=1
$P640 dmabuf_id=3 x=0 y=0
plane=primary state=none
plane=cursor state=none
$P640 dmabuf_id=3 x=0 y=0"
cp "$T/watch" "$T/out"
cp "$T/watch.err" "$T/err"
check_out "watch: one line per change, in order" "$expected"
[ ! -s "$T/watch.err" ] && pass || fail "watch on gvt logged something"
"$VV_INFO_GRAMMAR" <"$T/watch" 2>"$T/grammar" && pass ||
	fail "--info --watch broke the line grammar: $(cat "$T/grammar")"

# A driver in trouble: a lasting EIO is said once, the watch goes on when
# it passes; EIO that comes and goes (six runs of one failed query) is not
# said again and again (the window's policy, query.h).
query_calls() {
	emu stats $GV | sed -n 's/^query_calls=//p'
}
start_watch $GV
wait_for "watch restarts" 5 grep -qx 'plane=cursor state=none' "$T/watch"
emu fail $GV query EIO -1
wait_for "lasting EIO said" 5 grep -q "cannot query the primary plane of mdev $GV (GVTg_V5_4): Input/output error; asking again" "$T/watch.err"
emu fail $GV query 0
step "flip after EIO" "$P640 dmabuf_id=1 x=0 y=0" flip $GV
for i in 1 2 3 4 5 6; do
	seen=$(query_calls)
	emu fail $GV query EIO 1
	wait_for "intermittent EIO $i passed" 5 sh -c '[ "$(VV_EMU_ROOT=$1 "$2" stats "$3" | sed -n "s/^query_calls=//p")" -ge $(($4 + 3)) ]' sh "$VV_EMU_ROOT" "$VV_EMU" $GV "$seen"
done
kill -INT $watch_pid
rc=0
wait $watch_pid || rc=$?
check_rc "watch through EIO ends on SIGINT" 0
cp "$T/watch.err" "$T/err"
n=$(grep -c "cannot query the primary plane" "$T/watch.err")
if [ "$n" -le 2 ]; then pass; else fail "EIO under the watch: said $n times for one lasting run and six short ones, expected once (twice on a slow machine)"; fi

# mbochs: each new mode's first query fails with ENOMEM; nothing is said.
start_watch $MB
step "mbochs mode" "$P640 dmabuf_id=1 x=0 y=0" mode $MB 640x480
step "mbochs mode change" "plane=primary format=XR24 modifier=LINEAR width=800 height=600 stride=3200 size=1920000 kind=dmabuf dmabuf_id=2 x=0 y=0" mode $MB 800x600
cp "$T/watch.err" "$T/err"
[ ! -s "$T/watch.err" ] && pass || fail "watch on mbochs logged the ENOMEM quirk"

# The device goes away under the watch.
emu remove $MB
rc=0
wait_for "watch ends when the device is removed" 5 sh -c "! kill -0 $watch_pid 2>/dev/null"
wait $watch_pid || rc=$?
cp "$T/watch.err" "$T/err"
check_rc "removed device" 1
check_err "removed device" "vgpu-view: error: mdev $MB (mbochs-small) is gone (the device was removed or the VM stopped)"
finish
