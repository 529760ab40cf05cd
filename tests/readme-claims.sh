#!/bin/bash
# What README.md says about the program, checked against the program: the
# exit status table, the ptrace_scope the binary asks for, the demo's
# default size, and that the troubleshooting command names a program that
# exists.
#   readme-claims.sh SOURCE_ROOT BUILD_ROOT VIEWER
set -uo pipefail
top=${1:?} build=${2:?} viewer=${3:?}
readme=$top/README.md
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
# fontconfig's caches are not the viewer's leaks (tests/lsan.supp).
export ASAN_OPTIONS=detect_leaks=0

# status WHAT EXPECTED ARGS...: the viewer's exit status for ARGS, and a
# row of the README's table saying so.
status() {
	local what=$1 want=$2 rc=0
	shift 2
	"$viewer" "$@" >/dev/null 2>&1 </dev/null || rc=$?
	[ "$rc" -eq "$want" ] || fail "vgpu-view $* exits $rc, expected $want ($what)"
	grep -Eq "^\| $want \|.*$what" "$readme" ||
		fail "the README's exit status table has no row '| $want | …$what…'"
}
status "a DEVICE that is no device address" 1 --info nonsense:dev
status "a bad option or option value" 2 --no-such-option
status "a bad option or option value" 2 --scale sideways demo

# ptrace_scope: the README says what the binary's error line says.
binary=$(grep -aoE 'ptrace_scope = [0-9]' "$viewer" | sort -u)
[ -n "$binary" ] || fail "the binary names no ptrace_scope value"
while read -r claim; do
	[ "$claim" = "${binary#ptrace_scope }" ] ||
		fail "README says ptrace_scope $claim, the binary says $binary"
done < <(grep -oE 'ptrace_scope` [^ ]+ [0-9]' "$readme" | sed 's/^ptrace_scope` //')

# The demo's default size, as the README states it.
said=$(grep -oE 'default size [0-9]+x[0-9]+' "$readme" | sed 's/default size //' | sort -u)
info=$("$viewer" --info demo 2>/dev/null | sed -n 's/^plane=primary .* width=\([0-9]*\) height=\([0-9]*\) .*/\1x\2/p')
[ -n "$said" ] || fail "the README does not state the demo's default size ('default size WxH')"
for size in $said; do
	[ "$size" = "$info" ] || fail "README says the demo's default size is $size, --info demo says $info"
done

# Every `data/run-in-weston.sh -- CMD` in the README names a program that
# exists: build/… in the build tree.
while read -r cmd; do
	case $cmd in
	build/*) [ -x "$build/${cmd#build/}" ] || fail "README runs $cmd: no such program in the build tree" ;;
	*/*) [ -x "$top/$cmd" ] || fail "README runs $cmd: no such program" ;;
	*) fail "README runs '$cmd' in run-in-weston.sh: not on PATH after a plain build" ;;
	esac
done < <(grep -oE 'run-in-weston\.sh -- [^ `]+' "$readme" | sed 's/.* -- //')

echo "readme-claims: $failures failed"
[ "$failures" -eq 0 ]
