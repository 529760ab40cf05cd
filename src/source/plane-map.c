#include "plane-map.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "clock.h"
#include "file-kind.h"
#include "log.h"

/* Who exported a dma-buf ("mbochs", "udmabuf", "i915"), from its fdinfo;
 * "memfd" for the memfds that stand in for dma-bufs. For debug logs. */
static const char *
dmabuf_exporter(int fd, char *out, size_t len)
{
	if (vv_fd_exporter(fd, out, len) < 0)
		snprintf(out, len, "memfd");
	return out;
}

int
vv_plane_map_dmabuf(struct vv_plane_map *map, struct vv_device *dev,
		    const struct vv_plane *plane, const struct vv_dmabuf *buf,
		    struct vv_err *err)
{
	const char *type = vv_plane_type_name(plane->type);
	struct vv_err why;
	vv_err_clear(&why);
	char exporter[64];

	memset(map, 0, sizeof(*map));
	map->sync_fd = -1;
	if (vv_plane_check_backing(plane, buf->size, &why))
		return vv_err_set(err, why.code,
				  "the %s plane of %s is invalid: %s", type,
				  dev->name, why.text);
	vv_debug(
	    "reading the %s plane: dma-buf id %u, %llu bytes, exported by %s",
	    type, plane->info.id, (unsigned long long)buf->size,
	    dmabuf_exporter(buf->fd, exporter, sizeof(exporter)));
	size_t len = vv_plane_span(plane);
	void *data = mmap(NULL, len, PROT_READ, MAP_SHARED, buf->fd, 0);
	if (data == MAP_FAILED) {
		int ret = errno;
		return vv_err_set(
		    err, ret,
		    "cannot read the %s plane of %s: its dma-buf cannot be mapped by the CPU (%s); this driver's buffers (mbochs' among them) can only be read by an importer such as a GPU or a compositor with linux-dmabuf, so a snapshot needs one",
		    type, dev->name, strerror(ret));
	}
	map->data = data;
	map->len = len;
	return 0;
}

static int
map_dmabuf(struct vv_plane_map *map, struct vv_device *dev,
	   struct vv_dmabuf_cache *cache, const struct vv_plane *plane,
	   struct vv_err *err)
{
	const char *type = vv_plane_type_name(plane->type);
	struct vv_err why;
	vv_err_clear(&why);
	int ret;
	const struct vv_dmabuf *buf =
	    vv_dmabuf_cache_get(cache, dev, plane->info.id, vv_now_ns(), &why);

	if (!buf)
		return vv_err_set(
		    err, why.code,
		    "cannot export the %s plane's dma-buf (id %u) from %s: %s",
		    type, plane->info.id, dev->name, why.text);
	ret = vv_plane_map_dmabuf(map, dev, plane, buf, err);
	if (ret)
		return ret;
	ret = vv_plane_map_read_begin(buf->fd);
	if (ret) {
		munmap((void *)map->data, map->len);
		map->data = NULL;
		return vv_err_set(
		    err, -ret,
		    "cannot start reading the %s plane of %s: DMA_BUF_IOCTL_SYNC: %s",
		    type, dev->name, strerror(-ret));
	}
	map->sync_fd = buf->fd;
	return 0;
}

static int
map_region(struct vv_plane_map *map, struct vv_device *dev,
	   const struct vv_plane *plane, struct vv_err *err)
{
	const char *type = vv_plane_type_name(plane->type);
	uint64_t region_size = 0;
	struct vv_err why;
	vv_err_clear(&why);
	void *data = NULL;
	int ret = dev->ops->region_size(dev, plane->info.id, &region_size);

	if (ret)
		return vv_err_set(
		    err, -ret, "cannot read region %u of %s (the %s plane): %s",
		    plane->info.id, dev->name, type, strerror(-ret));
	if (vv_plane_check_backing(plane, region_size, &why))
		return vv_err_set(err, why.code,
				  "the %s plane of %s is invalid: %s", type,
				  dev->name, why.text);

	size_t len = vv_plane_span(plane);
	ret = dev->ops->map_region(dev, plane->info.id, len, &data);
	if (ret)
		return vv_err_set(
		    err, -ret, "cannot map region %u of %s (the %s plane): %s",
		    plane->info.id, dev->name, type, strerror(-ret));
	map->data = data;
	map->len = len;
	map->sync_fd = -1;
	return 0;
}

int
vv_plane_map(struct vv_plane_map *map, struct vv_device *dev,
	     struct vv_dmabuf_cache *cache, const struct vv_plane *plane,
	     struct vv_err *err)
{
	memset(map, 0, sizeof(*map));
	map->sync_fd = -1;
	if (plane->info.kind == VV_KIND_REGION)
		return map_region(map, dev, plane, err);
	return map_dmabuf(map, dev, cache, plane, err);
}

const struct vv_dmabuf *
vv_plane_dmabuf(struct vv_dmabuf_cache *cache, struct vv_device *dev,
		const struct vv_plane *plane, uint64_t now, struct vv_err *err)
{
	struct vv_err why;
	vv_err_clear(&why);
	const struct vv_dmabuf *buf =
	    vv_dmabuf_cache_get(cache, dev, plane->info.id, now, &why);

	if (!buf) {
		vv_err_set(err, why.code, "exporting dma-buf id %u failed: %s",
			   plane->info.id, why.text);
		return NULL;
	}
	if (vv_plane_check_backing(plane, buf->size, err))
		return NULL;
	return buf;
}
