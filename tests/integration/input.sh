#!/bin/bash
# Keys, pointer and decorations, through the test compositor's seat: the
# overlay, fullscreen, scale and snapshot keys and the quit key; bindings
# from the config file and --bind; a kiosk hides the pointer and ignores
# every key; Alt + drag moves a window without a title bar; server-side
# decorations are asked for; the title and app id name the VM.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compositor-lib.sh"
# The snapshot key writes into the current directory.
cd "$T" || exit 1

gvt=8f7e6d5c-4b3a-4291-8e0f-1a2b3c4d5e01
emu add "$VV_EMU_ROOT" gvt $gvt >/dev/null
emu mode $gvt 640x480
emu draw $gvt 21
emu expect $gvt "$T/expect.png"
export XDG_CONFIG_HOME=$T/config
mkdir -p "$XDG_CONFIG_HOME/vgpu-view"

# --- title, app id, decorations
start --seat --decoration server -- $gvt
check_log_has "title names the VM" "^title mdev $gvt (GVTg_V5_4)"
check_log_has "app id" '^app-id vgpu-view'
check_log_has "server-side decorations asked for" '^decoration requested=server mode=server'
stop
start --seat -- --title "build VM" --app-id org.example.vm1 $gvt
check_log_has "--title" '^title build VM'
check_log_has "--app-id" '^app-id org.example.vm1'
stop

# --- the overlay key: F12 shows it, F12 hides it
start --seat -- $gvt
shot "$T/a.png"
check_rect "no overlay at first" "$T/expect.png" "$T/a.png" 0,0,640,480
ctl key F12
wait_for "overlay shown" 5 grep -q 'role=subsurface .*format=AR24 .*pos=8,8' "$T/log"
shot "$T/b.png"
if "$VV_EMU" cmp "$T/expect.png" "$T/b.png" --rect 8,8,300,60 >/dev/null 2>&1; then
	fail "F12: the overlay is not on screen"
else
	pass
fi
ctl key F12
sleep 0.3
shot "$T/c.png"
check_rect "F12 again: gone" "$T/expect.png" "$T/c.png" 0,0,640,480

# --- F11: fullscreen and back; F10: scale modes
ctl key F11
wait_for "fullscreen requested" 5 grep -q '^request set_fullscreen' "$T/log"
wait_for "fullscreen configure" 5 grep -q '^configure .*size=1024x768 states=.*fullscreen' "$T/log"
shot "$T/d.png"
check_log_has "fit in fullscreen" 'role=subsurface .*size=640x480 .*pos=0,0 viewport=1024x768'
ctl key F10
shot "$T/e.png"
check_log_has "F10: integer (1x, centred)" 'role=subsurface .*size=640x480 .*pos=192,144 viewport=640x480'
ctl key F11
wait_for "fullscreen left" 5 grep -q '^request unset_fullscreen' "$T/log"

# --- Print: a snapshot in the current directory
ctl key Print
wait_for "snapshot written" 5 grep -q "snapshot: wrote vgpu-view-" "$T/err"
snap_file=$(sed -n 's/.*snapshot: wrote \(vgpu-view-[0-9-]*\.png\).*/\1/p' "$T/err" | head -1)
if [ -n "$snap_file" ] && "$VV_EMU" cmp "$T/expect.png" "$snap_file" >/dev/null 2>&1; then
	pass
else
	fail "Print: snapshot '$snap_file' is not the guest's screen"
fi

# --- Alt + drag moves the window (no server-side decorations here)
ctl pointer-enter 100 100
ctl button left press
sleep 0.2
check_log_lacks "a plain click does not move" '^move serial'
ctl button left release
ctl key-down Alt_L
ctl button left press
wait_for "Alt + drag moves" 5 grep -q '^move serial=[0-9]* accepted=yes' "$T/log"
ctl button left release
ctl key-up Alt_L

# --- Ctrl+q quits, exit 0
ctl key q ctrl
wait_for "Ctrl+q quits" 5 sh -c "! kill -0 $viewer_pid 2>/dev/null"
rc=0
wait "$viewer_pid" 2>/dev/null || rc=$?
viewer_pid=
check_rc "Ctrl+q exit status" 0
stop_all

# --- bindings from the config file, a bad line reported, --bind wins
cat >"$XDG_CONFIG_HOME/vgpu-view/config" <<'CFG'
[bindings]
overlay = Ctrl+Alt+o
quit = Escape
fullscreen = Hyper+x
CFG
start --seat -- --bind quit=none $gvt
check_err_has "bad config line" "config:4: 'Hyper' is not a modifier (Ctrl, Alt, Shift, Super); using the default"
ctl key F12
sleep 0.3
check_log_lacks "F12 unbound now" 'role=subsurface .*format=AR24 .*pos=8,8'
ctl key o ctrl+alt
wait_for "config binding works" 5 grep -q 'role=subsurface .*format=AR24 .*pos=8,8' "$T/log"
ctl key Escape
sleep 0.3
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "--bind quit=none: Escape still quits"; fi
stop
rm -f "$XDG_CONFIG_HOME/vgpu-view/config"

# --- kiosk: no pointer, no keys
start --seat -- --kiosk $gvt
ctl pointer-enter 50 50
wait_for "kiosk hides the pointer" 5 grep -q '^set-cursor surface=none' "$T/log"
ctl key F12
ctl key q ctrl
sleep 0.4
check_log_lacks "kiosk: no overlay" 'role=subsurface .*format=AR24 .*pos=8,8'
if kill -0 "$viewer_pid" 2>/dev/null; then pass; else fail "kiosk: Ctrl+q ended it"; fi
stop
check_rc "kiosk: SIGTERM ends it" 0

finish
