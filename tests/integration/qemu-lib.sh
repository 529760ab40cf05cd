# A real QEMU for the input tests (TCG, no guest OS: it traces every input
# event it receives with -trace 'input_event_*'). Source after lib.sh; set
# sock first. Skips the test (77) when QEMU is not installed.
command -v qemu-system-x86_64 >/dev/null || {
	echo "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86): skipped"
	exit 77
}

qemu_pid=

# start_qemu [DEVICE...]: QEMU with a QMP socket at $sock, its input
# traces in $T/trace (appended: a restarted QEMU goes on in the same file),
# tied to the test like every child (lib.sh) so it dies with it even on
# SIGKILL. The devices default to a tablet and a keyboard.
start_qemu() {
	local d devices=()
	[ $# -eq 0 ] && set -- virtio-tablet-pci virtio-keyboard-pci
	for d; do devices+=(-device "$d"); done
	rm -f "$sock"
	"${tie[@]}" qemu-system-x86_64 -machine q35 -accel tcg -display none \
		-nodefaults "${devices[@]}" \
		-qmp "unix:$sock,server=on,wait=off" -trace 'input_event_*' \
		</dev/null >/dev/null 2>>"$T/trace" &
	qemu_pid=$!
	wait_for "QEMU's QMP socket" 20 test -S "$sock"
}

stop_qemu() {
	[ -n "$qemu_pid" ] && end "$qemu_pid"
	qemu_pid=
}
