#!/bin/bash
# --info on every emulated profile and through every address form: the
# lines are exactly right, the quirks are ridden over, nothing is exported
# and the device is never reset.
. "$(dirname "$0")/lib.sh"

MB=a297db4a-f4c2-11e6-90f6-d3b88d6c9525
MD=b297db4a-f4c2-11e6-90f6-d3b88d6c9526
GV=c0000000-0000-4000-8000-000000000001
CD=d0000000-0000-4000-8000-000000000002
emu add "$VV_EMU_ROOT" mbochs $MB
emu add "$VV_EMU_ROOT" mdpy $MD
emu add "$VV_EMU_ROOT" gvt $GV
emu add "$VV_EMU_ROOT" mdpy $CD --cdev 4 --type hd

# Every line --info prints here is also checked against the grammar at the
# end (tests/tools/info-grammar.c).
eval "lib_$(declare -f viewer)"
viewer() {
	lib_viewer "$@"
	cat "$T/out" >>"$T/lines"
}

# mbochs before the guest sets a mode: "no plane" is not an error.
viewer --info $MB
check_rc "mbochs without a mode" 0
check_out "mbochs without a mode" "plane=primary state=none
plane=cursor state=none"

# A mode: the first query answers ENOMEM (mbochs.c mbochs_query_gfx_plane);
# --info asks again. Each fresh open of mbochs starts its id table anew
# and the ids go on counting, as on the real kernel.
emu mode $MB 640x480
emu draw $MB 1
mbochs_line() {
	echo "plane=primary format=XR24 modifier=LINEAR width=640 height=480 stride=2560 size=1228800 kind=dmabuf dmabuf_id=$1 x=0 y=0
plane=cursor state=none"
}
viewer --info $MB
check_rc "mbochs by UUID" 0
check_out "mbochs by UUID" "$(mbochs_line 1)"
viewer --info /sys/bus/mdev/devices/$MB
check_out "mbochs by sysfs path" "$(mbochs_line 2)"
rc=0
emu run $MB -- env LD_PRELOAD="$VV_PRELOAD" "$VV_VIEWER" --info fd:3 >"$T/out" 2>"$T/err" || rc=$?
check_rc "mbochs handed over as fd:3" 0
check_out "mbochs handed over as fd:3" "$(mbochs_line 3)"

# pid:PID takes the device fd from a running "VMM" with pidfd_getfd.
start_holder $MB
viewer --info pid:$holder_pid
check_rc "mbochs by pid:PID" 0
check_out "mbochs by pid:PID" "$(mbochs_line 4)"
viewer --info pid:$holder_pid:$holder_fd
check_out "mbochs by pid:PID:FD" "$(mbochs_line 4)"
stop_holders

# --info only reads metadata: no export (mbochs breaks on re-exports), and
# no VFIO_DEVICE_RESET ever.
emu stats $MB >"$T/stats"
if grep -q '^export_calls=0$' "$T/stats" && grep -q '^reset_calls=0$' "$T/stats"; then
	pass
else
	fail "mbochs: --info exported or reset: $(grep -E 'export_calls|reset_calls' "$T/stats" | tr '\n' ' ')"
fi

# mdpy: a region plane; its cursor query answers with the primary (mdpy.c
# mdpy_query_gfx_plane), which is no cursor.
mdpy_line="plane=primary format=XR24 modifier=LINEAR width=640 height=480 stride=2560 size=2097152 kind=region region=16 x=0 y=0
plane=cursor state=none"
viewer --info $MD
check_rc "mdpy" 0
check_out "mdpy" "$mdpy_line"
rc=0
emu run $MD -- env LD_PRELOAD="$VV_PRELOAD" "$VV_VIEWER" --info fd:3 >"$T/out" 2>"$T/err" || rc=$?
check_out "mdpy handed over as fd:3" "$mdpy_line"

# A 6.12-style device with a cdev node: by UUID (cdev + iommufd chosen
# because the node exists) and by its node.
hd_line="plane=primary format=XR24 modifier=LINEAR width=1920 height=1080 stride=7680 size=8388608 kind=region region=16 x=0 y=0
plane=cursor state=none"
viewer --info $CD
check_out "cdev device by UUID" "$hd_line"
viewer --info /dev/vfio/devices/vfio4
check_out "cdev device by node" "$hd_line"
emu stats $CD >"$T/stats"
grep -q '^bind_calls=2$' "$T/stats" && grep -q '^group_opens=0$' "$T/stats" && pass ||
	fail "cdev device: expected 2 binds and no group open: $(grep -E 'bind_calls|group_opens' "$T/stats" | tr '\n' ' ')"

# GVT-g: X-tiled primary, a cursor partly off the top edge (the sign is
# lost: y=-5 reports 5), a hotspot.
emu mode $GV 1024x768 --modifier X_TILED
emu draw $GV 3
emu cursor $GV 100 -5 4 6
viewer --info $GV
check_rc "gvt" 0
check_out "gvt" "plane=primary format=XR24 modifier=INTEL_X_TILED width=1024 height=768 stride=4096 size=3145728 kind=dmabuf dmabuf_id=1 x=0 y=0
plane=cursor format=AR24 modifier=LINEAR width=64 height=64 stride=256 size=16384 kind=dmabuf dmabuf_id=2 x=100 y=5 hot_x=4 hot_y=6"

# GVT-g's "no valid hotspot" (0xffffffff) is shown as 0,0; other formats.
emu cursor $GV 10 20 -1 -1 --size 128
emu mode $GV 800x600 --format XR30 --modifier Y_TILED
viewer --info $GV
check_out "gvt XR30, Y-tiled, no hotspot" "plane=primary format=XR30 modifier=INTEL_Y_TILED width=800 height=600 stride=3200 size=1945600 kind=dmabuf dmabuf_id=3 x=0 y=0
plane=cursor format=AR24 modifier=LINEAR width=128 height=128 stride=512 size=65536 kind=dmabuf dmabuf_id=4 x=10 y=20 hot_x=0 hot_y=0"

# GVT-g with no plane leaves the struct untouched: still "none".
emu off $GV
emu cursor $GV off
viewer --info $GV
check_out "gvt display off" "plane=primary state=none
plane=cursor state=none"

# The grammar holds for formats and reasons that are not plain words: C8 is
# "C8  " (no padding), a reason with a quote and a backslash is escaped.
emu on $GV
emu mode $GV 64x64 --format C8
viewer --info $GV
grep -q '^plane=primary format=C8 modifier=LINEAR width=64 height=64 stride=64 ' "$T/out" && pass ||
	fail "C8: the format is not the bare token C8"
emu raw $GV primary format=0x5c22413d width=64 height=64 stride=256 size=16384 id=1
viewer --info $GV
check_out "a reason with a quote and a backslash" 'plane=primary state=invalid reason="format =A\"\\ is not a known DRM format"
plane=cursor state=none'
emu raw $GV primary clear

# In a Wayland session each line ends with its path, named without
# exporting a dma-buf (each export of an mbochs id drops a page reference).
export XDG_RUNTIME_DIR=$T/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"
# session COMPOSITOR-ARGS...: the test compositor on a fresh socket, as
# WAYLAND_DISPLAY; stop_holders ends it.
session() {
	stop_holders
	rm -f "$T/comp-out"
	"$VV_COMPOSITOR" --socket vv-info-$$ "$@" >"$T/comp-out" 2>"$T/comp-err" &
	bg_pids+=($!)
	wait_for "compositor ready" 5 grep -q '^ready' "$T/comp-out"
	export WAYLAND_DISPLAY=vv-info-$$
}
exports() {
	emu stats "$1" | sed -n 's/^export_calls=//p'
}
# paths WHAT UUID PRIMARY-PATH: the primary's path, and no export.
paths() {
	local before
	before=$(exports "$2")
	viewer --info "$2"
	check_rc "$1" 0
	grep -q "^plane=primary .* path=$3\$" "$T/out" && pass ||
		fail "$1: expected path=$3"
	[ "$(exports "$2")" = "$before" ] && pass ||
		fail "$1: --info exported a dma-buf ($before, then $(exports "$2") exports)"
}
emu mode $GV 640x480
emu cursor $GV 10 10 0 0
session --formats XR24:LINEAR,AR24:LINEAR
paths "gvt, linear, linux-dmabuf" $GV zero-copy
grep -q "^plane=cursor .* path=zero-copy\$" "$T/out" && pass || fail "gvt cursor: expected path=zero-copy"
emu mode $GV 640x480 --modifier X_TILED
paths "gvt, X-tiled, not in linux-dmabuf" $GV copy
emu mode $GV 640x480 --modifier Yf_TILED
paths "gvt, Yf-tiled, not in linux-dmabuf" $GV none
paths "mbochs, linux-dmabuf" $MB zero-copy
paths "mdpy" $MD copy
# Implicit modifier only (weston 10 on vkms): GVT-g's i915 objects carry
# their tiling (not Yf); mbochs' buffers are not offered that way; the
# demo's memfds neither.
session --dmabuf v3 --formats XR24:INVALID,AR24:INVALID
emu mode $GV 640x480
paths "gvt, linear, implicit only" $GV zero-copy
emu mode $GV 640x480 --modifier X_TILED
paths "gvt, X-tiled, implicit only" $GV zero-copy
emu mode $GV 640x480 --modifier Yf_TILED
paths "gvt, Yf-tiled, implicit only" $GV none
paths "mbochs, implicit only" $MB none
viewer --info demo:320x240@5
grep -q "^plane=primary .* path=shm-import\$" "$T/out" && pass ||
	fail "demo, implicit only: expected path=shm-import"
# Every format LINEAR and implicit on linux-dmabuf v3, which names no
# device (weston 14 with Mesa 25 on vkms, which takes mbochs buffers and
# crashes drawing them): GVT-g's objects go as LINEAR, mbochs' do not.
session --dmabuf v3 --formats XR24:LINEAR,XR24:INVALID,AR24:LINEAR,AR24:INVALID
emu mode $GV 640x480
paths "gvt, linear, v3 LINEAR and implicit" $GV zero-copy
paths "mbochs, v3 LINEAR and implicit" $MB none
session --dmabuf none
emu mode $GV 640x480
paths "gvt, linear, no linux-dmabuf" $GV shm-import
paths "mbochs, no linux-dmabuf" $MB none
stop_holders
unset WAYLAND_DISPLAY
emu cursor $GV off

if "$VV_INFO_GRAMMAR" <"$T/lines" 2>"$T/grammar"; then
	pass
else
	fail "--info broke its line grammar: $(cat "$T/grammar")"
fi
finish
