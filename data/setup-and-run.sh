#!/bin/bash
# The README's first command: installs what vgpu-view needs (Debian bookworm,
# as root), builds it, and shows a guest: the first mediated device on this
# machine that has a display, else the built-in demo vGPU.
#
# It builds only the viewer and its man page (not the tests, not the
# benchmark) and installs both with meson install (/usr/local), so that
# `vgpu-view` and `man vgpu-view` work afterwards.
#
# In a Wayland session it opens the window there. Without one (a server, a
# fresh machine, CI) it runs the window in a private headless weston, takes
# a screenshot of it after a few seconds and says where it is.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
out=${1:-$PWD/vgpu-view-screenshot.png}
log=$top/.setup-and-run.log # its own: setup-and-test.sh has another

# step N WHAT: one progress line per step, so minutes of apt, meson and
# ninja are never silent.
step() {
	echo "setup-and-run: [$1/5] $2"
}

# quiet WHAT CMD...: CMD's output goes to the log; on failure its end is
# shown with one line naming the step and the log.
quiet() {
	local what=$1
	shift
	echo "== $*" >>"$log"
	if ! "$@" >>"$log" 2>&1; then
		tail -n 20 "$log"
		echo "setup-and-run: $what failed (log: $log)"
		exit 1
	fi
}

: >"$log"
pkgs="gcc meson ninja-build pkg-config libdrm-dev libcairo2-dev libpixman-1-dev
      libwayland-dev wayland-protocols libxkbcommon-dev weston fonts-dejavu-core
      scdoc man-db"
missing=$(for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
	step 1 "installing" $missing "(apt-get; a minute or more)"
	quiet "apt-get update" apt-get update -qq
	quiet "apt-get install" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $missing
else
	step 1 "the packages it needs are installed"
fi
# A setup that failed half way leaves meson-private without build.ninja.
if [ ! -f "$build/build.ninja" ]; then
	step 2 "configuring $build (meson setup)"
	rm -rf "$build"
	quiet "meson setup" meson setup "$build" "$top" --buildtype=release
elif ! grep -q '^build vgpu-view.1:' "$build/build.ninja"; then
	# configured before scdoc was installed: the man page has no target
	step 2 "configuring $build again, now with scdoc (meson setup --reconfigure)"
	quiet "meson setup" meson setup --reconfigure "$build" "$top"
else
	step 2 "$build is configured"
fi
# The viewer and its man page only: the tests and the benchmark are
# tests/setup-and-test.sh's.
step 3 "building vgpu-view (ninja)"
quiet "the build" ninja -C "$build" src/vgpu-view vgpu-view.1
step 4 "installing vgpu-view and its man page (meson install)"
quiet "meson install" meson install -C "$build" --no-rebuild
if ! man -w vgpu-view >/dev/null 2>&1; then
	echo "setup-and-run: warning: man cannot find the installed page (manpath: $(manpath 2>/dev/null))"
fi
viewer=$build/src/vgpu-view

device=demo
for mdev in /sys/bus/mdev/devices/*; do
	[ -e "$mdev" ] || continue
	if "$viewer" --info "$mdev" >/dev/null 2>&1; then
		device=$mdev
		break
	fi
done

step 5 "showing $device"
"$viewer" --info "$device"
if [ -n "${WAYLAND_DISPLAY:-}" ]; then
	echo "setup-and-run: opening the window in your Wayland session (close it, or Ctrl-C, to end)"
	exec "$viewer" "$device"
fi
echo "setup-and-run: no Wayland session here: running the window in a headless weston; a screenshot after 3 s"
"$top/data/run-in-weston.sh" --shell desktop --size 1600x900 --wait 3 \
	--screenshot "$out" -- "$viewer" "$device"
echo "setup-and-run: the window, as weston showed it, is in $out (man vgpu-view: how to use it)"
