#!/bin/bash
# Input reaches a real QEMU (TCG, no guest OS: QEMU traces every input
# event it receives with -trace 'input_event_*'): every key of a 105-key
# board, clicks mapped through the window's layout to exact abs values,
# nothing from the bars, the wheel, held keys released on focus loss, the
# release chord, --view-only, QEMU killed and restarted, a socket that is
# not QMP.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"

sock=$T/qmp.sock
. "$(dirname "$0")/qemu-lib.sh"
notqmp_pid=
trap 'stop_qemu; [ -n "$notqmp_pid" ] && end "$notqmp_pid"; stop_all; cleanup' EXIT

# The trace's key events as "QCODE DOWN" lines.
keys() {
	sed -n 's/^input_event_key_qcode .*key qcode \([^,]*\), down \([01]\)$/\1 \2/p' "$T/trace"
}

# The trace's abs and button events as "x VALUE", "y VALUE", "BUTTON DOWN".
pointer_events() {
	sed -n -e 's/^input_event_abs .*axis \([xy]\), value \(0x[0-9a-f]*\)$/\1 \2/p' \
		-e 's/^input_event_btn .*button \([^,]*\), down \([01]\)$/\1 \2/p' "$T/trace"
}

# abs SURFACE ORIGIN EXTENT SHOWN SIZE: the value for a pointer at whole
# surface coordinate SURFACE, computed here from the definition: guest
# position g = (SURFACE - ORIGIN) * SHOWN / EXTENT, value floor(g * 0x8000
# / SIZE).
abs() {
	printf '0x%x' $(( ($1 - $2) * $4 * 32768 / ($3 * $5) ))
}

# wait_trace WHAT PATTERN: until the trace has a line matching PATTERN.
wait_trace() {
	wait_for "$1" 20 grep -q -- "$2" "$T/trace"
}

# check_eq WHAT EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		pass
	else
		fail "$1: expected"
		diff <(echo "$2") <(echo "$3") | head -20
	fi
}

: >"$T/trace"
start_qemu
start --seat -- --qmp "$sock" demo:640x480
wait_for "connected" 20 grep -q "input: QMP $sock connected; pointer: QEMU Virtio Tablet (absolute)" "$T/err"
# Captured: the compositor's shortcuts (Alt+Tab, Super) are the guest's,
# asked for on the toplevel's surface.
toplevel=$(sed -n 's/^commit surface=\([0-9]*\) role=toplevel .*/\1/p' "$T/log" | head -1)
wait_for "captured: shortcuts inhibited" 20 grep -q "^shortcuts-inhibit on surface=$toplevel$" "$T/log"

# --- every key of a 105-key board, down and up, in order
pc105="1:esc 59:f1 60:f2 61:f3 62:f4 63:f5 64:f6 65:f7 66:f8 67:f9 68:f10
87:f11 88:f12 99:print 70:scroll_lock 119:pause 41:grave_accent 2:1 3:2 4:3
5:4 6:5 7:6 8:7 9:8 10:9 11:0 12:minus 13:equal 14:backspace 110:insert
102:home 104:pgup 69:num_lock 98:kp_divide 55:kp_multiply 74:kp_subtract
15:tab 16:q 17:w 18:e 19:r 20:t 21:y 22:u 23:i 24:o 25:p 26:bracket_left
27:bracket_right 28:ret 111:delete 107:end 109:pgdn 71:kp_7 72:kp_8 73:kp_9
78:kp_add 58:caps_lock 30:a 31:s 32:d 33:f 34:g 35:h 36:j 37:k 38:l
39:semicolon 40:apostrophe 43:backslash 75:kp_4 76:kp_5 77:kp_6 42:shift
86:less 44:z 45:x 46:c 47:v 48:b 49:n 50:m 51:comma 52:dot 53:slash
54:shift_r 103:up 79:kp_1 80:kp_2 81:kp_3 96:kp_enter 29:ctrl 125:meta_l
56:alt 57:spc 100:alt_r 126:meta_r 127:compose 97:ctrl_r 105:left 108:down
106:right 82:kp_0 83:kp_decimal"
expected=
n=0
for pair in $pc105; do
	ctl keycode "${pair%%:*}" down
	ctl keycode "${pair%%:*}" up
	expected+="${pair#*:} 1"$'\n'"${pair#*:} 0"$'\n'
	n=$((n + 1))
done
check_eq "the list is a 105-key board" 105 "$n"
wait_trace "the last key" "key qcode kp_decimal, down 0"
check_eq "every key of a 105-key board reaches QEMU as its qcode" "${expected%$'\n'}" "$(keys)"
# F10, F11, F12, Print went to the guest, not to the viewer's bindings.
check_log_lacks "F12 is the guest's: no overlay" 'role=subsurface .*format=AR24 .*pos=8,8'
check_log_lacks "F11 is the guest's: no fullscreen" '^request set_fullscreen'
if ls "$T"/vgpu-view-*.png >/dev/null 2>&1 || grep -q "snapshot: wrote" "$T/err"; then
	fail "Print is the guest's: a snapshot was taken"
else
	pass
fi

# --- modifiers: Ctrl+q is the guest's, the viewer keeps running
: >"$T/trace"
ctl key q ctrl
wait_trace "Ctrl+q" "key qcode ctrl, down 0"
check_eq "Ctrl+q reaches the guest" "ctrl 1
q 1
q 0
ctrl 0" "$(keys)"
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "Ctrl+q ended the viewer while captured"; fi

# --- focus loss releases held keys
: >"$T/trace"
ctl key-down Control_L
ctl key-down Shift_R
wait_trace "held" "key qcode shift_r, down 1"
ctl keyboard-leave
wait_trace "released on focus loss" "key qcode shift_r, down 0"
check_eq "focus loss releases every held key" "ctrl 1
shift_r 1
ctrl 0
shift_r 0" "$(keys)"
ctl key-up Shift_R
ctl key-up Control_L
ctl keyboard-enter
sleep 0.3
check_eq "a release after focus loss sends nothing more" "ctrl 1
shift_r 1
ctrl 0
shift_r 0" "$(keys)"

# --- pointer: a click at the centre, in a 640x480 window showing 640x480
: >"$T/trace"
ctl pointer-enter 320 240
ctl button left press
ctl button left release
wait_trace "click" "button left, down 0"
check_eq "click at the centre" "x $(abs 320 0 640 640 640)
y $(abs 240 0 480 480 480)
x 0x4000
y 0x4000
left 1
left 0" "$(pointer_events)"

# --- buttons and the wheel at 10,470
: >"$T/trace"
ctl motion 10 470
for b in middle right side extra; do
	ctl button $b press
	ctl button $b release
done
ctl axis vertical 2
ctl axis vertical -1
ctl axis horizontal 1
ctl axis horizontal -1
wait_trace "wheel" "button wheel-left, down 0"
x=$(abs 10 0 640 640 640) y=$(abs 470 0 480 480 480)
exp="x $x
y $y"
for b in middle right side extra; do
	exp+=$'\n'"x $x"$'\n'"y $y"$'\n'"$b 1"$'\n'"$b 0"
done
exp+=$'\n'"x $x"$'\n'"y $y"$'\n'"wheel-down 1"$'\n'"wheel-down 0"$'\n'"wheel-down 1"$'\n'"wheel-down 0"
exp+=$'\n'"x $x"$'\n'"y $y"$'\n'"wheel-up 1"$'\n'"wheel-up 0"
exp+=$'\n'"x $x"$'\n'"y $y"$'\n'"wheel-right 1"$'\n'"wheel-right 0"
exp+=$'\n'"x $x"$'\n'"y $y"$'\n'"wheel-left 1"$'\n'"wheel-left 0"
check_eq "buttons and wheel steps at 10,470" "$exp" "$(pointer_events)"

# --- letterbox: 1000x480 shows 640x480 at x=180; the bars send nothing
ctl configure 1000 480
wait_for "letterboxed" 20 grep -q 'role=subsurface .*pos=180,0 viewport=640x480' "$T/log"
: >"$T/trace"
ctl motion 100 240
ctl button left press
ctl button left release
ctl axis vertical 1
ctl motion 900 100
ctl button right press
ctl button right release
ctl motion 340 120
ctl button left press
ctl button left release
wait_trace "click in the picture" "button left, down 0"
check_eq "letterbox: bars send nothing, the picture maps from x=180" "x $(abs 340 180 640 640 640)
y $(abs 120 0 480 480 480)
x $(abs 340 180 640 640 640)
y $(abs 120 0 480 480 480)
left 1
left 0" "$(pointer_events)"

# --- scaled 2x: 1280x960 shows 640x480 at 0,0; window pixel 641 is
# guest pixel 320.5
ctl configure 1280 960
wait_for "scaled 2x" 20 grep -q 'role=subsurface .*pos=0,0 viewport=1280x960' "$T/log"
: >"$T/trace"
ctl motion 641 3
wait_trace "motion" "axis y"
check_eq "fit 2x: exact abs" "x $(abs 641 0 1280 640 640)
y $(abs 3 0 960 480 480)" "$(pointer_events)"

# --- the release chord: Ctrl+Alt+g gives keys back to the viewer
: >"$T/trace"
ctl key g ctrl+alt
wait_for "released" 20 grep -q "input: released (Ctrl+Alt+g toggles)" "$T/err"
wait_for "released: shortcuts given back" 20 grep -q "^shortcuts-inhibit off surface=$toplevel$" "$T/log"
ctl key F12
wait_for "F12 is the viewer's again" 20 grep -q 'role=subsurface .*format=AR24 .*pos=8,8' "$T/log"
ctl motion 600 400
ctl button left press
ctl button left release
sleep 0.3
check_eq "after the chord: ctrl and alt released, nothing else sent" "ctrl 1
alt 1
ctrl 0
alt 0" "$(keys)"
check_eq "after the chord: no pointer events" "" "$(pointer_events)"
ctl key g ctrl+alt
wait_for "captured again" 20 grep -q "input: captured (Ctrl+Alt+g toggles)" "$T/err"
wait_for "captured again: shortcuts inhibited again" 20 \
	sh -c "[ \$(grep -c '^shortcuts-inhibit on surface=$toplevel\$' '$T/log') -eq 2 ]"
ctl keycode 30 down
ctl keycode 30 up
wait_trace "captured again: keys reach QEMU" "key qcode a, down 0"

# --- QEMU killed and restarted: the viewer keeps showing and reconnects
stop_qemu
wait_for "the loss said" 20 grep -q "input: QEMU's QMP socket $sock went away" "$T/err"
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "the viewer ended with QEMU"; fi
before=$(grep -c '^commit' "$T/log")
wait_for "frames go on without QEMU" 20 \
	sh -c "[ \$(grep -c '^commit' '$T/log') -ge $((before + 6)) ]"
: >"$T/trace"
start_qemu
wait_for "reconnected" 20 sh -c "[ \$(grep -c 'input: QMP $sock connected' '$T/err') -ge 2 ]"
ctl keycode 48 down
ctl keycode 48 up
wait_trace "keys reach the new QEMU" "key qcode b, down 0"
check_eq "after the restart" "b 1
b 0" "$(keys)"
check_eq "the loss is one line" 1 "$(grep -c "went away" "$T/err")"
stop
check_rc "the viewer ends cleanly" 0

# --- --view-only: nothing reaches QEMU
: >"$T/trace"
start --seat -- --qmp "$sock" --view-only demo:640x480
ctl keycode 30 down
ctl keycode 30 up
ctl pointer-enter 100 100
ctl button left press
ctl button left release
ctl key F12
wait_for "--view-only: bindings work" 20 grep -q 'role=subsurface .*format=AR24 .*pos=8,8' "$T/log"
sleep 0.3
check_eq "--view-only sends nothing" "" "$(keys; pointer_events)"
check_log_lacks "--view-only: the compositor keeps its shortcuts" '^shortcuts-inhibit on'
stop

# --- pid:PID: the socket found on QEMU's command line
start --seat -- --qmp "pid:$qemu_pid" demo:640x480
wait_for "pid: the socket found and said" 20 grep -q "input: QMP socket of pid:$qemu_pid: $sock$" "$T/err"
wait_for "pid: connected" 20 grep -q "input: QMP $sock connected" "$T/err"
stop
# --- kiosk: always captured, no chord: Ctrl+Alt+g is the guest's
: >"$T/trace"
start --seat -- --kiosk --qmp "$sock" demo:640x480
wait_for "connected (kiosk)" 20 grep -q "input: QMP $sock connected" "$T/err"
ctl key g ctrl+alt
wait_trace "kiosk: Ctrl+Alt+g is the guest's" "key qcode alt, down 0"
check_eq "kiosk: the chord goes to the guest" "ctrl 1
alt 1
g 1
g 0
alt 0
ctrl 0" "$(keys)"
check_err_lacks() { if grep -q -- "$2" "$T/err"; then fail "$1"; else pass; fi; }
check_err_lacks "kiosk: never released" "input: released"
stop

# --- the chord is a binding: --bind release=Ctrl+Alt+r
: >"$T/trace"
start --seat -- --qmp "$sock" --bind release=Ctrl+Alt+r demo:640x480
wait_for "connected (rebound)" 20 grep -q "input: QMP $sock connected" "$T/err"
ctl key g ctrl+alt
wait_trace "Ctrl+Alt+g is the guest's when rebound" "key qcode g, down 0"
ctl key r ctrl+alt
wait_for "Ctrl+Alt+r releases" 20 grep -q "input: released (Ctrl+Alt+r toggles)" "$T/err"
stop
start --seat -- --qmp "pid:$$" demo:640x480
wait_for "pid: a process without QMP" 20 grep -q "input: --qmp pid:$$: the process has no QMP socket on its command line" "$T/err"
stop
check_rc "pid: a process without QMP: the window ran anyway" 0
stop_qemu

# --- no tablet (only the PS/2 mouse q35 always has): one line naming the
# devices to add; keys still go, a click only takes the pointer lock
# (relative mode: qmp-relative.sh)
: >"$T/trace"
start_qemu virtio-keyboard-pci
start --seat -- --qmp "$sock" demo:640x480
wait_for "no tablet said" 20 grep -q "input: QMP $sock connected, but the VM has no absolute pointer: add -device usb-tablet or -device virtio-tablet-pci to QEMU" "$T/err"
ctl pointer-enter 100 100
ctl button left press
ctl button left release
ctl keycode 30 down
ctl keycode 30 up
wait_trace "keys without a tablet" "key qcode a, down 0"
check_eq "no tablet: keys go, the pointer does not" "a 1
a 0" "$(keys; pointer_events)"
wait_for "the host pointer hidden" 20 grep -q '^set-cursor surface=none' "$T/log"
check_eq "no tablet: the host pointer hidden only once the click locked it" "pointer-locked
set-cursor surface=none" "$(grep -o '^pointer-locked\|^set-cursor surface=none' "$T/log")"
stop
stop_qemu

# --- a socket that is not QMP: one clear line, the window stays
rm -f "$sock"
python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1]); s.listen(8)
while True:
    c, _ = s.accept()
    c.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
    time.sleep(0.2)
    c.close()
' "$sock" &
notqmp_pid=$!
wait_for "a socket that is not QMP" 20 test -S "$sock"
start --seat -- --qmp "$sock" demo:640x480
wait_for "said" 20 grep -q "input: $sock is not a QMP socket (its first line is not QEMU's greeting); give QEMU -qmp unix:$sock,server=on,wait=off" "$T/err"
sleep 1
check_eq "said once, though it retries" 1 "$(grep -c 'is not a QMP socket' "$T/err")"
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "the viewer ended on a socket that is not QMP"; fi
stop
end "$notqmp_pid"
notqmp_pid=

# --- a socket that says nothing: one line after 5 s, the window stays
rm -f "$sock"
python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1]); s.listen(8)
conns = []
while True:
    conns.append(s.accept()[0])
' "$sock" &
notqmp_pid=$!
wait_for "a silent socket" 20 test -S "$sock"
start --seat -- --qmp "$sock" demo:640x480
wait_for "silence said" 20 grep -q "input: $sock is not a QMP socket (no QMP greeting within 5 s)" "$T/err"
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "the viewer ended on a silent socket"; fi
stop
end "$notqmp_pid"
notqmp_pid=

# --- a QMP error: one line, said once however often it comes (a QMP
# server that refuses every input-send-event, as an old QEMU would)
rm -f "$sock"
python3 -c '
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1]); s.listen(8)
c, _ = s.accept()
c.sendall(b"{\"QMP\": {\"version\": {}, \"capabilities\": []}}\r\n")
f = c.makefile("rb")
for line in f:
    cmd = json.loads(line)
    if cmd["execute"] == "qmp_capabilities":
        reply = {"return": {}}
    elif cmd["execute"] == "query-mice":
        reply = {"return": [{"name": "T", "absolute": True}]}
    else:
        reply = {"error": {"class": "CommandNotFound", "desc": "The command input-send-event has not been found"}}
    reply["id"] = cmd["id"]
    c.sendall(json.dumps(reply).encode() + b"\r\n")
' "$sock" &
notqmp_pid=$!
wait_for "a refusing QMP server" 20 test -S "$sock"
start --seat -- --qmp "$sock" demo:640x480
wait_for "connected to it" 20 grep -q "input: QMP $sock connected" "$T/err"
ctl keycode 30 down
ctl keycode 30 up
wait_for "the error said" 20 grep -q "input: QEMU refused input-send-event: The command input-send-event has not been found (CommandNotFound)" "$T/err"
ctl keycode 31 down
ctl keycode 31 up
sleep 0.5
check_eq "the error said once" 1 "$(grep -c 'QEMU refused' "$T/err")"
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "the viewer ended on a QMP error"; fi
stop
end "$notqmp_pid"
notqmp_pid=

# --- no socket at all: one line naming the fix
start --seat -- --qmp "$T/none.sock" demo:640x480
wait_for "no socket" 20 grep -q "input: cannot connect to the QMP socket $T/none.sock: No such file or directory (give QEMU -qmp unix:$T/none.sock,server=on,wait=off); retrying" "$T/err"
stop

finish
