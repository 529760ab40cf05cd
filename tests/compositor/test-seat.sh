#!/bin/bash
# --seat: the keymap reaches a client that compiles it with xkbcommon, keys
# arrive as the keysyms named, modifiers as xkb_state reports them; pointer
# enter/leave/motion/button; set_cursor, move and their strictness. Without
# --seat there is no wl_seat and the input commands are control errors.
. "$(dirname "$0")/lib.sh"

# seen WHAT LINE: the seat client printed exactly LINE (waits 5 s)
seen() {
	wait_for "client line: $2 ($1)" 5 grep -qxF "$2" "$T/seat.out" && pass
}

start_compositor --seat --refresh 0
client seat seat
seen "keymap compiled, sealed" "keymap ok sealed=yes"
seen "repeat info" "repeat rate=25 delay=600"
seen "drawn" "shown"
log_has "seat bound" '^bind wl_seat v7$'
log_has "keymap sent" '^keymap size=[0-9]+$'
# mapping gives keyboard focus and puts the pointer at the centre
seen "keyboard enter on map" "keyboard-enter ours=yes keys=0"
seen "pointer enter at the centre" "pointer-enter ours=yes x=100 y=50"
log_has "keyboard-enter logged" '^keyboard-enter surface=[0-9]+ serial=[0-9]+$'
log_has "pointer-enter logged" '^pointer-enter surface=[0-9]+ x=100 y=50 serial=[0-9]+$'
# the client hides the pointer, with the enter serial
log_has "kiosk hides the pointer" '^set-cursor surface=none hotspot=0,0 serial=[0-9]+ accepted=yes$'

ctl "key F12"
seen "F12 pressed" "key F12 pressed"
seen "F12 released" "key F12 released"
log_has "key logged" '^key F12 mods=none keycode=88$'
ctl "key q ctrl"
seen "ctrl down" "modifiers ctrl=1 alt=0 shift=0"
seen "q with ctrl" "key q pressed"
log_has "ctrl+q logged" '^key q mods=ctrl keycode=16$'
ctl "key o ctrl+alt"
seen "ctrl+alt down" "modifiers ctrl=1 alt=1 shift=0"
seen "o with ctrl+alt" "key o pressed"
log_has "ctrl+alt+o logged" '^key o mods=ctrl\+alt keycode=24$'
ctl "key a shift"
seen "shift+a is A" "key A pressed"
wait_for "modifiers released" 5 sh -c "tail -n 1 '$T/seat.out' | grep -qx 'modifiers ctrl=0 alt=0 shift=0'" && pass
ctl "key NoSuchKey"
log_has "unknown key" '^control-error key NoSuchKey \(unknown key'
ctl "key Q"
log_has "shifted keysym refused" '^control-error key Q \(unknown key'
ctl "key q hyper"
log_has "unknown modifier" '^control-error key q hyper \(unknown modifier'

ctl "pointer-enter 10 20"
seen "pointer leaves first" "pointer-leave"
seen "pointer at 10,20" "pointer-enter ours=yes x=10 y=20"
log_has "new enter serial accepted" '^set-cursor surface=none hotspot=0,0 serial=[0-9]+ accepted=yes$'
ctl "motion 30.5 40"
seen "motion" "motion x=30.5 y=40"
log_has "motion logged" '^motion x=30.5 y=40$'
ctl "button left press"
seen "left pressed" "button 272 pressed"
log_has "button logged" '^button left press serial=[0-9]+$'
press=$(grep -E '^button left press serial=' "$T/log" | tail -n 1 | sed 's/.*serial=//')
log_has "move with the press serial accepted" "^move serial=$press accepted=yes$"
log_has "move with another serial ignored" "^move serial=$((press + 1000)) accepted=no$"
ctl "button left release"
seen "left released" "button 272 released"
ctl "button right press"
seen "right pressed" "button 273 pressed"
ctl "button right release"
ctl "button fourth press"
log_has "unknown button" '^control-error button fourth press$'
ctl "pointer-leave"
wait_for "pointer left" 5 sh -c "[ \$(grep -cx 'pointer-leave' '$T/seat.out') -ge 2 ]" && pass
ctl "button left press"
log_has "button without pointer focus" '^control-error button left press \(no pointer focus\)$'
ctl "motion 1 2"
log_has "motion without pointer focus" '^control-error motion 1 2 \(no pointer focus\)$'
ctl close
client_wait_exit "seat client closes" 0
ctl "key F12"
log_has "key without focus" '^control-error key F12 \(no keyboard focus\)$'

# strictness: a surface with another role as cursor; touch never offered
client cursor-role cursor-role
client_wait_exit "cursor-role" 0
check_out "cursor-role" "$T/cursor-role.out" "protocol-error iface=wl_pointer code=0"
client get-touch get-touch
client_wait_exit "get-touch" 0
check_out "get-touch" "$T/get-touch.out" "protocol-error iface=wl_seat code=0"
stop_compositor

# without --seat: no global, and the input commands are refused
start_compositor
client noseat formats
client_wait_exit "client without seat" 0
log_lacks "no wl_seat" '^bind wl_seat'
ctl "key F12"
log_has "key without --seat" '^control-error key F12 \(no seat: start with --seat\)$'
stop_compositor
finish
