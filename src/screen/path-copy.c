/* The copy path: the CPU reads the plane (a mapped device region, or a
 * dma-buf it can map) and converts it into one of our wl_shm buffers. For
 * region devices (mdpy, NVIDIA consoles), and for dma-bufs the compositor
 * cannot take as they are (tiled, formats wl_shm lacks). The only path that
 * touches pixels; it counts every byte. */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "plane-read.h"
#include "present.h"
#include "shm-buffer.h"
#include "xalloc.h"

#define COPY_BUFFERS 3
#define COPY_MAPS    4

/* A dma-buf kept mapped across frames (dmabuf_source says when one may be
 * used). */
struct copy_map {
	struct vv_plane_map map;   /* ours; data NULL in a free slot */
	uint32_t id;               /* dmabuf id */
	uint32_t serial;           /* the cache's export it was mapped from */
	struct vv_plane_info info; /* the plane it was mapped for */
	uint64_t last_used;        /* copy_plane.uses when last read */
};

/* What the copy path keeps for one plane type. */
struct copy_plane {
	/* Our wl_shm buffers, reused once released; at most three: one
	 * shown, one the compositor may still read, one being written. */
	struct vv_shm_buffer *buffers[COPY_BUFFERS];
	/* A region plane stays mapped while its mode lasts. */
	struct vv_plane_map region;
	struct vv_plane_info region_info;
	/* Dma-bufs stay mapped while the cache holds them: a flipping
	 * guest's two or three, the least recently read one replaced. */
	struct copy_map maps[COPY_MAPS];
	uint64_t uses; /* dma-buf reads so far: the clock of last_used */
	/* Linear rows of a tiled plane on their way through pixman. */
	struct vv_format_scratch scratch;
};

/* The copy path's state: vv_present.path_state[VV_PATH_COPY]. */
struct copy_state {
	struct copy_plane planes[VV_PLANE_TYPE_COUNT];
};

static struct copy_plane *
copy_plane(struct vv_present *present, enum vv_plane_type type)
{
	struct copy_state *state = present->path_state[VV_PATH_COPY];

	return &state->planes[type];
}

/* Unmaps the kept dma-bufs that @buffers no longer keeps: a mapping holds
 * its buffer, which the device side meant to let go. */
static void
plane_expire(struct copy_plane *copy, const struct vv_plane_buffers *buffers)
{
	for (int i = 0; i < COPY_MAPS; i++) {
		struct copy_map *m = &copy->maps[i];
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
 * (plane_expire; all at vv_present_forget and teardown), so we keep no
 * buffer longer than the cache does; at most COPY_MAPS per plane type.
 * Each frame's reads are bracketed by DMA_BUF_IOCTL_SYNC (copy_frame). On
 * failure fills @err and returns NULL. */
static const struct vv_plane_map *
dmabuf_source(struct vv_present *present, const struct vv_plane *plane,
	      const struct vv_dmabuf *buf, struct vv_err *err)
{
	struct copy_plane *copy = copy_plane(present, plane->type);
	struct copy_map *slot = NULL;

	copy->uses++;
	plane_expire(copy, &present->buffers);
	for (int i = 0; i < COPY_MAPS; i++) {
		struct copy_map *m = &copy->maps[i];
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

static int
copy_accepts(const struct vv_present *present, const struct vv_plane *plane,
	     const struct vv_dmabuf_desc *desc, struct vv_err *why)
{
	char mod[64];

	if (plane->tiling == VV_TILING_UNKNOWN)
		return vv_err_set(
		    why, ENOTSUP, "the CPU cannot undo the %s layout",
		    vv_modifier_name(plane->info.modifier, mod, sizeof(mod)));
	/* A dma-buf whose driver is known to refuse CPU mappings (mbochs);
	 * one not known to is mapped by copy_frame, which says why when the
	 * mapping fails, and the plane moves on. */
	if (desc && desc->access == VV_DMABUF_ACCESS_NONE)
		return vv_err_set(
		    why, ENOTSUP,
		    "the CPU cannot map the dma-buf (its driver allows no CPU mapping)");
	return 0;
}

/* A released buffer of the plane's size, made when there is none; NULL
 * when every one is the compositor's, or (-errno of vv_shm_buffer_pick,
 * not told apart, as before) one cannot be made: the frame waits. */
static struct vv_shm_buffer *
free_buffer(struct vv_present *present, const struct vv_plane *plane)
{
	struct copy_plane *copy = copy_plane(present, plane->type);
	uint32_t fourcc = plane->format->has_alpha ? DRM_FORMAT_ARGB8888
						   : DRM_FORMAT_XRGB8888;
	struct vv_shm_buffer *buf;

	vv_shm_buffer_pick(copy->buffers, COPY_BUFFERS, present->wl->shm,
			   plane->info.width, plane->info.height, fourcc, &buf);
	return buf;
}

/* The plane's pixels for reading: the region mapped once per mode, or the
 * dma-buf's kept mapping (dmabuf_source). NULL with @why set when the CPU
 * cannot have them: the dma-buf's reason in words for the path line (some
 * exporters refuse CPU mappings), the region's errno alone, as before. */
static const struct vv_plane_map *
source(struct vv_present *present, const struct vv_plane *plane,
       const struct vv_dmabuf *buf, struct vv_err *why)
{
	struct copy_plane *copy = copy_plane(present, plane->type);
	const struct vv_plane_map *map;
	struct vv_err err = { 0 };

	if (plane->info.kind == VV_KIND_REGION) {
		if (copy->region.data &&
		    vv_plane_info_same(&copy->region_info, &plane->info,
				       VV_PLANE_SAME_ALL))
			return &copy->region;
		vv_plane_unmap(&copy->region);
		int ret = present->buffers.ops->map(present->buffers.owner,
						    plane, &copy->region, &err);
		copy->region_info = plane->info;
		if (ret) {
			why->code = -ret;
			return NULL;
		}
		return &copy->region;
	}
	map = dmabuf_source(present, plane, buf, &err);
	if (!map)
		vv_err_set(why, err.code, "the CPU cannot map the dma-buf (%s)",
			   strerror(err.code));
	return map;
}

static int
copy_frame(struct vv_present *present, const struct vv_plane *plane,
	   const struct vv_dmabuf *buf, struct wl_buffer **out,
	   struct vv_err *why)
{
	struct copy_plane *copy = copy_plane(present, plane->type);
	struct vv_shm_buffer *dst = free_buffer(present, plane);
	int sync_fd = plane->info.kind == VV_KIND_DMABUF ? buf->fd : -1;
	int error = 0;

	if (!dst)
		return -EINPROGRESS; /* all in the compositor's hands */
	const struct vv_plane_map *src = source(present, plane, buf, why);
	if (!src)
		return why->code ? -why->code : -EIO;
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
	return VV_FRAME_DAMAGE;
}

static void *
copy_create(struct vv_present *present)
{
	return vv_xzalloc(sizeof(struct copy_state));
}

static void
copy_forget(void *data, enum vv_plane_type type)
{
	struct copy_state *state = data;
	struct copy_plane *copy = &state->planes[type];

	for (int i = 0; i < COPY_BUFFERS; i++) {
		vv_shm_buffer_destroy(copy->buffers[i]);
		copy->buffers[i] = NULL;
	}
	vv_plane_unmap(&copy->region);
	for (int i = 0; i < COPY_MAPS; i++)
		vv_plane_unmap(&copy->maps[i].map);
	vv_format_scratch_finish(&copy->scratch);
}

static void
copy_destroy(void *data)
{
	for (int t = 0; t < VV_PLANE_TYPE_COUNT; t++)
		copy_forget(data, t);
	free(data);
}

static void
copy_expire(void *data, const struct vv_plane_buffers *buffers)
{
	struct copy_state *state = data;

	for (int t = 0; t < VV_PLANE_TYPE_COUNT; t++)
		plane_expire(&state->planes[t], buffers);
}

const struct vv_path_ops vv_path_copy = {
	.path = VV_PATH_COPY,
	.name = "copy",
	.accepts = copy_accepts,
	.frame = copy_frame,
	.create = copy_create,
	.destroy = copy_destroy,
	.forget = copy_forget,
	.expire = copy_expire,
};
