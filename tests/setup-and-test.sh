#!/bin/bash
# The README's test command: installs what the tests need (Debian bookworm,
# as root), builds vgpu-view with AddressSanitizer and UBSan, runs every test
# and ends with one line "N passed, N failed".
#
# VV_TIMEOUT_SCALE=N multiplies every test's waits and meson's timeouts
# (default: 2, plus 1 per unit of load average per core).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build-test}
log=$top/.setup-and-test.log # its own: setup-and-run.sh has another

pkgs="gcc meson ninja-build pkg-config python3 libdrm-dev libcairo2-dev libpixman-1-dev
      libwayland-dev wayland-protocols libxkbcommon-dev weston xvfb procps fonts-dejavu-core
      scdoc man-db qemu-system-x86 sway wtype"
missing=$(for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
	echo "setup-and-test: installing" $missing "(apt-get; a minute or more)"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# A setup that failed half way leaves meson-private without build.ninja.
echo "setup-and-test: configuring $build (meson setup, log: $log)"
if [ -f "$build/build.ninja" ]; then
	meson setup --reconfigure "$build" "$top" >"$log" 2>&1 || setup_failed=1
else
	rm -rf "$build"
	# b_lundef=false: the sanitizer runtimes resolve the preloaded
	# emulated device's symbols at run time.
	meson setup "$build" "$top" --buildtype=debug \
		-Db_sanitize=address,undefined -Db_lundef=false >"$log" 2>&1 || setup_failed=1
fi
if [ -n "${setup_failed:-}" ]; then
	tail -20 "$log"
	echo "setup-and-test: meson setup failed (log: $log)"
	exit 1
fi
echo "setup-and-test: building (ninja)"
ninja -C "$build"

if ! [[ ${VV_TIMEOUT_SCALE:-} =~ ^[1-9][0-9]{0,2}$ ]]; then
	read -r load _ </proc/loadavg
	VV_TIMEOUT_SCALE=$((2 + ${load%.*} / $(nproc)))
fi
export VV_TIMEOUT_SCALE
echo "setup-and-test: running the tests (waits and timeouts x$VV_TIMEOUT_SCALE)"
status=0
meson test -C "$build" --print-errorlogs --num-processes 2 \
	--timeout-multiplier "$VV_TIMEOUT_SCALE" || status=$?

# meson's own summary is not a line CI reads: count from the test log.
python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    result = json.loads(line)["result"]
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
