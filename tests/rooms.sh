#!/bin/bash
# The rooms of src/ (README "Source files") include only downward: the app
# (src/*) may include any room; source/, screen/ and qmp/ stand side by
# side and include only themselves and base/; base/ only itself. Includes
# are bare names (meson puts every room on the include path), so a name is
# looked up in each room.
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
status=0
room_of() { # the room holding header $1, or nothing (system, generated)
	local r
	for r in base source screen qmp; do
		[ -e "$top/src/$r/$1" ] && { echo "$r"; return; }
	done
	[ -e "$top/src/$1" ] && echo app
}
for from in base source screen qmp; do
	for f in "$top"/src/"$from"/*.[ch]; do
		for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
			to=$(room_of "$inc")
			case "$to" in
			"" | base | "$from") ;;
			*)
				echo "${f#"$top"/} includes $inc of $to/: $from/ may include only itself and base/"
				status=1
				;;
			esac
		done
	done
done
exit $status
