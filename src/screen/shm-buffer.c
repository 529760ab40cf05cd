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

struct vv_shm_buffer *
vv_shm_buffer_create(struct wl_shm *shm, uint32_t width, uint32_t height,
		     uint32_t fourcc, int *error)
{
	uint32_t stride = width * 4;
	size_t size = (size_t)stride * height;

	if (!width || !height || size > INT32_MAX) {
		*error = -EINVAL;
		return NULL;
	}
	int fd = memfd_create("vgpu-view-shm", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0 || ftruncate(fd, (off_t)size) < 0) {
		*error = -errno;
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	void *data =
	    mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (data == MAP_FAILED) {
		*error = -errno;
		close(fd);
		return NULL;
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
	return buf;
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

struct vv_shm_buffer *
vv_shm_buffer_pick(struct vv_shm_buffer **pool, int n, struct wl_shm *shm,
		   uint32_t width, uint32_t height, uint32_t fourcc, int *error)
{
	int made = 0;

	for (int i = 0; i < n; i++) {
		struct vv_shm_buffer *b = pool[i];
		if (b && !b->busy &&
		    (b->width != width || b->height != height ||
		     b->fourcc != fourcc)) {
			vv_shm_buffer_destroy(b);
			pool[i] = b = NULL;
		}
		if (!b)
			pool[i] = b = vv_shm_buffer_create(shm, width, height,
							   fourcc, &made);
		if (b && !b->busy)
			return b;
	}
	*error = made ? made : -EBUSY;
	return NULL;
}
