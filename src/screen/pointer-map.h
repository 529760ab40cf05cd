/* Where a pointer over the window is on the guest's screen, in the units
 * of QMP's absolute axes. Pure arithmetic over the same placement that
 * puts the picture in the window (window.c, vv_layout_place). */
#ifndef VV_POINTER_MAP_H
#define VV_POINTER_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "layout.h"

/* QEMU's absolute axes run 0..VV_ABS_MAX (INPUT_EVENT_ABS_MAX). */
#define VV_ABS_MAX 0x7fff

/* Maps the pointer at @x, @y (surface coordinates of the window, in
 * wl_fixed_t units: 1/256 logical pixel) through @dest (where the guest
 * shows, logical pixels), of which @src_w x @src_h guest pixels from the
 * top left show, of a guest @content_w x @content_h, to @abs_x, @abs_y.
 * Returns false (nothing written) when the pointer is outside the picture:
 * over the bars. */
bool vv_pointer_map_abs(int32_t x, int32_t y, struct vv_rect dest,
			uint32_t src_w, uint32_t src_h, uint32_t content_w,
			uint32_t content_h, uint32_t *abs_x, uint32_t *abs_y);

#endif
