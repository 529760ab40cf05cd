#!/bin/bash
# Proves data/run-in-weston.sh with Debian's own weston clients: kiosk-shell
# shows a client full-screen 1:1 at (0,0), desktop-shell's window is where
# png-find says and weston's scene graph agrees, each exit status is the
# documented one, and no run leaves a process or a temporary file behind.
#
# Environment: VV_PNG_FIND (tests/tools/png-find; else png-find from PATH),
# VV_RUN_IN_WESTON (default: the script in this tree). Needs weston and xvfb;
# exits 77 (skipped) without them. Takes about 15 s.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
riw=${VV_RUN_IN_WESTON:-$top/data/run-in-weston.sh}
png_find=${VV_PNG_FIND:-$(command -v png-find || true)}
for tool in weston weston-simple-shm weston-image weston-screenshooter Xvfb; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: $tool is not installed (apt-get install weston xvfb)"
		exit 77
	fi
done
if [ ! -x "$png_find" ]; then
	echo "FAIL: no png-find (build tests/tools and set VV_PNG_FIND)"
	exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/vv-weston-harness.XXXXXX")
mkdir "$T/tmp" "$T/bin"
failures=0
checks=0

finish() {
	echo "weston-harness: $((checks - failures)) of $checks checks passed"
	if [ "$failures" -eq 0 ]; then
		rm -rf "$T"
	else
		echo "kept for inspection: $T"
	fi
	[ "$failures" -eq 0 ]
}

pass() {
	checks=$((checks + 1))
	echo "ok: $*"
}

fail() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	echo "FAIL: $*"
	echo "  stderr of the last run: $(head -c 2000 "$T/err")"
}

# check WHAT CONDITION...: one check, named by what it proves.
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# Processes started by the last run that are still alive: every one of them
# has the run's TMPDIR in its environment. One grep for all of /proc, not a
# process per entry: that is slow on a busy machine.
leftovers() {
	grep -lzxF "TMPDIR=$T/tmp" /proc/[0-9]*/environ 2>/dev/null |
		sed 's,^/proc/\([0-9]*\)/environ$,\1,'
}

# riw ARGS...: runs the script; status in $rc, stderr in $T/err. Then checks
# that it left nothing behind.
riw() {
	local start=$EPOCHREALTIME
	rc=0
	TMPDIR=$T/tmp "$riw" "$@" >"$T/out" 2>"$T/err" </dev/null || rc=$?
	after_run "status $rc in $(awk -v a="$start" -v b="$EPOCHREALTIME" \
		'BEGIN { printf "%.1f s", b - a }'): run-in-weston.sh $*"
}

# after_run WHAT: reports the run, checks it left nothing behind.
after_run() {
	local left
	echo "$1"
	left=$(leftovers)
	check "no process left behind" [ -z "$left" ]
	[ -z "$left" ] || ps -o pid,args -p "${left//$'\n'/,}"
	check "no temporary files left behind" \
		[ -z "$(ls -A "$T/tmp")" ]
	rm -rf "${T:?}/tmp/"*
}

# differ_at_0_0 A.png B.png MIN MAX: A and B are the same size and differ in
# MIN to MAX pixels (png-find's count at 0,0).
differ_at_0_0() {
	local out n
	out=$("$png_find" "$1" "$2")
	echo "  png-find: $out"
	case $out in
	"found 0,0") n=0 ;;
	"not found (best: 0,0 with "*) n=${out#*with } n=${n%% *} ;;
	*) return 1 ;;
	esac
	[ "$(png_size "$1")" = "$(png_size "$2")" ] && [ "$n" -ge "$3" ] &&
		[ "$n" -le "$4" ]
}

png_size() {
	od -An -tu1 -j16 -N8 "$1" |
		awk '{ printf "%dx%d", $1 * 16777216 + $2 * 65536 + $3 * 256 + $4,
			$5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'
}

# toplevel_position SCENE_GRAPH: "X Y" of the first xdg_toplevel view.
toplevel_position() {
	sed -n '/role xdg_toplevel/{n;s/.*position: (\(-*[0-9]*\), \(-*[0-9]*\)).*/\1 \2/p;q}' "$1"
}

toplevel_rect() {
	sed -n '/role xdg_toplevel/{n;s/.*position: //p;q}' "$1"
}

# --- Usage and early failures: no weston is started.
riw --shell tiling -- true
check "--shell tiling: status 2" [ "$rc" -eq 2 ]
check "--shell tiling: one line on stderr" [ "$(wc -l <"$T/err")" -eq 1 ]
riw -- no-such-command-vv
check "missing command: status 127" [ "$rc" -eq 127 ]

# --- kiosk-shell, 640x480: weston-simple-shm draws 250x250 whatever the
# configure says; kiosk-shell centres it. Everything that differs from an
# empty kiosk screenshot must be the client's.
riw --shell kiosk --size 640x480 --screenshot "$T/kiosk-empty.png" \
	--wait 0.2 -- sleep 30
check "empty kiosk: status 0" [ "$rc" -eq 0 ]
riw --shell kiosk --size 640x480 --screenshot "$T/kiosk-shm.png" \
	--scene-graph "$T/kiosk-shm.txt" --wait 1 -- weston-simple-shm
check "kiosk simple-shm: status 0" [ "$rc" -eq 0 ]
check "kiosk screenshot is 640x480 ($(png_size "$T/kiosk-shm.png"))" \
	[ "$(png_size "$T/kiosk-shm.png")" = 640x480 ]
rect=$(toplevel_rect "$T/kiosk-shm.txt")
check "kiosk-shell centres the 250x250 window: $rect" \
	[ "$rect" = "(195, 115) -> (445, 365)" ]
check "the screenshot shows the client, all 250x250 of it, and only it" \
	differ_at_0_0 "$T/kiosk-empty.png" "$T/kiosk-shm.png" 60000 62500

# --- desktop-shell at 640x480 makes a picture; kiosk-shell shows it with
# weston-image, full-screen: the screenshot is that picture, 1:1 at (0,0),
# but for the 32x32 pointer sprite weston-image sets, drawn at weston's
# pointer (100,100).
riw --size 640x480 --screenshot "$T/picture640.png" --wait 0.5 \
	-- weston-simple-shm
check "desktop 640x480: status 0" [ "$rc" -eq 0 ]
riw --shell kiosk --size 640x480 --screenshot "$T/kiosk-image.png" \
	--scene-graph "$T/kiosk-image.txt" --wait 1 \
	-- weston-image "$T/picture640.png"
check "kiosk weston-image: status 0" [ "$rc" -eq 0 ]
rect=$(toplevel_rect "$T/kiosk-image.txt")
check "kiosk-shell makes the window fullscreen: $rect" \
	[ "$rect" = "(0, 0) -> (640, 480)" ]
check "the 640x480 picture is shown 1:1 at (0,0) but for the pointer" \
	differ_at_0_0 "$T/picture640.png" "$T/kiosk-image.png" 0 1024
rect=$(sed -n '/role wl_pointer-cursor/{n;s/.*position: //p;q}' \
	"$T/kiosk-image.txt")
# Where the sprite's corner lands depends on the cursor theme's hotspot
# (themes differ between machines): it must cover weston's pointer.
covers_100_100() {
	local x0 y0 x1 y1
	read -r x0 y0 x1 y1 <<<"$(tr -d '(),>-' <<<"$1")"
	[ "${x0:-999}" -le 100 ] && [ "${x1:-0}" -gt 100 ] &&
		[ "${y0:-999}" -le 100 ] && [ "${y1:-0}" -gt 100 ]
}
check "the pointer sprite covers weston's pointer (100,100): $rect" \
	covers_100_100 "$rect"

# --- desktop-shell, 1024x768: weston-image shows a 424x303 picture 1:1 in
# its default window (toytoolkit's frame: 32 px of shadow, a 6 px border, a
# 27 px title bar); png-find must find it where weston put the window.
riw --size 424x303 --screenshot "$T/picture424.png" --wait 0.5 \
	-- weston-simple-shm
check "desktop 424x303: status 0" [ "$rc" -eq 0 ]
riw --size 1024x768 --screenshot "$T/desktop-image.png" \
	--scene-graph "$T/desktop-image.txt" --wait 1 \
	-- weston-image "$T/picture424.png"
check "desktop weston-image: status 0" [ "$rc" -eq 0 ]
check "desktop screenshot is 1024x768" \
	[ "$(png_size "$T/desktop-image.png")" = 1024x768 ]
read -r wx wy <<<"$(toplevel_position "$T/desktop-image.txt")"
out=$("$png_find" "$T/picture424.png" "$T/desktop-image.png")
check "png-find finds the picture where weston put the window, at ($wx, $wy) + (38, 59): $out" \
	[ "$out" = "found $((wx + 38)),$((wy + 59))" ]

# --- Exit statuses and clean-up on the other paths.
riw --screenshot "$T/early.png" --size 320x240 -- sh -c 'exit 7'
check "command failing early: its status 7" [ "$rc" -eq 7 ]
check "command failing early: says so" grep -q 'exited with status 7' "$T/err"
riw --screenshot "$T/true.png" --size 320x240 -- true
check "command exiting 0 early: status 0 and a screenshot" \
	[ "$rc" -eq 0 ] && [ -s "$T/true.png" ]

printf '#!/bin/sh\necho "weston: no backend here" >&2\nexit 1\n' >"$T/bin/weston"
chmod +x "$T/bin/weston"
PATH=$T/bin:$PATH riw -- weston-simple-shm
check "weston failing to start: status 3" [ "$rc" -eq 3 ]
check "weston failing to start: says so, with its log" \
	grep -q 'weston exited with status 1 while starting' "$T/err"
rm "$T/bin/weston"

printf '#!/bin/sh\nexit 0\n' >"$T/bin/weston-screenshooter"
chmod +x "$T/bin/weston-screenshooter"
PATH=$T/bin:$PATH riw --screenshot "$T/none.png" --wait 0.2 -- weston-simple-shm
check "no screenshot written: status 4" [ "$rc" -eq 4 ]
rm "$T/bin/weston-screenshooter"

# Every cat the script runs is logged: its liveness checks read /proc with
# the shell's own read, never a process per entry (7 s a pass with ~150
# processes on a busy machine).
printf '#!/bin/sh\necho "$*" >>"%s"\nexec /bin/cat "$@"\n' "$T/cats" >"$T/bin/cat"
chmod +x "$T/bin/cat"
: >"$T/cats"
PATH=$T/bin:$PATH riw --wait 0.2 -- sh -c 'trap "" TERM; sleep 30'
check "a command ignoring SIGTERM is killed: status 0, one warning" \
	[ "$rc" -eq 0 ] && grep -q 'killed it' "$T/err"
check "no process per /proc entry: $(grep -c /proc "$T/cats") cat of /proc" \
	[ "$(grep -c /proc "$T/cats")" -eq 0 ]
rm "$T/bin/cat"

# SIGTERM once weston is up: the script's trap must stop everything.
TMPDIR=$T/tmp "$riw" --shell kiosk --wait 30 -- weston-simple-shm \
	>"$T/out" 2>"$T/err" </dev/null &
pid=$!
for ((i = 0; i < 500; i++)); do
	compgen -G "$T/tmp/run-in-weston.*/runtime/run-in-weston-[0-9]*[0-9]" \
		>/dev/null && break
	sleep 0.02
done
sleep 0.5
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
after_run "status $rc: run-in-weston.sh got SIGTERM while running"
check "SIGTERM to the script: status 143" [ "$rc" -eq 143 ]

finish
