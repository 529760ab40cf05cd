#!/bin/bash
# For the benchmark: --log-time stamps every line on CLOCK_MONOTONIC, in
# order; --refresh HZ paces frame callbacks on the vblank grid (60 Hz:
# 16.7 ms apart, presented with refresh 16666666); --refresh 0 as fast as
# commits come; --quiet-log keeps only the lines a long run needs.
. "$(dirname "$0")/lib.sh"

# stamps PATTERN: the t= values of the matching log lines
stamps() {
	grep -E "$1" "$T/log" | sed -n 's/.* t=\([0-9]*\)$/\1/p'
}

start_compositor --log-time --refresh 60
client frames60 frames 61
# A busy machine makes the compositor miss vblanks: so does a stop of
# 0.1 s, here on purpose. What must hold whatever the load: every repaint
# on the grid, never faster than 60 Hz; no check counts wall-clock time.
sleep 0.3
kill -STOP "$comp_pid"
sleep 0.1
kill -CONT "$comp_pid"
client_wait_exit "61 frames at 60 Hz" 0
check_out "every frame presented at 60 Hz" "$T/frames60.out" "frames 61 presented=61 refresh=16666666"
stop_compositor
# every line ends in t=NS, never decreasing
if awk '{ if ($NF !~ /^t=[0-9]+$/) { print "no t= on: " $0; exit 1 }
	t = substr($NF, 3) + 0; if (t < last) { print "t went back: " $0; exit 1 }
	last = t }' "$T/log" >"$T/awk.out"; then pass; else fail "log times: $(cat "$T/awk.out")"; fi
log_has "commit stamped" '^commit surface=[0-9]+ .* frame=yes t=[0-9]+$'
# frame callbacks: never faster than the vblank grid (a vblank missed under
# load only makes the average longer)
stamps '^frame-done ' >"$T/done.t"
n=$(wc -l <"$T/done.t")
[ "$n" -ge 61 ] && pass || fail "only $n frame-done lines"
avg=$(awk 'NR == 1 { first = $1 } { last = $1 } END { printf "%d", (last - first) / (NR - 1) }' "$T/done.t")
if [ "$avg" -ge 16300000 ]; then pass; else fail "60 Hz frame-done interval $avg ns on average, faster than 60 Hz"; fi
# the time= each callback carries is a vblank's: a whole number of 60 Hz
# periods (16.7 ms, 1 ms of rounding) after the previous one
grep -E '^frame-done ' "$T/log" | sed 's/.*time=\([0-9]*\).*/\1/' >"$T/done.ms"
if awk 'NR > 1 { d = $1 - prev; k = int((d * 60 + 500) / 1000); e = d - k * 1000 / 60
		if (k < 1 || e < -1.01 || e > 1.01) { print "time=" prev " then time=" $1; exit 1 } }
	{ prev = $1 }' "$T/done.ms" >"$T/grid.out"; then
	pass
else
	fail "frame-done time= off the 60 Hz grid: $(cat "$T/grid.out")"
fi
log_has "presented with the period" '^presented seq=[0-9]+ surface=[0-9]+ refresh=16666666 t=[0-9]+$'

# --refresh 0: a repaint as soon as a commit arrives
start_compositor --log-time --refresh 0
client frames0 frames 100
client_wait_exit "100 frames at --refresh 0" 0
check_out "refresh 0 feedback" "$T/frames0.out" "frames 100 presented=100 refresh=0"
stop_compositor
# Off any 60 Hz grid: some frame-done comes sooner than a 60 Hz period
# after the one before (at 60 Hz none can; here, under any load, some of
# the 99 round trips take less than 16 ms).
grep -E '^frame-done ' "$T/log" | sed 's/.*time=\([0-9]*\).*/\1/' >"$T/done0.ms"
if awk 'NR > 1 && $1 - prev < 16 { fast = 1 } { prev = $1 } END { exit !fast }' "$T/done0.ms"; then
	pass
else
	fail "--refresh 0: every frame-done 16 ms or more after the one before, as on a 60 Hz grid"
fi

# --quiet-log: commits (and errors, screenshots) only
start_compositor --quiet-log --refresh 0
client quiet frames 10
client_wait_exit "quiet run" 0
screenshot quiet
stop_compositor
log_has "quiet log has commits" '^commit surface='
if grep -Ev '^(commit|dmabuf-import|protocol-error|screenshot) ' "$T/log" >"$T/extra"; then
	fail "--quiet-log logged: $(head -n 3 "$T/extra")"
else
	pass
fi
finish
