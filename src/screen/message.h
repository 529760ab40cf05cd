/* The screen the guest surface shows when there is no guest picture: "No
 * signal" while the guest shows no plane, or why a plane cannot be shown. */
#ifndef VV_MESSAGE_H
#define VV_MESSAGE_H

#include <stdint.h>
#include <wayland-client.h>

#include "shm-buffer.h"

/* A @width x @height buffer (physical pixels) with @title in large letters
 * and @detail wrapped below it. NULL with -errno in *error. */
struct vv_shm_buffer *vv_message_draw(struct wl_shm *shm, uint32_t width,
				      uint32_t height, const char *title,
				      const char *detail, int *error);

#endif
