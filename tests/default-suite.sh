#!/bin/bash
# What a plain `meson test` runs: no test that compares times (the bench
# suite's ratios fail on a busy machine), but the zero-copy facts.
set -uo pipefail
build=${1:?usage: default-suite.sh BUILD_DIR}
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

default=$(meson test -C "$build" --list 2>/dev/null) ||
	fail "meson test --list failed in $build"
grep -q ' / bench-quick$' <<<"$default" &&
	fail "the default suite runs bench-quick (timing ratios)"
grep -q ' / cursor-latency$' <<<"$default" &&
	fail "the default suite runs cursor-latency (a ratio of times)"
grep -q ' / zero-copy-facts$' <<<"$default" ||
	fail "the default suite lacks zero-copy-facts"
bench=$(meson test -C "$build" --list --suite bench 2>/dev/null)
grep -q ' / bench-quick$' <<<"$bench" ||
	fail "meson test --suite bench does not run bench-quick"
grep -q ' / cursor-latency$' <<<"$bench" ||
	fail "meson test --suite bench does not run cursor-latency"
echo "default-suite: $failures failed"
[ "$failures" -eq 0 ]
