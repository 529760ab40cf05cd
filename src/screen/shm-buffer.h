/* A wl_shm buffer of our own pixels: the copy path's frames, the "no signal"
 * screen, the black backdrop. Each has its own memfd, mapped once. */
#ifndef VV_SHM_BUFFER_H
#define VV_SHM_BUFFER_H

#include <stdbool.h>
#include <stdint.h>
#include <wayland-client.h>

struct vv_shm_buffer {
	struct wl_buffer *buffer;
	uint32_t *data;         /* mapped, stride * height bytes */
	uint32_t width, height; /* buffer pixels */
	uint32_t stride;        /* bytes */
	uint32_t fourcc;        /* DRM_FORMAT_XRGB8888 or ARGB8888 */
	/* Attached and not yet released by the compositor: its pixels are
	 * the compositor's to read until wl_buffer.release. */
	bool busy;
};

/* Makes a @width x @height buffer of @fourcc (XRGB8888 or ARGB8888) into
 * *out: 0, or -errno when the memfd cannot be made (-EINVAL for an empty
 * or too large size). */
int vv_shm_buffer_create(struct wl_shm *shm, uint32_t width, uint32_t height,
			 uint32_t fourcc, struct vv_shm_buffer **out);

/* A buffer of @width x @height @fourcc the compositor is not reading, from
 * the @n slots of @pool (each NULL or a buffer of ours), into *out: a
 * released buffer of another size or format is replaced, an empty slot
 * filled. 0; -EBUSY when every buffer is still the compositor's; or the
 * -errno of vv_shm_buffer_create when a needed buffer cannot be made. */
int vv_shm_buffer_pick(struct vv_shm_buffer **pool, int n, struct wl_shm *shm,
		       uint32_t width, uint32_t height, uint32_t fourcc,
		       struct vv_shm_buffer **out);

/* NULL is fine. The compositor keeps what it showed. */
void vv_shm_buffer_destroy(struct vv_shm_buffer *buf);

#endif
