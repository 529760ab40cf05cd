/* Where a pointer over the window is on the guest's screen, in the units
 * of QMP's absolute axes. Pure arithmetic over the same placement that
 * puts the picture in the window (window.c, vv_layout_place). */
#ifndef VV_POINTER_MAP_H
#define VV_POINTER_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include <wayland-util.h>

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

/* Relative motion (wl_fixed_t, 1/256 pixel) to whole guest pixels: adds
 * @delta to @*carry and returns its whole part (toward zero), leaving the
 * rest in @*carry (|rest| < 256) so sub-pixel motion adds up instead of
 * being lost. */
int32_t vv_pointer_map_rel(wl_fixed_t delta, int32_t *carry);

/* Wheel motion in axis_value120 units (120: one step of a wheel; high
 * resolution wheels send parts) to whole steps for QEMU's wheel buttons:
 * adds @value120 to @*acc and returns the whole steps (negative: up or
 * left; at most 64 either way), leaving the rest in @*acc. A turn in the
 * other direction drops the rest first. */
int32_t vv_pointer_map_wheel(int32_t value120, int32_t *acc);

#endif
