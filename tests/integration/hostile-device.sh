#!/bin/bash
# The live window under hostile or faulty device answers (issue 10), in the
# test compositor on the emulated GVT-g: a cursor plane that reports the
# primary's dmabuf id with another layout does not freeze the window; a
# guest that answers a new dmabuf id on every query still gets its frames
# shown, and the viewer says why the picture may lag; a wl_shm stride that
# is not a multiple of 4 takes the copy path.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

gvt=6b1e2f30-4c5d-4e6f-8a9b-0c1d2e3f4a51
emu add "$VV_EMU_ROOT" gvt $gvt >/dev/null
emu mode $gvt 640x480
emu draw $gvt 3

# --- The cursor reports the primary's id (1) as a 64x64 ARGB image: the
# primary keeps its buffer and the window keeps going (it flips on).
start -- $gvt
emu raw $gvt cursor format=0x34325241 width=64 height=64 stride=256 size=16384 x=600 y=440 id=1
shot "$T/c1.png"
emu flip $gvt --seed 7
emu expect $gvt "$T/c-expect.png"
shot "$T/c2.png"
check_rect "cursor sharing the primary's id: the window goes on" \
	"$T/c-expect.png" "$T/c2.png" 0,0,600,440
stop
emu raw $gvt cursor clear

# --- A new dmabuf id on every query: completed imports are shown (the
# picture a frame late), the imports in flight stay bounded, and the viewer
# says why, once.
emu churn $gvt
start -- $gvt
emu flip $gvt --seed 9
emu expect $gvt "$T/n-expect.png"
shot "$T/n.png"
check_rect "churning ids: the guest is shown" "$T/n-expect.png" "$T/n.png" 0,0,640,480
stop
emu settle $gvt
n=$(grep -c "answers a new dmabuf id for its primary plane" "$T/err")
if [ "$n" -eq 1 ]; then pass; else fail "churning ids: said $n times, expected once"; cat "$T/err"; fi
check_stat "imports bounded by frames" imports -le "$(($(grep -c '^commit' "$T/log") * 2 + 4))"

# --- wl_shm with a stride that is not a multiple of 4 (pixman, so weston,
# shows black): without linux-dmabuf the plane takes the copy path, not the
# shm import.
emu mode $gvt 641x480 --format RG16 --stride 1282
emu draw $gvt 5
emu expect $gvt "$T/s-expect.png"
start --dmabuf none -- $gvt
shot "$T/s.png"
check_rect "odd stride: shown" "$T/s-expect.png" "$T/s.png" 0,0,641,480
stop
check_err_has "odd stride: copy path, said why" "primary plane (641x480 RG16 LINEAR dma-buf): copy path (zero-copy: the compositor offers no linux-dmabuf v3+; shm-import: wl_shm needs a stride that is a multiple of 4 and the plane's is 1282)"
check_stat "odd stride: copied" pixel_bytes -gt 0

finish
