# Shared by the tests that run the viewer in the strict test compositor
# (tests/compositor, documented in tests/README.md): start it and the viewer,
# drive it through its control FIFO, take screenshots, check its protocol
# log. Source it after lib.sh.
: "${VV_COMPOSITOR:?}"

export XDG_RUNTIME_DIR=$T/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"
comp_pid=
viewer_pid=
n_shots=0

# end PID: SIGTERM, then SIGKILL if it is still there after 3 s (a hang is
# reported by the checks that waited for it, not by a test that never ends).
end() {
	local i
	kill "$1" 2>/dev/null || return 0
	for ((i = 0; i < 150; i++)); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.02
	done
	if kill -0 "$1" 2>/dev/null; then
		echo "note: pid $1 ignored SIGTERM for 3 s; killed"
		kill -9 "$1" 2>/dev/null
	fi
	wait "$1" 2>/dev/null
}

stop_all() {
	[ -n "$viewer_pid" ] && end "$viewer_pid"
	[ -n "$comp_pid" ] && end "$comp_pid"
	viewer_pid= comp_pid=
}
trap 'stop_all; cleanup' EXIT
# lib.sh's TERM, INT and HUP traps exit, which runs this one.

# start COMPOSITOR-ARGS... -- VIEWER-ARGS...: a compositor on a fresh socket
# and the viewer in it. Protocol log in $T/log, viewer output in $T/out/err.
start() {
	stop_all
	local cargs=()
	while [ "$1" != -- ]; do cargs+=("$1"); shift; done
	shift
	socket=vv-test-$RANDOM
	rm -f "$T/log" "$T/ctl" "$T/comp-out"
	n_shots=0
	"${tie[@]}" "$VV_COMPOSITOR" --socket "$socket" --log "$T/log" --control "$T/ctl" \
		--size 1024x768 "${cargs[@]}" >"$T/comp-out" 2>"$T/comp-err" &
	comp_pid=$!
	wait_for "compositor ready" 5 grep -q '^ready' "$T/comp-out" || return 1
	"${tie[@]}" env WAYLAND_DISPLAY="$socket" LD_PRELOAD="${VV_PRELOAD:-}" \
		"$VV_VIEWER" --stats "$@" >"$T/out" 2>"$T/err" &
	viewer_pid=$!
	# Shown: a guest-surface commit with a buffer has arrived.
	wait_for "first frame" 5 grep -q 'role=subsurface.*buffer=\(dmabuf\|shm\)' "$T/log"
}

# stop: ends the viewer with SIGTERM (its --stats land in $T/out, its exit
# status in $rc), then the compositor.
stop() {
	rc=0
	kill "$viewer_pid" 2>/dev/null
	wait "$viewer_pid" 2>/dev/null || rc=$?
	viewer_pid=
	stop_all
}

ctl() {
	echo "$*" >"$T/ctl"
}

# snap OUT.png: a screenshot now.
snap() {
	n_shots=$((n_shots + 1))
	ctl screenshot "$1"
	wait_for "screenshot $n_shots" 5 grep -q "^screenshot .* $1\$" "$T/log"
}

# shot OUT.png: a screenshot once the viewer has drawn a few more frames.
shot() {
	local before
	before=$(grep -c '^commit' "$T/log")
	wait_for "frames after a change" 5 \
		sh -c "[ \$(grep -c '^commit' '$T/log') -ge $((before + 6)) ]"
	snap "$1"
}

# check_rect WHAT EXPECTED.png SHOT.png X,Y,W,H
check_rect() {
	local msg
	if msg=$("$VV_EMU" cmp "$2" "$3" --rect "$4" 2>&1); then
		pass
	else
		fail "$1: $msg"
		cp "$2" "$3" "$T/" 2>/dev/null
	fi
}

check_log_has() {
	if grep -q -- "$2" "$T/log"; then pass; else fail "$1: no log line matches '$2'"; fi
}

check_log_lacks() {
	local line
	if line=$(grep -m1 -- "$2" "$T/log"); then fail "$1: log has '$line'"; else pass; fi
}

check_stat() {
	local v
	v=$(grep -o "\b$2=[0-9]*" "$T/out" | cut -d= -f2)
	if [ -n "$v" ] && [ "$v" "$3" "$4" ]; then pass; else fail "$1: $2=${v:-missing}, expected $3 $4"; fi
}

# solid_png W H RRGGBB OUT.png
solid_png() {
	python3 - "$@" <<'PY'
import struct, sys, zlib
w, h, rgb, out = int(sys.argv[1]), int(sys.argv[2]), bytes.fromhex(sys.argv[3]), sys.argv[4]
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\0" + rgb * w for _ in range(h))
with open(out, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY
}

