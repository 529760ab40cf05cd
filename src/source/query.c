#include "query.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

void
vv_query_ask(struct vv_device *dev, enum vv_plane_type type,
	     enum vv_query_wait wait, struct vv_query *out)
{
	int ret = wait == VV_QUERY_SETTLED
		      ? vv_device_query_settled(dev, type, &out->raw)
		      : vv_device_query_plane(dev, type, &out->raw);

	out->type = type;
	out->error = ret;
	vv_err_clear(&out->why);
	if (ret) {
		out->raw.kind = VV_KIND_NONE;
		out->status = vv_device_error_may_pass(ret) ? VV_QUERY_TRANSIENT
							    : VV_QUERY_GONE;
	} else if (out->raw.kind == VV_KIND_NONE) {
		out->status = VV_QUERY_NONE;
	} else if (vv_plane_validate(type, &out->raw, &out->plane, &out->why)) {
		out->status = VV_QUERY_INVALID;
	} else {
		out->status = VV_QUERY_PLANE;
	}
}

bool
vv_query_warning_due(struct vv_query_warning *warning,
		     const struct vv_query *query, const char *line,
		     uint64_t now_ns)
{
	bool changed = query->error != warning->last_error, due;
	unsigned held;

	if (!query->error) {
		warning->failures = 0;
		warning->last_error = 0;
		warning->lasting = false;
		return false;
	}
	if (warning->failures < UINT_MAX)
		warning->failures++;
	warning->last_error = query->error;
	if (vv_device_error_is_transient(query->error))
		due = warning->failures == VV_QUERY_QUIET_FAILURES + 1 ||
		      (changed && warning->lasting);
	else
		due = changed;
	if (!due)
		return false;
	warning->lasting = true;
	return vv_log_repeat_pass(&warning->repeat, line, now_ns, &held);
}

int
vv_query_err(const struct vv_query *query, const char *name, struct vv_err *err)
{
	const char *type = vv_plane_type_name(query->type);

	if (query->status == VV_QUERY_INVALID)
		return vv_err_set(err, EINVAL,
				  "the %s plane of %s is invalid: %s", type,
				  name, query->why.text);
	if (query->error)
		return vv_err_set(err, -query->error,
				  "cannot query the %s plane of %s: %s", type,
				  name, strerror(-query->error));
	return 0;
}
