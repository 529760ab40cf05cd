/* The zero-copy path: the plane's dma-buf imported through linux-dmabuf,
 * asynchronously, so that a compositor refusing it answers `failed` (and
 * the plane moves on to the next path) instead of ending the connection. */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>

#include "clock.h"
#include "linux-dmabuf-unstable-v1-client-protocol.h"
#include "log.h"
#include "modifier-rule.h"
#include "path.h"
#include "present.h"

/* The modifier @plane's dma-buf goes to the compositor with: its own, or
 * the implicit one (modifier-rule.h). */
static int
wire_modifier(const struct vv_present *present, const struct vv_plane *plane,
	      const char *exporter, uint64_t *wire, struct vv_err *why)
{
	return vv_modifier_rule(&present->wl->dmabuf_formats,
				plane->info.fourcc, plane->info.modifier,
				exporter, present->wl->dmabuf_version >= 4,
				wire, why);
}

static int
dmabuf_accepts(const struct vv_present *present, const struct vv_plane *plane,
	       const struct vv_dmabuf_desc *desc, struct vv_err *why)
{
	const struct vv_wl *wl = present->wl;
	uint32_t fourcc = plane->info.fourcc;
	uint64_t wire;
	char name[12], mod[64];

	if (!desc)
		return vv_err_set(why, ENOTSUP,
				  "a device region is not a dma-buf");
	if (!wl->dmabuf)
		return vv_err_set(why, ENOTSUP,
				  "the compositor offers no linux-dmabuf v3+");
	/* On acceptance @why is empty, or names the implicit modifier and
	 * its exporter: present.c logs it with the path. */
	int ret = wire_modifier(present, plane, desc->exporter, &wire, why);
	if (ret)
		return ret;
	if (vv_format_set_has(&present->refused, fourcc, wire)) {
		vv_format_fourcc_str(fourcc, name);
		vv_modifier_name(wire, mod, sizeof(mod));
		return vv_err_set(
		    why, ENOTSUP,
		    "the compositor refused to import %s with modifier %s",
		    name, mod);
	}
	return 0;
}

static void
params_handle_created(void *data, struct zwp_linux_buffer_params_v1 *params,
		      struct wl_buffer *buffer)
{
	struct vv_import *imp = data;

	zwp_linux_buffer_params_v1_destroy(imp->params);
	imp->params = NULL;
	imp->buffer = buffer;
	imp->state = VV_IMPORT_READY;
}

static void
params_handle_failed(void *data, struct zwp_linux_buffer_params_v1 *params)
{
	struct vv_import *imp = data;

	zwp_linux_buffer_params_v1_destroy(imp->params);
	imp->params = NULL;
	imp->state = VV_IMPORT_FAILED;
	imp->present->stats->import_failures++;
}

static const struct zwp_linux_buffer_params_v1_listener params_listener = {
	.created = params_handle_created,
	.failed = params_handle_failed,
};

/* Imports of one plane in flight at once: a guest that answers a new id on
 * every query would otherwise start one per tick and wait for each. */
#define IMPORTS_IN_FLIGHT 2
/* How often the churn line may be said again (ns). */
#define CHURN_SAY_EVERY_NS (10ull * 1000 * 1000 * 1000)

static void
start_import(struct vv_present *present, const struct vv_plane *plane,
	     const struct vv_dmabuf *buf)
{
	const struct vv_plane_info *info = &plane->info;
	struct vv_import *imp =
	    vv_present_add_import(present, VV_PATH_DMABUF, plane, buf);
	/* accepts chose the path with this same rule and inputs. */
	if (wire_modifier(present, plane, buf->exporter, &imp->wire_modifier,
			  NULL))
		imp->wire_modifier = info->modifier;
	imp->state = VV_IMPORT_PENDING;
	imp->params = zwp_linux_dmabuf_v1_create_params(present->wl->dmabuf);
	zwp_linux_buffer_params_v1_add_listener(imp->params, &params_listener,
						imp);
	/* The fd is duplicated into the message: the cache keeps ours, so the
	 * id is never exported twice. */
	zwp_linux_buffer_params_v1_add(
	    imp->params, buf->fd, 0, 0, info->stride,
	    (uint32_t)(imp->wire_modifier >> 32),
	    (uint32_t)(imp->wire_modifier & 0xffffffff));
	zwp_linux_buffer_params_v1_create(imp->params, (int32_t)info->width,
					  (int32_t)info->height, info->fourcc,
					  0);
	present->stats->imports++;
}

/* The newest completed import of @plane's type and mode that is newer than
 * the attached buffer (never an older frame), and how many of that type are
 * in flight. Completed ones whose dma-buf the cache let go are dropped here
 * rather than at the next expiry: a churning guest leaves one per frame. */
static struct vv_import *
newest_ready(struct vv_present *present, const struct vv_plane *plane,
	     unsigned *in_flight)
{
	struct wl_buffer *attached = present->attached[plane->type];
	struct vv_import *imp, *tmp, *best = NULL;
	uint64_t shown_seq = 0;

	*in_flight = 0;
	wl_list_for_each_safe (imp, tmp, &present->imports, link) {
		if (imp->path != VV_PATH_DMABUF || imp->type != plane->type)
			continue;
		if (imp->buffer && imp->buffer == attached)
			shown_seq = imp->seq;
		else if (imp->state == VV_IMPORT_READY &&
			 !vv_present_holds(present, imp->id, imp->serial))
			vv_present_import_destroy(imp);
	}
	wl_list_for_each (imp, &present->imports, link) {
		if (imp->path != VV_PATH_DMABUF || imp->type != plane->type ||
		    imp->stale)
			continue;
		if (imp->state == VV_IMPORT_PENDING)
			(*in_flight)++;
		if (imp->state == VV_IMPORT_READY && imp->seq > shown_seq &&
		    imp->info.fourcc == plane->info.fourcc &&
		    imp->info.modifier == plane->info.modifier &&
		    imp->info.width == plane->info.width &&
		    imp->info.height == plane->info.height &&
		    (!best || imp->seq > best->seq))
			best = imp;
	}
	return best;
}

/* The plane's current id is not imported yet, and an older import stands
 * in: a guest that changes ids faster than the compositor imports them.
 * Said once in a while, so that a picture a frame behind has a reason. */
static void
say_churn(struct vv_present *present, const struct vv_plane *plane, bool shown)
{
	uint64_t now = vv_now_ns();

	present->churn_skipped++;
	if (present->churn_said_ns &&
	    now - present->churn_said_ns < CHURN_SAY_EVERY_NS)
		return;
	if (present->churn_skipped < 2 * IMPORTS_IN_FLIGHT + 2)
		return;
	vv_warn(
	    "%s answers a new dmabuf id for its %s plane on most queries (%llu not imported in time): %s",
	    vv_present_source_name(present), vv_plane_type_name(plane->type),
	    (unsigned long long)present->churn_skipped,
	    shown
		? "showing each import once the compositor has it, a frame or more late"
		: "nothing imported yet to show");
	present->churn_said_ns = now;
	present->churn_skipped = 0;
}

static int
dmabuf_frame(struct vv_present *present, const struct vv_plane *plane,
	     const struct vv_dmabuf *buf, struct wl_buffer **out,
	     struct vv_err *why)
{
	struct vv_import *imp =
	    vv_present_find_import(present, VV_PATH_DMABUF, plane, buf);
	const struct vv_plane_info *info = &plane->info;
	unsigned in_flight;

	if (imp && imp->state == VV_IMPORT_READY) {
		*out = imp->buffer;
		return 0;
	}
	if (imp && imp->state == VV_IMPORT_FAILED) {
		/* Never offer this pair again: a compositor that refused one
		 * buffer of a format will refuse the next. */
		vv_format_set_add(&present->refused, info->fourcc,
				  imp->wire_modifier);
		return -EIO;
	}
	struct vv_import *ready = newest_ready(present, plane, &in_flight);
	if (!imp && in_flight < IMPORTS_IN_FLIGHT) {
		start_import(present, plane, buf);
		in_flight++;
	}
	/* The current id is in flight: keep what is shown, unless a newer
	 * import of an older id completed meanwhile (a churning guest's
	 * only way to be seen). */
	if (ready) {
		if (in_flight > 1 || !imp)
			say_churn(present, plane, true);
		*out = ready->buffer;
		return 0;
	}
	if (!ready && in_flight >= IMPORTS_IN_FLIGHT)
		say_churn(present, plane, false);
	return -EINPROGRESS;
}

const struct vv_path_ops vv_path_dmabuf = {
	.path = VV_PATH_DMABUF,
	.name = "zero-copy",
	.accepts = dmabuf_accepts,
	.frame = dmabuf_frame,
};
