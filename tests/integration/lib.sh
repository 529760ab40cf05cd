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

cleanup() {
	stop_holders
	if [ "$failures" -eq 0 ]; then
		rm -rf "$T"
	else
		echo "kept for inspection: $T"
	fi
}
trap cleanup EXIT

# The emulated device's control tool, on this test's private root.
emu() {
	"$VV_EMU" "$@"
}

# start_holder UUID: a "VMM" holding the device open (vv-emu hold), for
# pid:PID; sets holder_pid and holder_fd. stop_holders ends them all.
start_holder() {
	local ready=$T/hold-$1
	"$VV_EMU" hold "$1" >"$ready" 2>&1 </dev/null &
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
	LD_PRELOAD="${VV_PRELOAD:-}" "$VV_VIEWER" "$@" >"$T/out" 2>"$T/err" || rc=$?
}

# Same, without the emulated device (demo, error paths of the real one).
viewer_plain() {
	rc=0
	"$VV_VIEWER" "$@" >"$T/out" 2>"$T/err" || rc=$?
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

# wait_for WHAT SECONDS CMD...: polls CMD every 20 ms until it succeeds.
wait_for() {
	local what=$1 deadline=$((SECONDS + $2))
	shift 2
	until "$@" >/dev/null 2>&1; do
		if [ $SECONDS -ge $deadline ]; then
			fail "$what: not within the time limit"
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
