/* Where the guest lands in the window: aspect kept, bars centred, 1:1 in
 * physical pixels at the output's scale, cursor coordinates scaled. */
#include <stdint.h>

#include "format-set.h"
#include "layout.h"
#include "tst.h"

static void
fit_keeps_aspect_with_bars(void)
{
	struct vv_rect r = vv_layout_fit(1000, 1000, 640, 480);

	TST_CHECK(r.width == 1000 && r.height == 750);
	TST_CHECK(r.x == 0 && r.y == 125);

	r = vv_layout_fit(1920, 1080, 640, 480); /* 4:3 on 16:9: side bars */
	TST_CHECK(r.width == 1440 && r.height == 1080);
	TST_CHECK(r.x == 240 && r.y == 0);

	r = vv_layout_fit(640, 480, 640, 480); /* exact: no bars */
	TST_CHECK(r.x == 0 && r.y == 0 && r.width == 640 && r.height == 480);
}

static void
fit_never_collapses(void)
{
	struct vv_rect r = vv_layout_fit(0, 0, 0, 0);

	TST_CHECK(r.width == 1 && r.height == 1);
	r = vv_layout_fit(100, 1, 16384, 1);
	TST_CHECK(r.width == 100 && r.height == 1);
	r = vv_layout_fit(1, 100, 1, 16384);
	TST_CHECK(r.width == 1 && r.height == 100);
	r = vv_layout_fit(3, 3, 16384, 1); /* a 1-pixel-high sliver */
	TST_CHECK(r.width == 3 && r.height == 1 && r.y == 1);
}

static void
natural_size_is_one_to_one_physical(void)
{
	int32_t w, h;

	vv_layout_natural_size(1920, 1080, 120, 0, 0, &w, &h);
	TST_CHECK(w == 1920 && h == 1080);
	vv_layout_natural_size(1920, 1080, 240, 0, 0, &w, &h); /* scale 2 */
	TST_CHECK(w == 960 && h == 540);
	vv_layout_natural_size(1920, 1080, 180, 0, 0, &w, &h); /* 1.5 */
	TST_CHECK(w == 1280 && h == 720);
	/* Larger than the output: shrunk to it, aspect kept. */
	vv_layout_natural_size(3840, 2160, 120, 1280, 1024, &w, &h);
	TST_CHECK(w == 1280 && h == 720);
	vv_layout_natural_size(1024, 768, 0, 0, 0, &w, &h); /* no scale */
	TST_CHECK(w == 1024 && h == 768);
}

static void
scale_floors_negative_cursor_positions(void)
{
	TST_CHECK(vv_layout_scale(320, 640, 1280) == 640);
	TST_CHECK(vv_layout_scale(1, 640, 320) == 0);
	TST_CHECK(vv_layout_scale(-1, 640, 320) == -1);
	TST_CHECK(vv_layout_scale(-2, 640, 320) == -1);
	TST_CHECK(vv_layout_scale(-3, 640, 320) == -2);
	TST_CHECK(vv_layout_scale(5, 0, 320) == 0);
}

static void
format_set_dedups_and_finds(void)
{
	struct vv_format_set set = { 0 };

	for (uint32_t i = 0; i < 100; i++)
		vv_format_set_add(&set, i, 7);
	vv_format_set_add(&set, 5, 7);
	TST_CHECK(set.count == 100);
	TST_CHECK(vv_format_set_has(&set, 99, 7));
	TST_CHECK(!vv_format_set_has(&set, 99, 8));
	vv_format_set_clear(&set);
	TST_CHECK(!vv_format_set_has(&set, 1, 7));
	vv_format_set_finish(&set);
}

static void
place_modes(void)
{
	struct vv_placement p;

	/* integer: 640x480 in 1400x1000 → 2× (1280x960), centred */
	p = vv_layout_place(VV_SCALE_INTEGER, 1400, 1000, 640, 480, 120);
	TST_CHECK(p.dest.width == 1280 && p.dest.height == 960);
	TST_CHECK(p.dest.x == 60 && p.dest.y == 20);
	/* integer at scale 2: 2× physical is 1× logical */
	p = vv_layout_place(VV_SCALE_INTEGER, 700, 500, 640, 480, 240);
	TST_CHECK(p.dest.width == 640 && p.dest.height == 480);
	/* integer, too small for 1×: fit instead */
	p = vv_layout_place(VV_SCALE_INTEGER, 320, 240, 640, 480, 120);
	TST_CHECK(p.dest.width == 320 && p.dest.height == 240);
	/* 1:1 smaller than the window: centred, whole */
	p = vv_layout_place(VV_SCALE_ONE, 1000, 1000, 640, 480, 120);
	TST_CHECK(p.dest.width == 640 && p.dest.x == 180 && p.src_w == 640);
	/* 1:1 larger than the window: cropped to it */
	p = vv_layout_place(VV_SCALE_ONE, 400, 300, 640, 480, 120);
	TST_CHECK(p.src_w == 400 && p.src_h == 300);
	TST_CHECK(p.dest.width == 400 && p.dest.height == 300);
	TST_CHECK(p.dest.x == 0 && p.dest.y == 0);
	/* fit is vv_layout_fit */
	p = vv_layout_place(VV_SCALE_FIT, 1000, 500, 640, 480, 120);
	TST_CHECK(p.dest.x == 166 && p.dest.width == 667);
}

static void
cursor_rect_scales_like_the_picture(void)
{
	struct vv_rect r;

	/* 1:1: hotspot 3,5 of a 64x64 image at guest pixel 200,150 */
	r = vv_layout_cursor(200, 150, 3, 5, 64, 64, 640, 480, 640, 480);
	TST_CHECK(r.x == 197 && r.y == 145 && r.width == 64 && r.height == 64);
	/* 2x, partly off the top: floors, like the picture */
	r = vv_layout_cursor(320, 1, 3, 5, 64, 64, 640, 480, 1280, 960);
	TST_CHECK(r.x == 634 && r.y == -8);
	TST_CHECK(r.width == 128 && r.height == 128);
	/* shrunk to nothing: still 1 x 1 */
	r = vv_layout_cursor(0, 0, 0, 0, 1, 1, 640, 480, 64, 48);
	TST_CHECK(r.width == 1 && r.height == 1);
	/* 1:1 cropped: 400x300 of the guest fill 400x300 */
	r = vv_layout_cursor(10, 10, 0, 0, 32, 32, 400, 300, 400, 300);
	TST_CHECK(r.x == 10 && r.y == 10 && r.width == 32);
}

/* The names --scale, the config file and the overlay use, both ways. */
static void
scale_mode_names_round_trip(void)
{
	for (int i = 0; i < VV_SCALE_COUNT; i++)
		TST_CHECK(vv_scale_mode_from_name(vv_scale_mode_name(i)) == i);
	TST_CHECK_STR(vv_scale_mode_name(VV_SCALE_FIT), "fit");
	TST_CHECK_STR(vv_scale_mode_name(VV_SCALE_INTEGER), "integer");
	TST_CHECK_STR(vv_scale_mode_name(VV_SCALE_ONE), "1:1");
	TST_CHECK(vv_scale_mode_from_name("Integer") == VV_SCALE_INTEGER);
	TST_CHECK(vv_scale_mode_from_name("1:2") == -1);
	TST_CHECK(vv_scale_mode_from_name("") == -1);
}

static void
cursor_scales_with_the_part_shown(void)
{
	/* 1:1 on a small window: 400x300 of a 640x480 picture fill a
	 * 400x300 guest rectangle. */
	struct vv_window_view view = {
		.content_w = 640,
		.content_h = 480,
		.guest_rect = { 0, 0, 400, 300 },
		.src_w = 400,
		.src_h = 300,
	};
	struct vv_rect r =
	    vv_layout_cursor_in(&view, 640, 480, 0, 0, 32, 32, 10, 10);

	TST_CHECK(r.x == 10 && r.y == 10 && r.width == 32 && r.height == 32);
	/* A new mode the window has not placed yet: all of the 800x600
	 * picture over the same 400x300 (half size). */
	r = vv_layout_cursor_in(&view, 800, 600, 0, 0, 32, 32, 200, 100);
	TST_CHECK(r.x == 100 && r.y == 50 && r.width == 16 && r.height == 16);
	/* Nothing placed yet (src 0): all of the picture. */
	view.src_w = view.src_h = 0;
	r = vv_layout_cursor_in(&view, 640, 480, 0, 0, 32, 32, 320, 240);
	TST_CHECK(r.x == 200 && r.y == 150 && r.width == 20);
}

int
main(void)
{
	TST_RUN(place_modes);
	TST_RUN(scale_mode_names_round_trip);
	TST_RUN(cursor_rect_scales_like_the_picture);
	TST_RUN(cursor_scales_with_the_part_shown);
	TST_RUN(fit_keeps_aspect_with_bars);
	TST_RUN(fit_never_collapses);
	TST_RUN(natural_size_is_one_to_one_physical);
	TST_RUN(scale_floors_negative_cursor_positions);
	TST_RUN(format_set_dedups_and_finds);
	return tst_failures != 0;
}
