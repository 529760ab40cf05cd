/* Asking a device for a plane, the one way every job does it: query, then
 * validate (plane.h), then sort the answer into what the caller acts on.
 * The source (source.h) asks through it for --info, --watch, --snapshot
 * and the live window. Logs nothing: the caller knows whether to warn,
 * once per change, or fail. */
#ifndef VV_QUERY_H
#define VV_QUERY_H

#include <stdbool.h>

#include "device.h"
#include "error.h"
#include "log.h"
#include "plane.h"

enum vv_query_status {
	VV_QUERY_PLANE,     /* a validated plane: query.plane */
	VV_QUERY_NONE,      /* the guest shows nothing on this plane */
	VV_QUERY_INVALID,   /* the source reported a plane that failed
			     * validation: query.why says which rule */
	VV_QUERY_TRANSIENT, /* the query failed, and may not next time
			     * (vv_device_error_may_pass): query.error */
	VV_QUERY_GONE,      /* the query failed for good (ENODEV: the device
			     * is gone): query.error */
};

/* How long to ask. */
enum vv_query_wait {
	VV_QUERY_ONCE,    /* one query: the live window, --watch */
	VV_QUERY_SETTLED, /* up to about 200 ms while the answer may pass
			   * (vv_device_query_settled): one-shot tools */
};

struct vv_query {
	enum vv_plane_type type;
	enum vv_query_status status;
	int error;                /* TRANSIENT, GONE: the query's -errno */
	struct vv_plane_info raw; /* as reported; kind NONE when it failed */
	struct vv_plane plane;    /* PLANE */
	struct vv_err why;        /* INVALID: the first broken rule */
};

/* Asks @dev for its plane of @type and fills @out. */
void vv_query_ask(struct vv_device *dev, enum vv_plane_type type,
		  enum vv_query_wait wait, struct vv_query *out);

/* For an INVALID, TRANSIENT or GONE @query of the device named @name: fills
 * @err with the one line a user reads ("the primary plane of NAME is
 * invalid: WHY", "cannot query the cursor plane of NAME: REASON") and
 * returns its -errno. For a PLANE or NONE: 0, @err untouched. */
int vv_query_err(const struct vv_query *query, const char *name,
		 struct vv_err *err);

/* When the live window and --watch say that asking for a plane failed:
 * one policy for both (device.h's retry policy), one of these per plane
 * asked. A final error or EIO is said when a run of failures starts, or
 * when the error changes; a transient one only once more than
 * VV_QUERY_QUIET_FAILURES queries in a row failed (mbochs answers ENOMEM
 * once after every mode change: noise; a picture frozen or a watch silent
 * for a second on it has a reason the user must read). A line like the
 * one said last is held back for VV_LOG_REPEAT_NS: faults that come and
 * go would start a run every few frames. */
#define VV_QUERY_QUIET_FAILURES 60

struct vv_query_warning {
	unsigned failures; /* queries failed in a row */
	int last_error;    /* -errno of the last failure of this run; 0: none */
	/* This run of failures is past its quiet part (said, or held back as
	 * a repeat): --watch backs off while it lasts. */
	bool lasting;
	struct vv_log_repeat repeat;
};

/* Counts @query (every query asked, whatever its answer: a plane, none or
 * an invalid one ends a run) and returns true when its failure should be
 * said now as @line (the caller's wording of it) at @now_ns
 * (CLOCK_MONOTONIC). */
bool vv_query_warning_due(struct vv_query_warning *warning,
			  const struct vv_query *query, const char *line,
			  uint64_t now_ns);

#endif
