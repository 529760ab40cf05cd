/* --set-mode WxH: offer the guest a mode through the device's EDID region,
 * as the window does when resized, and read the region back. */
#ifndef VV_SET_MODE_H
#define VV_SET_MODE_H

#include <stdint.h>
#include <stdio.h>

#include "device.h"

/* Parses "WxH". -EINVAL if it is not two numbers in 1..16384. */
int vv_mode_parse(const char *text, uint32_t *width, uint32_t *height);

/* Writes the EDID for @width x @height to @dev, reads it back, and prints
 * one line on @out. Returns 0, or -errno with @err filled (no EDID region,
 * a mode beyond the device's limit, a write the device refused, a read
 * back that differs). */
int vv_set_mode(struct vv_device *dev, uint32_t width, uint32_t height,
		FILE *out, struct vv_err *err);

#endif
