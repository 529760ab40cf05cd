#!/bin/bash
# Screenshots show exactly what clients put in their buffers: memfd
# "dma-bufs" linear and tiled at 1:1, a subsurface through a viewport, the
# output scale; control commands reach the client.
. "$(dirname "$0")/lib.sh"

BG=0x303030

# show NAME SCENARIO ARGS...: a client that stays until "close"
show() {
	local name=$1
	shift
	client "$name" "$@"
	wait_for "$name shown" 5 grep -q '^shown$' "$T/$name.out" && pass
}

close_client() {
	ctl close
	client_wait_exit "$1 closes on xdg_toplevel.close" 0
}

start_compositor --size 320x240 --formats XR24:LINEAR,XR24:X_TILED,XR24:Y_TILED
for mod in LINEAR X_TILED Y_TILED; do
	show "dmabuf-$mod" dmabuf-show XR24 $mod 67 33
	log_has "dmabuf $mod commit" "^commit surface=[0-9]+ role=toplevel parent=none buffer=dmabuf format=XR24 modifier=$mod size=67x33 scale=1 pos=0,0 viewport=none damage=yes frame=yes$"
	screenshot "dmabuf-$mod"
	png "$mod pattern at 1:1" "dmabuf-$mod" pattern 0 0 67 33 67 33
	png "$mod right" "dmabuf-$mod" color 67 0 253 240 $BG
	png "$mod below" "dmabuf-$mod" color 0 33 67 207 $BG
	close_client "$mod"
done

show subsurface subsurface-viewport
log_has "subsurface commit" '^commit surface=[0-9]+ role=subsurface parent=[0-9]+ buffer=shm format=XR24 modifier=LINEAR size=32x24 scale=1 pos=10,20 viewport=64x48 damage=no frame=no$'
screenshot subsurface
png "subsurface pattern scaled 2x at 10,20" subsurface pattern 10 20 64 48 32 24
png "parent above the subsurface" subsurface color 0 0 200 20 0x2080c0
png "parent left of it" subsurface color 0 20 10 48 0x2080c0
png "parent right of it" subsurface color 74 20 126 48 0x2080c0
png "parent below it" subsurface color 0 68 200 82 0x2080c0
png "background" subsurface color 200 0 120 240 $BG

# control: configure reaches the client (and is logged), close ends it
ctl "configure 300 200 fullscreen activated"
log_has "configure" '^configure serial=[0-9]+ size=300x200 states=fullscreen,activated$'
ctl "bogus command"
log_has "control error" '^control-error bogus command$'
close_client subsurface
stop_compositor

# output scale 2: one surface unit is 2x2 output pixels
start_compositor --size 320x240 --scale 2 --refresh 0
show scale2 dmabuf-show XR24 LINEAR 40 30
screenshot scale2
png "scale 2 doubles each pixel" scale2 pattern 0 0 80 60 40 30
png "scale 2 right" scale2 color 80 0 240 240 $BG
close_client scale2
stop_compositor
finish
