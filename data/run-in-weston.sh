#!/bin/bash
# run-in-weston.sh: runs a Wayland client on a private weston 10 that needs
# no display and no GPU, and takes a screenshot of what the client showed.
#
#   run-in-weston.sh [OPTIONS] -- COMMAND [ARGS...]
#
#   --shell kiosk|desktop   weston's shell (default desktop)
#   --backend headless|x11  headless (default for desktop), or weston's x11
#                           backend on a private Xvfb (default for kiosk, see
#                           "kiosk-shell" below; needs the xvfb package)
#   --size WxH              output size in pixels (default 1024x768)
#   --screenshot OUT.png    write a screenshot of the whole output to OUT.png
#   --scene-graph OUT.txt   write weston's scene graph (each view's position,
#                           size, buffer type and format) just before the
#                           screenshot: where desktop-shell put the window
#   --wait SECONDS          how long COMMAND runs before the screenshot
#                           (default 2, fractions allowed); if COMMAND exits
#                           sooner, the screenshot is taken then
#   --exec-env VAR=VALUE    set VAR for COMMAND only, not for weston (e.g.
#                           LD_PRELOAD); may be repeated
#   --runtime-dir DIR       use DIR as XDG_RUNTIME_DIR instead of a fresh
#                           private one (mktemp -d, mode 0700)
#   --keep                  keep the work directory (weston.ini, weston.log,
#                           the globals weston advertised) and say where
#
# COMMAND gets WAYLAND_DISPLAY and XDG_RUNTIME_DIR, stdin from /dev/null, and
# its own process group. After the wait it gets SIGTERM (SIGKILL 5 s later),
# then weston does; nothing started here outlives the script, on any path:
# weston, Xvfb and COMMAND get SIGTERM when the script dies, even by SIGKILL
# (setpriv --pdeathsig, util-linux).
#
# VV_TIMEOUT_SCALE=N (a whole number, default 1) multiplies the time weston
# and Xvfb get to start and the helpers get to answer, for a loaded machine.
#
# Exit status:
#   0    the screenshot was written (or none was asked for), and COMMAND was
#        still running at the screenshot or had exited 0
#   N    COMMAND exited with status N before the screenshot (127: not found)
#   2    usage error
#   3    weston (or Xvfb) could not start, or died while COMMAND ran
#   4    weston-screenshooter did not write a screenshot
# Each failure prints one line on stderr ("run-in-weston: ..."), followed for
# weston failures by the end of weston's log.
#
# Timing: weston is up and a screenshot taken in about 0.2 s (headless) or
# 0.3 s (x11 on Xvfb), so a run takes about --wait + 0.3 s.
#
# What weston 10.0.1 (Debian bookworm) does here, checked with weston-info,
# weston-debug scene-graph, WAYLAND_DEBUG=1 and screenshots:
# - Globals (headless, pixman): wl_compositor 4, wl_subcompositor,
#   wp_viewporter, zxdg_output_manager_v1 2, wp_presentation,
#   zwp_relative_pointer_manager_v1, zwp_pointer_constraints_v1,
#   zwp_input_timestamps_manager_v1, wl_data_device_manager 3, wl_shm,
#   weston_debug_v1, zwp_linux_explicit_synchronization_v1 2, wl_output 3,
#   xdg_wm_base 3, weston_screenshooter. No zwp_linux_dmabuf_v1 (pixman
#   imports no dma-bufs), no wl_seat, no xdg-decoration, no fractional-scale.
#   The x11 backend adds wl_seat 7 and lacks explicit synchronization.
# - wl_shm formats (both): ARGB8888, XRGB8888, RGB565, ABGR8888, XBGR8888,
#   RGBA8888, RGBX8888, BGRA8888, BGRX8888, ARGB2101010, XRGB2101010,
#   ABGR2101010, XBGR2101010.
# - kiosk-shell's first configure is xdg_toplevel.configure(W, H, [one
#   state: fullscreen]) with the output's size (then [fullscreen, activated]
#   when there is a seat). But weston 10 puts a window into a layer only when
#   it activates it for a seat (kiosk-shell.c desktop_surface_committed;
#   weston 13 no longer does), and the headless backend has no seat: there
#   no window is ever shown, no frame callback comes, and the screenshot is
#   the bare background. Hence kiosk runs on the x11 backend here, which has
#   a seat. There a W x H buffer is shown 1:1 at (0,0), a smaller one is
#   centred; if the client sets a cursor, its sprite is drawn at weston's
#   pointer, (100,100) (the Xvfb screen is made larger so that the X
#   pointer never enters weston's window and moves it). A client that sets
#   no cursor gets no sprite (weston-simple-shm: none).
# - desktop-shell places a new toplevel at a pseudo-random spot inside the
#   output (random() is never seeded, so in practice the same spot for the
#   same window size, but nothing promises that): locate it with png-find
#   or --scene-graph. A fullscreen request gets the output's size and (0,0)
#   over a black backdrop. panel-position=none leaves no panel.
# - Both shells paint background-color, set below, over the whole output.
# - Frame callbacks come about every 25 ms on headless, 20 ms on x11.
# - Screenshots (weston-screenshooter, which needs --debug) are PNGs of the
#   whole output, exactly W x H, 8 bits per channel, composited: subsurfaces
#   and the pointer sprite are in them. The PNG is RGB when every pixel is
#   opaque, else RGBA, and its alpha is the client buffer's X byte: where an
#   XRGB8888 buffer has X=0 the pixel is written as (0,0,0,0), its colour
#   lost (cairo un-premultiplies it), although weston shows the colour.
#   Clients whose pixels a test checks should write X=0xff, and screenshots
#   should be read without premultiplying (png-find ignores alpha; cairo's
#   PNG loader premultiplies).
set -euo pipefail

me=run-in-weston
scale=${VV_TIMEOUT_SCALE:-1}
[[ $scale =~ ^[1-9][0-9]{0,2}$ ]] || scale=1
start_timeout=$((10 * scale)) # s for Xvfb, then weston, to come up
tool_timeout=$((10 * scale))  # s for weston-debug, weston-screenshooter
stop_grace=5                  # s between SIGTERM and SIGKILL
background=0xff1e3c5a

usage() {
	sed -n '2,/^# weston failures/p' "$0" | sed 's/^# \{0,1\}//'
}

die_usage() {
	echo "$me: $1 (see --help)" >&2
	exit 2
}

shell=desktop
backend=
size=1024x768
shot=
graph=
wait_s=2
keep=0
runtime=
exec_env=()

while [ $# -gt 0 ]; do
	case $1 in
	--shell | --backend | --size | --screenshot | --scene-graph | --wait | \
		--exec-env | --runtime-dir)
		[ $# -ge 2 ] || die_usage "$1 needs a value"
		opt=$1 val=$2
		shift 2
		;;
	--*=*)
		opt=${1%%=*} val=${1#*=}
		shift
		;;
	--keep)
		keep=1
		shift
		continue
		;;
	-h | --help)
		usage
		exit 0
		;;
	--)
		shift
		break
		;;
	*)
		die_usage "unexpected '$1' (the command goes after --)"
		;;
	esac
	case $opt in
	--shell) shell=$val ;;
	--backend) backend=$val ;;
	--size) size=$val ;;
	--screenshot) shot=$val ;;
	--scene-graph) graph=$val ;;
	--wait) wait_s=$val ;;
	--exec-env) exec_env+=("$val") ;;
	--runtime-dir) runtime=$val ;;
	*) die_usage "unknown option $opt" ;;
	esac
done

[ $# -gt 0 ] || die_usage "no command given after --"
case $shell in
kiosk | desktop) ;;
*) die_usage "--shell must be kiosk or desktop, not '$shell'" ;;
esac
if [ -z "$backend" ]; then
	backend=headless
	[ "$shell" = desktop ] || backend=x11
fi
case $backend in
headless | x11) ;;
*) die_usage "--backend must be headless or x11, not '$backend'" ;;
esac
[[ $size =~ ^([1-9][0-9]{0,4})x([1-9][0-9]{0,4})$ ]] ||
	die_usage "--size must be WIDTHxHEIGHT in pixels, not '$size'"
width=${BASH_REMATCH[1]}
height=${BASH_REMATCH[2]}
[[ $wait_s =~ ^[0-9]+(\.[0-9]+)?$ ]] ||
	die_usage "--wait must be a number of seconds, not '$wait_s'"
for kv in ${exec_env[@]+"${exec_env[@]}"}; do
	[[ $kv =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] ||
		die_usage "--exec-env needs VAR=VALUE, not '$kv'"
done
for f in "$shot" "$graph"; do
	[ -z "$f" ] || [ -d "$(dirname -- "$f")" ] ||
		die_usage "cannot write $f: no directory $(dirname -- "$f")"
done
if [ -n "$runtime" ] && [ ! -d "$runtime" ]; then
	die_usage "--runtime-dir $runtime is not a directory"
fi
if ! command -v -- "$1" >/dev/null; then
	echo "$me: $1: command not found" >&2
	exit 127
fi

need=(weston weston-debug)
[ -z "$shot" ] || need+=(weston-screenshooter)
[ "$backend" = headless ] || need+=(Xvfb)
for tool in "${need[@]}"; do
	if ! command -v "$tool" >/dev/null; then
		pkg=weston
		[ "$tool" != Xvfb ] || pkg=xvfb
		echo "$me: $tool is not installed (apt-get install $pkg)" >&2
		exit 3
	fi
done
if command -v wayland-info >/dev/null; then
	info_tool=wayland-info
elif command -v weston-info >/dev/null; then
	info_tool=weston-info
else
	echo "$me: neither wayland-info nor weston-info is installed (apt-get install weston)" >&2
	exit 3
fi
if [ "$shell" = kiosk ] && [ "$backend" = headless ]; then
	echo "$me: warning: kiosk-shell on the headless backend shows no window (weston 10 maps one only for a seat, and headless has none); use --backend x11" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/$me.XXXXXX")
if [ -n "$runtime" ]; then
	rt=$runtime
else
	rt=$work/runtime
	mkdir -m 0700 "$rt"
fi
sock=$me-$$
# What this script starts dies with it, even when it is SIGKILLed: meson's
# timeout sends SIGTERM and, 0.5 s later, SIGKILL to the test's process
# group, which weston and COMMAND (sessions of their own) are not in.
tie=()
if setpriv --help 2>/dev/null | grep -q -- --pdeathsig; then
	tie=(setpriv --pdeathsig TERM --)
fi
cmd_pid=
weston_pid=
xvfb_pid=
sleep_pid=

# Whether PID is a live process (a zombie is not). The shell's own read,
# never a process per file: on a busy machine a $(cat) per /proc entry made
# one pass over ~150 processes take 7 s.
alive() {
	local stat
	{ read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
	stat=${stat##*) }
	[ "${stat%% *}" != Z ]
}

# Whether any live process is in process group $1.
# shellcheck disable=SC2317 # called from the EXIT trap
# Read from /proc: a fresh minimal system has no ps (procps).
group_alive() {
	local f stat state ppid pgrp
	alive "$1" && return 0
	for f in /proc/[0-9]*/stat; do
		{ read -r stat <"$f"; } 2>/dev/null || continue
		read -r state ppid pgrp _ <<<"${stat##*) }"
		[ "$pgrp" = "$1" ] && [ "$state" != Z ] && return 0
	done
	return 1
}

# stop_group PID WHAT: SIGTERM to the process group PID leads, SIGKILL to
# what is left of it after $stop_grace s, then reaps the leader.
# shellcheck disable=SC2317 # called from the EXIT trap
stop_group() {
	local pid=$1 i
	[ -n "$pid" ] || return 0
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
	for ((i = 0; i < stop_grace * 20; i++)); do
		group_alive "$pid" || break
		sleep 0.05
	done
	if group_alive "$pid"; then
		echo "$me: $2 did not exit within $stop_grace s of SIGTERM; killed it" >&2
		kill -KILL -- "-$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
}

# shellcheck disable=SC2317 # the EXIT trap
cleanup() {
	local rc=$?
	set +e
	trap - EXIT INT TERM HUP
	[ -z "$sleep_pid" ] || { kill "$sleep_pid" && wait "$sleep_pid"; } 2>/dev/null
	stop_group "$cmd_pid" "$1"
	stop_group "$weston_pid" weston
	stop_group "$xvfb_pid" Xvfb
	rm -f "$rt/$sock" "$rt/$sock.lock"
	if [ "$keep" = 1 ]; then
		echo "$me: kept $work" >&2
	else
		rm -rf "$work"
	fi
	exit "$rc"
}
cmd_name=$1
trap 'cleanup "$cmd_name"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Where weston's log is, for error lines: shown below them unless kept.
log_hint() {
	if [ "$keep" = 1 ]; then
		echo "weston's log: $work/weston.log"
	else
		echo "end of weston's log below; --keep keeps it"
	fi
}

# The end of weston's (and Xvfb's) output, after an error line.
show_log() {
	local f text
	[ "$keep" = 0 ] || return 0
	for f in weston.log weston.out xvfb.log; do
		text=$(grep -v '^WARNING: debug protocol has been enabled' \
			"$work/$f" 2>/dev/null | tail -n 12)
		[ -n "$text" ] || continue
		echo "  $f:"
		printf '%s\n' "$text" | sed 's/^/  | /'
	done >&2
}

# Runs a helper client on our weston.
on_weston() {
	env -u DISPLAY WAYLAND_DISPLAY="$sock" XDG_RUNTIME_DIR="$rt" "$@"
}

start_xvfb() {
	# -displayfd: Xvfb picks a free display and writes its number once it
	# accepts connections. The X pointer starts at the screen's centre:
	# on a screen twice the output's size that is outside weston's window,
	# so weston's own pointer stays at (0,0) rather than jumping to the
	# middle of the output when X happens to send an EnterNotify.
	(exec "${tie[@]}" setsid Xvfb -displayfd 3 \
		-screen 0 "$((width * 2 + 2))x$((height * 2 + 2))x24" \
		-nolisten tcp -noreset 3>"$work/xdisplay" </dev/null \
		>"$work/xvfb.log" 2>&1) &
	xvfb_pid=$!
	local deadline=$((SECONDS + start_timeout))
	until [ -s "$work/xdisplay" ]; do
		if ! alive "$xvfb_pid" || [ $SECONDS -ge $deadline ]; then
			echo "$me: Xvfb did not start within $start_timeout s, so weston's x11 backend cannot run (its log follows; --shell desktop needs no Xvfb)" >&2
			show_log
			return 1
		fi
		sleep 0.02
	done
	xdisplay=:$(head -n 1 "$work/xdisplay")
}

write_ini() {
	cat >"$work/weston.ini" <<-EOF
		[core]
		idle-time=0

		[shell]
		animation=none
		startup-animation=none
		focus-animation=none
		close-animation=none
		panel-position=none
		locking=false
		background-image=
		background-color=$background

		[input-method]
		path=
	EOF
}

# Whether weston is ready for clients: the socket answers, the shell is
# loaded, and desktop-shell's helper has put the background up (windows
# mapped before it would be screenshot over black).
weston_ready() {
	[ -S "$rt/$sock" ] || return 1
	on_weston "$info_tool" >"$work/globals.txt" 2>/dev/null || return 1
	grep -q "'xdg_wm_base'" "$work/globals.txt" || return 1
	[ -z "$shot" ] || grep -q "'weston_screenshooter'" "$work/globals.txt" ||
		return 1
	[ "$shell" = desktop ] || return 0
	on_weston timeout "$tool_timeout" weston-debug scene-graph 2>/dev/null |
		grep -q 'background for output'
}

start_weston() {
	write_ini
	local display=()
	[ "$backend" = headless ] || display=(DISPLAY="$xdisplay")
	(
		exec env -u WAYLAND_DISPLAY -u WAYLAND_SOCKET -u DISPLAY \
			XDG_RUNTIME_DIR="$rt" "${display[@]}" \
			"${tie[@]}" setsid weston --config="$work/weston.ini" \
			--backend="$backend-backend.so" --use-pixman \
			--width="$width" --height="$height" --socket="$sock" \
			--idle-time=0 --debug --shell="$shell-shell.so" \
			--log="$work/weston.log" </dev/null >"$work/weston.out" 2>&1
	) &
	weston_pid=$!
	local deadline=$((SECONDS + start_timeout)) rc
	until weston_ready; do
		if ! alive "$weston_pid"; then
			rc=0
			wait "$weston_pid" || rc=$?
			weston_pid=
			echo "$me: weston exited with status $rc while starting ($(log_hint))" >&2
			show_log
			return 1
		fi
		if [ $SECONDS -ge $deadline ]; then
			echo "$me: weston did not accept clients on $rt/$sock within $start_timeout s ($(log_hint))" >&2
			show_log
			return 1
		fi
		sleep 0.02
	done
}

take_screenshot() {
	local dir=$work/shot files why
	mkdir -p "$dir"
	if ! (cd "$dir" && on_weston timeout "$tool_timeout" weston-screenshooter) \
		>"$work/screenshooter.log" 2>&1; then
		echo "$me: weston-screenshooter failed: $(head -c 300 "$work/screenshooter.log" | tr '\n' ' ')($(log_hint))" >&2
		show_log
		return 1
	fi
	files=("$dir"/wayland-screenshot-*.png)
	if [ ! -f "${files[0]}" ]; then
		echo "$me: weston-screenshooter exited 0 but wrote no wayland-screenshot-*.png ($(log_hint))" >&2
		show_log
		return 1
	fi
	if ! why=$(mv -fT -- "${files[0]}" "$shot" 2>&1); then
		echo "$me: cannot write the screenshot to $shot (${why#mv: })" >&2
		return 1
	fi
}

if [ "$backend" = x11 ]; then
	start_xvfb || exit 3
fi
start_weston || exit 3

(
	exec env -u WAYLAND_SOCKET ${exec_env[@]+"${exec_env[@]}"} \
		WAYLAND_DISPLAY="$sock" XDG_RUNTIME_DIR="$rt" "${tie[@]}" setsid -- "$@" </dev/null
) &
cmd_pid=$!
"${tie[@]}" sleep "$wait_s" &
sleep_pid=$!

status=0
done_pid=
wait -n -p done_pid "$cmd_pid" "$sleep_pid" "$weston_pid" || status=$?
if [ "$done_pid" = "$weston_pid" ]; then
	weston_pid=
	echo "$me: weston exited with status $status while $cmd_name ran ($(log_hint))" >&2
	show_log
	exit 3
fi
if [ "$done_pid" = "$cmd_pid" ]; then
	cmd_pid=
	if [ "$status" -ne 0 ]; then
		echo "$me: $cmd_name exited with status $status before the screenshot" >&2
	fi
else
	[ "$done_pid" != "$sleep_pid" ] || sleep_pid=
	status=0
fi

if [ -n "$graph" ]; then
	on_weston timeout "$tool_timeout" weston-debug scene-graph >"$graph" 2>/dev/null ||
		echo "$me: could not read weston's scene graph (weston-debug failed)" >&2
fi
if [ -n "$shot" ] && ! take_screenshot && [ "$status" -eq 0 ]; then
	status=4
fi
exit "$status"
