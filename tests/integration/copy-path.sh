#!/bin/bash
# The copy path in the strict test compositor: tiled GVT-g planes that no
# compositor here can import are detiled by the viewer into its own wl_shm
# buffers, exactly (cursor included), across flips between buffers and mode
# changes between X and Y tiling, in a format that goes straight into the
# buffer (XR24) and one that goes through pixman (RG16); and each guest
# buffer is mapped once, not once per frame.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

gvt=7c0ffee0-0d6e-4c55-9d54-2b0c6a1d0c0f
emu add "$VV_EMU_ROOT" gvt $gvt >/dev/null
# 600 wide: X tiles are 128 pixels, so the last tile of a row is partial.
emu mode $gvt 600x400 --modifier X_TILED
emu draw $gvt 11
emu cursor $gvt 120 90 2 3 --seed 4

# seen WHAT NAME W,H: the next frames on screen are the emulated guest's
# picture (cursor included), every pixel.
seen() {
	shot "$T/$2.png"
	emu expect $gvt "$T/$2-expect.png"
	check_rect "$1" "$T/$2-expect.png" "$T/$2.png" "0,0,$3"
}

# The default table takes LINEAR only: the tiled primary is copied, the
# linear cursor still goes zero-copy.
start -- $gvt
seen "X-tiled primary, copied" a 600,400
check_log_has "primary as our shm" 'role=subsurface .*buffer=shm format=XR24 .*size=600x400'
check_log_has "cursor still dma-buf" 'role=subsurface .*buffer=dmabuf format=AR24 modifier=LINEAR size=64x64'
check_err_has "the log names the copy, and why" "primary plane (600x400 XR24 INTEL_X_TILED dma-buf): copy path (zero-copy: the compositor's linux-dmabuf does not take XR24 with modifier INTEL_X_TILED; shm-import: wl_shm is linear and the plane is INTEL_X_TILED)"

# Flips between two buffers and back: each shown exactly, a kept mapping
# never shows another buffer's pixels.
emu flip $gvt --seed 12
seen "after a flip" b 600,400
emu flip $gvt --seed 13
seen "flipped back to the first buffer, new pixels" c 600,400
emu flip $gvt --seed 14
seen "and to the second again" d 600,400

# A mode change to Y tiling and a format pixman converts (RGB565).
emu mode $gvt 300x200 --modifier Y_TILED --format RG16
emu draw $gvt 15
seen "Y-tiled RG16, copied" e 300,200
emu flip $gvt --seed 16
seen "Y-tiled RG16 after a flip" f 300,200

stop
check_stat "the copy is counted" pixel_bytes -gt 0
# Four guest buffers in all (two per mode), each mapped once; a viewer that
# mapped per frame would be near the commit count.
check_stat "each guest buffer mapped once" dmabuf_maps -le 4
check_stat "and mapped at all" dmabuf_maps -ge 2
finish
