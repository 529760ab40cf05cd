#include "overlay.h"

#include <cairo.h>
#include <drm_fourcc.h>
#include <errno.h>
#include <stdlib.h>

#include "shm-buffer.h"
#include "viewporter-client-protocol.h"
#include "xalloc.h"

#define FONT_PX     13.0 /* logical pixels */
#define LINE_PX     17.0
#define PAD_PX      8.0
#define PANEL_MIN_W 320.0

struct vv_overlay *
vv_overlay_create(struct vv_wl *wl, struct wl_surface *parent,
		  struct wl_surface *sibling)
{
	struct vv_overlay *overlay = vv_xzalloc(sizeof(*overlay));

	overlay->wl = wl;
	overlay->surface = wl_compositor_create_surface(wl->compositor);
	overlay->viewport =
	    wp_viewporter_get_viewport(wl->viewporter, overlay->surface);
	overlay->sub = wl_subcompositor_get_subsurface(
	    wl->subcompositor, overlay->surface, parent);
	wl_subsurface_set_sync(overlay->sub);
	wl_subsurface_place_above(overlay->sub, sibling);
	wl_subsurface_set_position(overlay->sub, VV_OVERLAY_MARGIN,
				   VV_OVERLAY_MARGIN);
	/* A panel to read, not to click: input goes through it. */
	struct wl_region *empty = wl_compositor_create_region(wl->compositor);
	wl_surface_set_input_region(overlay->surface, empty);
	wl_region_destroy(empty);
	return overlay;
}

void
vv_overlay_destroy(struct vv_overlay *overlay)
{
	if (!overlay)
		return;
	for (int i = 0; i < 2; i++)
		vv_shm_buffer_destroy(overlay->buffers[i]);
	wl_subsurface_destroy(overlay->sub);
	wp_viewport_destroy(overlay->viewport);
	wl_surface_destroy(overlay->surface);
	free(overlay);
}

static void
set_font(cairo_t *cr)
{
	cairo_select_font_face(cr, "monospace", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, FONT_PX);
}

/* The widest line, logical pixels: the panel is as wide as its text. */
static double
text_width(const char lines[][VV_OVERLAY_LINE], int n)
{
	cairo_surface_t *scratch =
	    cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cairo_t *cr = cairo_create(scratch);
	double widest = PANEL_MIN_W;

	set_font(cr);
	for (int i = 0; i < n; i++) {
		cairo_text_extents_t ext;
		cairo_text_extents(cr, lines[i], &ext);
		if (ext.x_advance > widest)
			widest = ext.x_advance;
	}
	cairo_destroy(cr);
	cairo_surface_destroy(scratch);
	return widest + 1;
}

int
vv_overlay_show(struct vv_overlay *overlay, const char lines[][VV_OVERLAY_LINE],
		int n, uint32_t scale120)
{
	double s = scale120 / 120.0;
	int32_t lw = (int32_t)text_width(lines, n) + 2 * (int32_t)PAD_PX;
	int32_t lh = (int32_t)(2 * PAD_PX + n * LINE_PX);
	uint32_t w = (uint32_t)(lw * s + 0.5), h = (uint32_t)(lh * s + 0.5);
	struct vv_shm_buffer *buf;
	int error = vv_shm_buffer_pick(overlay->buffers, 2, overlay->wl->shm, w,
				       h, DRM_FORMAT_ARGB8888, &buf);

	if (error)
		return error;
	cairo_surface_t *surface = cairo_image_surface_create_for_data(
	    (unsigned char *)buf->data, CAIRO_FORMAT_ARGB32, (int)w, (int)h,
	    (int)buf->stride);
	cairo_t *cr = cairo_create(surface);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_set_source_rgba(cr, 0.0, 0.0, 0.0, 0.72);
	cairo_paint(cr);
	cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
	cairo_scale(cr, s, s);
	set_font(cr);
	for (int i = 0; i < n; i++) {
		/* The first line is the heading. */
		if (i == 0)
			cairo_set_source_rgb(cr, 1.0, 0.85, 0.4);
		else
			cairo_set_source_rgb(cr, 0.9, 0.92, 0.95);
		cairo_move_to(cr, PAD_PX, PAD_PX + (i + 1) * LINE_PX - 4);
		cairo_show_text(cr, lines[i]);
	}
	cairo_destroy(cr);
	cairo_surface_flush(surface);
	cairo_surface_destroy(surface);

	wl_surface_attach(overlay->surface, buf->buffer, 0, 0);
	wl_surface_damage_buffer(overlay->surface, 0, 0, INT32_MAX, INT32_MAX);
	wp_viewport_set_destination(overlay->viewport, lw, lh);
	wl_surface_commit(overlay->surface);
	buf->busy = true;
	overlay->visible = true;
	return 0;
}

void
vv_overlay_hide(struct vv_overlay *overlay)
{
	if (!overlay->visible)
		return;
	wl_surface_attach(overlay->surface, NULL, 0, 0);
	wl_surface_commit(overlay->surface);
	overlay->visible = false;
}
