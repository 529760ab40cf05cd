#include "tc-log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static FILE *plog_file;
static bool plog_time, plog_quiet;

int
tc_log_open(const char *path, bool time, bool quiet)
{
	plog_file = fopen(path, "we");
	if (!plog_file)
		return -errno;
	setvbuf(plog_file, NULL, _IOLBF, 0);
	plog_time = time;
	plog_quiet = quiet;
	return 0;
}

/* --quiet-log keeps what a long benchmark run needs, and the rare lines
 * (errors, screenshots) a test waits for */
static bool
plog_wanted(const char *fmt)
{
	static const char *const kept[] = { "commit ", "dmabuf-import ",
					    "protocol-error ", "screenshot " };

	for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++) {
		if (strncmp(fmt, kept[i], strlen(kept[i])) == 0)
			return true;
	}
	return false;
}

void
tc_log_close(void)
{
	if (plog_file)
		fclose(plog_file);
	plog_file = NULL;
}

void
tc_plog(const char *fmt, ...)
{
	struct timespec now;
	va_list ap;

	if (!plog_file || (plog_quiet && !plog_wanted(fmt)))
		return;
	/* the time the event was handled, before formatting costs any */
	clock_gettime(CLOCK_MONOTONIC, &now);
	va_start(ap, fmt);
	vfprintf(plog_file, fmt, ap);
	va_end(ap);
	if (plog_time)
		fprintf(plog_file, " t=%llu\n",
			(unsigned long long)now.tv_sec * 1000000000ull +
			    (unsigned long long)now.tv_nsec);
	else
		fputc('\n', plog_file);
}

void
tc_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("vv-compositor: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
tc_post_error(struct wl_resource *resource, uint32_t code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tc_plog("protocol-error iface=%s code=%u msg=%s",
		wl_resource_get_class(resource), code, msg);
	wl_resource_post_error(resource, code, "%s", msg);
}
