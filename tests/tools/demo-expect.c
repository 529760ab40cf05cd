/* demo-expect SPEC OUT.png [CURSOR_FRAME]: what a correct snapshot of the
 * frozen demo SPEC ("demo:320x240@5") must contain, computed without the
 * viewer's conversion and compositing code: the demo's buffers read
 * directly, the cursor laid over the primary with pixman's integer OVER
 * arithmetic written out by hand. With CURSOR_FRAME, the cursor is where
 * the demo puts it in that frame instead: a live guest's two planes are
 * queried one after the other, so a screenshot may show the primary of one
 * frame and the cursor of another. */
#include <cairo.h>
#include <drm_fourcc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "demo.h"
#include "device.h"

/* x * a / 255, rounded as pixman's MUL_UN8 rounds. */
static uint32_t
mul_un8(uint32_t x, uint32_t a)
{
	uint32_t t = x * a + 0x80;
	return (t + (t >> 8)) >> 8;
}

static const uint8_t *
map_plane(struct vv_device *dev, const struct vv_plane_info *p)
{
	int fd = dev->ops->export_dmabuf(dev, p->id);
	if (fd < 0)
		return NULL;
	void *m = mmap(NULL, p->size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	return m == MAP_FAILED ? NULL : m;
}

int
main(int argc, char *argv[])
{
	struct vv_err err = { 0 };
	struct vv_plane_info prim, cur;

	if (argc != 3 && argc != 4) {
		fprintf(
		    stderr,
		    "usage: demo-expect demo:WxH@FRAME OUT.png [CURSOR_FRAME]\n");
		return 2;
	}
	struct vv_device *dev = vv_device_open(argv[1], &err);
	if (!dev) {
		fprintf(stderr, "demo-expect: %s\n", err.text);
		return 1;
	}
	if (vv_device_query_plane(dev, VV_PLANE_PRIMARY, &prim) ||
	    vv_device_query_plane(dev, VV_PLANE_CURSOR, &cur) ||
	    prim.fourcc != DRM_FORMAT_XRGB8888 ||
	    cur.fourcc != DRM_FORMAT_ARGB8888) {
		fprintf(stderr, "demo-expect: unexpected demo planes\n");
		return 1;
	}
	const uint8_t *p = map_plane(dev, &prim), *c = map_plane(dev, &cur);
	if (!p || !c) {
		fprintf(stderr, "demo-expect: cannot map the demo's buffers\n");
		return 1;
	}
	cairo_surface_t *out = cairo_image_surface_create(
	    CAIRO_FORMAT_ARGB32, (int)prim.width, (int)prim.height);
	uint8_t *o = cairo_image_surface_get_data(out);
	int os = cairo_image_surface_get_stride(out);
	if (argc == 4)
		vv_demo_cursor_position(strtoull(argv[3], NULL, 10), prim.width,
					prim.height, &cur.x, &cur.y);
	int cx = (int)cur.x - (int)cur.hot_x, cy = (int)cur.y - (int)cur.hot_y;

	for (uint32_t y = 0; y < prim.height; y++) {
		for (uint32_t x = 0; x < prim.width; x++) {
			uint32_t d, s = 0;
			memcpy(&d, p + y * prim.stride + x * 4, 4);
			d |= 0xff000000u;
			int u = (int)x - cx, v = (int)y - cy;
			if (u >= 0 && v >= 0 && u < (int)cur.width &&
			    v < (int)cur.height)
				memcpy(&s, c + v * cur.stride + u * 4, 4);
			uint32_t ia = 255 - (s >> 24), r = 0;
			for (int sh = 0; sh < 32; sh += 8) {
				uint32_t ch = ((s >> sh) & 255) +
					      mul_un8((d >> sh) & 255, ia);
				r |= (ch > 255 ? 255 : ch) << sh;
			}
			memcpy(o + y * os + x * 4, &r, 4);
		}
	}
	cairo_surface_mark_dirty(out);
	int ret =
	    cairo_surface_write_to_png(out, argv[2]) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(out);
	/* Unmapped before the device closes its memfds: on Linux 6.1 a
	 * udmabuf page still mapped when its memfd goes is freed under the
	 * mapping ("BUG: Bad page cache", docs/real-compositor.md). */
	munmap((void *)p, prim.size);
	munmap((void *)c, cur.size);
	vv_device_destroy(dev);
	return ret;
}
