/* A line repeated under intermittent faults is said again only after
 * VV_LOG_REPEAT_NS, and the next time it is said counts what was held. */
#include <stdint.h>

#include "log.h"
#include "tst.h"

#define S 1000000000ull

static void
same_line_held_for_ten_seconds(void)
{
	struct vv_log_repeat r = { 0 };
	unsigned held = 99;

	TST_CHECK(vv_log_repeat_pass(&r, "a", 5 * S, &held) && held == 0);
	for (int i = 1; i < 100; i++)
		TST_CHECK(!vv_log_repeat_pass(&r, "a", 5 * S + i * 10000000ull,
					      &held));
	TST_CHECK(vv_log_repeat_pass(&r, "a", 15 * S, &held) && held == 99);
	TST_CHECK(!vv_log_repeat_pass(&r, "a", 16 * S, &held));
}

static void
another_line_is_said(void)
{
	struct vv_log_repeat r = { 0 };
	unsigned held = 99;

	TST_CHECK(vv_log_repeat_pass(&r, "path A", 0, &held));
	TST_CHECK(!vv_log_repeat_pass(&r, "path A", 1, &held));
	TST_CHECK(vv_log_repeat_pass(&r, "path B", 2, &held) && held == 0);
	TST_CHECK(vv_log_repeat_pass(&r, "path A", 3, &held) && held == 0);
	/* The empty line is a line too (hash never 0: "none yet"). */
	struct vv_log_repeat e = { 0 };
	TST_CHECK(vv_log_repeat_pass(&e, "", 0, &held));
	TST_CHECK(!vv_log_repeat_pass(&e, "", 1, &held));
}

int
main(void)
{
	TST_RUN(same_line_held_for_ten_seconds);
	TST_RUN(another_line_is_said);
	return tst_failures != 0;
}
