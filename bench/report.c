/* vv-bench's two outputs besides its tables: progress on stderr, and the
 * `--check` lines on stdout that tests and BENCHMARKS.md read. */
#include "bench.h"

#include <stdarg.h>
#include <stdio.h>

void
bench_log(const struct bench_opts *o, const char *fmt, ...)
{
	va_list ap;

	(void)o;
	va_start(ap, fmt);
	fputs("vv-bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void
bench_check(struct bench_checks *checks, bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("- %s: ", ok ? "ok" : "**FAILED**");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	if (!ok)
		checks->failures++;
}

int
bench_checks_end(const struct bench_checks *checks)
{
	printf("\n%s\n", checks->failures ? "FAILED" : "all checks passed");
	return checks->failures ? 1 : 0;
}
