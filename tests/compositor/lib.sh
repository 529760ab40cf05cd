# Shared by the compositor tests: a private XDG_RUNTIME_DIR per test,
# vv-compositor started with a log and a control FIFO, bounded waits,
# checks that count failures and keep the evidence. Source it; end the
# test with `finish`.
set -uo pipefail

: "${VV_COMPOSITOR:?run through meson test}"
T=$(mktemp -d "${TMPDIR:-/tmp}/vv-comp-$(basename "$0" .sh).XXXXXX")
export XDG_RUNTIME_DIR=$T/run
mkdir -p "$XDG_RUNTIME_DIR"
chmod 0700 "$XDG_RUNTIME_DIR"
export WAYLAND_DISPLAY=vv-test
unset WAYLAND_SOCKET
failures=0
checks=0
comp_pid=
bg_pids=()

cleanup() {
	for pid in "${bg_pids[@]}" $comp_pid; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	if [ "$failures" -eq 0 ]; then
		rm -rf "$T"
	else
		echo "kept for inspection: $T"
	fi
}
trap cleanup EXIT

pass() {
	checks=$((checks + 1))
}

fail() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	echo "FAIL: $*"
	[ -f "$T/log" ] && echo "  log tail:" && tail -n 15 "$T/log" | sed 's/^/    /'
	[ -s "$T/comp.err" ] && echo "  compositor stderr:" && head -c 3000 "$T/comp.err" | sed 's/^/    /'
}

# VV_TIMEOUT_SCALE multiplies every wait (tests/integration/lib.sh says how
# its default comes from the load average).
if ! [[ ${VV_TIMEOUT_SCALE:-} =~ ^[1-9][0-9]{0,2}$ ]]; then
	read -r load _ </proc/loadavg
	VV_TIMEOUT_SCALE=$((2 + ${load%.*} / $(nproc)))
fi

# wait_for WHAT SECONDS COMMAND...: polls COMMAND every 50 ms, for SECONDS
# × VV_TIMEOUT_SCALE at most.
wait_for() {
	local what=$1 limit=$(($2 * VV_TIMEOUT_SCALE))
	local deadline=$((SECONDS + limit))
	shift 2
	until "$@"; do
		if [ $SECONDS -ge $deadline ]; then
			fail "timed out waiting $limit s for $what (VV_TIMEOUT_SCALE=$VV_TIMEOUT_SCALE; load average $(cut -d' ' -f1-3 /proc/loadavg))"
			return 1
		fi
		sleep 0.05
	done
}

# start_compositor [OPTIONS]: logs to $T/log, control FIFO $T/ctl.
start_compositor() {
	rm -f "$T/log" "$T/comp.out"
	"$VV_COMPOSITOR" --socket "$WAYLAND_DISPLAY" --log "$T/log" \
		--control "$T/ctl" "$@" >"$T/comp.out" 2>"$T/comp.err" &
	comp_pid=$!
	wait_for "vv-compositor ready" 10 grep -q '^ready$' "$T/comp.out"
}

# stop_compositor: "quit" on the FIFO; the exit status must be 0.
stop_compositor() {
	ctl quit
	local rc=0
	wait "$comp_pid" || rc=$?
	comp_pid=
	if [ "$rc" -eq 0 ]; then pass; else fail "vv-compositor exited with $rc"; fi
}

ctl() {
	timeout 5 sh -c 'printf "%s\n" "$1" >"$2"' sh "$1" "$T/ctl" ||
		fail "cannot write '$1' to the control FIFO"
}

# log_has WHAT REGEX: the protocol log has a matching line (waits 5 s).
log_has() {
	wait_for "log line: $2 ($1)" 5 grep -Eq "$2" "$T/log" && pass
}

log_lacks() {
	if grep -Eq "$2" "$T/log"; then fail "$1: log has $2"; else pass; fi
}

# screenshot NAME: $T/NAME.png, written through the control FIFO.
screenshot() {
	ctl "screenshot $T/$1.png"
	wait_for "screenshot $1" 5 grep -Eq "^screenshot [0-9]+ $T/$1.png$" "$T/log"
}

# png WHAT NAME CHECK...: png-check on $T/NAME.png.
png() {
	local what=$1 name=$2
	shift 2
	if "$VV_PNG_CHECK" "$T/$name.png" "$@" 2>"$T/png.err"; then
		pass
	else
		fail "$what: $(cat "$T/png.err")"
	fi
}

# client NAME ARGS...: the test client in the background, output in
# $T/NAME.out; sets client_pid.
client() {
	local name=$1
	shift
	# The client exits without tearing down its proxies (error scenarios
	# cannot): leak checking is for the compositor.
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
		"$VV_TEST_CLIENT" "$@" >"$T/$name.out" 2>"$T/$name.err" &
	client_pid=$!
	bg_pids+=($client_pid)
}

# client_wait_exit WHAT STATUS: waits for the last client and checks it.
client_wait_exit() {
	local rc=0
	wait "$client_pid" || rc=$?
	if [ "$rc" -eq "$2" ]; then pass; else fail "$1: client exited with $rc, expected $2"; fi
}

# check_out WHAT FILE EXPECTED: the file holds exactly EXPECTED.
check_out() {
	if [ "$(cat "$2")" = "$3" ]; then
		pass
	else
		fail "$1: got '$(cat "$2")', expected '$3'"
	fi
}

finish() {
	echo "$checks checks, $failures failed"
	[ "$failures" -eq 0 ]
}
