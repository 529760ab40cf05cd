#include "pointer-map.h"

/* One axis. The pointer at @s (1/256 logical px) is guest position
 * g = (s - origin) * src / extent (guest pixels, fractional); QMP wants
 * g / content scaled to 0x8000 and floored:
 *   v = floor(g * 0x8000 / content).
 * QEMU's own windows send floor(p * 0x7fff / size) of the whole pixel p
 * (ui/input.c qemu_input_scale_axis); guests map v back to the pixel
 * floor(v * content / 0x8000) (libinput, the evdev tablet drivers): with
 * g the centre of a pixel, as a pointer over it is, that is the same
 * pixel, exactly, for any size up to 0x8000. */
static bool
axis(int32_t s, int32_t origin, int32_t extent, uint32_t src, uint32_t content,
     uint32_t *out)
{
	int64_t rel = (int64_t)s - (int64_t)origin * 256;

	if (rel < 0 || extent <= 0 || !content || !src ||
	    rel >= (int64_t)extent * 256)
		return false;
	int64_t v =
	    rel * src * (VV_ABS_MAX + 1) / ((int64_t)extent * 256 * content);
	*out = v > VV_ABS_MAX ? VV_ABS_MAX : (uint32_t)v;
	return true;
}

bool
vv_pointer_map_abs(int32_t x, int32_t y, struct vv_rect dest, uint32_t src_w,
		   uint32_t src_h, uint32_t content_w, uint32_t content_h,
		   uint32_t *abs_x, uint32_t *abs_y)
{
	uint32_t ax, ay;

	if (!axis(x, dest.x, dest.width, src_w, content_w, &ax) ||
	    !axis(y, dest.y, dest.height, src_h, content_h, &ay))
		return false;
	*abs_x = ax;
	*abs_y = ay;
	return true;
}

int32_t
vv_pointer_map_rel(wl_fixed_t delta, int32_t *carry)
{
	int64_t sum = (int64_t)*carry + delta;
	int64_t whole = sum / 256; /* C division truncates toward zero */

	/* Far beyond any one motion; keeps the carry and the sum in range. */
	if (whole > INT32_MAX / 512)
		whole = INT32_MAX / 512;
	else if (whole < -(INT32_MAX / 512))
		whole = -(INT32_MAX / 512);
	*carry = (int32_t)(sum - whole * 256);
	if (*carry >= 256 || *carry <= -256)
		*carry = 0; /* clamped: the rest is not worth carrying */
	return (int32_t)whole;
}

int32_t
vv_pointer_map_wheel(int32_t value120, int32_t *acc)
{
	/* A turn the other way starts afresh: half a step up and half a
	 * step down are no step at all, not one in the later direction. */
	if ((*acc > 0 && value120 < 0) || (*acc < 0 && value120 > 0))
		*acc = 0;
	int64_t sum = (int64_t)*acc + value120;
	int64_t steps = sum / 120;

	if (steps > 64 || steps < -64)
		steps = steps > 0 ? 64 : -64;
	sum -= steps * 120;
	*acc = sum > 119 || sum < -119 ? 0 : (int32_t)sum;
	return (int32_t)steps;
}
