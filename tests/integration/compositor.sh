#!/bin/bash
# The live window in the strict test compositor (tests/compositor), on the
# emulated GVT-g: every plane zero-copy through linux-dmabuf, exact pixels at
# 1:1 (cursor included) after flips, mode changes, cursor moves, plane loss
# and return; the fallbacks when linux-dmabuf is hidden, restricted or
# refuses, or a mapping fails; HiDPI, letterboxing, and no work while hidden.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

gvt=7c0ffee0-0d6e-4c55-9d54-2b0c6a1d0001
emu add "$VV_EMU_ROOT" gvt $gvt >/dev/null
emu mode $gvt 640x480
emu draw $gvt 7
emu cursor $gvt 200 150 3 5 --seed 2

# --- zero copy: everything arrives as a dma-buf, pixels exact at 1:1
start -- $gvt
shot "$T/a.png"
emu expect $gvt "$T/a-expect.png"
check_rect "zero-copy frame" "$T/a-expect.png" "$T/a.png" 0,0,640,480
check_log_has "primary as dma-buf" 'role=subsurface .*buffer=dmabuf format=XR24 modifier=LINEAR size=640x480'
check_log_has "cursor as dma-buf" 'role=subsurface .*buffer=dmabuf format=AR24 modifier=LINEAR size=64x64'
check_log_has "cursor at x - hot_x, y - hot_y" 'size=64x64 .*pos=197,145'
check_log_lacks "no plane as shm" 'role=subsurface .*buffer=shm'

# A flip: a new dmabuf id, its own import.
emu flip $gvt --seed 8
shot "$T/b.png"
emu expect $gvt "$T/b-expect.png"
check_rect "after a flip" "$T/b-expect.png" "$T/b.png" 0,0,640,480

# The cursor moves, partly off the top left.
emu cursor $gvt 2 1 3 5 --seed 2
shot "$T/c.png"
emu expect $gvt "$T/c-expect.png"
check_rect "cursor moved" "$T/c-expect.png" "$T/c.png" 0,0,640,480
check_log_has "cursor off the edge" 'size=64x64 .*pos=-1,-4'

# A mode change: the window follows the guest.
emu mode $gvt 800x600
emu draw $gvt 9
shot "$T/d.png"
emu expect $gvt "$T/d-expect.png"
check_rect "after a mode change" "$T/d-expect.png" "$T/d.png" 0,0,800,600
check_log_has "the new mode as dma-buf" 'role=subsurface .*buffer=dmabuf format=XR24 modifier=LINEAR size=800x600'

# Plane loss: the "no signal" screen; then the guest again.
emu off $gvt
# No plane, no frames to pace: the viewer commits the message once.
wait_for "no-signal screen" 5 grep -q 'role=subsurface .*buffer=shm format=XR24' "$T/log"
snap "$T/e.png"
if "$VV_EMU" cmp "$T/d-expect.png" "$T/e.png" --rect 0,0,800,600 >/dev/null 2>&1; then
	fail "plane loss: the old picture is still on screen"
else
	pass
fi
check_log_has "no-signal screen" 'role=subsurface .*buffer=shm format=XR24'
emu on $gvt
shot "$T/f.png"
check_rect "plane back" "$T/d-expect.png" "$T/f.png" 0,0,800,600

stop
check_stat "zero copy: no pixel touched" pixel_bytes -eq 0
check_stat "zero copy: no dma-buf mapped" dmabuf_maps -eq 0
check_err_has "the log names the path" "primary plane (640x480 XR24 LINEAR dma-buf): zero-copy path"
if grep -q '^exports\.[0-9]*=[2-9]' <(emu stats $gvt); then
	fail "a dmabuf id was exported twice: $(emu stats $gvt | grep exports)"
else
	pass
fi
emu mode $gvt 640x480
emu draw $gvt 7
emu cursor $gvt 200 150 3 5 --seed 2
emu expect $gvt "$T/g-expect.png"

# --- linux-dmabuf hidden: the dma-bufs are shared as wl_shm pools
start --dmabuf none -- $gvt
shot "$T/g.png"
check_rect "no linux-dmabuf" "$T/g-expect.png" "$T/g.png" 0,0,640,480
check_log_has "primary as shm" 'role=subsurface .*buffer=shm format=XR24 .*size=640x480'
check_log_lacks "nothing as dma-buf" 'buffer=dmabuf'
stop
check_stat "shm-import: no pixel touched" pixel_bytes -eq 0
# A driver's dma-buf (GVT-g's i915 objects) is mapped once per plane to
# check that the compositor can map it, never touched; a memfd is not (the
# demo, below).
check_stat "shm-import: at most one untouched check map per plane" dmabuf_maps -le 2
check_err_has "shm path named" "primary plane (640x480 XR24 LINEAR dma-buf): shm-import path (zero-copy: the compositor offers no linux-dmabuf v3+)"

# --- a table without XR24: the primary falls back, the cursor does not
start --formats AR24:LINEAR -- $gvt
shot "$T/h.png"
check_rect "restricted table" "$T/g-expect.png" "$T/h.png" 0,0,640,480
check_log_has "primary as shm" 'role=subsurface .*buffer=shm format=XR24 .*size=640x480'
check_log_has "cursor still dma-buf" 'role=subsurface .*buffer=dmabuf format=AR24 modifier=LINEAR size=64x64'
stop
check_err_has "why named" "zero-copy: the compositor's linux-dmabuf does not take XR24 with modifier LINEAR"

# --- the compositor refuses the import: `failed`, then shm, no disconnect
start --fail-modifier LINEAR -- $gvt
shot "$T/i.png"
check_rect "refused import" "$T/g-expect.png" "$T/i.png" 0,0,640,480
check_log_has "import refused" 'dmabuf-import .*result=failed'
check_log_has "primary as shm" 'role=subsurface .*buffer=shm format=XR24 .*size=640x480'
stop
check_stat "imports failed" import_failures -ge 1
check_err_has "fallback named" "zero-copy: the compositor refused to import XR24 with modifier LINEAR"

# --- linux-dmabuf v3 (format/modifier events instead of feedback)
start --dmabuf v3 -- $gvt
shot "$T/j.png"
check_rect "dmabuf v3" "$T/g-expect.png" "$T/j.png" 0,0,640,480
check_log_has "v3 bound" '^bind zwp_linux_dmabuf_v1 v3'
check_log_lacks "no plane as shm" 'role=subsurface .*buffer=shm'
stop

# --- a driver not known here whose dma-bufs the CPU cannot map (mbochs'
# buffers under another mdev type name): chosen from what is known, the
# paths accept them; each then fails as it tries (shm before it makes a
# pool, copy as it maps), and the line says why as the refusal did.
other=7c0ffee0-0d6e-4c55-9d54-2b0c6a1d0002
emu add "$VV_EMU_ROOT" mbochs $other --type othervgpu-small >/dev/null
emu mode $other 640x480
start --dmabuf none -- $other
wait_for "cannot show" 5 grep -q 'cannot show the primary plane' "$T/err"
stop
check_err_has "unknown driver: only a GPU" "only a GPU can read this vGPU's buffers here (zero-copy: the compositor offers no linux-dmabuf v3+; shm-import: the dma-buf cannot be mapped read-write by the compositor (exported read-only); copy: the CPU cannot map the dma-buf (Invalid argument))"
check_rc "unknown driver: no protocol error, a clean exit" 0
check_stat "unknown driver: nothing copied" pixel_bytes -eq 0

# --- HiDPI: scale 2, the window is half the size and the guest still 1:1.
# (A subsurface sits on whole logical pixels: at scale 2 the cursor can
# only land on even physical pixels, so this one does.)
emu cursor $gvt 201 151 3 5 --seed 2
emu expect $gvt "$T/k-expect.png"
start --scale 2 -- $gvt
shot "$T/k.png"
check_rect "scale 2 is 1:1 physical" "$T/k-expect.png" "$T/k.png" 0,0,640,480
emu cursor $gvt 200 150 3 5 --seed 2
check_log_has "logical size halved" 'role=subsurface .*size=640x480 .*viewport=320x240'
stop

# --- fractional scale 1.5: the window is 1/1.5 of the guest in logical
# pixels, which the compositor shows 1:1 on its output
start --fractional-scale 1.5 -- $gvt
shot "$T/fr.png"
check_log_has "fractional: 640x480 at 1.5 is 427x320 logical" 'role=subsurface .*size=640x480 .*viewport=427x320'
stop

# --- resized by the compositor: aspect kept, black bars
start -- $gvt
ctl configure 1000 500
shot "$T/l.png"
check_log_has "letterboxed" 'role=subsurface .*size=640x480 .*pos=166,0 viewport=667x500'
# The bars are black (the compositor's background is not), and so is
# nothing else: the guest fills the middle.
solid_png 1024 768 000000 "$T/black.png"
check_rect "left bar" "$T/black.png" "$T/l.png" 0,0,166,500
check_rect "right bar" "$T/black.png" "$T/l.png" 833,0,167,500
if "$VV_EMU" cmp "$T/black.png" "$T/l.png" --rect 166,0,667,500 >/dev/null 2>&1; then
	fail "letterbox: the guest area is black"
else
	pass
fi
stop

# --- hidden: no frame callbacks, no work
start -- $gvt
ctl hide
sleep 0.2
before=$(grep -c '^commit' "$T/log")
sleep 0.5
after=$(grep -c '^commit' "$T/log")
if [ "$after" -eq "$before" ]; then pass; else fail "hidden: $((after - before)) commits in 0.5 s"; fi
ctl show
shot "$T/m.png"
check_rect "shown again" "$T/g-expect.png" "$T/m.png" 0,0,640,480
stop

finish
