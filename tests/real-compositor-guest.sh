#!/bin/bash
# The guest half of tests/real-compositor.sh: run as real-stack's CLIENT in
# the guest's weston session (WAYLAND_DISPLAY set, host root read-only,
# REAL_STACK_OUT the results share). Runs vgpu-view once per phase and
# leaves, for the host to judge, in $REAL_STACK_OUT/rc/:
#   PHASE.stdout, PHASE.stderr, PHASE.status   the viewer's output, how it ended
#   shot-PHASE[-N].png                           weston's screenshots
#   PHASE.found                                  png-find's answer for a frozen frame
# and a "### real-stack: phase PHASE" line in drm-backend.txt before each
# phase, so that summary.txt gives each phase's COMPOSITION.
#
#   real-compositor-guest.sh VIEWER DEMO_EXPECT PNG_FIND BACKING PHASE...
# BACKING is appended to each demo spec (",drm=/dev/dri/card0" or "").
# Phases: window fullscreen scanout live cost udmabuf refused foreign
# (scanout and refused need RC_REFUSE_PRELOAD, tests/tools/dmabuf-refuse.c;
# cost needs RC_VV_COMPOSITOR, the test compositor; foreign RC_ROOT_DIR).
# Every wait is bounded; the script ends by itself well inside CLIENT_WAIT.
#
# RC_ROOT_DIR (tests/real-compositor.sh RC_ROOT=trixie): another Debian
# root, reached in the guest through the rig's share of the host's /. The
# rig's weston 10 is stopped (it holds the vkms card as DRM master) and
# that root's weston runs on the card instead, in a chroot with the
# guest's /dev, /proc, /sys, /run and /tmp bound in; the viewer and the
# tools stay in the host's root and reach it through the shared
# XDG_RUNTIME_DIR. Leaves rc/weston.log, weston.stderr, wayland-info.txt
# and versions.txt, and the phase "foreign": the rig's reference client
# with udmabuf, vgem and mbochs buffers in that weston.
set -uo pipefail
viewer=$1 demo_expect=$2 png_find=$3 backing=$4
shift 4
out=$REAL_STACK_OUT/rc
mkdir -p "$out"
work=$(mktemp -d)
preload=
refuse_format=
force_linear=
wl=
count=
refuse=
up() { cut -d' ' -f1 /proc/uptime; }
say() { echo "[$(up)] RC $*"; }

root=${RC_ROOT_DIR:-}
# in_root CMD...: CMD in the other root (as is when there is none), with
# this session's XDG_RUNTIME_DIR and WAYLAND_DISPLAY and nothing else
in_root() {
	if [ -z "$root" ]; then
		"$@"
	else
		chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp \
			XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" WAYLAND_DISPLAY="$WAYLAND_DISPLAY" "$@"
	fi
}

# root_weston: the other root's weston on the vkms card (DRM backend, the
# GL renderer or RC_ROOT_RENDERER, desktop shell; libseat's built-in seatd
# in place of weston 10's --tty), its drm-backend debug scope appended to
# the rig's file
root_weston() {
	local card c end
	for c in /sys/class/drm/card[0-9]*; do
		[ "$(basename "$(readlink -f "$c/device")")" = vkms ] && card=$(basename "$c")
	done
	rm -f "$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY" "$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY.lock"
	# no panel: weston 14's desktop-shell keeps a fullscreen window below
	# it, at 0,32 (its drm-backend scene graph), so the window would never
	# cover the output and never reach the primary plane
	printf '[shell]\npanel-position=none\n' >"$work/weston.ini"
	in_root env LIBSEAT_BACKEND=builtin weston --backend=drm --renderer="${RC_ROOT_RENDERER:-gl}" \
		--shell=desktop --drm-device="${card:-card0}" --continue-without-input --idle-time=0 \
		--config="$work/weston.ini" --debug --socket="$WAYLAND_DISPLAY" --log="$out/weston.log" \
		>>"$out/weston.stderr" 2>&1 &
	wpid=$!
	end=$((SECONDS + 300))
	until [ -S "$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY" ]; do
		kill -0 "$wpid" 2>/dev/null && [ $SECONDS -lt $end ] || {
			say "root weston did not come up (rc/weston.log, rc/weston.stderr)"
			return 1
		}
		sleep 0.2
	done
	in_root weston-debug drm-backend >>"$REAL_STACK_OUT/drm-backend.txt" 2>/dev/null &
	dpid=$!
	say "root weston up (pid $wpid) on ${card:-card0}"
}

root_up() {
	local p end=$((SECONDS + 60)) d
	for p in /proc/[0-9]*; do
		[ "$(cat "$p/comm" 2>/dev/null)" = weston ] && kill "${p#/proc/}"
	done
	while [ $SECONDS -lt $end ]; do
		grep -qx weston /proc/[0-9]*/comm 2>/dev/null || break
		sleep 0.2
	done
	say "the rig's weston stopped; root $root"
	for d in dev proc sys run tmp; do mount --rbind "/$d" "$root/$d" || return 1; done
	export WAYLAND_DISPLAY=wayland-2
	{
		in_root weston --version
		in_root dpkg-query -W weston libweston-14-0 libegl-mesa0 libgl1-mesa-dri libgbm1 libseat1
	} >"$out/versions.txt" 2>&1
	root_weston || return 1
	in_root timeout 300 wayland-info >"$out/wayland-info.txt" 2>&1
	say "$(tr '\n' ' ' <"$out/versions.txt")"
	say "weston log: $(grep -i -E 'GL renderer|GL version|dmabuf|modifier' "$out/weston.log" | cut -c1-160 | tr '\n' '|')"
}

# root_alive: restart the other root's weston when it died (a crash on a
# foreign dma-buf), saying in which phase; 0 when one runs
root_alive() {
	[ -n "$root" ] || return 0
	kill -0 "$wpid" 2>/dev/null && return 0
	say "root weston died in phase $last: $(tail -3 "$out/weston.stderr" | tr '\n' ' '); restarting"
	kill "$dpid" 2>/dev/null
	root_weston
}

root_down() {
	local d
	kill -0 "$wpid" 2>/dev/null && say "root weston alive at the end" || say "root weston dead at the end"
	kill "$dpid" "$wpid" 2>/dev/null
	wait "$wpid" 2>/dev/null
	for d in tmp run sys proc dev; do umount -R -l "$root/$d" 2>/dev/null; done
}

# shoot NAME: weston-screenshooter -> $out/shot-NAME.png; 0 when written
shoot() {
	rm -rf "$work/shot" && mkdir -p "$work/shot"
	(cd "$work/shot" && in_root sh -c "cd $work/shot && exec timeout 120 weston-screenshooter") >/dev/null 2>&1
	local png
	png=$(ls "$work"/shot/*.png 2>/dev/null | head -1)
	[ -n "$png" ] && cp "$png" "$out/shot-$1.png"
}

# start PHASE ARGS...: the viewer in its own process group
start() {
	local phase=$1
	shift
	echo "### real-stack: phase $phase at $(up)" >>"$REAL_STACK_OUT/drm-backend.txt"
	say "phase $phase: vgpu-view $*"
	env ${preload:+LD_PRELOAD="$preload"} ${refuse_format:+DMABUF_REFUSE_FORMAT=$refuse_format} \
		${wl:+WAYLAND_DISPLAY=$wl} ${force_linear:+DMABUF_FORCE_LINEAR=1} \
		${count:+RC_COMMIT_COUNT=$count} ${refuse:+DMABUF_REFUSE=1} \
		setsid "$viewer" "$@" </dev/null \
		>"$out/$phase.stdout" 2>"$out/$phase.stderr" &
	vpid=$!
	vstart=$SECONDS
}

# wait_paths PHASE SECONDS: until the viewer has named a path for both
# planes (or died, or SECONDS passed)
wait_paths() {
	local end=$((SECONDS + $2))
	while [ $SECONDS -lt $end ] && kill -0 "$vpid" 2>/dev/null; do
		[ "$(grep -c -E '(primary|cursor) plane \(.*\): .* path' "$out/$1.stderr")" -ge 2 ] && return 0
		sleep 0.5
	done
	return 1
}

# cpu_ns PID: the process's CPU time so far, every thread (the scheduler's ns)
cpu_ns() {
	local t a s=0
	for t in /proc/"$1"/task/*/schedstat; do
		read -r a _ <"$t" 2>/dev/null && s=$((s + a))
	done
	echo "$s"
}

# commits_now: the viewer's commits so far: counted by the preloaded shim
# in weston, logged by the test compositor in the cost phase
commits_now() {
	if [ -n "$count" ]; then
		cat "$count" 2>/dev/null
	else
		grep -c '^commit ' "$work/vvc.log" 2>/dev/null
	fi
}

# measure PHASE SECONDS: the viewer's CPU time and commits over SECONDS of
# steady state -> PHASE.cost
measure() {
	local c0 c1 t0 t1
	c0=$(commits_now)
	t0=$(cpu_ns "$vpid")
	sleep "$2"
	c1=$(commits_now)
	t1=$(cpu_ns "$vpid")
	printf 'cpu_ns=%s\ncommits=%s\nseconds=%s\n' "$((t1 - t0))" "$((${c1:-0} - ${c0:-0}))" "$2" >"$out/$1.cost"
}

# stop PHASE: SIGTERM, 20 s, SIGKILL; PHASE.status says how it ended and
# the viewer's CPU time until then
stop() {
	local ended=sigterm end=$((SECONDS + 20)) st cpu
	cpu=$(cpu_ns "$vpid")
	if ! kill -0 "$vpid" 2>/dev/null; then
		ended=self
	else
		kill -TERM -- -"$vpid" 2>/dev/null
		while kill -0 "$vpid" 2>/dev/null && [ $SECONDS -lt $end ]; do sleep 0.2; done
		if kill -0 "$vpid" 2>/dev/null; then
			kill -KILL -- -"$vpid" 2>/dev/null
			ended=sigkill
		fi
	fi
	wait "$vpid"
	st=$?
	printf 'ended=%s\nexit_status=%s\nseconds=%s\ncpu_ns=%s\n' "$ended" "$st" "$((SECONDS - vstart))" "$cpu" >"$out/$1.status"
	say "phase $1: viewer ended by $ended, status $st, after $((SECONDS - vstart))s"
}

# frozen PHASE SPEC FRAME [ARGS...]: a frozen demo frame; screenshots until
# demo-expect's picture of it is in one (weston's first GL composite of a
# new client takes seconds under TCG), at most 6 tries.
frozen() {
	local phase=$1 spec=$2 frame=$3 i
	shift 3
	"$demo_expect" "$spec@$frame" "$out/expect-$phase.png" >/dev/null 2>&1 ||
		say "phase $phase: demo-expect failed"
	start "$phase" --stats "$@" "$spec@$frame$backing"
	wait_paths "$phase" 180 || say "phase $phase: no path line for both planes"
	for i in 1 2 3 4 5 6; do
		kill -0 "$vpid" 2>/dev/null || break
		shoot "$phase" || continue
		if "$png_find" "$out/expect-$phase.png" "$out/shot-$phase.png" >"$out/$phase.found" 2>&1; then
			break
		fi
		sleep 3
	done
	say "phase $phase: $(cat "$out/$phase.found" 2>/dev/null) after $i screenshots"
	stop "$phase"
}

if [ -n "$root" ]; then
	root_up || { say "RC_ROOT: the other root's weston did not start"; exit 1; }
fi
last=start
for phase in "$@"; do
	root_alive || break
	last=$phase
	case $phase in
	window) # windowed, 1:1: desktop-shell places it
		frozen window demo:640x480 100 --scale 1:1 ;;
	fullscreen) # at the output's size: the primary plane can take it as is
		frozen fullscreen demo:1024x768 100 --fullscreen ;;
	scanout) # the cursor refused as a dma-buf, so it goes as wl_shm, which
		# weston's cursor plane takes, and the primary sent as LINEAR,
		# which weston puts on a KMS plane: nothing left for the renderer
		preload=${RC_REFUSE_PRELOAD:?} refuse_format=AR24 force_linear=1
		frozen scanout demo:1024x768 100 --fullscreen
		preload= refuse_format= force_linear= ;;
	live) # flipping at 60 Hz, the cursor moving: two shots, decoded on the host
		preload=${RC_REFUSE_PRELOAD:?} count=$work/live.count # counts only
		start live --stats --fullscreen "demo:1024x768$backing"
		preload=
		wait_paths live 180 || say "phase live: no path line for both planes"
		sleep 5
		measure live 30
		count=
		for i in 1 2; do
			shoot "live-$i" && echo "live-$i $((SECONDS - vstart))" >>"$out/live.shots"
			sleep 2
		done
		stop live ;;
	cost) # the live phase's viewer in the test compositor, in this guest:
		# its CPU per frame there is the figure the live phase compares with
		"${RC_VV_COMPOSITOR:?}" --socket vv-cost --size 1024x768 --dmabuf v3 \
			--formats XR24:INVALID,AR24:INVALID --quiet-log --log "$work/vvc.log" \
			>"$work/vvc.out" 2>&1 &
		cpid=$!
		end=$((SECONDS + 60))
		until grep -q '^ready' "$work/vvc.out" || [ $SECONDS -ge $end ]; do sleep 0.2; done
		wl=vv-cost
		start cost --stats "demo:1024x768$backing"
		wait_paths cost 180 || say "phase cost: no path line for both planes"
		sleep 5
		measure cost 30
		stop cost
		wl=
		kill "$cpid" 2>/dev/null
		wait "$cpid" ;;
	udmabuf) # the demo's own backing (udmabuf over memfd pages), windowed:
		# no stack here draws an imported udmabuf (docs/real-compositor.md)
		b=$backing backing=
		frozen udmabuf demo:640x480 100 --scale 1:1
		backing=$b ;;
	refused) # weston answers `failed` to every linux-dmabuf import
		preload=${RC_REFUSE_PRELOAD:?} refuse=1
		frozen refused demo:640x480 100 --scale 1:1
		preload= refuse= ;;
	foreign) # the rig's reference client with buffers weston 10 crashes
		# on: a screenshot of each, weston restarted after a crash
		[ -n "$root" ] || { say "phase foreign: only with RC_ROOT (the rig's CASES cover weston 10)"; continue; }
		for src in udmabuf vgem mbochs; do
			root_alive || break
			last=foreign-$src
			echo "### real-stack: phase foreign-$src at $(up)" >>"$REAL_STACK_OUT/drm-backend.txt"
			/run/real-stack/dmabuf-client --source $src --size 800x600 --hold 600 \
				>"$out/foreign-$src.txt" 2>&1 &
			vpid=$!
			end=$((SECONDS + 180))
			until grep -q '^RESULT' "$out/foreign-$src.txt" || [ $SECONDS -ge $end ]; do
				kill -0 "$vpid" 2>/dev/null || break
				sleep 0.2
			done
			if grep -q '^RESULT ok' "$out/foreign-$src.txt"; then
				sleep 5
				kill -0 "$wpid" 2>/dev/null && shoot "foreign-$src"
			fi
			sleep 2
			kill "$vpid" 2>/dev/null
			wait "$vpid" 2>/dev/null
			say "foreign $src: $(grep -E '^(BUFFER|RESULT)' "$out/foreign-$src.txt" | tr '\n' ' ')$([ -f "$out/shot-foreign-$src.png" ] && echo 'screenshot taken'); weston $(kill -0 "$wpid" 2>/dev/null && echo alive || echo died)"
		done
		root_alive ;;
	esac
done
[ -z "$root" ] || root_down
rm -rf "$work"
say "done"
