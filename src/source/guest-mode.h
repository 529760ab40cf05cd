/* Guest modes through the device's EDID region, one step each: what the
 * window offers when resized (source.c) and what --set-mode WxH writes and
 * reads back (the app's set-mode.c). Nothing here prints or logs. */
#ifndef VV_GUEST_MODE_H
#define VV_GUEST_MODE_H

#include <stddef.h>
#include <stdint.h>

#include "device.h"
#include "edid.h"

/* The smallest mode a guest is offered. 640x480 is the one mode every
 * display and guest driver takes (VESA DMT's first, the mode CEA-861 asks
 * of every sink, listed in every EDID's established timings); guest
 * drivers drop or mishandle smaller ones, and a guest desktop there is
 * unusable. A window smaller than that shows the guest scaled down. */
#define VV_GUEST_MIN_W 640
#define VV_GUEST_MIN_H 480

/* The device's EDID region: 0 and *info; -ENOENT when it has none (or
 * cannot write and read it back), -ENOSPC
 * when its blob cannot hold one EDID block, another -errno when it cannot
 * be read. */
int vv_guest_mode_region(struct vv_device *dev, struct vv_edid_info *info);

/* Presents the guest a @width x @height mode at 60 Hz (link down, EDID,
 * link up); @blob gets the EDID written. -EINVAL when one detailed timing
 * cannot describe the mode, else what the device answered. */
int vv_guest_mode_write(struct vv_device *dev, uint32_t width, uint32_t height,
			uint8_t blob[VV_EDID_BLOCK]);

/* The blob the guest sees now: 0 with *@size bytes (at most @len) copied
 * to @blob; -ENOENT when the device cannot read its region back, else what
 * the device answered. */
int vv_guest_mode_read(struct vv_device *dev, uint8_t *blob, size_t len,
		       size_t *size);

/* The mode offered for a window of *@width x *@height physical pixels:
 * raised to VV_GUEST_MIN_W x VV_GUEST_MIN_H, then lowered to what @info
 * allows (the device's own limit wins) and what an EDID holds. */
void vv_guest_mode_fit(const struct vv_edid_info *info, uint32_t *width,
		       uint32_t *height);

#endif
