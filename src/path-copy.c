/* The copy path: the CPU reads the plane (a mapped device region, or a
 * dma-buf it can map) and converts it into one of our wl_shm buffers. For
 * region devices (mdpy, NVIDIA consoles), and for dma-bufs the compositor
 * cannot take as they are (tiled, formats wl_shm lacks). The only path that
 * touches pixels; it counts every byte. */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "path.h"
#include "present.h"
#include "shm-buffer.h"

static bool
copy_accepts(struct vv_present *present, const struct vv_plane *plane,
	     const struct vv_dmabuf *buf, char *why, size_t len)
{
	struct vv_plane_map map;
	struct vv_err err;
	char mod[64];

	if (plane->tiling == VV_TILING_UNKNOWN) {
		snprintf(
		    why, len, "the CPU cannot undo the %s layout",
		    vv_modifier_name(plane->info.modifier, mod, sizeof(mod)));
		return false;
	}
	if (plane->info.kind == VV_KIND_REGION)
		return true; /* mapped in copy_frame, once per mode */
	/* Some exporters (mbochs) refuse CPU mappings: find out now, so the
	 * window can say why instead of failing every frame. */
	present->stats->dmabuf_maps++;
	if (vv_plane_map(&map, present->dev, present->dmabufs, plane, &err)) {
		snprintf(why, len, "the CPU cannot map the dma-buf (%s)",
			 strerror(err.code));
		return false;
	}
	vv_plane_unmap(&map);
	return true;
}

/* A released buffer of the plane's size, made when there is none. */
static struct vv_shm_buffer *
free_buffer(struct vv_present *present, const struct vv_plane *plane)
{
	struct vv_copy *copy = &present->copy[plane->type];
	uint32_t fourcc = plane->format->has_alpha ? DRM_FORMAT_ARGB8888
						   : DRM_FORMAT_XRGB8888;
	int error;

	for (int i = 0; i < VV_COPY_BUFFERS; i++) {
		struct vv_shm_buffer *b = copy->buffers[i];
		if (b &&
		    (b->width != plane->info.width ||
		     b->height != plane->info.height || b->fourcc != fourcc) &&
		    !b->busy) {
			vv_shm_buffer_destroy(b);
			copy->buffers[i] = b = NULL;
		}
		if (!b) {
			b = vv_shm_buffer_create(
			    present->wl->shm, plane->info.width,
			    plane->info.height, fourcc, &error);
			copy->buffers[i] = b;
		}
		if (b && !b->busy && b->width == plane->info.width &&
		    b->height == plane->info.height)
			return b;
	}
	return NULL;
}

/* The plane's pixels for reading: the region mapped once per mode, or the
 * dma-buf mapped for this frame (@frame_map, unmapped by the caller). */
static const struct vv_plane_map *
source(struct vv_present *present, const struct vv_plane *plane,
       struct vv_plane_map *frame_map, int *error)
{
	struct vv_copy *copy = &present->copy[plane->type];
	struct vv_err err;

	if (plane->info.kind == VV_KIND_REGION) {
		if (copy->region.data &&
		    vv_plane_info_equal(&copy->region_info, &plane->info))
			return &copy->region;
		vv_plane_unmap(&copy->region);
		*error = vv_plane_map(&copy->region, present->dev,
				      present->dmabufs, plane, &err);
		copy->region_info = plane->info;
		return *error ? NULL : &copy->region;
	}
	present->stats->dmabuf_maps++;
	*error = vv_plane_map(frame_map, present->dev, present->dmabufs, plane,
			      &err);
	return *error ? NULL : frame_map;
}

static int
copy_frame(struct vv_present *present, const struct vv_plane *plane,
	   const struct vv_dmabuf *buf, struct wl_buffer **out, bool *fresh)
{
	struct vv_plane_map frame_map = { .sync_fd = -1 };
	struct vv_shm_buffer *dst = free_buffer(present, plane);
	int error = 0;

	if (!dst)
		return -EINPROGRESS; /* all in the compositor's hands */
	const struct vv_plane_map *src =
	    source(present, plane, &frame_map, &error);
	if (!src)
		return error;
	error =
	    vv_format_convert(plane->format, plane->tiling, src->data, src->len,
			      plane->info.stride, plane->info.width,
			      plane->info.height, dst->data, dst->stride);
	uint64_t touched = src->len + (uint64_t)dst->stride * dst->height;
	vv_plane_unmap(&frame_map);
	if (error)
		return error;
	present->stats->pixel_bytes += touched;
	dst->busy = true;
	*out = dst->buffer;
	*fresh = true;
	return 0;
}

const struct vv_path_ops vv_path_copy = {
	.path = VV_PATH_COPY,
	.name = "copy",
	.accepts = copy_accepts,
	.frame = copy_frame,
};
