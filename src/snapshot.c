#include "snapshot.h"

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pixman.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "plane-read.h"
#include "plane.h"
#include "query.h"

/* Queries and validates one plane. Returns 1 with @plane filled, 0 when the
 * guest shows nothing there, -errno with @err filled otherwise. */
static int
get_plane(struct vv_source *source, enum vv_plane_type type,
	  struct vv_plane *plane, struct vv_err *err)
{
	struct vv_query q;

	vv_source_query(source, type, VV_QUERY_SETTLED, &q);
	if (q.status == VV_QUERY_NONE)
		return 0;
	if (q.status != VV_QUERY_PLANE)
		return vv_source_query_err(&q, source, err);
	*plane = q.plane;
	return 1;
}

/* Converts @plane's pixels into a new premultiplied ARGB8888 image. */
static pixman_image_t *
read_plane(struct vv_source *source, const struct vv_plane *plane,
	   struct vv_err *err)
{
	struct vv_plane_buffers buffers = vv_source_buffers(source);
	const struct vv_plane_info *p = &plane->info;
	struct vv_plane_map map;
	pixman_image_t *image = NULL;
	int ret = buffers.ops->map(buffers.owner, plane, &map, err);

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
		    vv_plane_type_name(plane->type), vv_source_name(source),
		    modifier,
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
draw_cursor(struct vv_source *source, pixman_image_t *screen)
{
	struct vv_plane cursor;
	struct vv_err err = { 0 };
	int ret = get_plane(source, VV_PLANE_CURSOR, &cursor, &err);

	if (ret == 0)
		return;
	pixman_image_t *image =
	    ret > 0 ? read_plane(source, &cursor, &err) : NULL;
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

/* cairo's PNG writer, into an fd; the first write error is kept, since
 * cairo reports every one as CAIRO_STATUS_WRITE_ERROR. */
struct png_sink {
	int fd;
	int error; /* errno of the first failed write, or 0 */
};

static cairo_status_t
png_sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct png_sink *sink = closure;

	while (len > 0 && !sink->error) {
		ssize_t n = write(sink->fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			sink->error = n < 0 ? errno : EIO;
			break;
		}
		data += n;
		len -= (unsigned int)n;
	}
	return sink->error ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Encodes @screen into @fd; 0 or -errno with @err naming @path. */
static int
encode_png(pixman_image_t *screen, int fd, const char *path, struct vv_err *err)
{
	struct png_sink sink = { .fd = fd };
	cairo_surface_t *surface = cairo_image_surface_create_for_data(
	    (unsigned char *)pixman_image_get_data(screen), CAIRO_FORMAT_ARGB32,
	    pixman_image_get_width(screen), pixman_image_get_height(screen),
	    pixman_image_get_stride(screen));
	cairo_status_t status =
	    cairo_surface_write_to_png_stream(surface, png_sink_write, &sink);

	cairo_surface_destroy(surface);
	if (status == CAIRO_STATUS_SUCCESS)
		return 0;
	if (sink.error)
		return vv_err_set(err, sink.error, "cannot write %s: %s", path,
				  strerror(sink.error));
	return vv_err_set(err, EIO, "cannot write %s: %s", path,
			  cairo_status_to_string(status));
}

/* A new file next to @path, created exclusively with the mode a plain
 * create would give; its name goes to @tmp. -errno on failure. */
static int
open_temporary(const char *path, char *tmp, size_t len)
{
	for (unsigned int i = 0; i < 100; i++) {
		int n = snprintf(tmp, len, "%s.%ld-%u.tmp", path,
				 (long)getpid(), i);
		if (n < 0 || (size_t)n >= len)
			return -ENAMETOOLONG;
		int fd =
		    open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd >= 0 ? fd : -errno;
	}
	return -EEXIST;
}

/* Writes @screen to @path so that a failure half way leaves an existing
 * file as it was: a temporary in the same directory, renamed over @path
 * only when complete. A target that exists and is not a regular file (a
 * FIFO, /dev/stdout) is written directly: there is nothing to keep, and
 * renaming over it would replace the device node. */
static int
write_png(pixman_image_t *screen, const char *path, struct vv_err *err)
{
	char tmp[PATH_MAX];
	struct stat st;
	bool exists = stat(path, &st) == 0;
	int fd, ret;

	if (exists && S_ISDIR(st.st_mode))
		return vv_err_set(err, EISDIR, "cannot write %s: %s", path,
				  strerror(EISDIR));
	if (exists && !S_ISREG(st.st_mode)) {
		fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
		if (fd < 0)
			return vv_err_set(err, errno, "cannot write %s: %s",
					  path, strerror(errno));
		ret = encode_png(screen, fd, path, err);
		close(fd);
		return ret;
	}
	fd = open_temporary(path, tmp, sizeof(tmp));
	if (fd < 0)
		return vv_err_set(err, -fd, "cannot write %s: %s", path,
				  strerror(-fd));
	/* A file replaced keeps its permissions, as it did when written in
	 * place. */
	ret = exists && fchmod(fd, st.st_mode & 07777) < 0
		  ? vv_err_set(err, errno, "cannot write %s: %s", path,
			       strerror(errno))
		  : encode_png(screen, fd, path, err);
	if (!ret && fsync(fd) < 0)
		ret = vv_err_set(err, errno, "cannot write %s: %s", path,
				 strerror(errno));
	if (close(fd) < 0 && !ret)
		ret = vv_err_set(err, errno, "cannot write %s: %s", path,
				 strerror(errno));
	if (!ret && rename(tmp, path) < 0)
		ret = vv_err_set(err, errno, "cannot write %s: %s", path,
				 strerror(errno));
	if (ret)
		unlink(tmp);
	return ret;
}

int
vv_snapshot_write(struct vv_source *source, const char *path,
		  struct vv_err *err)
{
	struct vv_plane primary;
	int ret = get_plane(source, VV_PLANE_PRIMARY, &primary, err);

	if (ret < 0)
		return ret;
	if (ret == 0)
		return vv_err_set(
		    err, ENODATA,
		    "%s shows nothing: the guest has no primary plane (no mode set, or its display is off); try again once it shows a screen",
		    vv_source_name(source));
	pixman_image_t *screen = read_plane(source, &primary, err);
	if (!screen)
		return -err->code;
	draw_cursor(source, screen);
	ret = write_png(screen, path, err);
	pixman_image_unref(screen);
	return ret;
}
