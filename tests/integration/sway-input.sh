#!/bin/bash
# Typing into the viewer's window reaches QEMU through a real compositor
# with a seat: sway headless (wlroots), the real vgpu-view --qmp on the
# demo vGPU, a real QEMU tracing its input events (qemu-lib.sh), and wtype
# typing through the virtual-keyboard protocol, so the keys come from
# sway's seat to the viewer's wl_keyboard. wtype uploads a keymap of its
# own (keycode 9 types "H"): the viewer sends such keys as the US keys
# typing the same symbols (src/screen/key-translate.c), with Shift where
# needed. Keyboard only: no packaged tool drives wlroots' virtual pointer.
# Needs sway and wtype (skipped without them); sway refuses to run as
# root, so as root it runs as nobody.
. "$(dirname "$0")/lib.sh"

for tool in sway swaymsg wtype; do
	command -v "$tool" >/dev/null || {
		echo "$tool is not installed (apt-get install sway wtype): skipped"
		exit 77
	}
done
sock=$T/qmp.sock
# end PID: what qemu-lib.sh's stop_qemu calls (compositor-lib.sh's, which
# this test does not use: no test compositor here).
end() {
	kill "$1" 2>/dev/null && wait "$1" 2>/dev/null
}
. "$(dirname "$0")/qemu-lib.sh"

sway_pid=
viewer_pid=
holder_pid=
stop_sway() {
	[ -n "$holder_pid" ] && kill "$holder_pid" 2>/dev/null && wait "$holder_pid" 2>/dev/null
	[ -n "$viewer_pid" ] && kill "$viewer_pid" 2>/dev/null && wait "$viewer_pid" 2>/dev/null
	[ -n "$sway_pid" ] && kill "$sway_pid" 2>/dev/null && wait "$sway_pid" 2>/dev/null
	viewer_pid= sway_pid=
}
# sway's own directory: its runtime dir must belong to the user it runs as,
# and as nobody it must reach it: under /tmp, since $T may sit in a
# directory only root can enter (no-leftovers.sh's).
as_user=()
home=$T/sway
if [ "$(id -u)" -eq 0 ]; then
	home=$(mktemp -d /tmp/vv-sway-input.XXXXXX)
	as_user=(--reuid=65534 --regid=65534 --clear-groups)
fi
trap 'stop_sway; stop_qemu; [ "$home" != "$T/sway" ] && rm -rf "$home"; cleanup' EXIT
run=$home/run
mkdir -p "$run"
chmod 0700 "$run"
if [ ${#as_user[@]} -gt 0 ]; then
	chmod 0755 "$home"
	chown -R 65534:65534 "$home"
fi
cat >"$home/config" <<'CONF'
swaynag_command -
xwayland disable
output HEADLESS-1 resolution 1024x768
default_border none
CONF

start_qemu
# One setpriv both drops root and ties sway to the test (the tie must come
# with or after the change of user: a change of credentials clears it).
tie_sway=(setpriv "${as_user[@]}" --pdeathsig TERM --)
[ ${#tie[@]} -eq 0 ] && [ ${#as_user[@]} -eq 0 ] && tie_sway=()
env -u WAYLAND_DISPLAY -u DISPLAY -u SWAYSOCK HOME="$home" \
	XDG_RUNTIME_DIR="$run" WLR_BACKENDS=headless WLR_RENDERER=pixman \
	WLR_LIBINPUT_NO_DEVICES=1 "${tie_sway[@]}" sway -c "$home/config" \
	</dev/null >"$T/sway.log" 2>&1 &
sway_pid=$!
wait_for "sway's Wayland socket" 20 sh -c "ls '$run' | grep -q '^wayland-[0-9]*\$'" || exit 1
wait_for "sway's IPC socket" 20 sh -c "ls '$run' | grep -q '^sway-ipc'" || exit 1
# root reaches into nobody's runtime dir: clients use it as theirs
export XDG_RUNTIME_DIR=$run
export WAYLAND_DISPLAY=$(ls "$run" | grep '^wayland-[0-9]*$' | head -1)
export SWAYSOCK=$run/$(ls "$run" | grep '^sway-ipc' | head -1)

"${tie[@]}" "$VV_VIEWER" --qmp "$sock" demo >"$T/out" 2>"$T/err" </dev/null &
viewer_pid=$!
wait_for "connected" 20 grep -q "input: QMP $sock connected; pointer: QEMU Virtio Tablet (absolute)" "$T/err" || exit 1
wait_for "the window in sway" 20 sh -c "swaymsg -t get_tree | grep -q '\"app_id\": \"vgpu-view\"'" || exit 1
wait_for "the window focused" 20 swaymsg '[app_id="vgpu-view"] focus' || exit 1

# keys QEMU got since the trace was emptied, one "qcode down" a line; not
# Escape, the handshake's key (a late one may still come in)
keys() {
	sed -n 's/^input_event_key_qcode .*key qcode \([a-z0-9_]*\), down \([01]\)$/\1 \2/p' "$T/trace" |
		grep -v '^esc '
}

# has_keys N: QEMU got N keys (as keys() counts them)
has_keys() {
	[ "$(keys | wc -l)" -eq "$1" ]
}

# The seat has a keyboard only while a virtual one exists: the viewer
# binds wl_keyboard when it comes and lets it go when it goes, and a key
# typed in between is lost. So one wtype holds a virtual keyboard for the
# whole test (sleeping); the others' keys then switch the seat's keymap
# in order, before their keys. Escape until one reaches QEMU.
"${tie[@]}" wtype -s 600000 </dev/null &
holder_pid=$!
for ((i = 0; i < 20; i++)); do
	run_tied wtype -k Escape
	for ((j = 0; j < 50 * VV_TIMEOUT_SCALE; j++)); do
		grep -q 'key qcode esc, down 0' "$T/trace" && break 2
		sleep 0.02
	done
done
if grep -q 'key qcode esc, down 0' "$T/trace"; then pass; else fail "no key reached QEMU in 20 tries"; fi

# A word with a capital: Shift around the H, then the lowercase letters.
: >"$T/trace"
run_tied wtype Hi
wait_for "QEMU got \"Hi\"" 20 has_keys 6
check_text "wtype Hi" <(keys) "shift 1
h 1
h 0
shift 0
i 1
i 0"
cp "$T/trace" "$T/trace-Hi"

# Shift held as a modifier (wtype -M: no key, only the seat's modifier
# state), then a symbol that needs Shift, and Return.
: >"$T/trace"
run_tied wtype -M shift o -m shift k -k Return '!'
wait_for "QEMU got the rest" 20 has_keys 12
check_text "wtype -M shift o -m shift k -k Return '!'" <(keys) "shift 1
o 1
o 0
shift 0
k 1
k 0
ret 1
ret 0
shift 1
1 1
1 0
shift 0"

kill "$viewer_pid"
rc=0
wait "$viewer_pid" || rc=$?
viewer_pid=
check_rc "the viewer ends cleanly" 0
[ "${VV_SWAY_SHOW:-}" ] && cat "$T/trace-Hi"
finish
