/* The zero-copy path: the plane's dma-buf imported through linux-dmabuf,
 * asynchronously, so that a compositor refusing it answers `failed` (and
 * the plane moves on to the next path) instead of ending the connection. */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>

#include "linux-dmabuf-unstable-v1-client-protocol.h"
#include "log.h"
#include "path.h"
#include "present.h"

static bool
dmabuf_accepts(struct vv_present *present, const struct vv_plane *plane,
	       const struct vv_dmabuf *buf, char *why, size_t len)
{
	const struct vv_wl *wl = present->wl;
	uint32_t fourcc = plane->info.fourcc;
	uint64_t modifier = plane->info.modifier;
	char name[12], mod[64];

	vv_format_fourcc_str(fourcc, name);
	vv_modifier_name(modifier, mod, sizeof(mod));
	if (!buf) {
		snprintf(why, len, "a device region is not a dma-buf");
		return false;
	}
	if (!wl->dmabuf) {
		snprintf(why, len, "the compositor offers no linux-dmabuf v3+");
		return false;
	}
	if (!vv_format_set_has(&wl->dmabuf_formats, fourcc, modifier)) {
		snprintf(
		    why, len,
		    "the compositor's linux-dmabuf does not take %s with modifier %s",
		    name, mod);
		return false;
	}
	if (vv_format_set_has(&present->refused, fourcc, modifier)) {
		snprintf(why, len,
			 "the compositor refused to import %s with modifier %s",
			 name, mod);
		return false;
	}
	return true;
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

static int
dmabuf_frame(struct vv_present *present, const struct vv_plane *plane,
	     const struct vv_dmabuf *buf, struct wl_buffer **out, bool *fresh)
{
	struct vv_import *imp =
	    vv_present_find_import(present, VV_PATH_DMABUF, plane, buf);
	const struct vv_plane_info *info = &plane->info;

	if (!imp) {
		imp =
		    vv_present_add_import(present, VV_PATH_DMABUF, plane, buf);
		imp->state = VV_IMPORT_PENDING;
		imp->params =
		    zwp_linux_dmabuf_v1_create_params(present->wl->dmabuf);
		zwp_linux_buffer_params_v1_add_listener(imp->params,
							&params_listener, imp);
		/* The fd is duplicated into the message: the cache keeps
		 * ours, so the id is never exported twice. */
		zwp_linux_buffer_params_v1_add(
		    imp->params, buf->fd, 0, 0, info->stride,
		    (uint32_t)(info->modifier >> 32),
		    (uint32_t)(info->modifier & 0xffffffff));
		zwp_linux_buffer_params_v1_create(
		    imp->params, (int32_t)info->width, (int32_t)info->height,
		    info->fourcc, 0);
		present->stats->imports++;
		return -EINPROGRESS;
	}
	switch (imp->state) {
	case VV_IMPORT_PENDING:
		return -EINPROGRESS;
	case VV_IMPORT_READY:
		*out = imp->buffer;
		*fresh = true;
		return 0;
	case VV_IMPORT_FAILED:
		break;
	}
	/* Never offer this pair again: a compositor that refused one buffer
	 * of a format will refuse the next. */
	vv_format_set_add(&present->refused, info->fourcc, info->modifier);
	return -EIO;
}

const struct vv_path_ops vv_path_dmabuf = {
	.path = VV_PATH_DMABUF,
	.name = "zero-copy",
	.accepts = dmabuf_accepts,
	.frame = dmabuf_frame,
};
