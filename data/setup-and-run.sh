#!/bin/bash
# The README's first command: installs what vgpu-view needs (Debian bookworm,
# as root), builds it, and shows a guest: the first mediated device on this
# machine that has a display, else the built-in demo vGPU. Until the Wayland
# window lands, "shows" means: writes a snapshot of the guest's screen and
# prints its planes.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
out=${1:-$PWD/vgpu-view-snapshot.png}

pkgs="gcc meson ninja-build pkg-config libdrm-dev libcairo2-dev libpixman-1-dev"
missing=$(for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
	echo "setup-and-run: installing" $missing
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
[ -d "$build/meson-private" ] || meson setup "$build" "$top" --buildtype=release >/dev/null
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
"$viewer" --snapshot "$out" "$device"
echo "setup-and-run: the guest's screen is in $out"
