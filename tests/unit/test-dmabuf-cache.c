/* The dma-buf cache: one export per id, bounded, idle entries dropped; and
 * the plane buffers a source makes of it for a consumer that never holds the
 * device. */
#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "plane-map.h"
#include "plane.h"
#include "source.h"
#include "tst.h"

struct fake_device {
	struct vv_device base;
	int exports[64]; /* per id */
	int fail_with;
};

static int
fake_export(struct vv_device *dev, uint32_t id)
{
	struct fake_device *fake = (struct fake_device *)dev;

	if (fake->fail_with)
		return fake->fail_with;
	fake->exports[id]++;
	int fd = memfd_create("fake-dmabuf", MFD_CLOEXEC);
	if (fd >= 0 && ftruncate(fd, 4096 * (off_t)id) < 0) {
		close(fd);
		return -errno;
	}
	return fd;
}

static const struct vv_device_ops fake_ops = {
	.export_dmabuf = fake_export,
};

/* The test owns the fake a source adopts: destroying the source leaves it. */
static void
fake_keep(struct vv_device *dev)
{
	(void)dev;
}

static const struct vv_device_ops fake_adopted_ops = {
	.export_dmabuf = fake_export,
	.destroy = fake_keep,
};

/* A source whose buffers have a memfd behind them (the demo's udmabufs):
 * ids below 8 have one, the others answer -ENOTSUP. */
static int
fake_export_shm(struct vv_device *dev, uint32_t id)
{
	if (id >= 8)
		return -ENOTSUP;
	int fd = memfd_create("fake-shm", MFD_CLOEXEC);
	if (fd >= 0 && ftruncate(fd, 4096 * (off_t)id) < 0) {
		close(fd);
		return -errno;
	}
	return fd;
}

static const struct vv_device_ops fake_shm_ops = {
	.export_dmabuf = fake_export,
	.export_shm = fake_export_shm,
};

static int
open_fds(void)
{
	int n = 0;
	for (int fd = 0; fd < 1024; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

static void
test_one_export_per_id(void)
{
	struct fake_device dev = { .base.ops = &fake_ops };
	struct vv_dmabuf_cache cache;
	struct vv_err error = { 0 };

	vv_dmabuf_cache_init(&cache);
	const struct vv_dmabuf *a =
	    vv_dmabuf_cache_get(&cache, &dev.base, 1, 100, &error);
	const struct vv_dmabuf *b =
	    vv_dmabuf_cache_get(&cache, &dev.base, 2, 101, &error);
	const struct vv_dmabuf *a2 =
	    vv_dmabuf_cache_get(&cache, &dev.base, 1, 102, &error);
	TST_CHECK(a && b && a == a2);
	TST_CHECK(dev.exports[1] == 1 && dev.exports[2] == 1);
	TST_CHECK(a->size == 4096 && b->size == 8192);
	TST_CHECK(vv_dmabuf_cache_count(&cache) == 2);
	vv_dmabuf_cache_finish(&cache);
}

static void
test_bounded_lru(void)
{
	struct fake_device dev = { .base.ops = &fake_ops };
	struct vv_dmabuf_cache cache;
	struct vv_err error = { 0 };
	int fds_before = open_fds();

	vv_dmabuf_cache_init(&cache);
	/* ids 1..16 fill the cache; 1 is then used again */
	for (uint32_t id = 1; id <= VV_DMABUF_CACHE_SIZE; id++)
		vv_dmabuf_cache_get(&cache, &dev.base, id, id, &error);
	vv_dmabuf_cache_get(&cache, &dev.base, 1, 100, &error);
	/* id 17 evicts the least recently used: 2 */
	vv_dmabuf_cache_get(&cache, &dev.base, 17, 101, &error);
	TST_CHECK(vv_dmabuf_cache_count(&cache) == VV_DMABUF_CACHE_SIZE);
	TST_CHECK(open_fds() == fds_before + VV_DMABUF_CACHE_SIZE);
	vv_dmabuf_cache_get(&cache, &dev.base, 1, 102, &error);
	TST_CHECK(dev.exports[1] == 1);
	vv_dmabuf_cache_get(&cache, &dev.base, 2, 103, &error);
	TST_CHECK(dev.exports[2] == 2);
	vv_dmabuf_cache_finish(&cache);
	TST_CHECK(open_fds() == fds_before);
}

static void
test_idle_entries_expire(void)
{
	struct fake_device dev = { .base.ops = &fake_ops };
	struct vv_dmabuf_cache cache;
	struct vv_err error = { 0 };

	vv_dmabuf_cache_init(&cache);
	vv_dmabuf_cache_get(&cache, &dev.base, 1, 0, &error);
	vv_dmabuf_cache_get(&cache, &dev.base, 2, VV_DMABUF_IDLE_NS, &error);
	vv_dmabuf_cache_expire(&cache, VV_DMABUF_IDLE_NS + 1);
	TST_CHECK(vv_dmabuf_cache_count(&cache) == 1);
	vv_dmabuf_cache_finish(&cache);
}

/* A consumer holds (id, serial): an id the cache let go and exported again
 * is another export, though it may reuse the old fd's number. */
static void
test_reexport_is_not_held(void)
{
	struct fake_device dev = { .base.ops = &fake_ops };
	struct vv_dmabuf_cache cache;
	struct vv_err error = { 0 };

	vv_dmabuf_cache_init(&cache);
	const struct vv_dmabuf *a =
	    vv_dmabuf_cache_get(&cache, &dev.base, 1, 0, &error);
	uint32_t serial = a->serial;
	int fd = a->fd;
	TST_CHECK(vv_dmabuf_cache_holds(&cache, 1, serial));
	TST_CHECK(!vv_dmabuf_cache_holds(&cache, 2, serial));
	vv_dmabuf_cache_expire(&cache, VV_DMABUF_IDLE_NS + 1);
	TST_CHECK(!vv_dmabuf_cache_holds(&cache, 1, serial));
	a = vv_dmabuf_cache_get(&cache, &dev.base, 1, VV_DMABUF_IDLE_NS + 2,
				&error);
	TST_CHECK(a && a->fd == fd); /* the lowest free fd number again */
	TST_CHECK(a && a->serial != serial);
	TST_CHECK(!vv_dmabuf_cache_holds(&cache, 1, serial));
	TST_CHECK(a && vv_dmabuf_cache_holds(&cache, 1, a->serial));
	vv_dmabuf_cache_finish(&cache);
}

static void
test_export_failure(void)
{
	struct fake_device dev = { .base.ops = &fake_ops,
				   .fail_with = -EINVAL };
	struct vv_dmabuf_cache cache;
	struct vv_err error = { 0 };

	vv_dmabuf_cache_init(&cache);
	TST_CHECK(!vv_dmabuf_cache_get(&cache, &dev.base, 3, 0, &error));
	TST_CHECK(error.code == EINVAL);
	TST_CHECK_STR(error.text, "Invalid argument");
	TST_CHECK(vv_dmabuf_cache_count(&cache) == 0);
	vv_dmabuf_cache_finish(&cache);
}

/* A 32x32 XRGB8888 plane on dma-buf @id, claiming @size bytes. */
static struct vv_plane
plane_on(uint32_t id, uint32_t size)
{
	struct vv_plane_info raw = {
		.kind = VV_KIND_DMABUF,
		.fourcc = DRM_FORMAT_XRGB8888,
		.modifier = DRM_FORMAT_MOD_LINEAR,
		.width = 32,
		.height = 32,
		.stride = 128,
		.size = size,
		.id = id,
	};
	struct vv_plane plane = { 0 };
	struct vv_err err = { 0 };

	TST_CHECK(vv_plane_validate(VV_PLANE_PRIMARY, &raw, &plane, &err) == 0);
	return plane;
}

/* What the screen's paths ask a source for, over a fake device. */
static void
test_plane_buffers(void)
{
	struct fake_device dev = {
		.base = { .ops = &fake_adopted_ops,
			  .name = "fake 0",
			  .dmabuf_access = VV_DMABUF_ACCESS_READ_WRITE }
	};
	struct vv_source *source = vv_source_adopt("demo:32x32@1", &dev.base);
	struct vv_err err = { 0 };
	struct vv_plane_map map;

	struct vv_plane_buffers b = vv_source_buffers(source);
	TST_CHECK_STR(b.ops->name(b.owner), "fake 0");
	TST_CHECK(b.access == VV_DMABUF_ACCESS_READ_WRITE);

	struct vv_plane plane = plane_on(1, 4096);
	const struct vv_dmabuf *buf = b.ops->dmabuf(b.owner, &plane, 0, &err);
	TST_CHECK(buf && buf->id == 1 && buf->size == 4096 && !err.code);
	TST_CHECK(buf && b.ops->holds(b.owner, 1, buf->serial));
	TST_CHECK(buf &&
		  b.ops->map_dmabuf(b.owner, &plane, buf, &map, &err) == 0);
	TST_CHECK(map.data && map.len == 4096 && map.sync_fd == -1);
	vv_plane_unmap(&map);
	TST_CHECK(b.ops->map(b.owner, &plane, &map, &err) == 0);
	TST_CHECK(map.data && map.sync_fd == buf->fd);
	vv_plane_unmap(&map);
	TST_CHECK(dev.exports[1] == 1);

	/* A plane larger than its buffer is refused, with the reason. */
	plane = plane_on(1, 8192);
	TST_CHECK(!b.ops->dmabuf(b.owner, &plane, 0, &err));
	TST_CHECK(err.code == EINVAL);
	TST_CHECK(strstr(err.text, "is larger than its buffer (4096 bytes)"));

	/* Expired through the interface: no longer held. */
	uint32_t serial = buf->serial;
	b.ops->expire(b.owner, VV_DMABUF_IDLE_NS + 1);
	TST_CHECK(!b.ops->holds(b.owner, 1, serial));

	dev.fail_with = -EINVAL;
	err = (struct vv_err){ 0 };
	plane = plane_on(3, 4096);
	TST_CHECK(!b.ops->dmabuf(b.owner, &plane, 0, &err));
	TST_CHECK(err.code == EINVAL);
	TST_CHECK_STR(err.text,
		      "exporting dma-buf id 3 failed: Invalid argument");
	vv_source_destroy(source);
}

/* The memfd behind a dma-buf is asked for once per export, kept with it
 * (the shm-import path's pool) and closed with it; a source without
 * export_shm, or a buffer without a memfd, leaves -1. */
static void
test_shm_fd(void)
{
	struct fake_device dev = { .base.ops = &fake_shm_ops };
	struct fake_device plain = { .base.ops = &fake_ops };
	struct vv_dmabuf_cache cache;
	struct vv_err error = { 0 };
	int fds_before = open_fds();

	vv_dmabuf_cache_init(&cache);
	const struct vv_dmabuf *a =
	    vv_dmabuf_cache_get(&cache, &dev.base, 1, 100, &error);
	const struct vv_dmabuf *b =
	    vv_dmabuf_cache_get(&cache, &dev.base, 9, 101, &error);
	TST_CHECK(a && a->shm_fd >= 0 && a->shm_fd != a->fd);
	TST_CHECK(b && b->shm_fd == -1);
	TST_CHECK(open_fds() == fds_before + 3);
	/* Idle: both dropped, every fd closed. */
	vv_dmabuf_cache_expire(&cache, 101 + VV_DMABUF_IDLE_NS + 1);
	TST_CHECK(open_fds() == fds_before);
	vv_dmabuf_cache_finish(&cache);

	vv_dmabuf_cache_init(&cache);
	a = vv_dmabuf_cache_get(&cache, &plain.base, 1, 100, &error);
	TST_CHECK(a && a->shm_fd == -1);
	vv_dmabuf_cache_finish(&cache);
	TST_CHECK(open_fds() == fds_before);
}

int
main(void)
{
	TST_RUN(test_one_export_per_id);
	TST_RUN(test_bounded_lru);
	TST_RUN(test_idle_entries_expire);
	TST_RUN(test_reexport_is_not_held);
	TST_RUN(test_export_failure);
	TST_RUN(test_plane_buffers);
	TST_RUN(test_shm_fd);
	return tst_failures ? 1 : 0;
}
