#!/bin/bash
# --snapshot: the PNG holds exactly what the emulated guest wrote, decoded
# independently by vv-emu expect, the cursor at its position minus its
# hotspot; what cannot be read is refused in one line.
. "$(dirname "$0")/lib.sh"

MB=a297db4a-f4c2-11e6-90f6-d3b88d6c9525
MD=b297db4a-f4c2-11e6-90f6-d3b88d6c9526
GV=c0000000-0000-4000-8000-000000000001
emu add "$VV_EMU_ROOT" mbochs $MB
emu add "$VV_EMU_ROOT" mdpy $MD --type xga
emu add "$VV_EMU_ROOT" gvt $GV

# snap_check WHAT UUID: snapshot == expect.
snap_check() {
	viewer --snapshot "$T/snap.png" "$2"
	check_rc "$1" 0
	check_err "$1" "vgpu-view: wrote $T/snap.png"
	emu expect "$2" "$T/expect.png"
	check_same_png "$1" "$T/snap.png" "$T/expect.png"
}

# mdpy: the region, mapped (never pread: mdpy ignores the offset).
snap_check "mdpy initial gradient" $MD
emu draw $MD 5
snap_check "mdpy pattern" $MD

# GVT-g: every format it scans out, linear, X- and Y-tiled, at an odd size,
# with a 64x64 cursor partly off the top edge and a hotspot.
emu cursor $GV 300 -7 5 9
for format in XR24 XB24 XR30 XB30 RG16 YUYV C8; do
	for modifier in LINEAR X_TILED Y_TILED; do
		emu mode $GV 334x201 --format $format --modifier $modifier
		emu draw $GV 7
		snap_check "gvt $format $modifier" $GV
	done
done

# A page flip shows the other buffer; a big cursor with no valid hotspot is
# drawn at its position.
emu mode $GV 640x480
emu draw $GV 1
emu flip $GV --seed 2
emu cursor $GV 600 460 -1 -1 --size 128
snap_check "gvt after a flip, cursor without hotspot at the corner" $GV

# The check above can fail: a snapshot of the other buffer differs.
viewer --snapshot "$T/flipped.png" $GV
emu flip $GV --seed 9
emu expect $GV "$T/expect.png"
if "$VV_EMU" cmp "$T/flipped.png" "$T/expect.png" >/dev/null 2>&1; then
	fail "snapshots of two different guest frames compare equal"
else
	pass
fi

# Yf tiling is for importers only.
emu mode $GV 256x64 --modifier Yf_TILED
viewer --snapshot "$T/snap.png" $GV
check_rc "gvt Yf-tiled" 1
check_err "gvt Yf-tiled" "vgpu-view: error: cannot convert the primary plane of mdev $GV (GVTg_V5_4) (modifier INTEL_Yf_TILED): the CPU cannot undo this tiling"

# mbochs: its dma-bufs cannot be mapped by the CPU (the fd is O_RDONLY):
# one line, exit 1, no PNG.
emu mode $MB 640x480
emu draw $MB 1
viewer --snapshot "$T/mbochs.png" $MB
check_rc "mbochs" 1
check_err "mbochs" "vgpu-view: error: cannot read the primary plane of mdev $MB (mbochs-small): its dma-buf cannot be mapped by the CPU (Invalid argument); this driver's buffers (mbochs' among them) can only be read by an importer such as a GPU or a compositor with linux-dmabuf, so a snapshot needs one"
[ ! -e "$T/mbochs.png" ] && pass || fail "mbochs: a PNG was written"
emu stats $MB >"$T/stats"
grep -q '^exports.1=1$' "$T/stats" && pass || fail "mbochs: expected id 1 exported once: $(grep exports "$T/stats" | tr '\n' ' ')"

# A guest showing nothing.
emu off $GV
viewer --snapshot "$T/snap.png" $GV
check_rc "gvt display off" 1
check_err "gvt display off" "vgpu-view: error: mdev $GV (GVTg_V5_4) shows nothing: the guest has no primary plane (no mode set, or its display is off); try again once it shows a screen"

# A snapshot that fails half way (the file size limit, as a full disk
# would) leaves the file it was to replace as it was, and no temporary.
emu mode $GV 640x480
emu draw $GV 3
viewer --snapshot "$T/keep.png" $GV
check_rc "gvt snapshot to keep" 0
chmod 640 "$T/keep.png"
cp "$T/keep.png" "$T/keep.orig"
emu draw $GV 4
rc=0
(trap '' XFSZ; ulimit -f 4; LD_PRELOAD="${VV_PRELOAD:-}" exec "$VV_VIEWER" --snapshot "$T/keep.png" $GV) \
	>"$T/out" 2>"$T/err" || rc=$?
check_rc "snapshot over the size limit" 1
check_err "snapshot over the size limit" "vgpu-view: error: cannot write $T/keep.png: File too large"
cmp -s "$T/keep.png" "$T/keep.orig" && pass || fail "a failed snapshot changed the file it was to replace"
leftover=$(find "$T" -name 'keep.png.*')
[ -z "$leftover" ] && pass || fail "a failed snapshot left $leftover"
# A complete one replaces it, keeping its permissions.
viewer --snapshot "$T/keep.png" $GV
check_rc "snapshot replacing a file" 0
emu expect $GV "$T/expect.png"
check_same_png "snapshot replacing a file" "$T/keep.png" "$T/expect.png"
[ "$(stat -c %a "$T/keep.png")" = 640 ] && pass || fail "a replaced snapshot has mode $(stat -c %a "$T/keep.png"), not 640"
# A directory is refused, and stays.
mkdir "$T/dir.png"
viewer --snapshot "$T/dir.png" $GV
check_rc "snapshot to a directory" 1
check_err "snapshot to a directory" "vgpu-view: error: cannot write $T/dir.png: Is a directory"

# A driver that hands out something other than a dma-buf is named as such,
# not by what failed later ("Illegal seek", "0 bytes", mbochs' advice).
for kind in pipe directory null socket; do
	case $kind in
	null) what="a character device" ;;
	*) what="a $kind" ;;
	esac
	emu export-as $GV $kind
	viewer --snapshot "$T/wrong.png" $GV
	check_rc "export gives $what" 1
	check_one_line "export gives $what"
	check_err_has "export gives $what" ") from mdev $GV (GVTg_V5_4): the driver returned $what instead of a dma-buf"
done
emu export-as $GV dmabuf
[ ! -e "$T/wrong.png" ] && pass || fail "a PNG was written from a wrong fd"

for dev in $MB $MD $GV; do
	emu stats $dev | grep -q '^reset_calls=0$' && pass || fail "$dev was reset"
done
finish
