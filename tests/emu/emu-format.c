/* Pattern, pixel formats and tilings. Expansion back to 8 bits follows
 * pixman's bit replication, so that a viewer converting with pixman (or the
 * compositor) gets exactly what vv-emu expect renders. */
#include "emu-format.h"

#include <drm_fourcc.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

uint32_t
emu_pat(uint32_t seed, uint32_t x, uint32_t y)
{
	return ((x * 7 + seed * 13) & 255) << 16 | ((y * 3 + seed) & 255) << 8 |
	       ((x ^ y ^ seed) & 255);
}

uint32_t
emu_cursor_pat(uint32_t seed, uint32_t x, uint32_t y)
{
	/* 8x8 checks, one in three transparent: only alpha 0 and 255, so
	 * compositing is exact whatever the blending precision */
	if ((x / 8 + y / 8 + seed) % 3 == 0)
		return 0;
	return 0xff000000u | emu_pat(seed, x, y);
}

/* ---- tiling ------------------------------------------------------------ */

void
emu_tile_size(uint64_t modifier, uint32_t *width, uint32_t *rows)
{
	*width = 1;
	*rows = 1;
	if (modifier == I915_FORMAT_MOD_X_TILED) {
		*width = 512;
		*rows = 8;
	} else if (modifier == I915_FORMAT_MOD_Y_TILED ||
		   modifier == I915_FORMAT_MOD_Yf_TILED) {
		*width = 128;
		*rows = 32;
	}
}

uint64_t
emu_tile_offset(uint64_t modifier, uint32_t stride, uint32_t xb, uint32_t y)
{
	uint32_t tw, th;
	emu_tile_size(modifier, &tw, &th);
	if (tw == 1)
		return (uint64_t)y * stride + xb;
	/* tiles are 4 KiB, laid out row-major across the stride */
	uint64_t tile = (uint64_t)(y / th) * (stride / tw) + xb / tw;
	uint32_t u = xb % tw, v = y % th, in;
	if (modifier == I915_FORMAT_MOD_X_TILED) {
		in = v * 512 + u; /* rows of 512 bytes */
	} else if (modifier == I915_FORMAT_MOD_Y_TILED) {
		in = (u / 16) * 512 + v * 16 + u % 16; /* 16-byte columns */
	} else {
		/* Yf (4 KiB "standard" tile), address bits from the low end:
		 * u0..u3 v0 v1 v2 u4 v3 u5 v4 u6 (u: byte, v: row) */
		in = (u & 15) | (v & 7) << 4 | ((u >> 4) & 1) << 7 |
		     ((v >> 3) & 1) << 8 | ((u >> 5) & 1) << 9 |
		     ((v >> 4) & 1) << 10 | ((u >> 6) & 1) << 11;
	}
	return tile * 4096 + in;
}

/* ---- pixels ------------------------------------------------------------ */

static uint32_t
expand(uint32_t v, int bits)
{
	switch (bits) {
	case 2:
		return v * 0x55;
	case 3:
		return (v << 5) | (v << 2) | (v >> 1);
	case 5:
		return (v << 3) | (v >> 2);
	case 6:
		return (v << 2) | (v >> 4);
	case 10:
		return v >> 2;
	}
	return v;
}

static uint8_t
clamp8(int v)
{
	return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* BT.601, limited range, integer (README: YUYV) */
static void
rgb_to_yuv(uint32_t rgb, int *y, int *u, int *v)
{
	int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
	*y = ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
	*u = ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
	*v = ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;
}

static uint32_t
yuv_to_rgb(int y, int u, int v)
{
	int c = y - 16, d = u - 128, e = v - 128;
	return (uint32_t)clamp8((298 * c + 409 * e + 128) >> 8) << 16 |
	       (uint32_t)clamp8((298 * c - 100 * d - 208 * e + 128) >> 8) << 8 |
	       clamp8((298 * c + 516 * d + 128) >> 8);
}

/* @argb to the bytes of one pixel of @fourcc (not YUYV). The unused X
 * bits are written as ones, as Windows guests do: the X byte means nothing,
 * but weston's screenshooter reads it as alpha, and the weston tests check
 * pixels in its screenshots. */
static uint32_t
encode_px(uint32_t fourcc, uint32_t argb)
{
	uint32_t r = (argb >> 16) & 255, g = (argb >> 8) & 255, b = argb & 255;
	switch (fourcc) {
	case DRM_FORMAT_ARGB8888:
		return argb;
	case DRM_FORMAT_XRGB8888:
		return 0xff000000u | (argb & 0xffffff);
	case DRM_FORMAT_XBGR8888:
		return 0xff000000u | b << 16 | g << 8 | r;
	case DRM_FORMAT_XRGB2101010:
		return 3u << 30 | ((r << 2) | (r >> 6)) << 20 |
		       ((g << 2) | (g >> 6)) << 10 | ((b << 2) | (b >> 6));
	case DRM_FORMAT_XBGR2101010:
		return 3u << 30 | ((b << 2) | (b >> 6)) << 20 |
		       ((g << 2) | (g >> 6)) << 10 | ((r << 2) | (r >> 6));
	case DRM_FORMAT_RGB565:
		return (r >> 3) << 11 | (g >> 2) << 5 | (b >> 3);
	case DRM_FORMAT_C8: /* README: the emulated palette is RGB 3-3-2 */
		return (r >> 5) << 5 | (g >> 5) << 2 | (b >> 6);
	}
	return 0;
}

static uint32_t
decode_px(uint32_t fourcc, uint32_t v)
{
	switch (fourcc) {
	case DRM_FORMAT_ARGB8888:
		return v;
	case DRM_FORMAT_XRGB8888:
		return v & 0xffffff;
	case DRM_FORMAT_XBGR8888:
		return (v & 255) << 16 | (v & 0xff00) | ((v >> 16) & 255);
	case DRM_FORMAT_XRGB2101010:
		return expand((v >> 20) & 1023, 10) << 16 |
		       expand((v >> 10) & 1023, 10) << 8 | expand(v & 1023, 10);
	case DRM_FORMAT_XBGR2101010:
		return expand(v & 1023, 10) << 16 |
		       expand((v >> 10) & 1023, 10) << 8 |
		       expand((v >> 20) & 1023, 10);
	case DRM_FORMAT_RGB565:
		return expand((v >> 11) & 31, 5) << 16 |
		       expand((v >> 5) & 63, 6) << 8 | expand(v & 31, 5);
	case DRM_FORMAT_C8:
		/* No driver exports the palette (it lives in the guest's
		 * display registers): a viewer shows the index as a gray
		 * level, as vgpu-view documents (src/base/format.c). */
		return v * 0x010101u;
	}
	return 0;
}

static bool
plane_fits(size_t size, const struct emu_plane *p, uint32_t cpp)
{
	uint32_t tw, th;
	emu_tile_size(p->modifier, &tw, &th);
	if (!cpp || !p->width || !p->height ||
	    (p->fourcc == DRM_FORMAT_YUYV && p->width % 2) ||
	    (uint64_t)p->width * cpp > p->stride || p->stride % tw)
		return false;
	uint64_t rows = (p->height + th - 1) / th * th;
	return rows * p->stride <= size;
}

static void
put(uint8_t *buf, const struct emu_plane *p, uint32_t xb, uint32_t y,
    uint32_t v, uint32_t n)
{
	uint64_t off = emu_tile_offset(p->modifier, p->stride, xb, y);
	memcpy(buf + off, &v, n); /* little endian, as DRM formats are */
}

static uint32_t
get(const uint8_t *buf, const struct emu_plane *p, uint32_t xb, uint32_t y,
    uint32_t n)
{
	uint32_t v = 0;
	memcpy(&v, buf + emu_tile_offset(p->modifier, p->stride, xb, y), n);
	return v;
}

int
emu_encode_plane(uint8_t *buf, size_t size, const struct emu_plane *p,
		 uint32_t seed, bool cursor)
{
	uint32_t cpp = emu_format_cpp(p->fourcc);
	if (!plane_fits(size, p, cpp))
		return -EINVAL;
	for (uint32_t y = 0; y < p->height; y++) {
		if (p->fourcc == DRM_FORMAT_YUYV) {
			/* Y0 U Y1 V; U and V averaged over the pair */
			for (uint32_t x = 0; x < p->width; x += 2) {
				int y0, u0, v0, y1, u1, v1;
				rgb_to_yuv(emu_pat(seed, x, y), &y0, &u0, &v0);
				rgb_to_yuv(emu_pat(seed, x + 1, y), &y1, &u1,
					   &v1);
				put(buf, p, x * 2, y,
				    (uint32_t)y0 |
					(uint32_t)((u0 + u1 + 1) / 2) << 8 |
					(uint32_t)y1 << 16 |
					(uint32_t)((v0 + v1 + 1) / 2) << 24,
				    4);
			}
			continue;
		}
		for (uint32_t x = 0; x < p->width; x++) {
			uint32_t argb = cursor ? emu_cursor_pat(seed, x, y)
					       : emu_pat(seed, x, y);
			put(buf, p, x * cpp, y, encode_px(p->fourcc, argb),
			    cpp);
		}
	}
	return 0;
}

int
emu_decode_plane(const uint8_t *buf, size_t size, const struct emu_plane *p,
		 uint32_t *out, bool cursor)
{
	uint32_t cpp = emu_format_cpp(p->fourcc);
	uint32_t alpha = cursor ? 0 : 0xff000000u;
	if (!plane_fits(size, p, cpp))
		return -EINVAL;
	for (uint32_t y = 0; y < p->height; y++) {
		uint32_t *row = out + (size_t)y * p->width;
		for (uint32_t x = 0; x < p->width; x++) {
			if (p->fourcc == DRM_FORMAT_YUYV) {
				uint32_t w = get(buf, p, (x & ~1u) * 2, y, 4);
				int yy = (int)((w >> ((x & 1) * 16)) & 255);
				row[x] = alpha |
					 yuv_to_rgb(yy, (int)((w >> 8) & 255),
						    (int)(w >> 24));
				continue;
			}
			row[x] =
			    alpha |
			    decode_px(p->fourcc, get(buf, p, x * cpp, y, cpp));
		}
	}
	return 0;
}

/* ---- names ------------------------------------------------------------- */

bool
emu_format_parse(const char *name, uint32_t *fourcc)
{
	size_t n = strlen(name);
	if (n >= 2 && n <= 4 && name[0] > '9') {
		char c[4] = { ' ', ' ', ' ', ' ' }; /* "C8" is "C8  " */
		memcpy(c, name, n);
		*fourcc = fourcc_code(c[0], c[1], c[2], c[3]);
		return emu_format_cpp(*fourcc) != 0;
	}
	char *end;
	unsigned long v = strtoul(name, &end, 0);
	*fourcc = (uint32_t)v;
	return *name && !*end;
}

static const struct {
	const char *name;
	uint64_t mod;
} modifiers[] = {
	{ "LINEAR", DRM_FORMAT_MOD_LINEAR },
	{ "X_TILED", I915_FORMAT_MOD_X_TILED },
	{ "Y_TILED", I915_FORMAT_MOD_Y_TILED },
	{ "Yf_TILED", I915_FORMAT_MOD_Yf_TILED },
};

bool
emu_modifier_parse(const char *name, uint64_t *mod)
{
	for (size_t i = 0; i < sizeof modifiers / sizeof modifiers[0]; i++)
		if (!strcasecmp(name, modifiers[i].name)) {
			*mod = modifiers[i].mod;
			return true;
		}
	char *end;
	*mod = strtoull(name, &end, 0);
	return *name && !*end;
}

const char *
emu_modifier_name(uint64_t mod)
{
	for (size_t i = 0; i < sizeof modifiers / sizeof modifiers[0]; i++)
		if (modifiers[i].mod == mod)
			return modifiers[i].name;
	return "?";
}
