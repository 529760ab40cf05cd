#include "info.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "plane.h"
#include "query.h"

/* @in as a quoted value of an --info line (info.h): '"' and '\\' are
 * escaped with a backslash, control and non-ASCII bytes as \xHH, so a
 * value is never cut short or split. Truncated at a character boundary
 * to fit @len. */
static void
quote(const char *in, char *out, size_t len)
{
	size_t used = 0;

	out[used++] = '"';
	for (const unsigned char *c = (const unsigned char *)in; *c; c++) {
		char esc[8];
		if (*c == '"' || *c == '\\')
			snprintf(esc, sizeof(esc), "\\%c", *c);
		else if (*c < ' ' || *c > '~')
			snprintf(esc, sizeof(esc), "\\x%02x", *c);
		else
			snprintf(esc, sizeof(esc), "%c", *c);
		size_t n = strlen(esc);
		if (used + n + 2 > len)
			break;
		memcpy(out + used, esc, n);
		used += n;
	}
	out[used++] = '"';
	out[used] = '\0';
}

/* The line for one query result, and a warning on stderr when the plane is
 * invalid (the caller prints both only when the plane changed). */
static void
print_plane(struct vv_source *source, const struct vv_query *q,
	    const struct vv_info_paths *paths, FILE *out)
{
	/* A reason quoted whole: 4 bytes per escaped byte at most. */
	char quoted[2 + 4 * sizeof(q->why.text)], line[sizeof(quoted) + 1024];
	struct vv_err err = { 0 };

	if (q->status == VV_QUERY_INVALID) {
		vv_source_query_err(q, source, &err);
		vv_warn("%s", err.text);
		quote(q->why.text, quoted, sizeof(quoted));
		snprintf(line, sizeof(line), "plane=%s state=invalid reason=%s",
			 vv_plane_type_name(q->type), quoted);
	} else if (q->status == VV_QUERY_PLANE) {
		vv_plane_describe(q->type, &q->plane, line, sizeof(line));
		if (paths)
			snprintf(line + strlen(line),
				 sizeof(line) - strlen(line), " path=%s",
				 paths->name(paths->data, &q->plane));
	} else {
		vv_plane_describe(q->type, NULL, line, sizeof(line));
	}
	fprintf(out, "%s\n", line);
	fflush(out);
}

/* A query that failed for good, or kept failing: one line naming why. */
static int
query_failed(struct vv_source *source, const struct vv_query *q,
	     struct vv_err *err)
{
	if (q->error == -ENODEV)
		return vv_err_set(
		    err, ENODEV,
		    "%s is gone (the device was removed or the VM stopped)",
		    vv_source_name(source));
	return vv_source_query_err(q, source, err);
}

/* print_plane flushes each line: right after it, errno still says why a
 * line did not get out (a full disk), and a watch ends there, as any
 * filter does. */
static bool
write_failed(FILE *out, struct vv_err *err)
{
	int error = errno ? errno : EIO;

	if (!ferror(out))
		return false;
	vv_err_set(err, error, "cannot write to standard output: %s",
		   strerror(error));
	return true;
}

int
vv_info_print(struct vv_source *source, FILE *out,
	      const struct vv_info_paths *paths, struct vv_err *err)
{
	for (int t = 0; t < VV_PLANE_TYPE_COUNT; t++) {
		struct vv_query q;
		vv_source_query(source, t, VV_QUERY_SETTLED, &q);
		if (q.error)
			return query_failed(source, &q, err);
		print_plane(source, &q, paths, out);
		if (write_failed(out, err))
			return -err->code;
	}
	return 0;
}

/* The poll timeout between rounds of queries (ms): a frame while the
 * device answers, backing off to a second while it keeps failing. */
#define WATCH_FRAME_MS   16
#define WATCH_BACKOFF_MS 1000

int
vv_info_watch(struct vv_source *source, FILE *out, int signal_fd,
	      const struct vv_info_paths *paths, struct vv_err *err)
{
	struct vv_plane_tracker trackers[VV_PLANE_TYPE_COUNT] = { 0 };
	/* A failed query is said as the window says it (query.h), then
	 * asked again, backing off while the failures last; a final one
	 * (GONE) ends the watch. */
	struct vv_query_warning said[VV_PLANE_TYPE_COUNT] = { 0 };
	int timeout = WATCH_FRAME_MS;

	for (;;) {
		bool failing = false;
		for (int t = 0; t < VV_PLANE_TYPE_COUNT; t++) {
			struct vv_query q;
			struct vv_err why = { 0 };
			char line[sizeof(why.text) + 32] = "";
			vv_source_query(source, t, VV_QUERY_ONCE, &q);
			if (q.status == VV_QUERY_GONE)
				return query_failed(source, &q, err);
			if (q.error) {
				vv_source_query_err(&q, source, &why);
				snprintf(line, sizeof(line), "%s; asking again",
					 why.text);
			}
			if (vv_query_warning_due(&said[t], &q, line,
						 vv_now_ns()))
				vv_warn("%s", line);
			if (q.error) {
				failing = failing || said[t].lasting;
				continue;
			}
			if (vv_plane_tracker_update(&trackers[t], 0, &q.raw))
				print_plane(source, &q, paths, out);
			if (write_failed(out, err))
				return -err->code;
		}
		timeout = !failing                         ? WATCH_FRAME_MS
			  : timeout * 2 > WATCH_BACKOFF_MS ? WATCH_BACKOFF_MS
							   : timeout * 2;

		struct pollfd pfd = { .fd = signal_fd, .events = POLLIN };
		int n = poll(&pfd, 1, timeout);
		if (n < 0 && errno != EINTR)
			return vv_err_set(err, errno, "poll: %s",
					  strerror(errno));
		if (n > 0) {
			struct signalfd_siginfo si;
			if (read(signal_fd, &si, sizeof(si)) == sizeof(si))
				return 0;
		}
	}
}
