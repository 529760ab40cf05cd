#!/bin/bash
# xdg_toplevel state requests answered as real compositors do (sizes,
# states, what unset restores), their log lines, and decoration
# negotiation with --decoration server|client and its errors.
. "$(dirname "$0")/lib.sh"

# said NAME WHAT LINE: client NAME printed exactly LINE (waits 5 s)
said() {
	wait_for "$2: $3" 5 grep -qxF "$3" "$T/$1.out" && pass
}

start_compositor --size 800x600 --scale 2 --refresh 0
client states states
said states "initial" "initial configure 0x0 states=none"
said states "fullscreen: output size in surface units" "set_fullscreen configure 400x300 states=fullscreen"
said states "unset_fullscreen: back to the client's size" "unset_fullscreen configure 0x0 states=none"
said states "maximized" "set_maximized configure 400x300 states=maximized"
said states "unset_maximized" "unset_maximized configure 0x0 states=none"
said states "waiting" "waiting"
ctl "configure 320 200 activated"
said states "compositor's size" "compositor configure 320x200 states=activated"
said states "fullscreen keeps activated" "set_fullscreen-output configure 400x300 states=fullscreen,activated"
said states "fullscreen and maximized" "and-maximized configure 400x300 states=maximized,fullscreen,activated"
said states "unset_fullscreen while maximized" "still-maximized configure 400x300 states=maximized,activated"
said states "unset_maximized restores 320x200" "floating-again configure 320x200 states=activated"
said states "minimize has no configure" "minimized configures=0"
log_has "title" '^title vv test title$'
log_has "app-id" '^app-id vv.test$'
log_has "set_fullscreen without output" '^request set_fullscreen output=none$'
log_has "set_fullscreen with output" '^request set_fullscreen output=VV-1$'
log_has "unset_fullscreen" '^request unset_fullscreen$'
log_has "set_maximized" '^request set_maximized$'
log_has "unset_maximized" '^request unset_maximized$'
log_has "set_minimized" '^request set_minimized$'
log_has "fullscreen configure logged" '^configure serial=[0-9]+ size=400x300 states=fullscreen$'
ctl close
client_wait_exit "states client" 0
# a fullscreen request before the first commit rides the initial configure
client early fill 10 10 fullscreen
wait_for "early fullscreen shown" 5 grep -q '^shown' "$T/early.out" && pass
log_has "initial configure fullscreen" '^configure serial=[0-9]+ size=400x300 states=fullscreen$'
ctl close
client_wait_exit "early fullscreen client" 0
log_lacks "no decoration manager by default" '^bind zxdg_decoration_manager_v1'
client nodeco decoration server client
client_wait_exit "no decoration manager" 0
check_out "no decoration manager" "$T/nodeco.out" "no-decoration-manager"
stop_compositor

# --decoration server: server_side whatever the client asks
start_compositor --decoration server --refresh 0
client deco-server decoration client none
client_wait_exit "decoration server" 0
check_out "decoration server" "$T/deco-server.out" "initial mode=server
after-none mode=server
no-error"
log_has "bound" '^bind zxdg_decoration_manager_v1 v1$'
log_has "new object" '^decoration requested=none mode=server$'
log_has "client asked client-side" '^decoration requested=client mode=server$'
for e in "decoration-twice 1" "decoration-orphaned 2" "decoration-after-buffer 0"; do
	set -- $e
	client "$1" "$1"
	client_wait_exit "$1" 0
	check_out "$1" "$T/$1.out" "protocol-error iface=zxdg_toplevel_decoration_v1 code=$2"
	log_has "$1 logged" "^protocol-error iface=zxdg_toplevel_decoration_v1 code=$2 msg="
done
stop_compositor

# --decoration client: client_side always
start_compositor --decoration client --refresh 0
client deco-client decoration server server
client_wait_exit "decoration client" 0
check_out "decoration client" "$T/deco-client.out" "initial mode=client
after-server mode=client
no-error"
log_has "client asked server-side" '^decoration requested=server mode=client$'
stop_compositor

rc=0
"$VV_COMPOSITOR" --socket x --decoration fancy 2>"$T/bad.err" || rc=$?
[ "$rc" -eq 2 ] && pass || fail "bad --decoration: exit $rc, expected 2"
finish
