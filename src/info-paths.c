#include "info-paths.h"

#include <stdlib.h>

#include "log.h"
#include "present.h"
#include "stats.h"
#include "xalloc.h"

struct vv_info_compositor {
	struct vv_wl *wl;
	const struct vv_source *source;
	struct vv_stats stats;      /* what present keeps; nothing is shown */
	struct vv_present *present; /* the window's paths, only asked */
	struct vv_info_paths paths;
};

static const char *
buffers_name(void *owner)
{
	struct vv_info_compositor *ic = owner;

	return vv_source_name(ic->source);
}

/* No dma-buf, no mapping: the paths' accepts ask for none, and
 * vv_present_would_take asks for nothing but the name. */
static const struct vv_plane_buffers_ops no_buffers_ops = {
	.name = buffers_name,
};

/* The path the window would choose (present.c vv_present_would_take, the
 * paths' own accepts), decided without exporting the plane's dma-buf: each
 * export of an mbochs id drops a page reference, and --info must not change
 * the device. What only an export could tell (its exporter, can the CPU
 * map it?) comes from the device's driver; for drivers not known here the
 * CPU is assumed to map it, as on every driver but mbochs seen so far. */
static const char *
path_name(void *data, const struct vv_plane *plane)
{
	struct vv_info_compositor *ic = data;
	const struct vv_dmabuf_desc desc = {
		.size = plane->info.size,
		.exporter = vv_source_dmabuf_exporter(ic->source),
		.access = vv_source_dmabuf_access(ic->source),
	};

	return vv_path_name(vv_present_would_take(
	    ic->present, plane,
	    plane->info.kind == VV_KIND_DMABUF ? &desc : NULL));
}

struct vv_info_compositor *
vv_info_compositor_open(const struct vv_source *source)
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
	ic->source = source;
	ic->present =
	    vv_present_create(wl,
			      (struct vv_plane_buffers){
				  .ops = &no_buffers_ops,
				  .owner = ic,
				  .access = vv_source_dmabuf_access(source) },
			      &ic->stats);
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
