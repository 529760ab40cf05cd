#!/bin/bash
# vgpu-view on the real kernel: runs ../shared/kernel-e2e (Linux 6.1, group
# path; Linux 6.12, adds the cdev + iommufd path) with the viewer inside,
# and checks what it printed and wrote. Not part of `meson test` (a first run
# builds two kernels); run it whenever the device side changes:
#   tests/kernel-e2e.sh [BUILD_DIR]        (default: build)
# It prints the viewer's lines per case and ends "N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
e2e=${KERNEL_E2E:-$top/../shared/kernel-e2e}
out=$(mktemp -d /tmp/vv-kernel-e2e.XXXXXX)
viewer=$build/src/vgpu-view
pattern_check=$build/tests/tools/pattern-check
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

# The lines the viewer printed for one case, from the run's report.
viewer_lines() { # log kind
	awk -v k="$2" '$0 ~ "^VIEWER " k " begin" { on = 1; next }
		on && /^CHECK viewer\./ { exit } on' "$1" | grep -E '^(plane=|pid:|vgpu-view)'
}

for kver in 6.1 6.12; do
	# --info with the fd handed over (or the path), then pid:HOLDER.
	log=$out/info-$kver.log
	KVER=$kver VIEWER=$viewer VIEWER_ARGS='--info $MDEV_DEVICE; r=$?; if [ -n "$MDEV_HOLDER_PID" ]; then echo "pid:"; /bin/viewer --info pid:$MDEV_HOLDER_PID || r=1; fi; exit $r' \
		"$e2e/run.sh" >"$log" 2>&1
	grep -q '^RESULT PASS' "$log" && ok "$kver --info: RESULT PASS" || bad "$kver --info: $(grep '^RESULT' "$log")"
	cases="mdpy mdpy-path mtty mbochs"
	[ "$kver" = 6.12 ] && cases="mdpy mdpy-path mdpy-cdev mtty mbochs"
	for kind in $cases; do
		echo "--- $kver $kind (--info \$MDEV_DEVICE, then pid:\$MDEV_HOLDER_PID)"
		viewer_lines "$log" "$kind" | sed 's/^/    /'
	done
	mdpy_line='plane=primary format=XR24 modifier=LINEAR width=640 height=480 stride=2560 size=2097152 kind=region region=16 x=0 y=0'
	mbochs_line='plane=primary format=XR24 modifier=LINEAR width=640 height=480 stride=2560 size=1228800 kind=dmabuf dmabuf_id='
	for kind in $cases; do
		lines=$(viewer_lines "$log" "$kind")
		case $kind in
		mdpy*) want=$mdpy_line ;;
		mbochs) want=$mbochs_line ;;
		mtty) want='has no display' ;;
		esac
		n=$(grep -cF -- "$want" <<<"$lines")
		expect=2
		[ "$kind" = mdpy-path ] && expect=1 # nobody holds it: no pid:
		[ "$n" -eq "$expect" ] && ok "$kver $kind: $n of $expect runs printed the expected line" ||
			bad "$kver $kind: $n of $expect runs printed '$want'"
	done

	# --snapshot: mdpy's exact pixels, mbochs' one-line refusal.
	log=$out/snapshot-$kver.log
	KVER=$kver VIEWER=$viewer VIEWER_ARGS='--snapshot /out/$MDEV_KIND.png $MDEV_DEVICE' \
		OUT_DIR=$out/png-$kver "$e2e/run.sh" >"$log" 2>&1
	for kind in $cases; do
		case $kind in
		mdpy*)
			"$pattern_check" "$out/png-$kver/$kind.png" 5 >"$out/pc" 2>&1 &&
				ok "$kver --snapshot $kind: $(cat "$out/pc")" ||
				bad "$kver --snapshot $kind: $(cat "$out/pc")"
			;;
		mbochs | mtty)
			lines=$(viewer_lines "$log" "$kind")
			echo "--- $kver --snapshot $kind"
			echo "    $lines"
			[ "$(wc -l <<<"$lines")" -eq 1 ] && grep -q '^vgpu-view: error: ' <<<"$lines" &&
				grep -q "CHECK viewer.$kind .*exit=1 signal=0" "$log" &&
				ok "$kver --snapshot $kind: one error line, exit 1" ||
				bad "$kver --snapshot $kind: expected one error line and exit 1"
			;;
		esac
	done
	# --set-mode: mbochs' EDID region takes the blob and gives it back
	# (4-byte register reads, link down/blob/link up); mdpy has none.
	setlog=$out/set-mode-$kver.log
	KVER=$kver VIEWER=$viewer VIEWER_ARGS='--set-mode 640x480 $MDEV_DEVICE' \
		"$e2e/run.sh" >"$setlog" 2>&1
	for kind in $cases; do
		lines=$(viewer_lines "$setlog" "$kind"; awk -v k="$kind" '$0 ~ "^VIEWER " k " begin" { on = 1; next } on && /^CHECK viewer\./ { exit } on' "$setlog" | grep '^edid=')
		case $kind in
		mbochs) want='edid=640x480 max=' ;;
		mdpy*) want='has no EDID region' ;;
		mtty) want='has no display' ;;
		esac
		echo "--- $kver --set-mode 640x480 $kind"
		echo "$lines" | sed 's/^/    /'
		grep -qF -- "$want" <<<"$lines" && ok "$kver --set-mode $kind: $want" ||
			bad "$kver --set-mode $kind: expected '$want'"
	done
	bugs=$(grep -cE '\] (BUG|WARNING|Oops)' "$log" "$out/info-$kver.log" "$setlog" | awk -F: '{ s += $2 } END { print s }')
	[ "$bugs" -eq 0 ] && ok "$kver: no kernel BUG/WARNING" || bad "$kver: $bugs kernel BUG/WARNING lines"
done
# The demo's real dma-bufs: the guest kernel has /dev/udmabuf (this host may
# not). The snapshot over udmabuf must equal demo-expect's, read in the same
# guest (fonts copied in so the demo can draw its text).
demo_expect=$build/tests/tools/demo-expect
log=$out/demo-udmabuf.log
VIEWER=$viewer VIEWER_FILES="/etc/fonts /usr/share/fonts /var/cache/fontconfig $demo_expect" \
	VIEWER_ARGS="-v --snapshot /out/demo.png demo:320x240@5 && $demo_expect demo:320x240@5 /out/expect.png" \
	OUT_DIR=$out/png-demo "$e2e/run.sh" >"$log" 2>&1
echo "--- 6.1 demo on udmabuf"
grep -m2 'exported by' "$log" | sed 's/^/    /'
grep -q 'exported by udmabuf' "$log" && ok "6.1 demo: its buffers are udmabuf dma-bufs" || bad "6.1 demo: not exported by udmabuf"
"$build/tests/emu/vv-emu" cmp "$out/png-demo/demo.png" "$out/png-demo/expect.png" >"$out/pc" 2>&1 &&
	ok "6.1 demo: snapshot over udmabuf equals demo-expect" || bad "6.1 demo: $(cat "$out/pc")"

echo "logs: $out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
