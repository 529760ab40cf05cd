#include "info-paths.h"

#include <drm_fourcc.h>
#include <stdint.h>
#include <stdlib.h>

#include "log.h"
#include "modifier-rule.h"
#include "present.h"
#include "stats.h"
#include "xalloc.h"

struct vv_info_compositor {
	struct vv_wl *wl;
	const struct vv_device *dev;
	struct vv_info_paths paths;
};

/* The path the window would choose (present.c choose, path-*.c accepts),
 * decided without exporting the plane's dma-buf: each export of an mbochs
 * id drops a page reference, and --info must not change the device. What
 * only an export could tell (can the CPU map it?) comes from the device's
 * driver; for drivers not known here the CPU is assumed to map it, as on
 * every driver but mbochs seen so far. */
static const char *
path_name(void *data, const struct vv_plane *plane)
{
	struct vv_info_compositor *ic = data;
	const struct vv_plane_info *p = &plane->info;
	bool cpu_reads = plane->tiling != VV_TILING_UNKNOWN;

	if (p->kind == VV_KIND_REGION)
		return vv_path_name(cpu_reads ? VV_PATH_COPY : VV_PATH_NONE);
	uint64_t wire;
	char why[256];
	if (ic->wl->dmabuf &&
	    vv_modifier_rule(&ic->wl->dmabuf_formats, p->fourcc, p->modifier,
			     ic->dev->dmabuf_exporter,
			     ic->wl->dmabuf_version >= 4, &wire, why,
			     sizeof(why)))
		return vv_path_name(VV_PATH_DMABUF);
	if (ic->dev->dmabuf_access == VV_DMABUF_ACCESS_NONE)
		return vv_path_name(VV_PATH_NONE);
	if (p->modifier == DRM_FORMAT_MOD_LINEAR && p->size <= INT32_MAX &&
	    vv_format_set_has(&ic->wl->shm_formats, p->fourcc,
			      DRM_FORMAT_MOD_LINEAR))
		return vv_path_name(VV_PATH_SHM);
	return vv_path_name(cpu_reads ? VV_PATH_COPY : VV_PATH_NONE);
}

struct vv_info_compositor *
vv_info_compositor_open(struct vv_device *dev)
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
	ic->dev = dev;
	ic->paths = (struct vv_info_paths){ .name = path_name, .data = ic };
	return ic;
}

void
vv_info_compositor_close(struct vv_info_compositor *ic)
{
	if (!ic)
		return;
	vv_wl_destroy(ic->wl);
	free(ic);
}

const struct vv_info_paths *
vv_info_compositor_paths(struct vv_info_compositor *ic)
{
	return ic ? &ic->paths : NULL;
}
