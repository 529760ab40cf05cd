/*
 * PNG screenshots of the whole output (physical pixels), written to
 * FILE.tmp and renamed, so a reader never sees half a file.
 */
#include <cairo.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "render.h"
#include "server.h"
#include "tc-log.h"

int
tc_screenshot_write(struct tc_server *server, const char *path)
{
	int32_t width = server->opt.width, height = server->opt.height;
	pixman_image_t *image =
	    pixman_image_create_bits(PIXMAN_a8r8g8b8, width, height, NULL, 0);
	char *tmp = NULL;
	int ret = 0;

	if (!image || asprintf(&tmp, "%s.tmp", path) < 0) {
		ret = -ENOMEM;
		goto out;
	}
	tc_render_scene(server, image, NULL, NULL);

	/* same memory layout as CAIRO_FORMAT_ARGB32; alpha is 255 all over */
	cairo_surface_t *surface = cairo_image_surface_create_for_data(
	    (unsigned char *)pixman_image_get_data(image), CAIRO_FORMAT_ARGB32,
	    width, height, pixman_image_get_stride(image));
	cairo_status_t status = cairo_surface_write_to_png(surface, tmp);
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		tc_msg("cannot write screenshot %s: %s", tmp,
		       cairo_status_to_string(status));
		remove(tmp);
		ret = -EIO;
		goto out;
	}
	if (rename(tmp, path) < 0) {
		ret = -errno;
		tc_msg("cannot rename %s to %s: %m", tmp, path);
		remove(tmp);
		goto out;
	}
	tc_plog("screenshot %u %s", ++server->screenshot_count, path);
out:
	free(tmp);
	if (image)
		pixman_image_unref(image);
	return ret;
}
