#!/bin/bash
# The udmabuf page-reference bug behind the guest kernel's "BUG: Bad page
# cache in process vgpu-view" in real-stack (docs/real-compositor.md): replays
# the mappings with tests/tools/udmabuf-pages.c in ../shared/kernel-e2e's
# guest and checks which scenarios make the kernel log a BUG line:
#   weston, single                     BUG on Linux 6.1 (the cause)
#   untouched, memfd-kept, memfd-pool  none (what avoids it; memfd-pool is
#                                      the viewer's way: wl_shm gets the memfd)
# On 6.12 (KVERS="6.1 6.12") no scenario may log one: udmabuf there maps
# with VM_PFNMAP and vmf_insert_pfn, no page references in the ptes.
# Not part of `meson test` (a kernel build on the first run):
#   tests/udmabuf-pages.sh        (KVERS, default "6.1")
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
e2e=${KERNEL_E2E:-$top/../shared/kernel-e2e}
[ -d "$e2e" ] || e2e=$top/../../shared/kernel-e2e # from a worktree
out=$(mktemp -d /tmp/vv-udmabuf-pages.XXXXXX)
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

gcc -static -O2 -Wall -o "$out/udmabuf-pages" "$top/tests/tools/udmabuf-pages.c" || exit 3
for kver in ${KVERS:-6.1}; do
	log=$out/$kver.log
	# only once, in the mdpy case; the probe's other cases run nothing
	KVER=$kver VIEWER=$out/udmabuf-pages VERBOSE=1 \
		VIEWER_ARGS='none; if [ "$MDEV_KIND" = mdpy ]; then /bin/viewer; echo "udmabuf-pages exit $?"; fi; [ "$MDEV_KIND" != mtty ]' \
		nice bash "$e2e/run.sh" >"$log" 2>&1
	grep -q 'udmabuf-pages exit 0' "$log" && ok "$kver: every scenario ran" ||
		{ bad "$kver: udmabuf-pages did not run to the end (log: $log)"; continue; }
	for s in weston untouched memfd-kept memfd-pool single; do
		lines=$(awk -v s="$s" '$0 ~ "\\] SCENARIO " s " begin" { on = 1; next }
			$0 ~ "\\] SCENARIO " s " end" { on = 0 } on && /BUG:/' "$log" |
			sed 's/^\[ *[0-9.]*\] //; s/ *pfn:.*//; s/ *pte:.*//' | sort | uniq -c | sed 's/^ *//' | tr '\n' ';')
		want=none
		[ "$kver" = 6.1 ] && case $s in weston | single) want=bug ;; esac
		if [ "$want" = bug ] && grep -q 'Bad page cache' <<<"$lines"; then
			ok "$kver $s: the kernel logs: $lines"
		elif [ "$want" = none ] && [ -z "$lines" ]; then
			ok "$kver $s: no BUG line"
		else
			bad "$kver $s: expected $([ $want = bug ] && echo "'Bad page cache'" || echo 'no BUG line'), the kernel logged: ${lines:-nothing}"
		fi
	done
done
echo "logs: $out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
