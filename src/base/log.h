/* One line per event on stderr, with a level prefix. */
#ifndef VV_LOG_H
#define VV_LOG_H

#include <stdbool.h>
#include <stdint.h>

enum vv_log_level {
	VV_LOG_ERROR,
	VV_LOG_WARN,
	VV_LOG_INFO,
	VV_LOG_DEBUG,
	VV_LOG_LEVEL_COUNT,
};

/* Messages above @level are dropped. The default is VV_LOG_INFO. */
void vv_log_set_level(enum vv_log_level level);

bool vv_log_enabled(enum vv_log_level level);

void vv_log(enum vv_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Under intermittent faults one place may say the same line every few
 * frames: such a line is said again only once VV_LOG_REPEAT_NS have passed
 * since it was last said. One per place that may repeat. */
#define VV_LOG_REPEAT_NS (10ull * 1000 * 1000 * 1000)

struct vv_log_repeat {
	uint64_t hash;    /* of the line last said; 0: none yet */
	uint64_t said_ns; /* when (CLOCK_MONOTONIC ns) */
	unsigned held;    /* the same line since, not said */
};

/* Whether @line should be said at @now_ns: it differs from the last line
 * said here, or that was VV_LOG_REPEAT_NS ago. When it should, *held is
 * how many times the same line was held back before. */
bool vv_log_repeat_pass(struct vv_log_repeat *repeat, const char *line,
			uint64_t now_ns, unsigned *held);

#define vv_error(...) vv_log(VV_LOG_ERROR, __VA_ARGS__)
#define vv_warn(...)  vv_log(VV_LOG_WARN, __VA_ARGS__)
#define vv_info(...)  vv_log(VV_LOG_INFO, __VA_ARGS__)
#define vv_debug(...) vv_log(VV_LOG_DEBUG, __VA_ARGS__)

#endif
