/* The viewer's link to the guest beyond frames: a device that goes away
 * and comes back (reopened with backoff), and a guest offered a mode that
 * fits the window (through the device's EDID region, once a drag stops). */
#ifndef VV_GUEST_LINK_H
#define VV_GUEST_LINK_H

#include <stdbool.h>

#include "device.h"
#include "loop.h"
#include "window.h"

struct vv_guest_link;

/* What the link tells its owner. */
struct vv_guest_link_events {
	/* The device is still gone: @detail says so and when it is tried
	 * again. */
	void (*gone)(void *data, const char *detail);
	/* *dev was reopened: the device is back. */
	void (*back)(void *data);
	void *data;
};

/* The link for *@dev (the caller's; replaced when the device comes back),
 * reopened from @address; offers @window's size when @resize_guest. All
 * borrowed; its timers run on @loop. */
struct vv_guest_link *
vv_guest_link_create(struct vv_loop *loop, const char *address,
		     bool resize_guest, struct vv_device **dev,
		     const struct vv_window *window,
		     const struct vv_guest_link_events *events);

/* NULL is fine. */
void vv_guest_link_destroy(struct vv_guest_link *link);

/* The caller let *dev go (it answered -ENODEV): wait for it to come back. */
void vv_guest_link_lost(struct vv_guest_link *link);

/* The window's size changed: offer the guest a mode (after the user stops
 * dragging). A vv_window_on_resize handler; @data is the link. */
void vv_guest_link_window_resized(void *data);

#endif
