# Sourced by the emu tests: a private root, helpers, cleanup.
set -eu
: "${VV_EMU:?}" "${EMU_CLIENT:?}" "${VV_EMU_PRELOAD:?}"
VV_EMU_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/vv-emu.XXXXXX")
export VV_EMU_ROOT
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	rm -rf "$VV_EMU_ROOT"
}
trap cleanup EXIT
# runs a command with the emulated device preloaded
emu() { LD_PRELOAD="$VV_EMU_PRELOAD" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
