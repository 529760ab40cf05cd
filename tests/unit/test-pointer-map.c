/* Pointer → QMP absolute axes through the placement the window uses: the
 * centre of guest pixel p maps to a value QEMU's guests read back as p,
 * the bars give nothing, and HiDPI, fractional scales, integer and 1:1
 * crops go through exactly vv_layout_place. */
#include <wayland-util.h>

#include "layout.h"
#include "pointer-map.h"
#include "tst.h"

static bool
map(int mode, int32_t win_w, int32_t win_h, uint32_t cw, uint32_t ch,
    uint32_t scale120, double x, double y, uint32_t *ax, uint32_t *ay)
{
	struct vv_placement p =
	    vv_layout_place(mode, win_w, win_h, cw, ch, scale120);

	return vv_pointer_map_abs(wl_fixed_from_double(x),
				  wl_fixed_from_double(y), p.dest, p.src_w,
				  p.src_h, cw, ch, ax, ay);
}

static void
fit_exact(void)
{
	uint32_t x, y;

	TST_CHECK(map(VV_SCALE_FIT, 640, 480, 640, 480, 120, 320, 240, &x, &y));
	TST_CHECK(x == 0x4000 && y == 0x4000);
	TST_CHECK(map(VV_SCALE_FIT, 640, 480, 640, 480, 120, 0, 0, &x, &y));
	TST_CHECK(x == 0 && y == 0);
	/* The last pixel's right edge stays inside the axis. */
	TST_CHECK(
	    map(VV_SCALE_FIT, 640, 480, 640, 480, 120, 639.99, 479.99, &x, &y));
	TST_CHECK(x <= VV_ABS_MAX && y <= VV_ABS_MAX && x > 0x7f00);
	TST_CHECK(!map(VV_SCALE_FIT, 640, 480, 640, 480, 120, 640, 10, &x, &y));
	TST_CHECK(!map(VV_SCALE_FIT, 640, 480, 640, 480, 120, -1, 10, &x, &y));
}

static void
every_pixel_centre_round_trips(void)
{
	/* A guest reads v back as floor(v * size / 0x8000). */
	static const uint32_t sizes[] = { 640, 1024, 1366, 1920, 3840, 7 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint32_t w = sizes[i];
		for (uint32_t px = 0; px < w; px++) {
			uint32_t x, y;
			TST_CHECK(map(VV_SCALE_FIT, (int32_t)w, 100, w, 100,
				      120, px + 0.5, 50.5, &x, &y));
			if ((uint64_t)x * w / 0x8000 != px) {
				fprintf(stderr, "size %u px %u: %u\n", w, px,
					x);
				TST_CHECK(!"round trip");
				break;
			}
		}
	}
}

static void
bars_give_nothing(void)
{
	uint32_t x, y;

	/* 640x480 in 1000x480: bars of 180 left and right. */
	TST_CHECK(
	    !map(VV_SCALE_FIT, 1000, 480, 640, 480, 120, 100, 240, &x, &y));
	TST_CHECK(
	    !map(VV_SCALE_FIT, 1000, 480, 640, 480, 120, 179.9, 240, &x, &y));
	TST_CHECK(
	    map(VV_SCALE_FIT, 1000, 480, 640, 480, 120, 340, 120, &x, &y));
	TST_CHECK(x == 0x2000 && y == 0x2000);
	TST_CHECK(
	    !map(VV_SCALE_FIT, 1000, 480, 640, 480, 120, 820, 240, &x, &y));
}

static void
scaled_layouts(void)
{
	uint32_t x, y;

	/* Fit, 2x: window pixel 3 is guest pixel 1.5. */
	TST_CHECK(map(VV_SCALE_FIT, 1280, 960, 640, 480, 120, 3, 5, &x, &y));
	TST_CHECK(x == 76 && y == 170); /* 1.5*32768/640, 2.5*32768/480 */
	/* HiDPI 2x, 1:1 in physical pixels: a 320x240 logical picture in a
	 * 640x480 logical window, centred at 160,120. */
	TST_CHECK(map(VV_SCALE_ONE, 640, 480, 640, 480, 240, 160, 120, &x, &y));
	TST_CHECK(x == 0 && y == 0);
	TST_CHECK(
	    !map(VV_SCALE_ONE, 640, 480, 640, 480, 240, 159, 120, &x, &y));
	TST_CHECK(map(VV_SCALE_ONE, 640, 480, 640, 480, 240, 320, 240, &x, &y));
	TST_CHECK(x == 0x4000 && y == 0x4000);
	/* Fractional 1.5: 1:1 is 640/1.5 = 426 logical wide. */
	struct vv_placement p =
	    vv_layout_place(VV_SCALE_ONE, 800, 600, 640, 480, 180);
	TST_CHECK(map(VV_SCALE_ONE, 800, 600, 640, 480, 180,
		      p.dest.x + p.dest.width / 2.0,
		      p.dest.y + p.dest.height / 2.0, &x, &y));
	TST_CHECK(x == 0x4000 && y == 0x4000);
	/* Integer, 2x in a 1400x1000 window: 1280x960 at 60,20. */
	TST_CHECK(map(VV_SCALE_INTEGER, 1400, 1000, 640, 480, 120, 60 + 640,
		      20 + 480, &x, &y));
	TST_CHECK(x == 0x4000 && y == 0x4000);
	TST_CHECK(
	    !map(VV_SCALE_INTEGER, 1400, 1000, 640, 480, 120, 59, 500, &x, &y));
	/* 1:1 cropped: a 320x240 window shows the guest's top left
	 * 320x240; its centre is a quarter of the guest. */
	TST_CHECK(map(VV_SCALE_ONE, 320, 240, 640, 480, 120, 160, 120, &x, &y));
	TST_CHECK(x == 0x2000 && y == 0x2000);
}

/* Sub-pixel deltas add up: nothing lost, nothing invented, either way. */
static void
rel_carries_the_rest(void)
{
	int32_t carry = 0, sum = 0;

	TST_CHECK(vv_pointer_map_rel(wl_fixed_from_double(3.5), &carry) == 3);
	TST_CHECK(vv_pointer_map_rel(wl_fixed_from_double(0.5), &carry) == 1);
	TST_CHECK(carry == 0);
	TST_CHECK(vv_pointer_map_rel(wl_fixed_from_double(-2.25), &carry) ==
		  -2);
	TST_CHECK(vv_pointer_map_rel(wl_fixed_from_double(-0.75), &carry) ==
		  -1);
	TST_CHECK(carry == 0);
	/* A thousand moves of 0.1 px (25/256 each) make 97 whole pixels:
	 * 25000 / 256 = 97.66. */
	for (int i = 0; i < 1000; i++)
		sum += vv_pointer_map_rel(25, &carry);
	TST_CHECK(sum == 97 && carry == 25000 - 97 * 256);
	/* Garbage from a compositor stays in range. */
	carry = 255;
	TST_CHECK(vv_pointer_map_rel(INT32_MAX, &carry) > 0);
	TST_CHECK(carry > -256 && carry < 256);
	TST_CHECK(vv_pointer_map_rel(INT32_MIN, &carry) < 0);
	TST_CHECK(carry > -256 && carry < 256);
}

static void
wheel_adds_up_to_steps(void)
{
	int32_t acc = 0;

	TST_CHECK(vv_pointer_map_wheel(120, &acc) == 1 && acc == 0);
	TST_CHECK(vv_pointer_map_wheel(-240, &acc) == -2 && acc == 0);
	/* Two halves: one step, exactly. */
	TST_CHECK(vv_pointer_map_wheel(60, &acc) == 0);
	TST_CHECK(vv_pointer_map_wheel(60, &acc) == 1 && acc == 0);
	TST_CHECK(vv_pointer_map_wheel(-30, &acc) == 0);
	TST_CHECK(vv_pointer_map_wheel(-90, &acc) == -1 && acc == 0);
	/* Half up, half down: no step. */
	TST_CHECK(vv_pointer_map_wheel(60, &acc) == 0);
	TST_CHECK(vv_pointer_map_wheel(-60, &acc) == 0);
	TST_CHECK(vv_pointer_map_wheel(-60, &acc) == -1);
	/* Garbage is bounded. */
	acc = 0;
	TST_CHECK(vv_pointer_map_wheel(INT32_MAX, &acc) == 64);
	TST_CHECK(acc > -120 && acc < 120);
	TST_CHECK(vv_pointer_map_wheel(INT32_MIN, &acc) == -64);
	TST_CHECK(acc > -120 && acc < 120);
}

int
main(void)
{
	TST_RUN(rel_carries_the_rest);
	TST_RUN(wheel_adds_up_to_steps);
	TST_RUN(fit_exact);
	TST_RUN(every_pixel_centre_round_trips);
	TST_RUN(bars_give_nothing);
	TST_RUN(scaled_layouts);
	return tst_failures != 0;
}
