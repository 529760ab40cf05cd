#include "log.h"

#include <stdarg.h>
#include <stdio.h>

#include "error.h"

/* The one piece of process-wide state: the log level is set once from the
 * command line, before anything logs, and read everywhere. */
static enum vv_log_level max_level = VV_LOG_INFO;

static const char *const prefix[VV_LOG_LEVEL_COUNT] = {
	[VV_LOG_ERROR] = "vgpu-view: error: ",
	[VV_LOG_WARN] = "vgpu-view: warning: ",
	[VV_LOG_INFO] = "vgpu-view: ",
	[VV_LOG_DEBUG] = "vgpu-view: debug: ",
};

void
vv_log_set_level(enum vv_log_level level)
{
	max_level = level;
}

bool
vv_log_enabled(enum vv_log_level level)
{
	return level <= max_level;
}

void
vv_log(enum vv_log_level level, const char *fmt, ...)
{
	va_list ap;

	if (!vv_log_enabled(level))
		return;
	/* One fprintf per line, so that lines from several threads or
	 * processes sharing stderr never interleave mid-line. */
	char line[1024];
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s%s\n", prefix[level], line);
}

int
vv_err_set(struct vv_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->text, sizeof(err->text), fmt, ap);
		va_end(ap);
	}
	return -code;
}

bool
vv_log_repeat_pass(struct vv_log_repeat *repeat, const char *line,
		   uint64_t now_ns, unsigned *held)
{
	uint64_t hash = 0xcbf29ce484222325ull; /* FNV-1a */

	for (const char *c = line; *c; c++)
		hash = (hash ^ (unsigned char)*c) * 0x100000001b3ull;
	hash |= 1; /* never 0, which means "none yet" */
	if (hash == repeat->hash &&
	    now_ns - repeat->said_ns < VV_LOG_REPEAT_NS) {
		repeat->held++;
		return false;
	}
	*held = hash == repeat->hash ? repeat->held : 0;
	repeat->hash = hash;
	repeat->said_ns = now_ns;
	repeat->held = 0;
	return true;
}
