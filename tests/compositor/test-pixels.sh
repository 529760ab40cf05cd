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

# a 1x1 buffer stretched by its viewport covers exactly the destination
# rectangle, not one pixel less (pixman's 16.16 scale step used to stop a
# 1000-wide stretch at pixel 993) and not one more
FILL=0x20c040
start_compositor --refresh 0
client fill fill 100 100
wait_for "fill shown" 5 grep -q '^shown 100x100$' "$T/fill.out" && pass
for size in 1000x500 333x77 1024x768 1x1; do
	w=${size%x*} h=${size#*x}
	ctl "configure $w $h"
	wait_for "fill $size" 5 grep -q "^resized ${w}x${h}\$" "$T/fill.out" && pass
	screenshot "fill-$size"
	png "1x1 stretched to $size" "fill-$size" color 0 0 "$w" "$h" $FILL
	[ "$w" -lt 1024 ] && png "right of $size" "fill-$size" color "$w" 0 $((1024 - w)) 768 $BG
	[ "$h" -lt 768 ] && png "below $size" "fill-$size" color 0 "$h" "$w" $((768 - h)) $BG
done
close_client fill
# and a 7x3 pattern stretched by ratios 16.16 fixed point cannot hold
client pat fill 100 100 follow 7x3
wait_for "pattern shown" 5 grep -q '^shown 100x100$' "$T/pat.out" && pass
for size in 1000x500 333x77; do
	w=${size%x*} h=${size#*x}
	ctl "configure $w $h"
	wait_for "pattern $size" 5 grep -q "^resized ${w}x${h}\$" "$T/pat.out" && pass
	screenshot "pat-$size"
	png "7x3 pattern stretched to $size" "pat-$size" pattern 0 0 "$w" "$h" 7 3
	png "right of the pattern at $size" "pat-$size" color "$w" 0 $((1024 - w)) 768 $BG
	png "below the pattern at $size" "pat-$size" color 0 "$h" "$w" $((768 - h)) $BG
done
close_client pat
stop_compositor

# fullscreen smaller than the output: centred; maximized: at 0,0
start_compositor --size 320x240 --refresh 0
client fs fill 100 50 fullscreen
wait_for "fullscreen shown" 5 grep -q '^shown 100x50$' "$T/fs.out" && pass
screenshot fullscreen-small
png "fullscreen 100x50 centred" fullscreen-small color 110 95 100 50 $FILL
png "left of the centred window" fullscreen-small color 0 0 110 240 $BG
png "right of the centred window" fullscreen-small color 210 0 110 240 $BG
png "above the centred window" fullscreen-small color 110 0 100 95 $BG
png "below the centred window" fullscreen-small color 110 145 100 95 $BG
close_client fs
client max fill 100 50 maximized
wait_for "maximized shown" 5 grep -q '^shown 100x50$' "$T/max.out" && pass
screenshot maximized-small
png "maximized 100x50 at 0,0" maximized-small color 0 0 100 50 $FILL
png "right of the maximized window" maximized-small color 100 0 220 240 $BG
png "below the maximized window" maximized-small color 0 50 100 190 $BG
close_client max
stop_compositor

# with --scale 2 the destination is doubled: 333x77 covers 666x154 pixels
start_compositor --size 800x600 --scale 2 --refresh 0
client fill2 fill 100 100
wait_for "fill shown at scale 2" 5 grep -q '^shown 100x100$' "$T/fill2.out" && pass
ctl "configure 333 77"
wait_for "fill 333x77 at scale 2" 5 grep -q '^resized 333x77$' "$T/fill2.out" && pass
screenshot fill-scale2
png "333x77 at scale 2" fill-scale2 color 0 0 666 154 $FILL
png "right of it at scale 2" fill-scale2 color 666 0 134 600 $BG
png "below it at scale 2" fill-scale2 color 0 154 666 446 $BG
close_client fill2
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
