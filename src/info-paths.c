#include "info-paths.h"

#include <stdlib.h>

#include "log.h"
#include "present.h"
#include "stats.h"
#include "xalloc.h"

struct vv_info_compositor {
	struct vv_wl *wl;
	struct vv_present *present;
	struct vv_stats stats; /* required by vv_present, unused */
	struct vv_info_paths paths;
};

static const char *
path_name(void *data, const struct vv_plane *plane)
{
	struct vv_info_compositor *ic = data;

	return vv_path_name(vv_present_choose(ic->present, plane));
}

struct vv_info_compositor *
vv_info_compositor_open(struct vv_device *dev, struct vv_dmabuf_cache *dmabufs)
{
	struct vv_err err = { 0 };

	if (!getenv("WAYLAND_DISPLAY") || !getenv("WAYLAND_DISPLAY")[0])
		return NULL;
	struct vv_wl *wl = vv_wl_connect(&err);
	if (!wl) {
		vv_debug("--info without paths: %s", err.text);
		return NULL;
	}
	struct vv_info_compositor *ic = vv_xzalloc(sizeof(*ic));
	ic->wl = wl;
	ic->present = vv_present_create(wl, dev, dmabufs, &ic->stats);
	ic->paths = (struct vv_info_paths){ .name = path_name, .data = ic };
	return ic;
}

void
vv_info_compositor_close(struct vv_info_compositor *ic)
{
	if (!ic)
		return;
	vv_present_destroy(ic->present);
	vv_wl_destroy(ic->wl);
	free(ic);
}

const struct vv_info_paths *
vv_info_compositor_paths(struct vv_info_compositor *ic)
{
	return ic ? &ic->paths : NULL;
}
