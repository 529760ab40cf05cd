/* vv-emu expect / cmp / edid: what a correct viewer must show, compared
 * pixel by pixel, and what the viewer told the guest through the EDID. */
#include "emu-device.h"
#include "emu-format.h"
#include "vv-emu.h"

#include <cairo.h>
#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Whether the device reports plane @p at all (the drivers' own checks:
 * mbochs.c mbochs_check_framebuffer, dmabuf.c vgpu_get_plane_info). */
static bool
plane_shown(const struct emu_state *s, const struct emu_plane *p)
{
	switch (s->profile) {
	case EMU_MDPY:
		return true;
	case EMU_MBOCHS:
		return p->enabled && p->fourcc == DRM_FORMAT_XRGB8888 &&
		       p->width >= 64 && p->height >= 64 &&
		       p->offset + (uint64_t)p->stride * p->height <= s->vram;
	case EMU_GVT:
		return p->enabled && emu_plane_size(s, p) &&
		       !(p->offset & 4095);
	default:
		return false;
	}
}

/* Decodes plane @p of @type into a new w*h ARGB array. */
static uint32_t *
decode(const struct emu_ctx *ctx, const struct emu_state *s, int type,
       const struct emu_plane *p)
{
	char path[EMU_PATH_MAX];
	uint64_t size = emu_fb_size(s, p);
	if (emu_fb_path(path, ctx->root, s, type, p))
		return NULL;
	uint8_t *m = tool_map_fb(path, size);
	uint32_t *px = calloc((size_t)p->width * p->height, 4);
	if (!m || !px || emu_decode_plane(m, size, p, px, type == 2)) {
		free(px);
		px = NULL;
	}
	if (m)
		munmap(m, size);
	return px;
}

int
cmd_expect(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct emu_dev dev;
	if (argc != 3)
		return tool_err("usage: vv-emu expect UUID OUT.png");
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	struct emu_state s = *dev.s; /* a snapshot; the lock is short */
	emu_state_unlock(&dev);
	const struct emu_plane *p = &s.primary, *c = &s.cursor;
	if (!plane_shown(&s, p))
		return tool_err("%s: no primary plane to expect", s.uuid), 3;
	uint32_t *img = decode(ctx, &s, 1, p);
	if (!img)
		return tool_err("%s: cannot decode the primary plane", s.uuid);
	uint32_t *cur = NULL;
	if (s.profile == EMU_GVT && plane_shown(&s, c))
		cur = decode(ctx, &s, 2, c);
	if (cur) {
		/* the viewer sees magnitudes (fb_decoder.c), so a correct one
		 * draws at |x| - hot_x; a hotspot outside the cursor counts
		 * as (0, 0) */
		bool hot_ok = c->hot_x < c->width && c->hot_y < c->height;
		int64_t cx = llabs(c->x) - (hot_ok ? c->hot_x : 0);
		int64_t cy = llabs(c->y) - (hot_ok ? c->hot_y : 0);
		for (uint32_t j = 0; j < c->height; j++)
			for (uint32_t i = 0; i < c->width; i++) {
				int64_t x = cx + i, y = cy + j;
				uint32_t v = cur[(size_t)j * c->width + i];
				if (x < 0 || y < 0 || x >= p->width ||
				    y >= p->height || !(v >> 24))
					continue;
				img[(size_t)y * p->width + (size_t)x] = v;
			}
		free(cur);
	}
	cairo_surface_t *out = cairo_image_surface_create(
	    CAIRO_FORMAT_ARGB32, (int)p->width, (int)p->height);
	cairo_surface_flush(out);
	uint8_t *data = cairo_image_surface_get_data(out);
	int stride = cairo_image_surface_get_stride(out);
	for (uint32_t y = 0; y < p->height && data; y++)
		memcpy(data + (size_t)y * stride, img + (size_t)y * p->width,
		       (size_t)p->width * 4);
	free(img);
	cairo_surface_mark_dirty(out);
	cairo_status_t st = cairo_surface_write_to_png(out, argv[2]);
	cairo_surface_destroy(out);
	if (st != CAIRO_STATUS_SUCCESS)
		return tool_err("%s: %s", argv[2], cairo_status_to_string(st));
	return 0;
}

static cairo_surface_t *
load_png(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		tool_err("%s: %s", path,
			 cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return NULL;
	}
	if (cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32)
		return s;
	/* RGB24 and others: draw onto ARGB32 so both sides compare alike */
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	cairo_surface_t *a =
	    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_t *cr = cairo_create(a);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	cairo_surface_flush(a);
	return a;
}

static uint32_t
pixel(cairo_surface_t *s, int x, int y)
{
	const uint8_t *d = cairo_image_surface_get_data(s);
	uint32_t v;
	memcpy(&v, d + (size_t)y * cairo_image_surface_get_stride(s) + x * 4,
	       4);
	return v;
}

static bool
close_enough(uint32_t a, uint32_t b, int tol)
{
	for (int sh = 0; sh < 32; sh += 8) {
		int d = (int)((a >> sh) & 255) - (int)((b >> sh) & 255);
		if (d > tol || d < -tol)
			return false;
	}
	return true;
}

/* cmp A.png B.png [--rect X,Y,W,H] [--tolerance N]: 0 iff equal */
int
cmd_cmp(int argc, char **argv)
{
	int rx = 0, ry = 0, rw = -1, rh = -1, tol = 0;
	if (argc < 3)
		return tool_err(
			   "usage: vv-emu cmp A.png B.png [--rect X,Y,W,H] [--tolerance N]"),
		       2;
	for (int i = 3; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--rect") &&
		    sscanf(argv[i + 1], "%d,%d,%d,%d", &rx, &ry, &rw, &rh) == 4)
			continue;
		if (!strcmp(argv[i], "--tolerance")) {
			tol = atoi(argv[i + 1]);
			continue;
		}
		return tool_err("cmp: bad option %s", argv[i]), 2;
	}
	cairo_surface_t *a = load_png(argv[1]), *b = load_png(argv[2]);
	int ret = 2;
	if (!a || !b)
		goto out;
	int aw = cairo_image_surface_get_width(a);
	int ah = cairo_image_surface_get_height(a);
	int bw = cairo_image_surface_get_width(b);
	int bh = cairo_image_surface_get_height(b);
	if (rw < 0) {
		if (aw != bw || ah != bh) {
			printf("sizes differ: %dx%d vs %dx%d\n", aw, ah, bw,
			       bh);
			ret = 1;
			goto out;
		}
		rw = aw;
		rh = ah;
	}
	if (rx < 0 || ry < 0 || rx + rw > aw || rx + rw > bw || ry + rh > ah ||
	    ry + rh > bh) {
		printf("rect %d,%d,%d,%d is outside %dx%d or %dx%d\n", rx, ry,
		       rw, rh, aw, ah, bw, bh);
		ret = 1;
		goto out;
	}
	long bad = 0;
	int fx = 0, fy = 0;
	for (int y = ry; y < ry + rh; y++)
		for (int x = rx; x < rx + rw; x++)
			if (!close_enough(pixel(a, x, y), pixel(b, x, y),
					  tol) &&
			    !bad++) {
				fx = x;
				fy = y;
			}
	if (bad)
		printf(
		    "%ld pixels differ; first at (%d,%d): A=0x%08x B=0x%08x\n",
		    bad, fx, fy, pixel(a, fx, fy), pixel(b, fx, fy));
	ret = bad ? 1 : 0;
out:
	if (a)
		cairo_surface_destroy(a);
	if (b)
		cairo_surface_destroy(b);
	return ret;
}

/* edid UUID: the preferred mode of the blob the guest sees, or "none" */
int
cmd_edid(const struct emu_ctx *ctx, int argc, char **argv)
{
	static const uint8_t hdr[8] = {
		0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0
	};
	struct emu_dev dev;
	uint8_t b[128];
	if (argc != 2)
		return tool_err("usage: vv-emu edid UUID");
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	const struct vfio_region_gfx_edid *e = (const void *)dev.s->edid;
	bool up = e->link_state != VFIO_DEVICE_GFX_LINK_STATE_DOWN &&
		  e->edid_size >= 128 &&
		  e->edid_offset + 128 <= EMU_EDID_REGION;
	if (up)
		memcpy(b, dev.s->edid + e->edid_offset, sizeof b);
	emu_state_unlock(&dev);
	/* first detailed timing descriptor (bytes 54..71) */
	unsigned w = up ? b[56] | (b[58] & 0xf0) << 4 : 0;
	unsigned h = up ? b[59] | (b[61] & 0xf0) << 4 : 0;
	if (!up || memcmp(b, hdr, sizeof hdr) || !(b[54] | b[55]) || !w || !h)
		puts("none");
	else
		printf("%ux%u\n", w, h);
	return 0;
}
