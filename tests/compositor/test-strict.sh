#!/bin/bash
# Each rule broken gets the protocol error the spec names, logged; the
# compositor outlives every bad client; dma-buf imports fail where a real
# driver would refuse them.
. "$(dirname "$0")/lib.sh"

# expect_error SCENARIO IFACE CODE [ARGS]
expect_error() {
	local scenario=$1 iface=$2 code=$3
	shift 3
	client "$scenario" "$scenario" "$@"
	client_wait_exit "$scenario" 0
	check_out "$scenario" "$T/$scenario.out" "protocol-error iface=$iface code=$code"
	log_has "$scenario" "^protocol-error iface=$iface code=$code msg="
}

start_compositor --formats XR24:LINEAR,AR24:LINEAR,XR24:X_TILED
expect_error unconfigured-buffer xdg_surface 3
expect_error ack-bad-serial xdg_surface 4
expect_error attach-offset wl_surface 3
expect_error buffer-scale-size wl_surface 2
expect_error shm-bad-stride wl_shm_pool 1
expect_error subsurface-bad-parent wl_subcompositor 1
expect_error place-above-nonsibling wl_subsurface 0
expect_error viewport-bad-value wp_viewport 0
expect_error viewport-out-of-buffer wp_viewport 2
expect_error dmabuf-plane-set zwp_linux_buffer_params_v1 2
expect_error dmabuf-out-of-bounds zwp_linux_buffer_params_v1 6
expect_error dmabuf-immed zwp_linux_buffer_params_v1 4 AB24 LINEAR

# create: not advertised -> failed; advertised -> created
client unadvertised dmabuf-create XR30 LINEAR
client_wait_exit "unadvertised format" 0
check_out "unadvertised format" "$T/unadvertised.out" failed
log_has "unadvertised format" '^dmabuf-import format=XR30 modifier=LINEAR size=64x64 result=failed reason=unadvertised request=create$'
client unadvertised-mod dmabuf-create AR24 X_TILED
client_wait_exit "unadvertised modifier" 0
check_out "unadvertised modifier" "$T/unadvertised-mod.out" failed
client advertised dmabuf-create XR24 X_TILED
client_wait_exit "advertised" 0
check_out "advertised" "$T/advertised.out" created
log_has "advertised" '^dmabuf-import format=XR24 modifier=X_TILED size=64x64 result=created reason=none request=create$'

# still serving after all that
client formats formats
client_wait_exit "formats after errors" 0
stop_compositor

# --fail-modifier: advertised, and still refused at import
start_compositor --formats XR24:LINEAR,XR24:X_TILED --fail-modifier X_TILED
client fail-mod dmabuf-create XR24 X_TILED
client_wait_exit "fail-modifier" 0
check_out "fail-modifier" "$T/fail-mod.out" failed
log_has "fail-modifier" '^dmabuf-import format=XR24 modifier=X_TILED size=64x64 result=failed reason=fail-modifier request=create$'
client linear dmabuf-create XR24 LINEAR
client_wait_exit "fail-modifier spares LINEAR" 0
check_out "fail-modifier spares LINEAR" "$T/linear.out" created
expect_error dmabuf-immed zwp_linux_buffer_params_v1 7 XR24 X_TILED
stop_compositor

# --exit-with-client: the first client to go ends it, with a screenshot
start_compositor --exit-with-client --screenshot "$T/last.png"
client last formats
client_wait_exit "exit-with-client client" 0
rc=0
wait "$comp_pid" || rc=$?
comp_pid=
[ "$rc" -eq 0 ] && pass || fail "exit-with-client: exit $rc"
log_has "exit-with-client screenshot" "^screenshot 1 $T/last.png$"
png "exit-with-client screenshot" last color 0 0 1024 768 0x303030
finish
