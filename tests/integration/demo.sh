#!/bin/bash
# The built-in demo vGPU through the real binary: --info lines, --watch,
# snapshots equal to the demo's own buffers composited independently
# (tests/tools/demo-expect), bad specs.
. "$(dirname "$0")/lib.sh"

viewer_plain --info demo:320x240@5
check_rc "info demo" 0
check_out "info demo" "plane=primary format=XR24 modifier=LINEAR width=320 height=240 stride=1280 size=307200 kind=dmabuf dmabuf_id=1 x=0 y=0
plane=cursor format=AR24 modifier=LINEAR width=64 height=64 stride=256 size=16384 kind=dmabuf dmabuf_id=4 x=169 y=16 hot_x=2 hot_y=2"

# Exact pixels, cursor included, for two frames and two sizes.
for spec in demo:320x240@5 demo:320x240@97 demo:1280x720@1234; do
	viewer_plain --snapshot "$T/snap.png" "$spec"
	check_rc "snapshot $spec" 0
	"$VV_DEMO_EXPECT" "$spec" "$T/expect.png"
	check_same_png "snapshot $spec" "$T/snap.png" "$T/expect.png"
done
# The frames do differ: the comparison above can fail.
viewer_plain --snapshot "$T/a.png" demo:320x240@5
viewer_plain --snapshot "$T/b.png" demo:320x240@6
if "$VV_EMU" cmp "$T/a.png" "$T/b.png" >/dev/null 2>&1; then
	fail "frames 5 and 6 of the demo are identical"
else
	pass
fi

# --watch prints a line per change: an animating demo flips buffers. Ten
# lines over two buffers, however long a busy machine takes to print them
# (a bounded wait, not a count within a second).
"${tie[@]}" "$VV_VIEWER" --info --watch demo:320x240 >"$T/out" 2>"$T/err" &
watch_pid=$!
bg_pids+=("$watch_pid")
wait_for "--watch: 10 primary lines over 2 buffers" 10 sh -c \
	'[ "$(grep -c "^plane=primary" "$1")" -ge 10 ] &&
	 [ "$(grep -o "^plane=primary.*dmabuf_id=[0-9]*" "$1" | grep -o "dmabuf_id=[0-9]*" | sort -u | wc -l)" -ge 2 ]' \
	sh "$T/out"
kill -INT "$watch_pid"
rc=0
wait "$watch_pid" || rc=$?
check_rc "watch ends cleanly on SIGINT" 0

viewer_plain --info demo:12x
check_rc "bad demo spec" 1
check_err "bad demo spec" "vgpu-view: error: demo:12x: not a screen size: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080"

# The drm= backing (dumb buffers of a DRM device): one line for each way a
# node can be wrong. (Its success needs a DRM device: the real-compositor
# test runs it in a guest with vkms.)
fix="name a DRM card node, e.g. drm=/dev/dri/card0"
viewer_plain --info demo:320x240,drm=/nonexistent
check_rc "drm= missing node" 1
check_err "drm= missing node" "vgpu-view: error: demo:320x240,drm=/nonexistent: cannot open /nonexistent: No such file or directory ($fix)"
viewer_plain --info demo:320x240@5,drm=/dev/null
check_rc "drm= not DRM" 1
check_err "drm= not DRM" "vgpu-view: error: demo:320x240@5,drm=/dev/null: /dev/null is not a DRM device (a character device that answers no DRM ioctl): $fix"
: >"$T/file"
viewer_plain --info "demo:320x240,drm=$T/file"
check_rc "drm= a file" 1
check_err "drm= a file" "vgpu-view: error: demo:320x240,drm=$T/file: $T/file is not a DRM device (a regular file): $fix"
viewer_plain --info demo:320x240,drm=
check_rc "drm= empty" 1
check_err "drm= empty" "vgpu-view: error: demo:320x240,drm=: drm= names no device: expected demo:WIDTHxHEIGHT,drm=PATH, e.g. demo:1024x768,drm=/dev/dri/card0"
viewer_plain --info demo:320x240,gpu=1
check_rc "unknown demo option" 1
check_err "unknown demo option" "vgpu-view: error: demo:320x240,gpu=1: unknown option 'gpu=1': expected demo:WIDTHxHEIGHT[,drm=PATH], e.g. demo:1024x768,drm=/dev/dri/card0"

viewer_plain --snapshot "$T/no/such/dir.png" demo:320x240@5
check_rc "unwritable snapshot" 1
check_err "unwritable snapshot" "vgpu-view: error: cannot write $T/no/such/dir.png: No such file or directory"

viewer_plain --info nonsense
check_rc "bad address" 1
check_one_line "bad address"
finish
