/*
 * wl_buffer as vv-compositor holds it: shm (shm.c) or dma-buf (dmabuf.c),
 * read through one function when compositing, released by reference
 * counting.
 *
 * Release policy: a buffer is busy from the wl_surface.commit that makes it
 * the surface's committed (or, for a synchronized subsurface, cached)
 * buffer until a later commit replaces it, the surface goes, or the buffer
 * is destroyed; wl_buffer.release is sent when the last such reference
 * goes. The compositor reads the contents at every repaint and screenshot
 * while busy, never after, so the client may reuse a released buffer at
 * once. A buffer attached but replaced before any commit was never busy and
 * gets no release.
 */
#pragma once

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>
#include <wayland-server-core.h>

struct tc_shm_pool;

enum tc_buffer_type {
	TC_BUFFER_SHM,
	TC_BUFFER_DMABUF,
};

struct tc_buffer {
	struct wl_resource *resource; /* wl_buffer */
	enum tc_buffer_type type;
	uint32_t format;                 /* DRM fourcc */
	uint64_t modifier;               /* DRM_FORMAT_MOD_LINEAR for shm */
	int32_t width, height;           /* buffer pixels */
	uint32_t stride;                 /* bytes */
	unsigned busy;                   /* committed references, see above */
	struct wl_signal destroy_signal; /* before the buffer is freed */
	/* frees the type-specific part and the struct */
	void (*destroy)(struct tc_buffer *buffer);

	/* TC_BUFFER_SHM: the pool holds a reference while the buffer lives */
	struct tc_shm_pool *pool;
	int32_t offset; /* bytes into the pool */

	/* TC_BUFFER_DMABUF: the fd's mapping from file offset 0 */
	void *map;
	size_t map_size;
	uint32_t plane_offset; /* bytes into map */
};

/*
 * Creates the wl_buffer resource for a filled-in buffer. When the resource
 * goes, destroy_signal is emitted and buffer->destroy called. Returns false
 * when out of memory (the client was told).
 */
bool tc_buffer_create_resource(struct tc_buffer *buffer,
			       struct wl_client *client, uint32_t id);

/* The buffer of a wl_buffer resource; NULL if not one of ours. */
struct tc_buffer *tc_buffer_from_resource(struct wl_resource *resource);

/*
 * A reference to a buffer that clears itself when the buffer is destroyed.
 * busy references count in buffer->busy (committed state); others do not
 * (pending state).
 */
struct tc_buffer_ref {
	struct tc_buffer *buffer;
	bool busy;
	struct wl_listener destroy_listener;
};

void tc_buffer_ref_init(struct tc_buffer_ref *ref, bool busy);
/* Points ref at buffer (or NULL); drops the old reference (releasing the
 * old buffer if it was the last busy one). */
void tc_buffer_ref_set(struct tc_buffer_ref *ref, struct tc_buffer *buffer);

/*
 * A pixman image of the buffer's contents for compositing, or NULL (the
 * format cannot be composited, or reading the memory faulted: the client
 * then got a protocol error). Unref it after use; it may point into the
 * client's memory, so use it only inside tc_buffer_access_begin/end.
 */
pixman_image_t *tc_buffer_image(struct tc_buffer *buffer);

/*
 * Reading client memory may SIGBUS when the client shrank the file under
 * it. Between begin and end, such a fault maps zeroes over the range and
 * end returns false (then the client is sent an error).
 */
void tc_buffer_access_begin(struct tc_buffer *buffer);
bool tc_buffer_access_end(struct tc_buffer *buffer);

/* Installs the SIGBUS handler that makes the above work. 0 or -errno. */
int tc_buffer_guard_install(void);

/* shm.c: the pool's current mapping and size */
void *tc_shm_pool_data(struct tc_shm_pool *pool);
size_t tc_shm_pool_size(struct tc_shm_pool *pool);
