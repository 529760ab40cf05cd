#!/bin/bash
# The README's first command: installs what vgpu-view needs (Debian bookworm,
# as root), builds it, and shows a guest: the first mediated device on this
# machine that has a display, else the built-in demo vGPU.
#
# In a Wayland session it opens the window there. Without one (a server, a
# fresh machine, CI) it runs the window in a private headless weston, takes
# a screenshot of it after a few seconds and says where it is.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
out=${1:-$PWD/vgpu-view-screenshot.png}

pkgs="gcc meson ninja-build pkg-config libdrm-dev libcairo2-dev libpixman-1-dev
      libwayland-dev wayland-protocols libxkbcommon-dev weston fonts-dejavu-core"
missing=$(for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
	echo "setup-and-run: installing" $missing
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# A setup that failed half way leaves meson-private without build.ninja.
if [ ! -f "$build/build.ninja" ]; then
	rm -rf "$build"
	meson setup "$build" "$top" --buildtype=release >"$top/.setup.log" 2>&1 ||
		{ tail -20 "$top/.setup.log"; echo "setup-and-run: meson setup failed (log: $top/.setup.log)"; exit 1; }
fi
ninja -C "$build" >/dev/null
viewer=$build/src/vgpu-view

device=demo
for mdev in /sys/bus/mdev/devices/*; do
	[ -e "$mdev" ] || continue
	if "$viewer" --info "$mdev" >/dev/null 2>&1; then
		device=$mdev
		break
	fi
done

echo "setup-and-run: showing $device"
"$viewer" --info "$device"
if [ -n "${WAYLAND_DISPLAY:-}" ]; then
	echo "setup-and-run: opening the window in your Wayland session (close it, or Ctrl-C, to end)"
	exec "$viewer" "$device"
fi
echo "setup-and-run: no Wayland session here: running the window in a headless weston for 3 s"
"$top/data/run-in-weston.sh" --shell desktop --size 1600x900 --wait 3 \
	--screenshot "$out" -- "$viewer" "$device"
echo "setup-and-run: the window, as weston showed it, is in $out"
