#include "shm-buffer.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "wayland.h"
#include "xalloc.h"

static void
buffer_handle_release(void *data, struct wl_buffer *wl_buffer)
{
	struct vv_shm_buffer *buf = data;

	buf->busy = false;
}

static const struct wl_buffer_listener buffer_listener = {
	.release = buffer_handle_release,
};

int
vv_shm_buffer_create(struct wl_shm *shm, uint32_t width, uint32_t height,
		     uint32_t fourcc, struct vv_shm_buffer **out)
{
	uint32_t stride = width * 4;
	size_t size = (size_t)stride * height;
	int ret;

	*out = NULL;
	if (!width || !height || size > INT32_MAX)
		return -EINVAL;
	int fd = memfd_create("vgpu-view-shm", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size) < 0) {
		ret = -errno;
		close(fd);
		return ret;
	}
	void *data =
	    mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (data == MAP_FAILED) {
		ret = -errno;
		close(fd);
		return ret;
	}

	struct vv_shm_buffer *buf = vv_xzalloc(sizeof(*buf));
	buf->data = data;
	buf->width = width;
	buf->height = height;
	buf->stride = stride;
	buf->fourcc = fourcc;
	struct wl_shm_pool *pool = wl_shm_create_pool(shm, fd, (int32_t)size);
	buf->buffer = wl_shm_pool_create_buffer(
	    pool, 0, (int32_t)width, (int32_t)height, (int32_t)stride,
	    vv_wl_shm_format(fourcc));
	wl_buffer_add_listener(buf->buffer, &buffer_listener, buf);
	/* The buffer keeps the pool's memory alive; we keep our mapping. */
	wl_shm_pool_destroy(pool);
	close(fd);
	*out = buf;
	return 0;
}

void
vv_shm_buffer_destroy(struct vv_shm_buffer *buf)
{
	if (!buf)
		return;
	wl_buffer_destroy(buf->buffer);
	munmap(buf->data, (size_t)buf->stride * buf->height);
	free(buf);
}

int
vv_shm_buffer_pick(struct vv_shm_buffer **pool, int n, struct wl_shm *shm,
		   uint32_t width, uint32_t height, uint32_t fourcc,
		   struct vv_shm_buffer **out)
{
	int made = 0;

	*out = NULL;
	for (int i = 0; i < n; i++) {
		struct vv_shm_buffer *b = pool[i];
		if (b && !b->busy &&
		    (b->width != width || b->height != height ||
		     b->fourcc != fourcc)) {
			vv_shm_buffer_destroy(b);
			pool[i] = b = NULL;
		}
		if (!b) {
			int ret = vv_shm_buffer_create(shm, width, height,
						       fourcc, &b);
			if (ret)
				made = ret;
			pool[i] = b;
		}
		if (b && !b->busy) {
			*out = b;
			return 0;
		}
	}
	return made ? made : -EBUSY;
}
