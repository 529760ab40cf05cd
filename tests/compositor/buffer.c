/*
 * What shm and dma-buf buffers share: the wl_buffer resource, references
 * and release, reading the contents for pixman, the SIGBUS guard.
 */
#include "buffer.h"

#include <drm_fourcc.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <wayland-server-protocol.h>

#include "detile.h"
#include "tc-format.h"

static void
buffer_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct wl_buffer_interface buffer_implementation = {
	.destroy = buffer_handle_destroy,
};

static void
buffer_resource_destroy(struct wl_resource *resource)
{
	struct tc_buffer *buffer = wl_resource_get_user_data(resource);

	wl_signal_emit(&buffer->destroy_signal, buffer);
	buffer->destroy(buffer);
}

bool
tc_buffer_create_resource(struct tc_buffer *buffer, struct wl_client *client,
			  uint32_t id)
{
	buffer->resource =
	    wl_resource_create(client, &wl_buffer_interface, 1, id);
	if (!buffer->resource) {
		wl_client_post_no_memory(client);
		return false;
	}
	wl_signal_init(&buffer->destroy_signal);
	wl_resource_set_implementation(buffer->resource, &buffer_implementation,
				       buffer, buffer_resource_destroy);
	return true;
}

struct tc_buffer *
tc_buffer_from_resource(struct wl_resource *resource)
{
	if (!wl_resource_instance_of(resource, &wl_buffer_interface,
				     &buffer_implementation))
		return NULL;
	return wl_resource_get_user_data(resource);
}

static void
buffer_ref_handle_destroy(struct wl_listener *listener, void *data)
{
	struct tc_buffer_ref *ref =
	    wl_container_of(listener, ref, destroy_listener);

	/* destroyed while busy: nothing to release any more */
	ref->buffer->busy -= ref->busy;
	ref->buffer = NULL;
	wl_list_remove(&ref->destroy_listener.link);
	wl_list_init(&ref->destroy_listener.link);
}

void
tc_buffer_ref_init(struct tc_buffer_ref *ref, bool busy)
{
	ref->buffer = NULL;
	ref->busy = busy;
	ref->destroy_listener.notify = buffer_ref_handle_destroy;
	wl_list_init(&ref->destroy_listener.link);
}

void
tc_buffer_ref_set(struct tc_buffer_ref *ref, struct tc_buffer *buffer)
{
	struct tc_buffer *old = ref->buffer;

	if (old == buffer)
		return;
	wl_list_remove(&ref->destroy_listener.link);
	wl_list_init(&ref->destroy_listener.link);
	if (buffer) {
		buffer->busy += ref->busy;
		wl_signal_add(&buffer->destroy_signal, &ref->destroy_listener);
	}
	ref->buffer = buffer;
	if (old && ref->busy && --old->busy == 0)
		wl_buffer_send_release(old->resource);
}

/* The range a SIGBUS may hit, set only between access_begin and _end. */
static struct {
	void *volatile addr;
	volatile size_t size;
	volatile sig_atomic_t faulted;
} guard;

static void
guard_handle_sigbus(int sig, siginfo_t *info, void *context)
{
	uintptr_t addr = (uintptr_t)info->si_addr;
	uintptr_t start = (uintptr_t)guard.addr;

	if (guard.addr && addr >= start && addr < start + guard.size) {
		/* Zero pages over the client's mapping: the read goes on
		 * (mmap is async-signal-safe), the client gets an error. */
		if (mmap(guard.addr, guard.size, PROT_READ | PROT_WRITE,
			 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1,
			 0) != MAP_FAILED) {
			guard.faulted = 1;
			return;
		}
	}
	signal(SIGBUS, SIG_DFL);
	raise(SIGBUS);
}

int
tc_buffer_guard_install(void)
{
	struct sigaction sa = {
		.sa_sigaction = guard_handle_sigbus,
		.sa_flags = SA_SIGINFO | SA_NODEFER,
	};

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, NULL) < 0)
		return -errno;
	return 0;
}

static void
buffer_mapping(struct tc_buffer *buffer, void **addr, size_t *size)
{
	if (buffer->type == TC_BUFFER_SHM) {
		*addr = tc_shm_pool_data(buffer->pool);
		*size = tc_shm_pool_size(buffer->pool);
	} else {
		*addr = buffer->map;
		*size = buffer->map_size;
	}
}

void
tc_buffer_access_begin(struct tc_buffer *buffer)
{
	void *addr;
	size_t size;

	buffer_mapping(buffer, &addr, &size);
	guard.faulted = 0;
	guard.size = size;
	guard.addr = addr;
}

bool
tc_buffer_access_end(struct tc_buffer *buffer)
{
	bool ok = !guard.faulted;

	guard.addr = NULL;
	guard.faulted = 0;
	return ok;
}

static void
free_pixels(pixman_image_t *image, void *data)
{
	free(data);
}

pixman_image_t *
tc_buffer_image(struct tc_buffer *buffer)
{
	const struct tc_format_info *info = tc_format_lookup(buffer->format);
	void *addr;
	size_t size;

	if (!info)
		return NULL;
	buffer_mapping(buffer, &addr, &size);
	uint8_t *base = (uint8_t *)addr + (buffer->type == TC_BUFFER_SHM
					       ? (size_t)buffer->offset
					       : buffer->plane_offset);

	/* pixman reads whole uint32_t rows: point it at the client's memory
	 * only when that is aligned, else copy (and detile) */
	if (buffer->modifier == DRM_FORMAT_MOD_LINEAR &&
	    buffer->stride % 4 == 0 && (uintptr_t)base % 4 == 0)
		return pixman_image_create_bits(
		    info->pixman, buffer->width, buffer->height,
		    (uint32_t *)base, buffer->stride);

	uint32_t row = (buffer->width * info->cpp + 3) & ~3u;
	uint8_t *pixels = malloc((size_t)row * buffer->height);
	if (!pixels)
		return NULL;
	tc_detile(buffer->modifier, base, buffer->stride, pixels, row,
		  buffer->width * info->cpp, buffer->height);
	pixman_image_t *image =
	    pixman_image_create_bits(info->pixman, buffer->width,
				     buffer->height, (uint32_t *)pixels, row);
	if (!image) {
		free(pixels);
		return NULL;
	}
	pixman_image_set_destroy_function(image, free_pixels, pixels);
	return image;
}
