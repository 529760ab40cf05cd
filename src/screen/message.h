/* The screen the guest surface shows when there is no guest picture: "No
 * signal" while the guest shows no plane, or why a plane cannot be shown. */
#ifndef VV_MESSAGE_H
#define VV_MESSAGE_H

#include <stdint.h>
#include <wayland-client.h>

#include "shm-buffer.h"

/* Draws into *out a @width x @height buffer (physical pixels) with @title
 * in large letters and @detail wrapped below it: 0, or -errno. */
int vv_message_draw(struct wl_shm *shm, uint32_t width, uint32_t height,
		    const char *title, const char *detail,
		    struct vv_shm_buffer **out);

#endif
