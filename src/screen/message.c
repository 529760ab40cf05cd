#include "message.h"

#include <cairo.h>
#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define BACKGROUND 0.08, 0.09, 0.11
#define TITLE_RGB  0.92, 0.92, 0.92
#define DETAIL_RGB 0.70, 0.72, 0.76

/* Draws @text from @y down, broken at spaces to fit @max_w; returns the y
 * below the last line. */
static double
draw_wrapped(cairo_t *cr, const char *text, double x, double y, double max_w,
	     double line_h)
{
	char line[512] = "";
	const char *p = text;

	while (*p) {
		const char *space = strchr(p, ' ');
		size_t word = space ? (size_t)(space - p) : strlen(p);
		char candidate[1100];
		cairo_text_extents_t ext;

		snprintf(candidate, sizeof(candidate), "%s%s%.*s", line,
			 line[0] ? " " : "", (int)word, p);
		cairo_text_extents(cr, candidate, &ext);
		if (ext.x_advance > max_w && line[0]) {
			cairo_move_to(cr, x, y);
			cairo_show_text(cr, line);
			y += line_h;
			snprintf(line, sizeof(line), "%.*s", (int)word, p);
		} else {
			/* A word too long for the line is cut. */
			size_t n = strnlen(candidate, sizeof(line) - 1);
			memcpy(line, candidate, n);
			line[n] = '\0';
		}
		p += word;
		while (*p == ' ')
			p++;
	}
	if (line[0]) {
		cairo_move_to(cr, x, y);
		cairo_show_text(cr, line);
		y += line_h;
	}
	return y;
}

int
vv_message_draw(struct wl_shm *shm, uint32_t width, uint32_t height,
		const char *title, const char *detail,
		struct vv_shm_buffer **out)
{
	struct vv_shm_buffer *buf;
	int ret =
	    vv_shm_buffer_create(shm, width, height, DRM_FORMAT_XRGB8888, &buf);

	*out = NULL;
	if (ret)
		return ret;
	cairo_surface_t *surface = cairo_image_surface_create_for_data(
	    (unsigned char *)buf->data, CAIRO_FORMAT_RGB24, (int)width,
	    (int)height, (int)buf->stride);
	cairo_t *cr = cairo_create(surface);
	double size =
	    height / 12.0 < width / 16.0 ? height / 12.0 : width / 16.0;
	double margin = width / 12.0;

	cairo_set_source_rgb(cr, BACKGROUND);
	cairo_paint(cr);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, size);
	cairo_set_source_rgb(cr, TITLE_RGB);
	double y = draw_wrapped(cr, title, margin, height * 0.4,
				width - 2 * margin, size * 1.2);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size * 0.36);
	cairo_set_source_rgb(cr, DETAIL_RGB);
	draw_wrapped(cr, detail, margin, y + size * 0.3, width - 2 * margin,
		     size * 0.5);
	cairo_destroy(cr);
	cairo_surface_flush(surface);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surface);
		vv_shm_buffer_destroy(buf);
		return -ENOMEM;
	}
	cairo_surface_destroy(surface);
	*out = buf;
	return 0;
}
