# Shared by the integration tests: a private directory per test, the real
# vgpu-view binary run under the emulated VFIO device, checks that count
# failures and show what differed. Source it; end the test with `finish`.
set -uo pipefail

: "${VV_VIEWER:?run through meson test}"
T=$(mktemp -d "${TMPDIR:-/tmp}/vv-$(basename "$0" .sh).XXXXXX")
export VV_EMU_ROOT=$T/emu
mkdir -p "$VV_EMU_ROOT"
failures=0
checks=0
bg_pids=()
# The step the test is at, named when a wait runs out or meson's timeout
# ends the test.
vv_step="starting"
vv_step_start=$SECONDS

# VV_TIMEOUT_SCALE multiplies every wait (and run-in-weston.sh's): the waits
# end as soon as their condition holds, so only a failure takes longer.
# Default: 2, plus 1 per unit of load average per core.
if ! [[ ${VV_TIMEOUT_SCALE:-} =~ ^[1-9][0-9]{0,2}$ ]]; then
	read -r load _ </proc/loadavg
	VV_TIMEOUT_SCALE=$((2 + ${load%.*} / $(nproc)))
fi
export VV_TIMEOUT_SCALE

# What a test starts dies with it, even when the test is SIGKILLed (meson's
# timeout: SIGTERM, then SIGKILL 0.5 s later): prefix commands with
# "${tie[@]}".
tie=()
if setpriv --help 2>/dev/null | grep -q -- --pdeathsig; then
	tie=(setpriv --pdeathsig TERM --)
fi

tied_pid=

# run_tied CMD...: CMD, tied to the test (above), run in the background and
# waited for: bash runs a trap only once the foreground command is done, so
# a SIGTERM to the test would otherwise wait for CMD. Returns CMD's status.
run_tied() {
	local rc=0
	"${tie[@]}" "$@" &
	tied_pid=$!
	wait "$tied_pid" || rc=$?
	tied_pid=
	return "$rc"
}

cleanup() {
	if [ -n "$tied_pid" ]; then
		kill "$tied_pid" 2>/dev/null && wait "$tied_pid" 2>/dev/null
	fi
	stop_holders
	if [ "$failures" -eq 0 ]; then
		rm -rf "$T"
	else
		echo "kept for inspection: $T"
	fi
}
trap cleanup EXIT
# Without these traps bash would die without running the EXIT trap.
trap 'echo "$(basename "$0" .sh): SIGTERM (meson'"'"'s timeout?) after $((SECONDS - vv_step_start)) s at step: $vv_step"; exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

# The emulated device's control tool, on this test's private root.
emu() {
	"$VV_EMU" "$@"
}

# start_holder UUID: a "VMM" holding the device open (vv-emu hold), for
# pid:PID; sets holder_pid and holder_fd. stop_holders ends them all.
start_holder() {
	local ready=$T/hold-$1
	"${tie[@]}" "$VV_EMU" hold "$1" >"$ready" 2>&1 </dev/null &
	bg_pids+=($!)
	wait_for "holder of $1 ready" 5 grep -q '^ready' "$ready" || return 1
	holder_pid=$(sed -n 's/^ready pid=\([0-9]*\) .*/\1/p' "$ready")
	holder_fd=$(sed -n 's/^ready .* fd=\([0-9]*\).*/\1/p' "$ready")
}

stop_holders() {
	for pid in "${bg_pids[@]}"; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	bg_pids=()
}

# Runs the viewer with the emulated VFIO device preloaded (the sanitizer
# runtime first when the build has one). Output goes to $T/out, $T/err,
# the exit status to $rc.
viewer() {
	rc=0
	vv_step="vgpu-view $*" vv_step_start=$SECONDS
	run_tied env LD_PRELOAD="${VV_PRELOAD:-}" "$VV_VIEWER" "$@" \
		>"$T/out" 2>"$T/err" || rc=$?
}

# Same, without the emulated device (demo, error paths of the real one).
viewer_plain() {
	rc=0
	vv_step="vgpu-view $*" vv_step_start=$SECONDS
	run_tied "$VV_VIEWER" "$@" >"$T/out" 2>"$T/err" || rc=$?
}

pass() {
	checks=$((checks + 1))
}

fail() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	echo "FAIL: $*"
	echo "  stdout: $(head -c 2000 "$T/out" 2>/dev/null)"
	echo "  stderr: $(head -c 2000 "$T/err" 2>/dev/null)"
}

# check_rc WHAT EXPECTED: the last run's exit status.
check_rc() {
	if [ "$rc" -eq "$2" ]; then pass; else fail "$1: exit status $rc, expected $2"; fi
}

# check_text WHAT FILE EXPECTED: the file holds exactly EXPECTED.
check_text() {
	if [ "$(cat "$2")" = "$3" ]; then
		pass
	else
		fail "$1: $(basename "$2") differs"
		diff <(printf '%s\n' "$3") "$2" | sed 's/^/  /'
	fi
}

# check_out WHAT EXPECTED: the last run's stdout, exactly.
check_out() {
	check_text "$1" "$T/out" "$2"
}

# check_err WHAT EXPECTED: the last run's stderr, exactly.
check_err() {
	check_text "$1" "$T/err" "$2"
}

# check_err_has WHAT TEXT: stderr contains TEXT.
check_err_has() {
	if grep -qF -- "$2" "$T/err"; then pass; else fail "$1: stderr lacks '$2'"; fi
}

# check_one_line WHAT: stderr is exactly one line.
check_one_line() {
	local n
	n=$(wc -l <"$T/err")
	if [ "$n" -eq 1 ]; then pass; else fail "$1: stderr has $n lines, expected 1"; fi
}

# check_same_png WHAT A B: identical pixels.
check_same_png() {
	local msg
	if msg=$("$VV_EMU" cmp "$2" "$3" 2>&1); then
		pass
	else
		fail "$1: $2 and $3 differ: $msg"
		cp "$2" "$3" "$T/" 2>/dev/null
	fi
}

# wait_for WHAT SECONDS CMD...: polls CMD every 20 ms until it succeeds,
# for SECONDS × VV_TIMEOUT_SCALE at most.
wait_for() {
	local what=$1 limit=$(($2 * VV_TIMEOUT_SCALE))
	local deadline=$((SECONDS + limit))
	shift 2
	vv_step="waiting for $what" vv_step_start=$SECONDS
	until "$@" >/dev/null 2>&1; do
		if [ $SECONDS -ge $deadline ]; then
			fail "$what: not within $limit s (VV_TIMEOUT_SCALE=$VV_TIMEOUT_SCALE; the machine's load average: $(cut -d' ' -f1-3 /proc/loadavg))"
			return 1
		fi
		sleep 0.02
	done
	pass
}

finish() {
	echo "$(basename "$0" .sh): $((checks - failures)) of $checks checks passed"
	[ "$failures" -eq 0 ]
}
