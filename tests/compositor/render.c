/*
 * Pixman compositing: each surface is one OVER composite with a NEAREST
 * scaling transform from output pixels back to buffer pixels (viewport
 * source, buffer scale, surface scale). X formats read as opaque.
 */
#include "render.h"

#include <math.h>
#include <wayland-server-protocol.h>

#include "buffer.h"
#include "log.h"
#include "server.h"
#include "surface.h"
#include "xdg-shell.h"

struct render_pass {
	struct vv_server *server;
	pixman_image_t *target;
	void (*visit)(struct vv_surface *surface, void *data);
	void *data;
};

/* x, y: the surface's origin in output surface units */
static void
draw_surface(struct render_pass *pass, struct vv_surface *surface, double x,
	     double y)
{
	const struct vv_surface_state *state = &surface->current;
	struct vv_buffer *buffer = state->buffer.buffer;
	double scale = pass->server->surface_scale;
	double width, height;

	if (!vv_surface_size(surface, &width, &height))
		return;
	int32_t x0 = (int32_t)lround(x * scale);
	int32_t y0 = (int32_t)lround(y * scale);
	int32_t w = (int32_t)lround((x + width) * scale) - x0;
	int32_t h = (int32_t)lround((y + height) * scale) - y0;
	if (w <= 0 || h <= 0)
		return;

	/* the source rectangle, buffer pixels */
	double sx = 0, sy = 0, sw = buffer->width, sh = buffer->height;
	if (state->has_src) {
		sx = wl_fixed_to_double(state->src_x) * state->scale;
		sy = wl_fixed_to_double(state->src_y) * state->scale;
		sw = wl_fixed_to_double(state->src_w) * state->scale;
		sh = wl_fixed_to_double(state->src_h) * state->scale;
	}

	vv_buffer_access_begin(buffer);
	pixman_image_t *image = vv_buffer_image(buffer);
	if (image) {
		struct pixman_f_transform ft;
		pixman_transform_t t;

		/* output pixel centre (i + 0.5) -> sx + (i + 0.5) * sw / w */
		pixman_f_transform_init_scale(&ft, sw / w, sh / h);
		pixman_f_transform_translate(&ft, NULL, sx, sy);
		pixman_transform_from_pixman_f_transform(&t, &ft);
		pixman_image_set_transform(image, &t);
		pixman_image_set_filter(image, PIXMAN_FILTER_NEAREST, NULL, 0);
		pixman_image_composite32(PIXMAN_OP_OVER, image, NULL,
					 pass->target, 0, 0, 0, 0, x0, y0, w,
					 h);
		pixman_image_unref(image);
	}
	if (!vv_buffer_access_end(buffer)) {
		/* what libwayland's own wl_shm does on SIGBUS */
		vv_post_error(
		    buffer->resource, WL_SHM_ERROR_INVALID_FD,
		    "error accessing the buffer's memory (the file was shrunk under the compositor)");
		return;
	}
	if (pass->visit)
		pass->visit(surface, pass->data);
}

static void
draw_tree(struct render_pass *pass, struct vv_surface *surface, double x,
	  double y)
{
	struct vv_stack_entry *entry;

	if (!vv_surface_buffer(surface))
		return; /* unmapped, and so are its children */
	wl_list_for_each (entry, &surface->stack, link) {
		struct vv_surface *child = entry->surface;
		int32_t cx, cy;

		if (child == surface) {
			draw_surface(pass, surface, x, y);
			continue;
		}
		vv_subsurface_position(child->subsurface, &cx, &cy);
		draw_tree(pass, child, x + cx, y + cy);
	}
}

void
vv_render_scene(struct vv_server *server, pixman_image_t *target,
		void (*visit)(struct vv_surface *surface, void *data),
		void *data)
{
	struct render_pass pass = { server, target, visit, data };
	struct vv_xdg_toplevel *toplevel;
	pixman_color_t background = {
		.red = ((VV_BACKGROUND >> 16) & 0xff) * 0x101,
		.green = ((VV_BACKGROUND >> 8) & 0xff) * 0x101,
		.blue = (VV_BACKGROUND & 0xff) * 0x101,
		.alpha = 0xffff,
	};
	pixman_image_t *fill = pixman_image_create_solid_fill(&background);

	pixman_image_composite32(PIXMAN_OP_SRC, fill, NULL, target, 0, 0, 0, 0,
				 0, 0, pixman_image_get_width(target),
				 pixman_image_get_height(target));
	pixman_image_unref(fill);

	wl_list_for_each (toplevel, &server->toplevels, link) {
		double x, y;
		struct vv_surface *surface =
		    vv_xdg_toplevel_placement(toplevel, &x, &y);

		if (surface)
			draw_tree(&pass, surface, x, y);
	}
}
