#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "edid.h"
#include "guest-mode.h"
#include "log.h"
#include "plane-map.h"
#include "plane.h"
#include "xalloc.h"

struct vv_source {
	struct vv_device *dev; /* owned; NULL while gone */
	struct vv_dmabuf_cache dmabufs;

	/* What each plane last looked like, and when a failed query of it
	 * is said (query.h). */
	struct vv_plane_tracker trackers[VV_PLANE_TYPE_COUNT];
	struct vv_query_warning said_query[VV_PLANE_TYPE_COUNT];

	/* Gone: the next try to reopen it, and the wait before the one
	 * after (CLOCK_MONOTONIC ns). */
	uint64_t retry_at;
	uint64_t reopen_delay_ns;

	/* Guest resize: the last mode offered, and whether there is an EDID
	 * region to offer it through. */
	uint32_t offered_w, offered_h;
	bool edid_missing;

	char address[]; /* reopened from */
};

struct vv_source *
vv_source_open(const char *address, struct vv_err *err)
{
	struct vv_device *dev = vv_device_open(address, err);

	if (!dev)
		return NULL;
	vv_debug("opened %s (%s display)", dev->name,
		 vv_plane_kind_name(dev->kind));
	return vv_source_adopt(address, dev);
}

struct vv_source *
vv_source_adopt(const char *address, struct vv_device *dev)
{
	size_t len = strlen(address);
	struct vv_source *source = vv_xzalloc(sizeof(*source) + len + 1);
	memcpy(source->address, address, len + 1);
	source->dev = dev;
	vv_dmabuf_cache_init(&source->dmabufs);
	return source;
}

void
vv_source_destroy(struct vv_source *source)
{
	if (!source)
		return;
	vv_dmabuf_cache_finish(&source->dmabufs);
	vv_device_destroy(source->dev);
	free(source);
}

const char *
vv_source_name(const struct vv_source *source)
{
	return source->dev ? source->dev->name : source->address;
}

bool
vv_source_gone(const struct vv_source *source)
{
	return !source->dev;
}

struct vv_device *
vv_source_device(struct vv_source *source)
{
	return source->dev;
}

enum vv_dmabuf_access
vv_source_dmabuf_access(const struct vv_source *source)
{
	return source->dev ? source->dev->dmabuf_access
			   : VV_DMABUF_ACCESS_UNKNOWN;
}

const char *
vv_source_dmabuf_exporter(const struct vv_source *source)
{
	return source->dev ? source->dev->dmabuf_exporter : "";
}

unsigned
vv_source_dmabufs_held(const struct vv_source *source)
{
	return vv_dmabuf_cache_count(&source->dmabufs);
}

uint64_t
vv_source_reopen_backoff(uint64_t delay_ns)
{
	if (delay_ns < VV_REOPEN_FIRST_NS)
		return VV_REOPEN_FIRST_NS;
	return delay_ns >= VV_REOPEN_MAX_NS / 2 ? VV_REOPEN_MAX_NS
						: delay_ns * 2;
}

/* ---- the planes' buffers, from whichever device is open ---------------- */

static int
gone_err(const struct vv_source *source, struct vv_err *err)
{
	return vv_err_set(
	    err, ENODEV,
	    "%s is gone (the device was removed or its VM stopped)",
	    source->address);
}

static const char *
buffers_name(void *owner)
{
	return vv_source_name(owner);
}

static const struct vv_dmabuf *
buffers_dmabuf(void *owner, const struct vv_plane *plane, uint64_t now,
	       struct vv_err *err)
{
	struct vv_source *source = owner;

	if (!source->dev) {
		gone_err(source, err);
		return NULL;
	}
	return vv_plane_dmabuf(&source->dmabufs, source->dev, plane, now, err);
}

static bool
buffers_holds(void *owner, uint32_t id, uint32_t serial)
{
	struct vv_source *source = owner;

	return vv_dmabuf_cache_holds(&source->dmabufs, id, serial);
}

static void
buffers_expire(void *owner, uint64_t now)
{
	struct vv_source *source = owner;

	vv_dmabuf_cache_expire(&source->dmabufs, now);
}

static int
buffers_map(void *owner, const struct vv_plane *plane, struct vv_plane_map *map,
	    struct vv_err *err)
{
	struct vv_source *source = owner;

	if (!source->dev)
		return gone_err(source, err);
	return vv_plane_map(map, source->dev, &source->dmabufs, plane, err);
}

static int
buffers_map_dmabuf(void *owner, const struct vv_plane *plane,
		   const struct vv_dmabuf *buf, struct vv_plane_map *map,
		   struct vv_err *err)
{
	struct vv_source *source = owner;

	if (!source->dev)
		return gone_err(source, err);
	return vv_plane_map_dmabuf(map, source->dev, plane, buf, err);
}

static const struct vv_plane_buffers_ops buffers_ops = {
	.name = buffers_name,
	.dmabuf = buffers_dmabuf,
	.holds = buffers_holds,
	.expire = buffers_expire,
	.map = buffers_map,
	.map_dmabuf = buffers_map_dmabuf,
};

struct vv_plane_buffers
vv_source_buffers(struct vv_source *source)
{
	/* Read once: a reopened device gets a new present (frames.c). */
	return (struct vv_plane_buffers){
		.ops = &buffers_ops,
		.owner = source,
		.access = vv_source_dmabuf_access(source),
	};
}

/* ---- asking for planes ------------------------------------------------- */

/* What a query of a device that is gone answers. */
static void
gone_query(enum vv_plane_type type, struct vv_query *out)
{
	*out = (struct vv_query){
		.type = type,
		.status = VV_QUERY_GONE,
		.error = -ENODEV,
		.raw = { .kind = VV_KIND_NONE },
	};
}

void
vv_source_query(struct vv_source *source, enum vv_plane_type type,
		enum vv_query_wait wait, struct vv_query *out)
{
	if (source->dev)
		vv_query_ask(source->dev, type, wait, out);
	else
		gone_query(type, out);
}

int
vv_source_query_err(const struct vv_query *query,
		    const struct vv_source *source, struct vv_err *err)
{
	return vv_query_err(query, vv_source_name(source), err);
}

/* ---- one tick ---------------------------------------------------------- */

/* One query, with what changed said once (not once per frame): an invalid
 * plane, once per change; a failed query as --watch says it too
 * (vv_query_warning_due: transient ones only when they last, a line that
 * intermittent faults repeat held back), in the same words as --info's
 * error. */
static void
ask(struct vv_source *source, enum vv_plane_type type, struct vv_query *q)
{
	struct vv_err line;

	vv_query_ask(source->dev, type, VV_QUERY_ONCE, q);
	bool changed =
	    vv_plane_tracker_update(&source->trackers[type], q->error, &q->raw);
	if (!vv_source_query_err(q, source, &line)) {
		/* A plane or none, the answer of nearly every frame: no line
		 * to write, and a run of failures ends (no time needed). */
		vv_query_warning_due(&source->said_query[type], q, "", 0);
		return;
	}
	if (q->status == VV_QUERY_INVALID && changed)
		vv_warn("%s", line.text);
	if (vv_query_warning_due(&source->said_query[type], q, line.text,
				 vv_now_ns()))
		vv_warn("%s", line.text);
}

/* The device answered -ENODEV: let it go with everything exported from it,
 * and wait for it. */
static void
let_go(struct vv_source *source, uint64_t now)
{
	vv_warn(
	    "%s is gone (the device was removed or its VM stopped); waiting for it to come back",
	    source->dev->name);
	vv_dmabuf_cache_finish(&source->dmabufs);
	vv_dmabuf_cache_init(&source->dmabufs);
	vv_device_destroy(source->dev);
	source->dev = NULL;
	memset(source->trackers, 0, sizeof(source->trackers));
	source->offered_w = source->offered_h = 0;
	source->edid_missing = false;
	source->reopen_delay_ns = VV_REOPEN_FIRST_NS;
	source->retry_at = now + source->reopen_delay_ns;
}

/* At or after retry_at: tries to reopen the device. True when it is back. */
static bool
reopen(struct vv_source *source, uint64_t now, struct vv_source_frame *out)
{
	struct vv_err err = { 0 };

	if (now < source->retry_at)
		return false;
	struct vv_device *dev = vv_device_open(source->address, &err);
	if (!dev) {
		vv_debug("still gone: %s", err.text);
		source->reopen_delay_ns =
		    vv_source_reopen_backoff(source->reopen_delay_ns);
		source->retry_at = vv_now_ns() + source->reopen_delay_ns;
		out->event = VV_SOURCE_STILL_GONE;
		return false;
	}
	vv_info("%s is back", dev->name);
	source->dev = dev;
	out->event = VV_SOURCE_BACK;
	return true;
}

static void
say_gone(const struct vv_source *source, struct vv_source_frame *out)
{
	gone_query(VV_PLANE_PRIMARY, &out->primary);
	out->gone = true;
	out->retry_at = source->retry_at;
	snprintf(
	    out->detail, sizeof(out->detail),
	    "%s is gone (removed, or its VM stopped). Trying to reopen it every %.1f s.",
	    source->address, (double)source->reopen_delay_ns / 1e9);
}

void
vv_source_frame(struct vv_source *source, uint64_t now,
		struct vv_source_frame *out)
{
	out->event = VV_SOURCE_SAME;
	out->gone = false;
	out->queries = 0;
	out->retry_at = 0;
	out->detail[0] = '\0';
	if (!source->dev && !reopen(source, now, out)) {
		say_gone(source, out);
		return;
	}
	ask(source, VV_PLANE_PRIMARY, &out->primary);
	out->queries++;
	/* Only ENODEV lets the device go: other final errors, and EIO, are
	 * asked again (device.h's retry policy). */
	if (out->primary.error == -ENODEV) {
		let_go(source, now);
		out->event = VV_SOURCE_LOST;
		say_gone(source, out);
		return;
	}
	if (out->primary.status != VV_QUERY_PLANE)
		return;
	ask(source, VV_PLANE_CURSOR, &out->cursor);
	out->queries++;
}

/* ---- guest resize ------------------------------------------------------ */

void
vv_source_offer_mode(struct vv_source *source, uint32_t width, uint32_t height)
{
	struct vv_device *dev = source->dev;
	struct vv_edid_info info;
	uint8_t blob[VV_EDID_BLOCK];

	if (!dev || source->edid_missing)
		return;
	int ret = vv_guest_mode_region(dev, &info);
	if (ret) {
		vv_info(
		    "%s has no EDID region (%s): the guest keeps its mode and the window scales it",
		    dev->name, strerror(-ret));
		source->edid_missing = true;
		return;
	}
	vv_guest_mode_fit(&info, &width, &height);
	if (width == source->offered_w && height == source->offered_h)
		return;
	ret = vv_guest_mode_write(dev, width, height, blob);
	if (ret) {
		vv_warn(
		    "cannot offer the guest a %ux%u mode through %s's EDID region: %s",
		    width, height, dev->name, strerror(-ret));
		source->edid_missing = true;
		return;
	}
	source->offered_w = width;
	source->offered_h = height;
	vv_info("offered the guest a %ux%u mode (EDID, capped at %ux%u)", width,
		height, info.max_xres, info.max_yres);
}
