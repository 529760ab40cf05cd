/* When the next tick runs: the three --pacing modes' arithmetic, the only
 * place where they differ (pacer.h). Times in ms for reading, ns inside. */
#include <stdint.h>

#include "pacer.h"
#include "tst.h"

#define MS 1000000ull

static struct vv_pacer_state
state(enum vv_pacing mode, uint64_t pacing_ms)
{
	return (struct vv_pacer_state){ .mode = mode,
					.pacing_ns = pacing_ms * MS };
}

static void
nothing_to_wait_for_is_no_deadline(void)
{
	enum vv_pacing modes[] = { VV_PACING_FRAME, VV_PACING_DEADLINE,
				   VV_PACING_TIMER };

	for (int i = 0; i < 3; i++) {
		struct vv_pacer_state s = state(modes[i], 4);
		TST_CHECK(vv_pacer_next_deadline(&s, 100 * MS) == 0);
		/* A retry the tick asked for is kept as it is. */
		s.retry_at = 250 * MS;
		TST_CHECK(vv_pacer_next_deadline(&s, 100 * MS) == 250 * MS);
	}
}

static void
frame_pacing_ticks_on_the_callback(void)
{
	struct vv_pacer_state s = state(VV_PACING_FRAME, 4);

	s.paced = true;
	TST_CHECK(vv_pacer_next_deadline(&s, 100 * MS) == 0);
	s.frame_done = true;
	TST_CHECK(vv_pacer_next_deadline(&s, 100 * MS) == 100 * MS);
	/* The callback wins over a retry left from before. */
	s.retry_at = 300 * MS;
	TST_CHECK(vv_pacer_next_deadline(&s, 100 * MS) == 100 * MS);
}

static void
deadline_pacing_asks_a_margin_before_the_repaint(void)
{
	struct vv_pacer_state s = state(VV_PACING_DEADLINE, 4);

	s.frame_done = true;
	/* No refresh known (or 0: repaints when it likes): at once. */
	TST_CHECK(vv_pacer_next_deadline(&s, 100 * MS) == 100 * MS);

	/* Presented at 90 ms on a 10 ms grid: the next repaint after
	 * 101 ms is at 110 ms, asked for 4 ms before. */
	s.last_present_ns = 90 * MS;
	s.refresh_ns = 10 * MS;
	TST_CHECK(vv_pacer_next_deadline(&s, 101 * MS) == 106 * MS);
	/* Right on a repaint: the next one. */
	TST_CHECK(vv_pacer_next_deadline(&s, 110 * MS) == 116 * MS);
	/* A presentation ahead of now (the clock read before it came). */
	s.last_present_ns = 120 * MS;
	TST_CHECK(vv_pacer_next_deadline(&s, 101 * MS) == 116 * MS);
	/* A callback that came inside the margin asks now rather than
	 * skip a refresh. */
	s.last_present_ns = 90 * MS;
	TST_CHECK(vv_pacer_next_deadline(&s, 107 * MS) == 107 * MS);
	/* Without a callback, deadline pacing waits for one. */
	s.frame_done = false;
	TST_CHECK(vv_pacer_next_deadline(&s, 101 * MS) == 0);
}

static void
timer_pacing_keeps_its_period_and_catches_up(void)
{
	struct vv_pacer_state s = state(VV_PACING_TIMER, 16);

	/* A frame callback means nothing to timer pacing. */
	s.frame_done = true;
	TST_CHECK(vv_pacer_next_deadline(&s, 100 * MS) == 0);

	s.paced = true;
	/* On time: the period after the last one, not after the tick. */
	s.timer_prev = 100 * MS;
	s.tick_ns = 103 * MS;
	TST_CHECK(vv_pacer_next_deadline(&s, 103 * MS) == 116 * MS);
	/* More than a period behind: a period after the tick. */
	s.tick_ns = 140 * MS;
	TST_CHECK(vv_pacer_next_deadline(&s, 140 * MS) == 156 * MS);
	/* The first frame: no period before it. */
	s.timer_prev = 0;
	s.tick_ns = 5000 * MS;
	TST_CHECK(vv_pacer_next_deadline(&s, 5000 * MS) == 5016 * MS);
}

int
main(void)
{
	TST_RUN(nothing_to_wait_for_is_no_deadline);
	TST_RUN(frame_pacing_ticks_on_the_callback);
	TST_RUN(deadline_pacing_asks_a_margin_before_the_repaint);
	TST_RUN(timer_pacing_keeps_its_period_and_catches_up);
	return tst_failures != 0;
}
