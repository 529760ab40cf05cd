#include "plane-read.h"

#include <errno.h>
#include <linux/dma-buf.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

/* Brackets CPU reads of a dma-buf so the exporter can flush caches. A
 * memfd standing in for a dma-buf (the demo without /dev/udmabuf, the
 * emulated device) answers ENOTTY: ordinary memory, nothing to flush. */
static int
dmabuf_sync(int fd, uint64_t flags)
{
	struct dma_buf_sync sync = { .flags = flags | DMA_BUF_SYNC_READ };

	while (ioctl(fd, DMA_BUF_IOCTL_SYNC, &sync) < 0) {
		if (errno == ENOTTY)
			return 0;
		if (errno != EINTR && errno != EAGAIN)
			return -errno;
	}
	return 0;
}

int
vv_plane_map_read_begin(int fd)
{
	return dmabuf_sync(fd, DMA_BUF_SYNC_START);
}

int
vv_plane_map_read_end(int fd)
{
	return dmabuf_sync(fd, DMA_BUF_SYNC_END);
}

void
vv_plane_unmap(struct vv_plane_map *map)
{
	if (!map || !map->data)
		return;
	if (map->sync_fd >= 0)
		dmabuf_sync(map->sync_fd, DMA_BUF_SYNC_END);
	munmap((void *)map->data, map->len);
	map->data = NULL;
}
