#!/bin/bash
# What a client learns on bind: the dma-buf format list (v4 feedback with a
# sealed table, one tranche, or v3 events: the same --formats table; none
# hides it), the output, fractional scale only when asked for.
. "$(dirname "$0")/lib.sh"

formats() {
	client "$1" formats
	client_wait_exit "$1" 0
	check_out "$1" "$T/$1.out" "$2"
}

start_compositor
formats default-v4 "version 4
XR24:LINEAR
AR24:LINEAR
XB24:LINEAR
AB24:LINEAR"
log_has "v4 bind" '^bind zwp_linux_dmabuf_v1 v4$'
log_has "feedback" '^dmabuf-feedback kind=default formats=4$'
stop_compositor

LIST=XR24:LINEAR,XR24:X_TILED,AB24:Y_TILED,XR30:0x0100000000000001,RG16:LINEAR
EXPECT="XR24:LINEAR
XR24:X_TILED
AB24:Y_TILED
XR30:X_TILED
RG16:LINEAR"
start_compositor --formats $LIST
formats custom-v4 "version 4
$EXPECT"
stop_compositor

start_compositor --dmabuf v3 --formats $LIST
formats custom-v3 "version 3
$EXPECT"
log_has "v3 bind" '^bind zwp_linux_dmabuf_v1 v3$'
stop_compositor

start_compositor --dmabuf none
formats none "no-dmabuf"
log_lacks "no dmabuf global" '^bind zwp_linux_dmabuf_v1'
stop_compositor

# the output, and fractional scale only when asked for
output() {
	client "$1" output
	client_wait_exit "$1" 0
	check_out "$1" "$T/$1.out" "$2"
}
start_compositor --size 800x600 --scale 2 --refresh 50
output output-scale2 "output name=VV-1 scale=2 mode=800x600@50000 done=yes
preferred_scale=none"
log_lacks "no fractional-scale global" '^bind wp_fractional_scale_manager_v1'
stop_compositor
start_compositor --fractional-scale 1.5
output output-fractional "output name=VV-1 scale=2 mode=1024x768@60000 done=yes
preferred_scale=180"
log_has "fractional-scale bound" '^bind wp_fractional_scale_manager_v1 v1$'
stop_compositor

# bad options: one line, exit 2
rc=0
"$VV_COMPOSITOR" --socket x --formats XR24:SWIRLY 2>"$T/bad.err" || rc=$?
[ "$rc" -eq 2 ] && pass || fail "bad --formats: exit $rc, expected 2"
grep -q "^vv-compositor: --formats XR24:SWIRLY: 'SWIRLY' is not a modifier$" "$T/bad.err" && pass ||
	fail "bad --formats message: $(cat "$T/bad.err")"
finish
