#!/bin/bash
# Fuzzes every target of tests/fuzz/meson.build with libFuzzer for a bounded
# time: a clang ASan+UBSan build in build-fuzz/ (the core library with
# -fsanitize=fuzzer-no-link, so that the fuzzer sees its coverage), each
# target run from its seed corpus for FUZZ_SECONDS (default 20) seconds.
# Fails on any finding, keeping the input in build-fuzz/fuzz-out/NAME/ and
# printing it; prints the executions per target.
#
#   tests/fuzz/run.sh [NAME...]      (default: every target)
#   FUZZ_SECONDS=120 FUZZ_NICE=10 tests/fuzz/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${FUZZ_SECONDS:-20}
build=${FUZZ_BUILD:-build-fuzz}

step() { echo "fuzz: $*"; }

# The clang that Debian ships with libFuzzer (libclang-rt-14-dev holds
# libclang_rt.fuzzer-*.a).
fuzzer_ok() {
	local cc=$1
	command -v "$cc" >/dev/null &&
		echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' |
		"$cc" -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null
}
cc=${FUZZ_CC:-clang-14}
if ! fuzzer_ok "$cc"; then
	step "installing clang-14 and libclang-rt-14-dev (apt-get)"
	sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -qq -o DPkg::Lock::Timeout=600
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		-o DPkg::Lock::Timeout=600 clang-14 libclang-rt-14-dev >/dev/null
	fuzzer_ok "$cc" || { echo "fuzz: $cc cannot link -fsanitize=fuzzer" >&2; exit 1; }
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	# The one list in tests/fuzz/meson.build, one 'NAME', a line.
	mapfile -t targets < <(sed -n \
		"/^fuzz_targets = \[/,/^\]/s/^[[:space:]]*'\([^']*\)',\{0,1\}[[:space:]]*$/\1/p" \
		tests/fuzz/meson.build)
	[ ${#targets[@]} -gt 0 ] || { echo "fuzz: no targets in tests/fuzz/meson.build" >&2; exit 1; }
fi

if [ ! -f "$build/build.ninja" ]; then
	step "setting up $build (clang, ASan+UBSan, libFuzzer)"
	CC=$cc meson setup "$build" --buildtype=debugoptimized \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all' >/dev/null
fi
step "building ${targets[*]}"
ninja -C "$build" "${targets[@]/#/tests/fuzz/fuzz-}" >/dev/null

export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=0
summary=""
for name in "${targets[@]}"; do
	out=$build/fuzz-out/$name
	rm -rf "$out"
	mkdir -p "$out/corpus" "$out/crashes"
	step "$name: ${seconds} s"
	rc=0
	nice -n "${FUZZ_NICE:-0}" "$build/tests/fuzz/fuzz-$name" \
		-max_total_time="$seconds" -timeout=10 -max_len=4096 \
		-print_final_stats=1 -artifact_prefix="$out/crashes/" \
		"$out/corpus" "tests/fuzz/corpus/$name" >"$out/log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log")
	summary+="$(printf '%-16s %12s execs  %s' "$name" "${execs:-?}" \
		"$( [ $rc = 0 ] && echo ok || echo FINDING)")"$'\n'
	if [ $rc != 0 ]; then
		failed=1
		echo "fuzz: $name: finding (exit $rc); its log:" >&2
		tail -n 60 "$out/log" >&2
		for crash in "$out"/crashes/*; do
			[ -f "$crash" ] || continue
			echo "fuzz: $name: input kept as $crash:" >&2
			od -A d -t x1z "$crash" | head -n 40 >&2
		done
	fi
done
echo "fuzz: executions per target (${seconds} s each):"
printf '%s' "$summary"
[ $failed = 0 ] || { echo "fuzz: FAILED: see above" >&2; exit 1; }
echo "fuzz: ok, no findings"
