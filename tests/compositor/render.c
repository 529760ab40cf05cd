/*
 * Pixman compositing: each surface is one OVER composite, straight from
 * the buffer at 1:1, else from a NEAREST-scaled copy made with exact
 * integer arithmetic (viewport source, buffer scale, surface scale). X
 * formats read as opaque.
 */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <wayland-server-protocol.h>

#include "buffer.h"
#include "server.h"
#include "surface.h"
#include "tc-log.h"
#include "xdg-shell.h"

struct render_pass {
	struct tc_server *server;
	pixman_image_t *target;
	void (*visit)(struct tc_surface *surface, void *data);
	void *data;
};

/*
 * A w x h copy of the source rectangle (buffer pixels in 1/256: sx, sy,
 * sw, sh) scaled NEAREST with exact integer arithmetic: output pixel i
 * takes source column floor(sx + (i + 0.5) * sw / w), clamped to the
 * buffer. pixman's own scaling transform cannot do this: its 16.16 step
 * (1/1000 becomes 66/65536) drifts, so a 1x1 buffer stretched to 1000
 * pixels ran out of the source at pixel 993 and left the rest undrawn.
 * The copy keeps the buffer's pixel format. NULL when out of memory.
 */
static pixman_image_t *
scale_nearest(pixman_image_t *src, int64_t sx, int64_t sy, int64_t sw,
	      int64_t sh, int32_t w, int32_t h)
{
	pixman_format_code_t format = pixman_image_get_format(src);
	int cpp = PIXMAN_FORMAT_BPP(format) / 8;
	int32_t bw = pixman_image_get_width(src);
	int32_t bh = pixman_image_get_height(src);
	const uint8_t *bits = (const uint8_t *)pixman_image_get_data(src);
	int src_stride = pixman_image_get_stride(src);
	pixman_image_t *dst = pixman_image_create_bits(format, w, h, NULL, 0);
	int32_t *columns = malloc(sizeof(*columns) * w);
	int64_t prev_row = -1;

	if (!dst || !columns || cpp < 1) {
		if (dst)
			pixman_image_unref(dst);
		free(columns);
		return NULL;
	}
	uint8_t *out = (uint8_t *)pixman_image_get_data(dst);
	int dst_stride = pixman_image_get_stride(dst);
	for (int32_t i = 0; i < w; i++) {
		int64_t c = (sx * 2 * w + (2 * (int64_t)i + 1) * sw) /
			    ((int64_t)2 * w * 256);
		columns[i] = (int32_t)(c < 0 ? 0 : c >= bw ? bw - 1 : c);
	}
	for (int32_t j = 0; j < h; j++) {
		int64_t r = (sy * 2 * h + (2 * (int64_t)j + 1) * sh) /
			    ((int64_t)2 * h * 256);
		uint8_t *line = out + (size_t)j * dst_stride;

		r = r < 0 ? 0 : r >= bh ? bh - 1 : r;
		if (r == prev_row) {
			memcpy(line, line - dst_stride, (size_t)w * cpp);
			continue;
		}
		prev_row = r;
		const uint8_t *row = bits + (size_t)r * src_stride;
		if (cpp == 4) {
			for (int32_t i = 0; i < w; i++)
				memcpy(line + (size_t)i * 4,
				       row + (size_t)columns[i] * 4, 4);
		} else {
			for (int32_t i = 0; i < w; i++)
				memcpy(line + (size_t)i * cpp,
				       row + (size_t)columns[i] * cpp, cpp);
		}
	}
	free(columns);
	return dst;
}

/* x, y: the surface's origin in output surface units */
static void
draw_surface(struct render_pass *pass, struct tc_surface *surface, double x,
	     double y)
{
	const struct tc_surface_state *state = &surface->current;
	struct tc_buffer *buffer = state->buffer.buffer;
	double scale = pass->server->surface_scale;
	double width, height;

	if (!tc_surface_size(surface, &width, &height))
		return;
	int32_t x0 = (int32_t)lround(x * scale);
	int32_t y0 = (int32_t)lround(y * scale);
	int32_t w = (int32_t)lround((x + width) * scale) - x0;
	int32_t h = (int32_t)lround((y + height) * scale) - y0;
	if (w <= 0 || h <= 0)
		return;

	/* the source rectangle, buffer pixels in 1/256 (wl_fixed_t is
	 * 24.8 surface units) */
	int64_t sx = 0, sy = 0;
	int64_t sw = (int64_t)buffer->width * 256;
	int64_t sh = (int64_t)buffer->height * 256;
	if (state->has_src) {
		sx = (int64_t)state->src_x * state->scale;
		sy = (int64_t)state->src_y * state->scale;
		sw = (int64_t)state->src_w * state->scale;
		sh = (int64_t)state->src_h * state->scale;
	}

	tc_buffer_access_begin(buffer);
	pixman_image_t *image = tc_buffer_image(buffer);
	if (image && sw == (int64_t)w * 256 && sh == (int64_t)h * 256 &&
	    sx % 256 == 0 && sy % 256 == 0) {
		/* 1:1 at whole pixels: composite straight from the buffer */
		pixman_image_composite32(PIXMAN_OP_OVER, image, NULL,
					 pass->target, (int32_t)(sx / 256),
					 (int32_t)(sy / 256), 0, 0, x0, y0, w,
					 h);
	} else if (image && buffer->width == 1 && buffer->height == 1) {
		/* a single pixel stretched (a viewer's background): repeated,
		 * which covers w x h exactly and costs no copy */
		pixman_image_set_repeat(image, PIXMAN_REPEAT_NORMAL);
		pixman_image_composite32(PIXMAN_OP_OVER, image, NULL,
					 pass->target, 0, 0, 0, 0, x0, y0, w,
					 h);
	} else if (image) {
		pixman_image_t *scaled =
		    scale_nearest(image, sx, sy, sw, sh, w, h);

		if (scaled) {
			pixman_image_composite32(PIXMAN_OP_OVER, scaled, NULL,
						 pass->target, 0, 0, 0, 0, x0,
						 y0, w, h);
			pixman_image_unref(scaled);
		}
	}
	if (image)
		pixman_image_unref(image);
	if (!tc_buffer_access_end(buffer)) {
		/* what libwayland's own wl_shm does on SIGBUS */
		tc_post_error(
		    buffer->resource, WL_SHM_ERROR_INVALID_FD,
		    "error accessing the buffer's memory (the file was shrunk under the compositor)");
		return;
	}
	if (pass->visit)
		pass->visit(surface, pass->data);
}

static void
draw_tree(struct render_pass *pass, struct tc_surface *surface, double x,
	  double y)
{
	struct tc_stack_entry *entry;

	if (!tc_surface_buffer(surface))
		return; /* unmapped, and so are its children */
	wl_list_for_each (entry, &surface->stack, link) {
		struct tc_surface *child = entry->surface;
		int32_t cx, cy;

		if (child == surface) {
			draw_surface(pass, surface, x, y);
			continue;
		}
		tc_subsurface_position(child->subsurface, &cx, &cy);
		draw_tree(pass, child, x + cx, y + cy);
	}
}

void
tc_render_scene(struct tc_server *server, pixman_image_t *target,
		void (*visit)(struct tc_surface *surface, void *data),
		void *data)
{
	struct render_pass pass = { server, target, visit, data };
	struct tc_xdg_toplevel *toplevel;
	pixman_color_t background = {
		.red = ((TC_BACKGROUND >> 16) & 0xff) * 0x101,
		.green = ((TC_BACKGROUND >> 8) & 0xff) * 0x101,
		.blue = (TC_BACKGROUND & 0xff) * 0x101,
		.alpha = 0xffff,
	};
	pixman_image_t *fill = pixman_image_create_solid_fill(&background);

	pixman_image_composite32(PIXMAN_OP_SRC, fill, NULL, target, 0, 0, 0, 0,
				 0, 0, pixman_image_get_width(target),
				 pixman_image_get_height(target));
	pixman_image_unref(fill);

	wl_list_for_each (toplevel, &server->toplevels, link) {
		double x, y;
		struct tc_surface *surface =
		    tc_xdg_toplevel_placement(toplevel, &x, &y);

		if (surface)
			draw_tree(&pass, surface, x, y);
	}
}
