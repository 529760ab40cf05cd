#!/bin/bash
# The man page, built from docs/vgpu-view.1.scd by scdoc, renders with man:
# its sections are there and groff has nothing to warn about.
#   man-page.sh [BUILT_PAGE]   (no page: scdoc was not found, skipped)
set -uo pipefail
page=${1:-}
if [ -z "$page" ]; then
	echo "SKIP: scdoc is not installed, so the man page is not built (apt-get install scdoc, then meson setup --reconfigure)"
	exit 77
fi
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

[ -s "$page" ] || fail "$page is missing or empty"
head -n 20 "$page" | grep -q '^\.TH "vgpu-view" "1"' ||
	fail "$page has no .TH \"vgpu-view\" \"1\" header"
if command -v man >/dev/null; then
	text=$(MANWIDTH=80 man --warnings -l "$page" 2>"${TMPDIR:-/tmp}/man-page.$$.err")
	warnings=$(cat "${TMPDIR:-/tmp}/man-page.$$.err")
	rm -f "${TMPDIR:-/tmp}/man-page.$$.err"
	[ -z "$warnings" ] || fail "man warns: $warnings"
	for section in NAME SYNOPSIS OPTIONS "EXIT STATUS"; do
		grep -q "^$section\$" <<<"$text" || fail "no $section section when rendered"
	done
	grep -q '^ *vgpu-view - ' <<<"$text" || fail "NAME does not say 'vgpu-view - …'"
else
	echo "note: man is not installed (apt-get install man-db): the page was not rendered"
fi
echo "man-page: $failures failed"
[ "$failures" -eq 0 ]
