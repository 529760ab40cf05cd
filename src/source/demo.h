/* The display-source interface over a built-in simulated vGPU.
 *
 * An animated guest: moving content, page flips between buffers (each with
 * its own dmabuf id), a moving ARGB8888 cursor plane with a hotspot. Buffers
 * are memfds, or real dma-bufs through /dev/udmabuf where the machine has it,
 * or dumb buffers of a DRM device (drm=).
 * The guest's frame is a pure function of its frame number, so tests can ask
 * for a frozen frame. */
#ifndef VV_DEMO_H
#define VV_DEMO_H

#include <stdint.h>

#include "device.h"

/* The cursor plane: ARGB8888, VV_DEMO_CURSOR_SIZE square, an arrow whose tip
 * is at the hotspot (cursor pixels). The pixel at the hotspot is the arrow's
 * black outline; its white body starts a few pixels below-right, e.g. at
 * (hot_x + 3, hot_y + 10). */
#define VV_DEMO_CURSOR_SIZE  64
#define VV_DEMO_CURSOR_HOT_X 2
#define VV_DEMO_CURSOR_HOT_Y 2

/* @spec is what follows "demo" in the address: "" or ":WxH" or ":WxH@FRAME"
 * (frozen at frame FRAME instead of animating at 60 frames per second),
 * then optionally ",drm=PATH": the framebuffers and cursor as dumb buffers
 * of the DRM device PATH, exported with PRIME (memfds otherwise). */
struct vv_device *vv_demo_open(const char *spec, struct vv_err *err);

/* Where the cursor plane is at @frame on a @width x @height screen (each 1 or
 * more): the hotspot's position in guest pixels (the plane's x/y), always
 * inside the screen. A pure function, so tests can find the cursor in a
 * screenshot. */
void vv_demo_cursor_position(uint64_t frame, uint32_t width, uint32_t height,
			     uint32_t *x, uint32_t *y);

#endif
