#include "snapshot.h"

#include <cairo.h>
#include <errno.h>
#include <pixman.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "plane-map.h"

/* Queries and validates one plane. Returns 1 with @plane filled, 0 when the
 * guest shows nothing there, -errno with @err filled otherwise. */
static int
get_plane(struct vv_device *dev, enum vv_plane_type type,
	  struct vv_plane *plane, struct vv_err *err)
{
	const char *name = vv_plane_type_name(type);
	struct vv_plane_info raw;
	char why[160];
	int ret = vv_device_query_settled(dev, type, &raw);

	if (ret)
		return vv_err_set(err, -ret,
				  "cannot query the %s plane of %s: %s", name,
				  dev->name, strerror(-ret));
	if (raw.kind == VV_KIND_NONE)
		return 0;
	if (vv_plane_validate(type, &raw, plane, why, sizeof(why)))
		return vv_err_set(err, EINVAL,
				  "the %s plane of %s is invalid: %s", name,
				  dev->name, why);
	return 1;
}

/* Converts @plane's pixels into a new premultiplied ARGB8888 image. */
static pixman_image_t *
read_plane(struct vv_device *dev, struct vv_dmabuf_cache *cache,
	   const struct vv_plane *plane, struct vv_err *err)
{
	const struct vv_plane_info *p = &plane->info;
	struct vv_plane_map map;
	pixman_image_t *image = NULL;
	int ret = vv_plane_map(&map, dev, cache, plane, err);

	if (ret)
		return NULL;
	image = pixman_image_create_bits(PIXMAN_a8r8g8b8, (int)p->width,
					 (int)p->height, NULL, 0);
	if (!image) {
		vv_err_set(err, ENOMEM, "out of memory for a %ux%u image",
			   p->width, p->height);
		goto out;
	}
	ret = vv_format_convert(plane->format, plane->tiling, map.data, map.len,
				p->stride, p->width, p->height,
				pixman_image_get_data(image),
				(uint32_t)pixman_image_get_stride(image));
	if (ret) {
		char modifier[64];
		vv_modifier_name(p->modifier, modifier, sizeof(modifier));
		vv_err_set(
		    err, -ret,
		    "cannot convert the %s plane of %s (modifier %s): %s",
		    vv_plane_type_name(plane->type), dev->name, modifier,
		    ret == -ENOTSUP ? "the CPU cannot undo this tiling"
				    : strerror(-ret));
		pixman_image_unref(image);
		image = NULL;
	}
out:
	vv_plane_unmap(&map);
	return image;
}

/* Draws the cursor plane, if there is a readable one, over @screen. */
static void
draw_cursor(struct vv_device *dev, struct vv_dmabuf_cache *cache,
	    pixman_image_t *screen)
{
	struct vv_plane cursor;
	struct vv_err err = { 0 };
	int ret = get_plane(dev, VV_PLANE_CURSOR, &cursor, &err);

	if (ret == 0)
		return;
	pixman_image_t *image =
	    ret > 0 ? read_plane(dev, cache, &cursor, &err) : NULL;
	if (!image) {
		vv_warn("%s; the snapshot shows no cursor", err.text);
		return;
	}
	/* Positions are magnitudes (GVT-g drops the sign), and the image is
	 * drawn with its hotspot at the position. */
	int x = (int)(cursor.info.x > VV_PLANE_MAX_DIM ? VV_PLANE_MAX_DIM
						       : cursor.info.x) -
		(int)cursor.info.hot_x;
	int y = (int)(cursor.info.y > VV_PLANE_MAX_DIM ? VV_PLANE_MAX_DIM
						       : cursor.info.y) -
		(int)cursor.info.hot_y;
	pixman_image_composite32(PIXMAN_OP_OVER, image, NULL, screen, 0, 0, 0,
				 0, x, y, (int)cursor.info.width,
				 (int)cursor.info.height);
	pixman_image_unref(image);
}

static int
write_png(pixman_image_t *screen, const char *path, struct vv_err *err)
{
	cairo_surface_t *surface = cairo_image_surface_create_for_data(
	    (unsigned char *)pixman_image_get_data(screen), CAIRO_FORMAT_ARGB32,
	    pixman_image_get_width(screen), pixman_image_get_height(screen),
	    pixman_image_get_stride(screen));
	cairo_status_t status = cairo_surface_write_to_png(surface, path);

	cairo_surface_destroy(surface);
	if (status == CAIRO_STATUS_SUCCESS)
		return 0;
	/* cairo says "error while writing to output stream" for every I/O
	 * failure; errno still holds the reason. */
	int code = status == CAIRO_STATUS_WRITE_ERROR && errno ? errno : EIO;
	return vv_err_set(err, code, "cannot write %s: %s", path,
			  status == CAIRO_STATUS_WRITE_ERROR
			      ? strerror(code)
			      : cairo_status_to_string(status));
}

int
vv_snapshot_write(struct vv_device *dev, struct vv_dmabuf_cache *cache,
		  const char *path, struct vv_err *err)
{
	struct vv_plane primary;
	int ret = get_plane(dev, VV_PLANE_PRIMARY, &primary, err);

	if (ret < 0)
		return ret;
	if (ret == 0)
		return vv_err_set(
		    err, ENODATA,
		    "%s shows nothing: the guest has no primary plane (no mode set, or its display is off); try again once it shows a screen",
		    dev->name);
	pixman_image_t *screen = read_plane(dev, cache, &primary, err);
	if (!screen)
		return -err->code;
	draw_cursor(dev, cache, screen);
	ret = write_png(screen, path, err);
	pixman_image_unref(screen);
	return ret;
}
