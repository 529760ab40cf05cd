/* CPU access to a validated plane's pixels, for the paths that must read
 * them (snapshots, and later the copy path): a dma-buf mapped with
 * DMA_BUF_IOCTL_SYNC around the reads, or the mapped device region. */
#ifndef VV_PLANE_MAP_H
#define VV_PLANE_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "plane.h"

struct vv_plane_map {
	const uint8_t *data; /* the plane's first byte; NULL when unmapped */
	size_t len;          /* readable bytes from data */
	int sync_fd;         /* the dma-buf being read, borrowed; -1 if none */
};

/* Maps @plane of @dev read-only, checking it against the real size of its
 * dma-buf (exported through @cache) or region. On failure fills @err with a
 * line naming the plane and @dev and saying why, and returns -errno. */
int vv_plane_map(struct vv_plane_map *map, struct vv_device *dev,
		 struct vv_dmabuf_cache *cache, const struct vv_plane *plane,
		 struct vv_err *err);

/* NULL-safe; ends the CPU access and unmaps. */
void vv_plane_unmap(struct vv_plane_map *map);

#endif
