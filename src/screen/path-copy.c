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
#include "plane-read.h"
#include "present.h"
#include "shm-buffer.h"

void
vv_copy_expire(struct vv_copy *copy, const struct vv_plane_buffers *buffers)
{
	for (int i = 0; i < VV_COPY_MAPS; i++) {
		struct vv_copy_map *m = &copy->maps[i];
		if (m->map.data &&
		    !buffers->ops->holds(buffers->owner, m->id, m->serial))
			vv_plane_unmap(&m->map);
	}
}

/* The plane's dma-buf mapped for reading, kept across frames: mapping it
 * every frame cost an mmap, a page fault on every page and an munmap with
 * its TLB flush, for each of a flipping guest's frames.
 *
 * A kept mapping outlives the fd it was made from (the cache closes the fds
 * of ids idle for long, or the least recently used one when full), and a
 * dmabuf id may later name another buffer, or the same buffer in another
 * mode. So a mapping is used only while the cache still holds the export
 * it was made from (the same id and export serial: the same open file) and
 * for the same layout, which fixes the span mapped and checked against the
 * buffer's size. A mapping of an export the cache let go is dropped on the
 * next read of this plane type or when the cache expires ids
 * (vv_copy_expire; all at vv_present_forget and teardown), so we keep no
 * buffer longer than the cache does; at most VV_COPY_MAPS per plane type.
 * Each frame's reads are bracketed by DMA_BUF_IOCTL_SYNC (copy_frame). On
 * failure fills @err and returns NULL. */
static const struct vv_plane_map *
dmabuf_source(struct vv_present *present, const struct vv_plane *plane,
	      const struct vv_dmabuf *buf, struct vv_err *err)
{
	struct vv_copy *copy = &present->copy[plane->type];
	struct vv_copy_map *slot = NULL;

	copy->uses++;
	vv_copy_expire(copy, &present->buffers);
	for (int i = 0; i < VV_COPY_MAPS; i++) {
		struct vv_copy_map *m = &copy->maps[i];
		if (m->map.data && m->id == buf->id) {
			if (m->serial == buf->serial &&
			    /* what the mapping was made for; a cursor's
			     * position does not count */
			    vv_plane_info_same(&m->info, &plane->info,
					       VV_PLANE_SAME_BUFFER)) {
				m->last_used = copy->uses;
				return &m->map;
			}
			vv_plane_unmap(&m->map); /* another mode now */
		}
		if (!slot || (slot->map.data &&
			      (!m->map.data || m->last_used < slot->last_used)))
			slot = m;
	}

	vv_plane_unmap(&slot->map);
	present->stats->dmabuf_maps++;
	if (present->buffers.ops->map_dmabuf(present->buffers.owner, plane, buf,
					     &slot->map, err))
		return NULL;
	slot->id = buf->id;
	slot->serial = buf->serial;
	slot->info = plane->info;
	slot->last_used = copy->uses;
	return &slot->map;
}

static bool
copy_accepts(struct vv_present *present, const struct vv_plane *plane,
	     const struct vv_dmabuf *buf, char *why, size_t len)
{
	struct vv_err err = { 0 };
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
	 * window can say why instead of failing every frame. The mapping is
	 * kept for the frames. */
	if (!dmabuf_source(present, plane, buf, &err)) {
		snprintf(why, len, "the CPU cannot map the dma-buf (%s)",
			 strerror(err.code));
		return false;
	}
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

	return vv_shm_buffer_pick(copy->buffers, VV_COPY_BUFFERS,
				  present->wl->shm, plane->info.width,
				  plane->info.height, fourcc, &error);
}

/* The plane's pixels for reading: the region mapped once per mode, or the
 * dma-buf's kept mapping (dmabuf_source). */
static const struct vv_plane_map *
source(struct vv_present *present, const struct vv_plane *plane,
       const struct vv_dmabuf *buf, int *error)
{
	struct vv_copy *copy = &present->copy[plane->type];
	const struct vv_plane_map *map;
	struct vv_err err = { 0 };

	if (plane->info.kind == VV_KIND_REGION) {
		if (copy->region.data &&
		    vv_plane_info_same(&copy->region_info, &plane->info,
				       VV_PLANE_SAME_ALL))
			return &copy->region;
		vv_plane_unmap(&copy->region);
		*error = present->buffers.ops->map(present->buffers.owner,
						   plane, &copy->region, &err);
		copy->region_info = plane->info;
		return *error ? NULL : &copy->region;
	}
	map = dmabuf_source(present, plane, buf, &err);
	if (!map)
		*error = -err.code;
	return map;
}

static int
copy_frame(struct vv_present *present, const struct vv_plane *plane,
	   const struct vv_dmabuf *buf, struct wl_buffer **out, bool *fresh)
{
	struct vv_copy *copy = &present->copy[plane->type];
	struct vv_shm_buffer *dst = free_buffer(present, plane);
	int sync_fd = plane->info.kind == VV_KIND_DMABUF ? buf->fd : -1;
	int error = 0;

	if (!dst)
		return -EINPROGRESS; /* all in the compositor's hands */
	const struct vv_plane_map *src = source(present, plane, buf, &error);
	if (!src)
		return error;
	/* The mapping is kept; the CPU access is this frame's. */
	if (sync_fd >= 0) {
		error = vv_plane_map_read_begin(sync_fd);
		if (error)
			return error;
	}
	error = vv_format_convert_scratch(
	    plane->format, plane->tiling, src->data, src->len,
	    plane->info.stride, plane->info.width, plane->info.height,
	    dst->data, dst->stride, &copy->scratch);
	if (sync_fd >= 0)
		vv_plane_map_read_end(sync_fd);
	if (error)
		return error;
	present->stats->pixel_bytes +=
	    src->len + (uint64_t)dst->stride * dst->height;
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
