#!/bin/bash
# Nothing a test starts outlives it: real tests (weston.sh, compositor.sh)
# are killed while their weston, vv-compositor and vgpu-view run, the way
# meson's timeout does it (SIGTERM to the process group, then SIGKILL) and
# by a signal to the test script alone; every process they started must be
# gone soon after. Their processes are told apart by a private TMPDIR,
# which every one of them inherits.
. "$(dirname "$0")/lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
mark=$T/tmp

# Pids of live processes started by the victim (zombies have no environ).
marked() {
	grep -lzxF "TMPDIR=$mark" /proc/[0-9]*/environ 2>/dev/null |
		sed 's,^/proc/\([0-9]*\)/environ$,\1,'
}

# names PID...: "PID comm" per process, one line.
names() {
	local pid
	for pid in "$@"; do
		printf '%s %s, ' "$pid" "$(cat "/proc/$pid/comm" 2>/dev/null)"
	done
}

running() {
	local pid want
	for want in "$@"; do
		for pid in $(marked); do
			[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$want" ] &&
				continue 2
		done
		return 1
	done
}

nothing_left() {
	[ -z "$(marked)" ]
}

kill_leftovers() {
	local left
	left=$(marked)
	[ -z "$left" ] && return 0
	# shellcheck disable=SC2086 # a list of pids
	kill -KILL $left 2>/dev/null
}
trap 'kill_leftovers; stop_holders; cleanup' EXIT

# start_victim TEST PROCESSES...: TEST in a session of its own (as meson
# runs it), its WAIT long so that only a kill can end its weston runs;
# returns once PROCESSES all run. Sets victim.
start_victim() {
	local test=$1
	shift
	rm -rf "$mark"
	mkdir "$mark"
	TMPDIR=$mark WAIT=600 "${tie[@]}" setsid "$here/$test" \
		>"$T/victim.out" 2>&1 </dev/null &
	victim=$!
	wait_for "$test running $*" 60 running "$@"
}

# after_kill WHAT: the victim ends, and everything it started after it.
after_kill() {
	local rc=0 left
	wait "$victim" 2>/dev/null || rc=$?
	if wait_for "$1: every process gone" 10 nothing_left; then
		:
	else
		left=$(marked)
		# shellcheck disable=SC2086 # a list of pids
		echo "  left behind: $(names $left)"
		echo "  the test's output: $(tail -n 5 "$T/victim.out")"
		kill_leftovers
	fi
	echo "$1: the test exited with status $rc"
}

# meson's timeout, at its worst: SIGTERM to the group and SIGKILL before
# anyone had the time to clean up.
start_victim weston.sh weston vgpu-view
kill -TERM -- "-$victim"
kill -KILL -- "-$victim"
after_kill "weston.sh, SIGTERM + SIGKILL to its group"

# The same with meson's 0.5 s between the two.
start_victim weston.sh weston vgpu-view
kill -TERM -- "-$victim"
sleep 0.5
kill -KILL -- "-$victim" 2>/dev/null
after_kill "weston.sh, SIGTERM, SIGKILL 0.5 s later"

# SIGKILL to the test script alone: its children are told by the kernel.
start_victim weston.sh weston vgpu-view
kill -KILL "$victim"
after_kill "weston.sh, SIGKILL to the script"

# SIGTERM to the test script alone: it stops what it runs, now.
start_victim weston.sh weston vgpu-view
kill -TERM "$victim"
after_kill "weston.sh, SIGTERM to the script"

# The strict test compositor's tests: vv-compositor and the viewer.
start_victim compositor.sh vv-compositor vgpu-view
kill -KILL "$victim"
after_kill "compositor.sh, SIGKILL to the script"

start_victim compositor.sh vv-compositor vgpu-view
kill -TERM -- "-$victim"
kill -KILL -- "-$victim"
after_kill "compositor.sh, SIGTERM + SIGKILL to its group"

# A real compositor: sway (as nobody when root), QEMU and the viewer.
if command -v sway >/dev/null && command -v wtype >/dev/null &&
	command -v qemu-system-x86_64 >/dev/null; then
	start_victim sway-input.sh sway qemu-system-x86 vgpu-view
	kill -KILL "$victim"
	after_kill "sway-input.sh, SIGKILL to the script"
else
	echo "note: sway, wtype or QEMU is not installed: sway-input.sh not tried"
fi

finish
