#include "layout.h"

#include <stdbool.h>
#include <strings.h>

static const char *const scale_names[VV_SCALE_COUNT] = {
	[VV_SCALE_FIT] = "fit",
	[VV_SCALE_INTEGER] = "integer",
	[VV_SCALE_ONE] = "1:1",
};

const char *
vv_scale_mode_name(enum vv_scale_mode mode)
{
	return scale_names[mode];
}

int
vv_scale_mode_from_name(const char *name)
{
	for (int i = 0; i < VV_SCALE_COUNT; i++)
		if (strcasecmp(name, scale_names[i]) == 0)
			return i;
	return -1;
}

static int32_t
at_least_1(int64_t v)
{
	return v < 1 ? 1 : (int32_t)v;
}

struct vv_rect
vv_layout_fit(int32_t win_w, int32_t win_h, uint32_t content_w,
	      uint32_t content_h)
{
	struct vv_rect r;

	win_w = at_least_1(win_w);
	win_h = at_least_1(win_h);
	content_w = content_w ? content_w : 1;
	content_h = content_h ? content_h : 1;
	/* Compare win_w/content_w with win_h/content_h without division:
	 * the narrower ratio decides, the other side is derived from it. */
	if ((int64_t)win_w * content_h <= (int64_t)win_h * content_w) {
		r.width = win_w;
		r.height = at_least_1(
		    ((int64_t)win_w * content_h + content_w / 2) / content_w);
	} else {
		r.height = win_h;
		r.width = at_least_1(
		    ((int64_t)win_h * content_w + content_h / 2) / content_h);
	}
	if (r.width > win_w)
		r.width = win_w;
	if (r.height > win_h)
		r.height = win_h;
	r.x = (win_w - r.width) / 2;
	r.y = (win_h - r.height) / 2;
	return r;
}

void
vv_layout_natural_size(uint32_t content_w, uint32_t content_h,
		       uint32_t scale120, int32_t max_w, int32_t max_h,
		       int32_t *width, int32_t *height)
{
	if (!scale120)
		scale120 = 120;
	int32_t w =
	    at_least_1(((int64_t)content_w * 120 + scale120 / 2) / scale120);
	int32_t h =
	    at_least_1(((int64_t)content_h * 120 + scale120 / 2) / scale120);

	if (max_w > 0 && max_h > 0 && (w > max_w || h > max_h)) {
		struct vv_rect fit =
		    vv_layout_fit(max_w, max_h, content_w, content_h);
		w = fit.width;
		h = fit.height;
	}
	*width = w;
	*height = h;
}

int32_t
vv_layout_scale(int64_t v, uint32_t content, int32_t extent)
{
	int64_t num = v * extent;

	if (!content)
		return 0;
	/* Floor, also for cursors partly off the left or top edge. */
	if (num < 0)
		return (int32_t) - ((-num + content - 1) / content);
	return (int32_t)(num / content);
}

struct vv_placement
vv_layout_place(enum vv_scale_mode mode, int32_t win_w, int32_t win_h,
		uint32_t content_w, uint32_t content_h, uint32_t scale120)
{
	struct vv_placement p = { .src_w = content_w, .src_h = content_h };

	if (!scale120)
		scale120 = 120;
	win_w = at_least_1(win_w);
	win_h = at_least_1(win_h);
	/* The window in physical pixels: what 1:1 and multiples compare
	 * with. */
	int64_t phys_w = (int64_t)win_w * scale120 / 120;
	int64_t phys_h = (int64_t)win_h * scale120 / 120;
	int64_t k = 0;

	if (mode == VV_SCALE_INTEGER && content_w && content_h) {
		k = phys_w / content_w < phys_h / content_h
			? phys_w / content_w
			: phys_h / content_h;
	} else if (mode == VV_SCALE_ONE) {
		k = 1;
		if (p.src_w > phys_w)
			p.src_w = (uint32_t)phys_w;
		if (p.src_h > phys_h)
			p.src_h = (uint32_t)phys_h;
	}
	if (k < 1) {
		p.dest = vv_layout_fit(win_w, win_h, content_w, content_h);
		return p;
	}
	p.dest.width = at_least_1((int64_t)p.src_w * k * 120 / scale120);
	p.dest.height = at_least_1((int64_t)p.src_h * k * 120 / scale120);
	if (p.dest.width > win_w)
		p.dest.width = win_w;
	if (p.dest.height > win_h)
		p.dest.height = win_h;
	p.dest.x = (win_w - p.dest.width) / 2;
	p.dest.y = (win_h - p.dest.height) / 2;
	return p;
}

struct vv_rect
vv_layout_cursor(int64_t x, int64_t y, uint32_t hot_x, uint32_t hot_y,
		 uint32_t w, uint32_t h, uint32_t shown_w, uint32_t shown_h,
		 int32_t dest_w, int32_t dest_h)
{
	struct vv_rect rect = {
		.x = vv_layout_scale(x - hot_x, shown_w, dest_w),
		.y = vv_layout_scale(y - hot_y, shown_h, dest_h),
		.width = vv_layout_scale(w, shown_w, dest_w),
		.height = vv_layout_scale(h, shown_h, dest_h),
	};

	if (rect.width < 1)
		rect.width = 1;
	if (rect.height < 1)
		rect.height = 1;
	return rect;
}

struct vv_rect
vv_layout_cursor_in(const struct vv_window_view *view, uint32_t picture_w,
		    uint32_t picture_h, uint32_t hot_x, uint32_t hot_y,
		    uint32_t c_w, uint32_t c_h, int64_t x, int64_t y)
{
	bool whole = view->src_w == 0 || view->content_w != picture_w ||
		     view->content_h != picture_h;
	uint32_t shown_w = whole ? picture_w : view->src_w;
	uint32_t shown_h = whole ? picture_h : view->src_h;

	return vv_layout_cursor(x, y, hot_x, hot_y, c_w, c_h, shown_w, shown_h,
				view->guest_rect.width,
				view->guest_rect.height);
}
