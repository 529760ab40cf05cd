#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
vv_text_append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strnlen(buf, len);
	va_list ap;
	int n;

	if (len < 4 || used + 1 >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= len - used)
		memcpy(buf + len - 4, "...", 4);
}
