#!/bin/bash
# The README names every source file, and names none that is gone.
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
status=0
for f in "$top"/src/*.c "$top"/src/*.h "$top"/src/*/*.c "$top"/src/*/*.h; do
	name=${f#"$top"/}
	grep -q "\`$name\`" "$top/README.md" || { echo "README.md does not describe $name"; status=1; }
done
for name in $(grep -o '`src/[^`]*`' "$top/README.md" | tr -d '`' | sort -u); do
	[ -e "$top/$name" ] || { echo "README.md describes $name, which does not exist"; status=1; }
done
exit $status
