/* CPU reads of a mapped plane (struct vv_plane_map, filled by the source
 * side's source/plane-map.h): the DMA_BUF_IOCTL_SYNC brackets around each
 * read, and the unmapping. They touch only the mapping and its dma-buf fd,
 * never a device, so any room that reads pixels may use them. */
#ifndef VV_PLANE_READ_H
#define VV_PLANE_READ_H

#include "plane-desc.h"

/* NULL-safe; ends the CPU access and unmaps. */
void vv_plane_unmap(struct vv_plane_map *map);

/* DMA_BUF_IOCTL_SYNC START / END for a CPU read of the dma-buf @fd, so the
 * exporter can flush caches. 0 (also for a memfd standing in for a dma-buf)
 * or -errno. */
int vv_plane_map_read_begin(int fd);
int vv_plane_map_read_end(int fd);

#endif
