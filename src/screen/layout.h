/* Where the guest goes in the window: pure arithmetic, unit-tested. */
#ifndef VV_LAYOUT_H
#define VV_LAYOUT_H

#include <stdint.h>

/* How the guest is scaled into the window (--scale, [view] scale, a key). */
enum vv_scale_mode {
	VV_SCALE_FIT,     /* as large as the window allows, aspect kept */
	VV_SCALE_INTEGER, /* the largest whole multiple that fits */
	VV_SCALE_ONE,     /* 1:1 in physical pixels */
	VV_SCALE_COUNT,
};

/* "fit", "integer", "1:1". */
const char *vv_scale_mode_name(enum vv_scale_mode mode);

/* The mode named @name (any case), or -1 if none. */
int vv_scale_mode_from_name(const char *name);

/* A rectangle in surface coordinates (logical pixels). */
struct vv_rect {
	int32_t x, y;
	int32_t width, height;
};

/* The largest rectangle of the aspect ratio of @content_w x @content_h
 * (guest pixels) that fits @win_w x @win_h, centred: the guest keeps its
 * shape and bars fill the rest. Every side is at least 1. */
struct vv_rect vv_layout_fit(int32_t win_w, int32_t win_h, uint32_t content_w,
			     uint32_t content_h);

/* The window size (logical pixels) that shows @content_w x @content_h
 * guest pixels 1:1 in physical pixels at @scale120 (the output scale times
 * 120, as wp_fractional_scale_v1 counts), shrunk keeping the aspect ratio to
 * fit @max_w x @max_h when those are positive. */
void vv_layout_natural_size(uint32_t content_w, uint32_t content_h,
			    uint32_t scale120, int32_t max_w, int32_t max_h,
			    int32_t *width, int32_t *height);

/* How much of the guest shows where. */
struct vv_placement {
	struct vv_rect dest; /* in the window, logical pixels */
	/* The part of the guest shown, guest pixels: all of it, except in
	 * 1:1 mode on a window smaller than the guest. */
	uint32_t src_w, src_h;
};

/* Places @content_w x @content_h guest pixels in a @win_w x @win_h window
 * (logical pixels) at @scale120 (output scale × 120) in @mode (fit, integer
 * multiples, 1:1 in physical pixels), centred. Integer mode falls back to fit
 * when even 1× does not fit. */
struct vv_placement vv_layout_place(enum vv_scale_mode mode, int32_t win_w,
				    int32_t win_h, uint32_t content_w,
				    uint32_t content_h, uint32_t scale120);

/* Guest pixel @v on an axis of @content guest pixels shown over @extent
 * logical pixels, in logical pixels (rounded toward minus infinity). */
int32_t vv_layout_scale(int64_t v, uint32_t content, int32_t extent);

/* Where a cursor image of @w x @h guest pixels with its hotspot (@hot_x,
 * @hot_y) at guest pixel (@x, @y) shows on the guest surface, in logical
 * pixels, when @shown_w x @shown_h guest pixels fill @dest_w x @dest_h:
 * scaled exactly like the part of the picture under it, at least 1 x 1. */
struct vv_rect vv_layout_cursor(int64_t x, int64_t y, uint32_t hot_x,
				uint32_t hot_y, uint32_t w, uint32_t h,
				uint32_t shown_w, uint32_t shown_h,
				int32_t dest_w, int32_t dest_h);

/* Where the guest is shown in the window (window.c keeps it). */
struct vv_window_view {
	uint32_t content_w, content_h; /* the guest's buffer, buffer pixels */
	struct vv_rect guest_rect;     /* in the window, logical pixels */
	uint32_t src_w, src_h; /* the part shown, guest pixels; 0: none yet */
};

/* vv_layout_cursor for a cursor @c_w x @c_h with its hotspot (@hot_x,
 * @hot_y) at guest pixel (@x, @y) over a @picture_w x @picture_h guest
 * picture shown through @view: scaled like the part of the picture the
 * window shows, or like all of it while @view still shows another size. */
struct vv_rect vv_layout_cursor_in(const struct vv_window_view *view,
				   uint32_t picture_w, uint32_t picture_h,
				   uint32_t hot_x, uint32_t hot_y, uint32_t c_w,
				   uint32_t c_h, int64_t x, int64_t y);

#endif
