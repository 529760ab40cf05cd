#!/bin/bash
# The command line and the standard streams: a bad or conflicting option is
# one line naming it (both, for a conflict) and exit status 2; a window
# title the compositor could not take is refused there; fds 0-2 closed at
# start are /dev/null, never the device; a write error on stdout is one
# line and exit status 1; pid: of a thread names its process.
. "$(dirname "$0")/lib.sh"

GV=c0000000-0000-4000-8000-000000000001
E="vgpu-view: error:"
emu add "$VV_EMU_ROOT" gvt $GV >/dev/null

# usage_error WHAT LINE ARGS...: exit status 2, exactly LINE, no stdout.
usage_error() {
	local what=$1 line=$2
	shift 2
	viewer_plain "$@"
	check_rc "$what" 2
	check_err "$what" "$line"
	[ ! -s "$T/out" ] && pass || fail "$what: printed on stdout"
}

# --- options named as typed, even inside a group of short ones
usage_error "unknown short option in a group" "$E unknown option -X (see --help)" -Xi demo
usage_error "unknown short option last in a group" "$E unknown option -X (see --help)" -iX demo
usage_error "unknown long option" "$E unknown option --nope (see --help)" --nope=1 demo
usage_error "value for a flag" "$E option --info takes no argument (see --help)" --info=yes demo
usage_error "missing value" "$E option --title needs an argument (see --help)" --title

# --- each action alone; window options only with the window
usage_error "--info --snapshot" "$E --info and --snapshot do not go together: each is a run of its own, pick one (see --help)" \
	--info --snapshot "$T/s.png" demo
usage_error "--info --set-mode" "$E --info and --set-mode do not go together: each is a run of its own, pick one (see --help)" \
	--info --set-mode 800x600 demo
usage_error "--kiosk --info" "$E --kiosk goes with the window, not with --info (see --help)" \
	--kiosk --info demo
usage_error "--snapshot --title" "$E --title goes with the window, not with --snapshot (see --help)" \
	--snapshot "$T/s.png" --title x demo
usage_error "--output alone" "$E --output goes with --fullscreen or --kiosk: it names the output they fill (see --help)" \
	--output HDMI-A-1 demo
[ ! -e "$T/s.png" ] && pass || fail "a refused --snapshot wrote its file"

# --- titles and app ids the compositor could not take (one Wayland message
# holds at most 4096 bytes)
long=$(head -c 5000 /dev/zero | tr '\0' t)
usage_error "5 KB --title" "$E --title is 5000 bytes long: a window title can have at most 1024" \
	--title "$long" demo
usage_error "5 KB --app-id" "$E --app-id is 5000 bytes long: an app id (a desktop file name) can have at most 255" \
	--app-id "$long" demo

# --- fds 0-2 closed at start: /dev/null takes their place before the
# device is opened (else --info's lines would go into the device fd).
LD_PRELOAD="${VV_PRELOAD:-}" "$VV_VIEWER" --info --watch $GV <&- >&- 2>&- &
watch_pid=$!
bg_pids+=($watch_pid)
wait_for "watch with fds 0-2 closed running" 5 \
	sh -c "ls -l /proc/$watch_pid/fd | grep -q signalfd"
for fd in 0 1 2; do
	target=$(readlink /proc/$watch_pid/fd/$fd)
	if [ "$target" = /dev/null ]; then pass; else fail "closed fd $fd became $target, expected /dev/null"; fi
done
kill -INT $watch_pid
rc=0
wait $watch_pid || rc=$?
bg_pids=()
check_rc "watch with fds 0-2 closed ends on SIGINT" 0

# --- stdout that cannot be written: one line, exit status 1
for args in "--info $GV" "--info --watch $GV" "--help"; do
	rc=0
	# shellcheck disable=SC2086 # args are words
	LD_PRELOAD="${VV_PRELOAD:-}" timeout 10 "$VV_VIEWER" $args >/dev/full 2>"$T/err" || rc=$?
	: >"$T/out"
	check_rc "$args >/dev/full" 1
	check_err "$args >/dev/full" "$E cannot write to standard output: No space left on device"
done

# --- pid: of a thread: its process is named
python3 -c 'import threading, time
threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
time.sleep(30)' </dev/null >/dev/null 2>&1 &
py=$!
bg_pids+=($py)
wait_for "a process with a thread" 5 sh -c "[ \$(ls /proc/$py/task | wc -l) -ge 2 ]"
tid=$(ls /proc/$py/task | grep -vx "$py" | head -n 1)
viewer --info pid:$tid
check_rc "pid: of a thread" 1
check_err "pid: of a thread" "$E PID $tid is a thread of process $py ($(cat /proc/$py/comm)); use pid:$py"
stop_holders

finish
