/* The test compositor's side of a run: its "ready" on stdout, and its log
 * FIFO read as it grows, a whole line at a time. run.c and cursor.c both
 * drive a vv-compositor this way. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

bool
comp_wait_ready(int out_fd)
{
	char buf[256];
	size_t len = 0;
	uint64_t end = now_ns() + 5 * NS_PER_S;

	while (now_ns() < end && len < sizeof(buf) - 1) {
		struct pollfd p = { .fd = out_fd, .events = POLLIN };
		if (poll(&p, 1, 100) > 0) {
			ssize_t n =
			    read(out_fd, buf + len, sizeof(buf) - 1 - len);
			if (n <= 0)
				break;
			len += (size_t)n;
			buf[len] = '\0';
			if (strstr(buf, "ready"))
				break;
		}
	}
	close(out_fd);
	return len && strstr(buf, "ready");
}

void
comp_log_read(struct comp_log *log,
	      void (*line_fn)(void *data, const char *line, uint64_t t),
	      void *data)
{
	for (;;) {
		ssize_t n = read(log->fd, log->buf + log->len,
				 sizeof(log->buf) - log->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 && log->writer)
			log->eof = true;
		if (n <= 0)
			return;
		uint64_t t = now_ns();
		log->len += (size_t)n;
		log->buf[log->len] = '\0';
		char *line = log->buf, *nl;
		while ((nl = strchr(line, '\n'))) {
			*nl = '\0';
			if (log->copy)
				fprintf(log->copy, "%s read=%llu\n", line,
					(unsigned long long)t);
			line_fn(data, line, t);
			line = nl + 1;
		}
		log->len -= (size_t)(line - log->buf);
		memmove(log->buf, line, log->len);
		if (log->len == sizeof(log->buf) - 1)
			log->len = 0; /* a line longer than the buffer */
	}
}
