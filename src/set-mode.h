/* --set-mode WxH: an EDID for the mode written to the source's device and
 * read back, one line on stdout. The steps themselves (source/guest-mode.h)
 * are the window's guest resize too. */
#ifndef VV_SET_MODE_H
#define VV_SET_MODE_H

#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "source.h"

/* Parses "WxH". -EINVAL if it is not two numbers in 1..16384. */
int vv_mode_parse(const char *text, uint32_t *width, uint32_t *height);

/* Writes the EDID for @width x @height to @source's device, reads it back,
 * and prints one line on @out. Returns 0, or -errno with @err filled (no
 * EDID region, a mode beyond the device's limit, a write the device
 * refused, a read back that differs, the device gone). */
int vv_set_mode(struct vv_source *source, uint32_t width, uint32_t height,
		FILE *out, struct vv_err *err);

#endif
