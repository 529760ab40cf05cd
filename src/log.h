/* One line per event on stderr, with a level prefix. */
#ifndef VV_LOG_H
#define VV_LOG_H

#include <stdbool.h>

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

#define vv_error(...) vv_log(VV_LOG_ERROR, __VA_ARGS__)
#define vv_warn(...)  vv_log(VV_LOG_WARN, __VA_ARGS__)
#define vv_info(...)  vv_log(VV_LOG_INFO, __VA_ARGS__)
#define vv_debug(...) vv_log(VV_LOG_DEBUG, __VA_ARGS__)

#endif
