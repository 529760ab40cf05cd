#!/bin/bash
# Bad input gets one clear line and a non-zero exit, and nothing breaks: a
# missing device, a device without a display, a group a VM holds, no
# permission, fds and processes that hold no VFIO device, garbage plane
# metadata from a buggy driver, failing ioctls.
. "$(dirname "$0")/lib.sh"

MB=a297db4a-f4c2-11e6-90f6-d3b88d6c9525
MT=c297db4a-f4c2-11e6-90f6-d3b88d6c9527
GV=c0000000-0000-4000-8000-000000000001
E="vgpu-view: error:"

# error_case WHAT STATUS LINE ARGS...: the viewer prints exactly LINE.
error_case() {
	local what=$1 status=$2 line=$3
	shift 3
	viewer "$@"
	check_rc "$what" "$status"
	check_err "$what" "$line"
	[ ! -s "$T/out" ] && pass || fail "$what: printed on stdout"
}

error_case "no mdev at all" 1 "$E no mdev $MB, and there are none, and no loaded driver can create one (/sys/class/mdev_bus is empty): load your vGPU's mdev driver, then create one with: echo \$(uuidgen) > /sys/class/mdev_bus/PARENT/mdev_supported_types/TYPE/create" \
	--info $MB

emu add "$VV_EMU_ROOT" mbochs $MB
emu add "$VV_EMU_ROOT" mtty $MT
emu add "$VV_EMU_ROOT" gvt $GV

viewer --info 11111111-2222-3333-4444-555555555555
check_rc "unknown UUID" 1
check_one_line "unknown UUID"
check_err_has "unknown UUID" "$E no mdev 11111111-2222-3333-4444-555555555555 (/sys/bus/mdev/devices/11111111-2222-3333-4444-555555555555 does not exist); the mdevs here are: "
for known in "$MB (mbochs-small)" "$MT (Single port serial)" "$GV (GVTg_V5_4)"; do
	check_err_has "unknown UUID lists the mdevs" "$known"
done

error_case "mtty has no display" 1 "$E mdev $MT (Single port serial) has no display (the VFIO display queries answer ENOTTY): it is not a vGPU; pass an mdev of a display type (for example i915 GVT-g, NVIDIA vGPU, mbochs or mdpy)" \
	--info $MT

error_case "not an address" 1 "$E 'nonsense' is not a device address (expected a mdev UUID, /sys/bus/mdev/devices/UUID, /dev/vfio/devices/vfioN, fd:N, pid:PID[:FD] or demo[:WxH])" \
	--info nonsense

# The group is exclusive: a VM holds it.
start_holder $MB
error_case "group held by a VM" 1 "$E cannot open /dev/vfio/0: Device or resource busy: mdev $MB (mbochs-small) is in use by another process, probably its VM (held by pid $holder_pid (vv-emu)); to view a running VM, have its manager hand the device fd over (fd:N) or pass pid:PID of its QEMU process, and run that VM with QEMU's own display off (display=off)" \
	--info $MB

# ... and a viewer without ptrace rights over that VM cannot take its fd.
# The build may sit where nobody cannot reach it (a clone in /root): run
# copies from the test's directory.
chmod 755 "$T"
cp "$VV_VIEWER" "$T/vgpu-view-copy"
nobody_preload=
for lib in ${VV_PRELOAD:-}; do
	case $lib in
	/usr/* | /lib*) nobody_preload="$nobody_preload $lib" ;;
	*)
		cp "$lib" "$T/"
		nobody_preload="$nobody_preload $T/$(basename "$lib")"
		;;
	esac
done
chmod 755 "$T"/vgpu-view-copy "$T"/*.so 2>/dev/null
rc=0
setpriv --reuid=65534 --regid=65534 --clear-groups env LD_PRELOAD="${nobody_preload# }" \
	"$T/vgpu-view-copy" --info pid:$holder_pid >"$T/out" 2>"$T/err" || rc=$?
check_rc "pid: without ptrace rights" 1
check_one_line "pid: without ptrace rights"
check_err_has "pid: without ptrace rights" "$E cannot list the fds of process $holder_pid (vv-emu): Permission denied: taking a fd from another process (pidfd_getfd) needs PTRACE_MODE_ATTACH rights over it"
stop_holders

emu deny $MB
viewer --info $MB
check_rc "no permission on the group" 1
check_one_line "no permission on the group"
check_err_has "no permission on the group" "$E cannot open /dev/vfio/0: Permission denied (owner "
check_err_has "no permission on the group" "or have the VM manager hand the device over (fd:N)"
emu allow $MB

error_case "fd:N that is not a VFIO device" 1 "$E fd:0 is not a VFIO device fd: it is /dev/null" \
	--info fd:0 </dev/null
error_case "fd:N that is not open" 1 "$E fd:9 is not open in this process: the VM manager must start the viewer with the device fd inherited (not close-on-exec) and pass its number" \
	--info fd:9
error_case "no such process" 1 "$E no process 999999 (pid:999999): is the VM running?" \
	--info pid:999999

sleep 30 </dev/null >/dev/null 2>&1 &
bg_pids+=($!)
error_case "pid: of a process without VFIO fds" 1 "$E process $! (sleep) holds no VFIO device fd (none of its fds is anon_inode:[vfio-device] or /dev/vfio/devices/vfioN): is it the QEMU process of the VM with the mdev?" \
	--info pid:$!
stop_holders

# A process holding two devices: list them, ask for pid:PID:FD.
"$VV_EMU" run $MB --fd 3 -- "$VV_EMU" run $GV --fd 4 -- \
	sh -c 'echo $$ >"$0"; exec sleep 30' "$T/two.pid" </dev/null >/dev/null 2>&1 &
bg_pids+=($!)
wait_for "process with two devices" 5 test -s "$T/two.pid"
two=$(cat "$T/two.pid")
bg_pids+=($two)
viewer --info pid:$two
check_rc "pid: with two devices" 1
check_one_line "pid: with two devices"
check_err_has "pid: with two devices" "$E process $two (sleep) holds 2 VFIO device fds: "
check_err_has "pid: with two devices" "; pick one with pid:$two:FD"
viewer --info pid:$two:4
check_rc "pid:PID:FD picks one of two" 0
stop_holders

# Garbage metadata: one warning per plane, a state=invalid line, no crash.
emu mode $GV 640x480
emu draw $GV 1
emu raw $GV primary format=0x34325258 width=640 height=480 stride=100 size=1228800 id=1
viewer --info $GV
check_rc "garbage stride" 0
check_out "garbage stride" 'plane=primary state=invalid reason="stride 100 is shorter than a row of 640 pixels (2560 bytes)"
plane=cursor state=none'
check_err "garbage stride" "vgpu-view: warning: the primary plane of mdev $GV (GVTg_V5_4) is invalid: stride 100 is shorter than a row of 640 pixels (2560 bytes)"
error_case "garbage stride, snapshot" 1 "$E the primary plane of mdev $GV (GVTg_V5_4) is invalid: stride 100 is shorter than a row of 640 pixels (2560 bytes)" \
	--snapshot "$T/x.png" $GV

emu raw $GV primary format=0x12345678 width=99999 height=480 stride=2560 size=1228800 id=1
viewer --info $GV
check_out "garbage size" 'plane=primary state=invalid reason="size 99999x480 is outside 1..16384"
plane=cursor state=none'
emu raw $GV primary format=0x12345678 width=640 height=480 stride=2560 size=1228800 id=1
viewer --info $GV
check_out "unknown format" 'plane=primary state=invalid reason="format 0x12345678 is not a known DRM format"
plane=cursor state=none'

# Rows that end one byte past the plane: the classic out-of-bounds read.
emu raw $GV primary format=0x34325258 width=640 height=480 stride=2560 size=1228799 id=1
error_case "rows past the plane's size" 1 "$E the primary plane of mdev $GV (GVTg_V5_4) is invalid: 480 rows of 2560 bytes need 1228800 bytes but the plane has 1228799" \
	--snapshot "$T/x.png" $GV

# A size the dma-buf does not have: caught before any pixel is read.
emu raw $GV primary format=0x34325258 width=640 height=480 stride=2560 size=99999999 id=1
error_case "plane larger than its dma-buf" 1 "$E the primary plane of mdev $GV (GVTg_V5_4) is invalid: plane size 99999999 is larger than its buffer (1228800 bytes)" \
	--snapshot "$T/x.png" $GV
emu raw $GV primary format=0x34325258 width=640 height=480 stride=2560 size=1228800 id=77
error_case "unknown dmabuf id" 1 "$E cannot export the primary plane's dma-buf (id 77) from mdev $GV (GVTg_V5_4): Invalid argument" \
	--snapshot "$T/x.png" $GV
emu raw $GV primary clear

# Failing ioctls.
emu fail $GV query EIO -1
error_case "query fails" 1 "$E cannot query the primary plane of mdev $GV (GVTg_V5_4): Input/output error" \
	--info $GV
emu fail $GV query ENOMEM -1
error_case "query keeps failing with a transient error" 1 "$E cannot query the primary plane of mdev $GV (GVTg_V5_4): Cannot allocate memory" \
	--info $GV
emu fail $GV query 0
emu fail $GV export EIO
error_case "export fails" 1 "$E cannot export the primary plane's dma-buf (id 1) from mdev $GV (GVTg_V5_4): Input/output error" \
	--snapshot "$T/x.png" $GV

for dev in $MB $GV; do
	emu stats $dev | grep -q '^reset_calls=0$' && pass || fail "$dev was reset"
done
finish
