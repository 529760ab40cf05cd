#!/bin/bash
# A compositor that lists every format with the implicit modifier only
# (DRM_FORMAT_MOD_INVALID), as weston 10 on vkms does: the test compositor
# with --formats XR24:INVALID,AR24:INVALID. Which planes are offered
# implicitly (modifier-rule.c), what the log says, and the next path.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

gvt=7c0ffee0-0d6e-4c55-9d54-2b0c6a1d0002
emu add "$VV_EMU_ROOT" gvt $gvt >/dev/null
emu mode $gvt 640x480
emu draw $gvt 7
emu cursor $gvt 200 150 3 5 --seed 2
emu expect $gvt "$T/g-expect.png"

# --- every format with the implicit modifier only (weston 10 on Mesa's
# kms_swrast): GVT-g's dma-bufs (exporter i915, as the emulation's fdinfo
# says) carry their layout and go implicitly, zero-copy; the demo's memfds
# (or udmabufs) are not offered that way, which would crash that weston:
# one line says why, the next path shows them.
start --dmabuf v3 --formats XR24:INVALID,AR24:INVALID -- $gvt
shot "$T/l.png"
check_rect "implicit: zero-copy" "$T/g-expect.png" "$T/l.png" 0,0,640,480
check_log_has "offered implicitly" 'dmabuf-import format=XR24 modifier=INVALID .*result=created'
check_log_has "primary as dma-buf" 'role=subsurface .*buffer=dmabuf format=XR24 .*size=640x480'
check_log_lacks "nothing as shm" 'role=subsurface .*buffer=shm format=XR24 .*size=640x480'
stop
check_stat "implicit: no pixel touched" pixel_bytes -eq 0
check_stat "implicit: no dma-buf mapped" dmabuf_maps -eq 0
check_err_has "modifier and exporter named" "primary plane (640x480 XR24 LINEAR dma-buf): zero-copy path (linux-dmabuf, XR24 implicit modifier: exporter i915, an i915 object that carries its tiling)"
implicit_why="zero-copy: the compositor's linux-dmabuf takes XR24 only with the implicit modifier, not offered for a"
start --dmabuf v3 --formats XR24:INVALID,AR24:INVALID -- demo:640x480@5
check_log_has "demo primary as shm" 'role=subsurface .*buffer=shm format=XR24 .*size=640x480'
check_log_lacks "demo: nothing offered" 'dmabuf-import'
stop
check_stat "demo shm-import: no pixel touched" pixel_bytes -eq 0
check_stat "demo shm-import: no dma-buf mapped" dmabuf_maps -eq 0
check_err_has "demo: implicit refused" "primary plane (640x480 XR24 LINEAR dma-buf): shm-import path ($implicit_why"
check_err_has "demo cursor: implicit refused" "cursor plane (64x64 AR24 LINEAR dma-buf): shm-import path (zero-copy: the compositor's linux-dmabuf takes AR24 only with the implicit modifier, not offered for a"
finish
