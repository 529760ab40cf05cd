#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

static FILE *plog_file;

int
vv_log_open(const char *path)
{
	plog_file = fopen(path, "we");
	if (!plog_file)
		return -errno;
	setvbuf(plog_file, NULL, _IOLBF, 0);
	return 0;
}

void
vv_log_close(void)
{
	if (plog_file)
		fclose(plog_file);
	plog_file = NULL;
}

void
vv_plog(const char *fmt, ...)
{
	va_list ap;

	if (!plog_file)
		return;
	va_start(ap, fmt);
	vfprintf(plog_file, fmt, ap);
	va_end(ap);
	fputc('\n', plog_file);
}

void
vv_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("vv-compositor: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
vv_post_error(struct wl_resource *resource, uint32_t code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	vv_plog("protocol-error iface=%s code=%u msg=%s",
		wl_resource_get_class(resource), code, msg);
	wl_resource_post_error(resource, code, "%s", msg);
}
