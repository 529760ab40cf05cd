#!/bin/bash
# The live window in real weston 10 (Debian's, headless, pixman renderer):
# it has no linux-dmabuf, so every plane takes an shm path. Screenshots from
# weston's own screenshooter must contain exactly what the guest shows,
# cursor included: the demo and an emulated GVT-g (their dma-bufs shared as
# wl_shm pools, zero copies), an mdpy-like region (copied), and an
# mbochs-like device whose dma-bufs nobody here can read (a message).
. "$(dirname "$0")/lib.sh"
: "${VV_RUN_IN_WESTON:?}" "${VV_PNG_FIND:?}"

# in_weston OUT.png ARGS...: the viewer (emulated device preloaded) in a
# fresh weston for a moment; its stdout in $T/out, stderr in $T/err.
in_weston() {
	local shot=$1
	shift
	rc=0
	run_tied "$VV_RUN_IN_WESTON" --shell desktop --size 1024x768 --wait "${WAIT:-1.5}" \
		--screenshot "$shot" -- \
		env LD_PRELOAD="${VV_PRELOAD:-}" "$VV_VIEWER" --stats "$@" \
		>"$T/out" 2>"$T/err" || rc=$?
}

# check_shows WHAT EXPECTED.png SHOT.png: EXPECTED appears, exactly, in SHOT.
check_shows() {
	local msg
	if msg=$("$VV_PNG_FIND" "$2" "$3" 2>&1); then
		pass
	else
		fail "$1: $(basename "$2") is not in the screenshot: $msg"
		cp "$2" "$3" "$T/" 2>/dev/null
	fi
}

# check_stat WHAT KEY OP VALUE: a --stats counter of the last run.
check_stat() {
	local v
	v=$(grep -o "\b$2=[0-9]*" "$T/out" | cut -d= -f2)
	if [ -n "$v" ] && [ "$v" "$3" "$4" ]; then
		pass
	else
		fail "$1: $2=${v:-missing}, expected $3 $4"
	fi
}

# The demo, frozen so the picture is known: shm-import, zero bytes touched.
in_weston "$T/demo.png" demo:640x480@100
check_rc "demo in weston" 0
"$VV_DEMO_EXPECT" demo:640x480@100 "$T/demo-expect.png"
check_shows "demo in weston" "$T/demo-expect.png" "$T/demo.png"
# Its bottom half, to find under an overlay later.
python3 - "$T/demo-expect.png" "$T/demo-bottom.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
pos, chunks = 8, []
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunks.append((kind, data[pos + 8:pos + 8 + n]))
    pos += 12 + n
ihdr = dict(chunks)[b"IHDR"]
w, h, depth, ctype = struct.unpack(">IIBB", ihdr[:10])
raw = zlib.decompress(b"".join(d for k, d in chunks if k == b"IDAT"))
bpp = {2: 3, 6: 4}[ctype]
rows, prev, stride = [], bytearray(w * bpp), w * bpp
for y in range(h):
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
    rows.append(bytes(line)); prev = line
keep = rows[h // 2:]
def chunk(k, d): return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d))
out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, len(keep), 8, ctype, 0, 0, 0))
out += chunk(b"IDAT", zlib.compress(b"".join(b"\0" + r for r in keep))) + chunk(b"IEND", b"")
open(sys.argv[2], "wb").write(out)
PY
check_err_has "demo: the log names the path" "primary plane (640x480 XR24 LINEAR dma-buf): shm-import path"
check_err_has "demo: cursor path" "cursor plane (64x64 AR24 LINEAR dma-buf): shm-import path"
check_stat "demo: zero copy" pixel_bytes -eq 0
check_stat "demo: frames shown" commits -ge 10
# The check can fail: another frame is not in this screenshot.
"$VV_DEMO_EXPECT" demo:640x480@101 "$T/demo-other.png"
if "$VV_PNG_FIND" "$T/demo-other.png" "$T/demo.png" >/dev/null 2>&1; then
	fail "demo: frame 101 found in a screenshot of frame 100"
else
	pass
fi

# An emulated GVT-g: its dma-bufs map read-write, so they are shared as is.
gvt=6b4a2f10-0d6e-4c55-9d54-2b0c6a1d0001
emu add "$VV_EMU_ROOT" gvt $gvt >/dev/null
emu mode $gvt 640x480
emu draw $gvt 7
emu cursor $gvt 200 150 3 5 --seed 2
in_weston "$T/gvt.png" $gvt
check_rc "gvt in weston" 0
emu expect $gvt "$T/gvt-expect.png"
check_shows "gvt in weston" "$T/gvt-expect.png" "$T/gvt.png"
check_err_has "gvt: the log names the path" "primary plane (640x480 XR24 LINEAR dma-buf): shm-import path"
check_stat "gvt: zero copy" pixel_bytes -eq 0
if grep -q '^exports\.[0-9]*=[2-9]' <(emu stats $gvt); then
	fail "gvt: a dmabuf id was exported more than once: $(emu stats $gvt | grep exports)"
else
	pass
fi

# An mdpy-like region device: copied, and the copy is exact.
mdpy=6b4a2f10-0d6e-4c55-9d54-2b0c6a1d0002
emu add "$VV_EMU_ROOT" mdpy $mdpy --type vga >/dev/null
in_weston "$T/mdpy.png" $mdpy
check_rc "mdpy in weston" 0
emu expect $mdpy "$T/mdpy-expect.png"
check_shows "mdpy in weston" "$T/mdpy-expect.png" "$T/mdpy.png"
check_err_has "mdpy: the log names the path" "primary plane (640x480 XR24 LINEAR region): copy path"
check_stat "mdpy: the copy is counted" pixel_bytes -gt 0

# An mbochs-like device: no linux-dmabuf, no CPU mapping: one warning, a
# message on screen, and the viewer keeps running.
mbochs=6b4a2f10-0d6e-4c55-9d54-2b0c6a1d0003
emu add "$VV_EMU_ROOT" mbochs $mbochs >/dev/null
emu mode $mbochs 640x480
emu draw $mbochs 3
in_weston "$T/mbochs.png" $mbochs
check_rc "mbochs in weston" 0
check_err_has "mbochs: says why" "only a GPU can read this vGPU's buffers here"
n=$(grep -c "cannot show the primary plane" "$T/err")
if [ "$n" -eq 1 ]; then pass; else fail "mbochs: $n warnings, expected one"; fi
check_stat "mbochs: nothing copied" pixel_bytes -eq 0
emu expect $mbochs "$T/mbochs-expect.png"
if "$VV_PNG_FIND" "$T/mbochs-expect.png" "$T/mbochs.png" >/dev/null 2>&1; then
	fail "mbochs: the guest picture is on screen, though nothing here can read it"
else
	pass
fi

# The kiosk on weston's kiosk shell (its x11 backend: the headless one has
# no seat, and weston 10 maps no window without one): fullscreen, the
# guest 1:1 when it is the output's size.
rc=0
run_tied "$VV_RUN_IN_WESTON" --shell kiosk --size 1024x768 --wait 2 --screenshot "$T/kiosk.png" -- \
	"$VV_VIEWER" --kiosk demo:1024x768@100 >"$T/out" 2>"$T/err" || rc=$?
check_rc "kiosk in weston" 0
"$VV_DEMO_EXPECT" demo:1024x768@100 "$T/kiosk-expect.png"
check_shows "kiosk in weston: 1:1 at (0,0)" "$T/kiosk-expect.png" "$T/kiosk.png"
if "$VV_PNG_FIND" "$T/kiosk-expect.png" "$T/kiosk.png" | grep -q '^found 0,0$'; then pass; else fail "kiosk in weston: not at (0,0)"; fi

# The overlay in weston: drawn over the guest's top left, the rest intact.
in_weston "$T/overlay.png" --overlay demo:640x480@100
check_rc "overlay in weston" 0
if "$VV_PNG_FIND" "$T/demo-expect.png" "$T/overlay.png" >/dev/null 2>&1; then
	fail "overlay in weston: the guest shows without the panel"
else
	pass
fi
check_shows "overlay in weston: the guest below the panel" "$T/demo-bottom.png" "$T/overlay.png"

finish
