/*
 * wl_shm v1 with wl_shm_pool and shm wl_buffers. vv-compositor implements
 * it itself (not wl_display_init_shm) to log pools, check formats against
 * its own list and read buffers through the same guard as dma-bufs.
 */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <wayland-server-protocol.h>

#include "buffer.h"
#include "server.h"
#include "tc-log.h"

/* wl_shm formats offered, as wl_shm_format codes */
static const uint32_t shm_formats[] = {
	WL_SHM_FORMAT_ARGB8888, WL_SHM_FORMAT_XRGB8888, WL_SHM_FORMAT_ABGR8888,
	WL_SHM_FORMAT_XBGR8888, WL_SHM_FORMAT_RGB565,
};

struct tc_shm_pool {
	struct wl_resource *resource; /* NULL once the client destroyed it */
	void *data;                   /* MAP_SHARED of the client's fd */
	size_t size;                  /* bytes */
	unsigned refs;                /* the resource and each buffer */
};

void *
tc_shm_pool_data(struct tc_shm_pool *pool)
{
	return pool->data;
}

size_t
tc_shm_pool_size(struct tc_shm_pool *pool)
{
	return pool->size;
}

static void
shm_pool_unref(struct tc_shm_pool *pool)
{
	if (--pool->refs > 0)
		return;
	munmap(pool->data, pool->size);
	free(pool);
}

static void
shm_buffer_destroy(struct tc_buffer *buffer)
{
	shm_pool_unref(buffer->pool);
	free(buffer);
}

static bool
shm_format_supported(uint32_t format)
{
	for (size_t i = 0; i < sizeof(shm_formats) / sizeof(*shm_formats);
	     i++) {
		if (shm_formats[i] == format)
			return true;
	}
	return false;
}

static void
shm_pool_handle_create_buffer(struct wl_client *client,
			      struct wl_resource *resource, uint32_t id,
			      int32_t offset, int32_t width, int32_t height,
			      int32_t stride, uint32_t format)
{
	struct tc_shm_pool *pool = wl_resource_get_user_data(resource);

	if (!shm_format_supported(format)) {
		tc_post_error(resource, WL_SHM_ERROR_INVALID_FORMAT,
			      "invalid format 0x%x", format);
		return;
	}
	uint32_t drm = tc_format_from_shm(format);
	const struct tc_format_info *info = tc_format_lookup(drm);

	if (offset < 0 || width <= 0 || height <= 0 ||
	    (int64_t)stride < (int64_t)width * info->cpp ||
	    (uint64_t)offset + (uint64_t)stride * height > pool->size) {
		tc_post_error(
		    resource, WL_SHM_ERROR_INVALID_STRIDE,
		    "invalid width %d, height %d, stride %d or offset %d for a pool of %zu bytes",
		    width, height, stride, offset, pool->size);
		return;
	}

	struct tc_buffer *buffer = calloc(1, sizeof(*buffer));
	if (!buffer) {
		wl_client_post_no_memory(client);
		return;
	}
	buffer->type = TC_BUFFER_SHM;
	buffer->format = drm;
	buffer->modifier = DRM_FORMAT_MOD_LINEAR;
	buffer->width = width;
	buffer->height = height;
	buffer->stride = stride;
	buffer->pool = pool;
	buffer->offset = offset;
	buffer->destroy = shm_buffer_destroy;
	if (!tc_buffer_create_resource(buffer, client, id)) {
		free(buffer);
		return;
	}
	pool->refs++;
}

static void
shm_pool_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
shm_pool_handle_resize(struct wl_client *client, struct wl_resource *resource,
		       int32_t size)
{
	struct tc_shm_pool *pool = wl_resource_get_user_data(resource);

	if (size < 0 || (size_t)size < pool->size) {
		tc_post_error(resource, WL_SHM_ERROR_INVALID_STRIDE,
			      "shrinking pool from %zu to %d bytes", pool->size,
			      size);
		return;
	}
	void *data = mremap(pool->data, pool->size, size, MREMAP_MAYMOVE);
	if (data == MAP_FAILED) {
		tc_post_error(resource, WL_SHM_ERROR_INVALID_FD,
			      "cannot grow the pool to %d bytes: %s", size,
			      strerror(errno));
		return;
	}
	pool->data = data;
	pool->size = size;
	tc_plog("shm-pool-resize size=%d", size);
}

static const struct wl_shm_pool_interface shm_pool_implementation = {
	.create_buffer = shm_pool_handle_create_buffer,
	.destroy = shm_pool_handle_destroy,
	.resize = shm_pool_handle_resize,
};

static void
shm_pool_resource_destroy(struct wl_resource *resource)
{
	struct tc_shm_pool *pool = wl_resource_get_user_data(resource);

	pool->resource = NULL;
	shm_pool_unref(pool);
}

static void
shm_handle_create_pool(struct wl_client *client, struct wl_resource *resource,
		       uint32_t id, int32_t fd, int32_t size)
{
	struct tc_shm_pool *pool;

	if (size <= 0) {
		tc_post_error(resource, WL_SHM_ERROR_INVALID_STRIDE,
			      "invalid pool size %d", size);
		goto out;
	}
	void *data =
	    mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (data == MAP_FAILED) {
		tc_post_error(resource, WL_SHM_ERROR_INVALID_FD,
			      "cannot map the pool fd (%d bytes): %s", size,
			      strerror(errno));
		goto out;
	}
	pool = calloc(1, sizeof(*pool));
	if (!pool) {
		munmap(data, size);
		wl_client_post_no_memory(client);
		goto out;
	}
	pool->data = data;
	pool->size = size;
	pool->refs = 1;
	pool->resource =
	    wl_resource_create(client, &wl_shm_pool_interface, 1, id);
	if (!pool->resource) {
		shm_pool_unref(pool);
		wl_client_post_no_memory(client);
		goto out;
	}
	wl_resource_set_implementation(pool->resource, &shm_pool_implementation,
				       pool, shm_pool_resource_destroy);
	tc_plog("shm-pool size=%d", size);
out:
	close(fd);
}

static const struct wl_shm_interface shm_implementation = {
	.create_pool = shm_handle_create_pool,
};

static void
shm_bind(struct wl_client *client, void *data, uint32_t version, uint32_t id)
{
	struct wl_resource *resource =
	    wl_resource_create(client, &wl_shm_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &shm_implementation, NULL,
				       NULL);
	tc_plog("bind wl_shm v%u", version);
	for (size_t i = 0; i < sizeof(shm_formats) / sizeof(*shm_formats); i++)
		wl_shm_send_format(resource, shm_formats[i]);
}

int
tc_shm_global_create(struct tc_server *server)
{
	return wl_global_create(server->display, &wl_shm_interface, 1, server,
				shm_bind)
		   ? 0
		   : -1;
}
