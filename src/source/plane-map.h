/* CPU access to a validated plane's pixels, for the paths that must read
 * them (snapshots, the copy path): a dma-buf mapped with DMA_BUF_IOCTL_SYNC
 * around the reads, or the mapped device region. */
#ifndef VV_PLANE_MAP_H
#define VV_PLANE_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "plane-read.h"
#include "plane.h"

/* Maps @plane of @dev read-only, checking it against the real size of its
 * dma-buf (exported through @cache) or region. On failure fills @err with a
 * line naming the plane and @dev and saying why, and returns -errno. */
int vv_plane_map(struct vv_plane_map *map, struct vv_device *dev,
		 struct vv_dmabuf_cache *cache, const struct vv_plane *plane,
		 struct vv_err *err);

/* @plane's dma-buf, exported from @dev through @cache on first use and
 * kept, checked against its real size: what the source's buffers hand a
 * consumer (source.h vv_source_buffers). NULL with @err set: the export's
 * errno and "exporting dma-buf id N failed: why", or the size check's. @now
 * is CLOCK_MONOTONIC ns. */
const struct vv_dmabuf *vv_plane_dmabuf(struct vv_dmabuf_cache *cache,
					struct vv_device *dev,
					const struct vv_plane *plane,
					uint64_t now, struct vv_err *err);

/* For a caller that keeps a dma-buf mapped across frames (the copy path):
 * maps @plane's dma-buf @buf (the cache's entry for plane->info.id) read-only
 * after checking the plane against its size, without starting CPU access.
 * map->sync_fd stays -1, since @buf's fd is the cache's and may be closed
 * while the mapping lives: bracket each read with vv_plane_map_read_begin and
 * vv_plane_map_read_end on the cache's current fd of that same buffer.
 * Errors as vv_plane_map's. */
int vv_plane_map_dmabuf(struct vv_plane_map *map, struct vv_device *dev,
			const struct vv_plane *plane,
			const struct vv_dmabuf *buf, struct vv_err *err);

#endif
