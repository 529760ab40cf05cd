#!/bin/bash
# vgpu-view in a real compositor: runs the real viewer (a release build of
# this tree) in ../shared/real-stack's guest, Debian's unmodified weston 10
# (DRM backend, GL renderer on Mesa's llvmpipe) on vkms, Linux 6.1, and
# judges it from weston's own screenshots and logs:
#   - the path each plane took (the viewer's log line) and --stats' proof
#     (pixel_bytes=0, dmabuf_maps=0 on the zero-copy path);
#   - the picture: a frozen demo frame found exactly in weston's screenshot
#     (windowed at 1:1 and fullscreen), and a live, flipping demo whose
#     frames are decoded from the screenshots alone (the ticker gives the
#     frame modulo 60, demo-expect the rest) and compared whole;
#   - fullscreen at the output's size: weston's drm-backend debug scope
#     (summary.txt's COMPOSITION line for the phase);
#   - the cursor: part of each compared frame, where the guest put it;
#   - weston answering `failed` (tests/tools/dmabuf-refuse.c makes every
#     import one weston's GL renderer refuses): one line per plane naming
#     the next path, the picture still there, a clean exit;
#   - weston alive at the end, no `BUG:` line in the guest kernel's log.
# Not part of `meson test` (a guest under TCG: minutes); run it when the
# window's paths change:
#   tests/real-compositor.sh [BUILD_DIR]      (default: build-rel, release)
# Environment: RC_BACKING (appended to each demo spec, default
# ",drm=/dev/dri/card0"; "" for the demo's udmabuf buffers), RC_PATH (the
# path both planes must take, default zero-copy), RC_PHASES (default
# "window fullscreen live refused"), OUT_DIR (default a fresh /tmp dir),
# REAL_STACK (the rig, default ../shared/real-stack), RC_ROOT=trixie (Debian
# trixie's weston 14 and Mesa 25 in place of the rig's weston 10: a root
# made once with debootstrap in RC_ROOT_DIR, default
# /var/cache/vgpu-view/trixie-root, which the guest sees through the rig's
# share of /; the phase "foreign" then also shows the rig's reference
# client's udmabuf, vgem and mbochs buffers in it; RC_RENDERER=pixman runs
# that weston with its pixman renderer). Run as root (the rig
# installs packages on its first run). Ends "N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build-rel}
rig=${REAL_STACK:-$top/../shared/real-stack}
[ -d "$rig" ] || rig=$top/../../shared/real-stack # from a worktree
backing=${RC_BACKING-,drm=/dev/dri/card0}
want_path=${RC_PATH:-zero-copy}
phases=${RC_PHASES:-window fullscreen scanout live cost refused}
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

root_dir=
case ${RC_ROOT:-} in
'' | bookworm) ;;
trixie)
	root_dir=${RC_ROOT_DIR:-/var/cache/vgpu-view/trixie-root}
	if [ ! -x "$root_dir/usr/bin/weston" ]; then
		echo "RC_ROOT=trixie: making a Debian trixie root (weston, Mesa) with debootstrap in $root_dir:" \
			"about 900 MB on disk, packages from deb.debian.org, 4 to 6 minutes; once, later runs reuse it"
		command -v debootstrap >/dev/null ||
			apt-get install -y -q -o DPkg::Lock::Timeout=600 debootstrap >/dev/null || exit 3
		mkdir -p "$(dirname "$root_dir")" && rm -rf "$root_dir.new"
		nice debootstrap --variant=minbase \
			--include=weston,libgl1-mesa-dri,libegl-mesa0,libgbm1,libgles2,wayland-utils,mesa-utils-bin \
			trixie "$root_dir.new" http://deb.debian.org/debian >"$root_dir.log" 2>&1 &&
			mv "$root_dir.new" "$root_dir" ||
			{ tail -5 "$root_dir.log"; echo "debootstrap failed ($root_dir.log)"; exit 3; }
	fi
	;;
*) echo "RC_ROOT=$RC_ROOT: bookworm (the rig's own root, the default) or trixie"; exit 3 ;;
esac

if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$top" --buildtype=release >/dev/null || exit 3
fi
nice ninja -C "$build" src/vgpu-view tests/tools/demo-expect tests/tools/png-find \
	tests/tools/dmabuf-refuse.so tests/compositor/vv-compositor >/dev/null || { echo "build failed"; exit 3; }
build=$(cd "$build" && pwd)
viewer=$build/src/vgpu-view
demo_expect=$build/tests/tools/demo-expect
png_find=$build/tests/tools/png-find
out=${OUT_DIR:-$(mktemp -d /tmp/vv-real-compositor.XXXXXX)}
rc=$out/rc

t0=$SECONDS
rig_rc=0
if [ -n "${RC_JUDGE:-}" ] && [ -f "$out/summary.txt" ]; then
	# RC_JUDGE=1 with OUT_DIR: judge an earlier run's results again, no guest
	rig_rc=$(sed -n 's/^exit status //p' "$out/summary.txt" | tail -1)
	rig_rc=${rig_rc:-0}
	cp "$out/rig.log" "$out.rig.log"
else
	CLIENT="${root_dir:+RC_ROOT_DIR=$root_dir RC_ROOT_RENDERER=${RC_RENDERER:-gl} }RC_REFUSE_PRELOAD=$build/tests/tools/dmabuf-refuse.so RC_VV_COMPOSITOR=$build/tests/compositor/vv-compositor bash $top/tests/real-compositor-guest.sh $viewer $demo_expect $png_find '$backing' $phases" \
		CLIENT_WAIT=900 TIMEOUT=1800 VERBOSE=0 OUT_DIR=$out RUN=real-compositor \
		bash "$rig/run.sh" >"$out.rig.log" 2>&1 || rig_rc=$?
fi
mkdir -p "$out" && mv "$out.rig.log" "$out/rig.log"
echo "--- real-stack summary ($((SECONDS - t0)) s, exit status $rig_rc)"
if [ ! -f "$out/summary.txt" ]; then
	tail -5 "$out/rig.log"
	echo "the rig did not run (rig.log): 0 passed, 1 failed"
	exit 1
fi
sed 's/^/    /' "$out/summary.txt" 2>/dev/null
if [ -n "$root_dir" ]; then
	# the rig's own screenshot of the client needs its weston 10, which the
	# guest half stopped for the other root's weston
	fails=$(grep '^FAIL' "$out/summary.txt" | grep -v -x 'FAIL no screenshot of the client')
	[ "$rig_rc" -le 1 ] && [ -z "$fails" ] && grep -q 'SESSION done' "$out/serial.log" &&
		ok "real-stack: the guest ran to the end (the rig's screenshot of the client needs weston 10, stopped here)" ||
		bad "real-stack exit status $rig_rc: ${fails:-see rig.log, summary.txt}"
	echo "--- $RC_ROOT: $(tr '\n' ' ' <"$out/rc/versions.txt" 2>/dev/null)"
	grep -a ' RC \(root\|the rig\|foreign\|weston log\)' "$out/client.stdout" | sed 's/^/    /'
	awk '/interface: /{ on = /zwp_linux_dmabuf_v1/; if (on) { sub(/,$/, "", $NF); v = $(NF - 2) } next }
	     on && / = / { n++; m[$NF]++ }
	     END { s = ""; for (k in m) s = s " " k; sub(/,$/, "", v)
	           if (v == "") print "    advertised: no zwp_linux_dmabuf_v1"
	           else printf "    advertised: zwp_linux_dmabuf_v1 version %s, %d format/modifier lines, modifiers:%s\n", v, n, s }' \
		"$out/rc/wayland-info.txt" 2>/dev/null
else
	[ "$rig_rc" -eq 0 ] && ok "real-stack: guest and weston ran to the end, the client's screenshot taken" ||
		bad "real-stack exit status $rig_rc (rig.log, summary.txt)"
fi

# stat PHASE KEY: a --stats counter
stat() { grep -o "\b$2=[0-9]*" "$rc/$1.stdout" 2>/dev/null | cut -d= -f2; }

# The path lines, --stats and the exit of one phase: the path the primary
# and the cursor plane must name last (the refused phase names the next
# path and why).
check_run() { # phase primary-path [cursor-path]
	local p=$1 path plane line n
	echo "--- $p: the viewer's log"
	sed 's/^/    /' "$rc/$p.stderr" 2>/dev/null | head -20
	for plane in primary cursor; do
		path=$2
		[ "$plane" = cursor ] && path=${3:-$2}
		line=$(grep -E "^vgpu-view: .*$plane plane \(.*\): [a-z-]+ path" "$rc/$p.stderr" 2>/dev/null | tail -1)
		if grep -q ": $path path" <<<"$line"; then
			ok "$p: $plane plane takes the $path path"
		else
			bad "$p: $plane plane: '${line:-no path line}', expected the $path path"
		fi
	done
	[ "$(stat "$p" pixel_bytes)" = 0 ] && ok "$p: --stats pixel_bytes=0: the viewer touched no pixel" ||
		bad "$p: --stats pixel_bytes=$(stat "$p" pixel_bytes), expected 0"
	if [ "$2" = zero-copy ] && [ "${3:-$2}" = zero-copy ]; then
		[ "$(stat "$p" pixel_bytes)" = 0 ] && [ "$(stat "$p" dmabuf_maps)" = 0 ] &&
			ok "$p: --stats pixel_bytes=0 dmabuf_maps=0" ||
			bad "$p: --stats pixel_bytes=$(stat "$p" pixel_bytes) dmabuf_maps=$(stat "$p" dmabuf_maps), expected 0 and 0"
	fi
	if grep -q '^ended=sigterm' "$rc/$p.status" 2>/dev/null && grep -q '^exit_status=0' "$rc/$p.status"; then
		ok "$p: the viewer ran until SIGTERM and exited 0"
	else
		bad "$p: $(tr '\n' ' ' <"$rc/$p.status" 2>/dev/null || echo 'no status')"
	fi
	# A live demo's three buffers are new ids until weston has imported
	# each, which takes seconds under TCG: the churn line may come.
	n=$(grep -E 'vgpu-view: (error|warning)' "$rc/$p.stderr" 2>/dev/null |
		grep -v -c 'answers a new dmabuf id for its primary plane on most queries')
	[ "${n:-x}" = 0 ] && ok "$p: no error or warning line" || bad "$p: ${n:-no stderr,} error/warning lines"
}

# frozen PHASE: demo-expect's frame is in weston's screenshot (again, here)
check_frozen() {
	local p=$1 found
	if found=$("$png_find" "$rc/expect-$p.png" "$rc/shot-$p.png" 2>&1); then
		ok "$p: the frozen frame, cursor included, is in weston's screenshot exactly: $found"
		[ "$p" != fullscreen ] || [ "$found" = "found 0,0" ] ||
			bad "$p: fullscreen frame at $found, expected 0,0"
	else
		bad "$p: the frozen frame is not in weston's screenshot: $found"
	fi
}

# decode SHOT.png SECONDS: "N M" when the shot shows the live demo's frame N
# with the cursor where the demo put it in frame M, exactly; else nothing.
# The ticker's lit cell is N modulo 60 (src/source/demo-scene.c
# frame_ticker, at 1024x768: cells 11 px wide from x=182, at y=700..713);
# the candidates below 60 * SECONDS + 60 are drawn by demo-expect, newest
# first, and compared whole: N is the one that differs at most in two cursor
# squares. The two planes are queried one after the other, so M is searched
# from N outwards (30 frames either way), with the cursor drawn at M.
decode() {
	local shot=$1 secs=$2 r k n m c d cmp
	for r in $(python3 - "$shot" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if kind == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', data[pos + 8:pos + 18])
    if kind == b'IDAT': idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw, stride = zlib.decompress(idat), w * bpp
prev = bytearray(stride)
for y in range(708):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
# the lit cell is (255, 230, 255); the two nearest cells are the candidates
d = []
for i in range(60):
    x = 187 + 11 * i
    r, g, b = prev[x * bpp:x * bpp + 3]
    d.append((abs(r - 255) + abs(g - 230) + abs(b - 255), i))
print(' '.join(str(i) for _, i in sorted(d)[:2]))
PY
	); do
		for ((k = secs + 1; k >= 0; k--)); do
			n=$((r + 60 * k))
			"$demo_expect" "demo:1024x768@$n" "$out/decode.png" >/dev/null 2>&1 || continue
			cmp=$("$png_find" "$out/decode.png" "$shot" 2>/dev/null)
			[ "$cmp" = "found 0,0" ] && { echo "$n $n"; return 0; }
			d=$(sed -n 's/^not found (best: 0,0 with \([0-9]*\) pixels differing)$/\1/p' <<<"$cmp")
			[ -n "$d" ] && [ "$d" -le 8192 ] || continue
			for ((m = 1; m <= 30; m++)); do
				for c in $((n + m)) $((n - m)); do
					[ "$c" -ge 0 ] || continue
					"$demo_expect" "demo:1024x768@$n" "$out/decode.png" "$c" >/dev/null 2>&1 || continue
					[ "$("$png_find" "$out/decode.png" "$shot" 2>/dev/null)" = "found 0,0" ] &&
						{ echo "$n $c"; return 0; }
				done
			done
		done
	done
	return 1
}

for p in $phases; do
	case $p in
	window | fullscreen)
		check_run "$p" "$want_path"
		check_frozen "$p"
		;;
	scanout)
		check_run scanout "$want_path" shm-import
		check_frozen scanout
		;;
	live)
		check_run live "$want_path"
		frames=
		while read -r shot secs; do
			nm=$(decode "$rc/shot-$shot.png" "$secs")
			if [ -n "$nm" ]; then
				ok "live: $shot is demo frame ${nm% *} exactly, the cursor exactly where the guest put it in frame ${nm#* } (decoded from the screenshot alone)"
				frames="$frames ${nm% *}"
			else
				bad "live: $shot is no demo frame below $((60 * secs + 60)) with the lit ticker cell"
			fi
		done <"$rc/live.shots"
		set -- $frames
		[ $# -eq 2 ] && [ "$1" != "$2" ] && ok "live: the two screenshots show different frames ($1, $2): flips reached weston" ||
			bad "live: expected two different decoded frames, got:$frames"
		# weston under TCG repaints every few seconds: a few commits
		[ "$(stat live commits)" -ge 2 ] 2>/dev/null && ok "live: $(stat live commits) commits" ||
			bad "live: commits=$(stat live commits)"
		;;
	cost)
		check_run cost "$want_path"
		;;
	udmabuf) # the demo's udmabuf buffers: never handed to a weston that
		# crashes drawing them, so the shm-import path, and weston alive
		check_run udmabuf shm-import
		check_frozen udmabuf
		;;
	foreign) # reported, not judged: what the other root's weston does with them
		for src in udmabuf vgem mbochs; do
			shot=$rc/shot-foreign-$src.png
			echo "note foreign $src: $(grep -E '^(BUFFER|RESULT)' "$rc/foreign-$src.txt" 2>/dev/null | tr '\n' ' ')" \
				"$([ -f "$shot" ] && python3 "$rig/check-shot.py" "$shot" 800 600 || echo 'no screenshot')" \
				"$(grep "^COMPOSITION phase foreign-$src:" "$out/summary.txt" | tr '\n' ';')"
		done
		;;
	refused)
		check_run refused "${RC_REFUSED_PATH:-shm-import}"
		grep -q "the compositor refused to import" "$rc/refused.stderr" &&
			ok "refused: the path line says the compositor refused the import" ||
			bad "refused: no line says the compositor refused the import"
		n=$(grep -c ' path' "$rc/refused.stderr")
		[ "$n" -le 4 ] && ok "refused: $n path lines (one per plane and change)" || bad "refused: $n path lines"
		[ "$(stat refused import_failures)" -ge 1 ] 2>/dev/null &&
			ok "refused: weston answered failed $(stat refused import_failures) times" ||
			bad "refused: import_failures=$(stat refused import_failures)"
		check_frozen refused
		;;
	esac
done

# Weston's plane assignment (its drm-backend debug scope). Weston 10 puts no
# buffer with the implicit modifier on a KMS plane (drm_fb_get_from_dmabuf),
# and its cursor plane takes only wl_shm ARGB8888 (vkms has no overlay
# plane): as the viewer offers both planes on weston 10 on vkms, GL
# composites them. The scanout phase sends the primary as LINEAR and the
# cursor as wl_shm: then nothing in the window may keep weston from
# scanning the guest's buffer out.
for p in window fullscreen live cost refused; do
	[ "$p" != cost ] || continue # not in weston
	case " $phases " in *" $p "*) ;; *) continue ;; esac
	echo "note $p: $(grep "^COMPOSITION phase $p:" "$out/summary.txt" | tr '\n' ';')"
done
if [[ " $phases " = *" scanout "* ]]; then
	line=$(grep "^COMPOSITION phase scanout:" "$out/summary.txt" | tr '\n' ';')
	grep -q "plane-only" <<<"$line" &&
		ok "scanout: weston put the guest's buffer on a KMS plane, no renderer: $line" ||
		bad "scanout: weston never used plane-only composition: ${line:-no COMPOSITION line}"
fi
# What a frame costs the viewer in weston next to the test compositor: the
# same live demo in the same guest, CPU time over commits in 30 s of steady
# state (the preloaded shim counts the commits). TCG: a ratio, no absolute
# claim; the demo draws its frames inside the viewer process, in both.
if [[ " $phases " = *" live "* && " $phases " = *" cost "* ]]; then
	per() { # phase
		local cpu n
		cpu=$(sed -n 's/^cpu_ns=//p' "$rc/$1.cost" 2>/dev/null)
		n=$(sed -n 's/^commits=//p' "$rc/$1.cost" 2>/dev/null)
		[ -n "$cpu" ] && [ "${n:-0}" -gt 0 ] && echo "$((cpu / n / 1000)) $n"
	}
	set -- $(per live) $(per cost)
	if [ $# -eq 4 ]; then
		echo "timing: viewer CPU per commit over 30 s: weston $1 us ($2 commits), test compositor $3 us ($4 commits), ratio $(awk -v a="$1" -v b="$3" 'BEGIN { printf "%.2f", a / b }')"
	else
		echo "timing: no measurement ($(cat "$rc/live.cost" "$rc/cost.cost" 2>/dev/null | tr '\n' ' '))"
	fi
fi
if [ -n "$root_dir" ]; then
	# restarted after each phase it died in: only the foreign phase may kill it
	died=$(grep -o 'RC root weston died in phase [^:]*' "$out/client.stdout" | grep -v 'phase foreign-' |
		sed 's/.* phase //' | tr '\n' ' ')
	grep -q 'RC root weston alive at the end' "$out/client.stdout" && [ -z "$died" ] &&
		ok "$RC_ROOT's weston alive at the end, and through every viewer phase" ||
		bad "$RC_ROOT's weston died ${died:+in phase }${died:-at the end }(rc/weston.log, rc/weston.stderr)"
else
	grep -q 'WESTON alive at the end' "$out/serial.log" && ok "weston alive at the end" || bad "weston died"
fi
bugs=$(grep -a -h 'BUG:' "$out/dmesg.txt" "$out/serial.log" 2>/dev/null | sort -u)
[ -f "$out/dmesg.txt" ] && [ -z "$bugs" ] && ok "guest kernel: no BUG: line" || bad "guest kernel: $(wc -l <<<"$bugs") BUG: lines: $(head -3 <<<"$bugs" | tr '\n' ' ')"
echo "results: $out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
