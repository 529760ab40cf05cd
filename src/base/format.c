#include "format.h"

#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xf86drm.h>

/* The formats vGPUs scan out: i915's GVT-g decoder (gvt/fb_decoder.c
 * bdw_pixel_formats, skl_pixel_formats, cursor_pixel_formats), mbochs and
 * mdpy (XRGB8888 only). */
static const struct vv_format formats[] = {
	{ DRM_FORMAT_XRGB8888, 4, false, PIXMAN_x8r8g8b8, "XRGB8888" },
	{ DRM_FORMAT_ARGB8888, 4, true, PIXMAN_a8r8g8b8, "ARGB8888" },
	{ DRM_FORMAT_XBGR8888, 4, false, PIXMAN_x8b8g8r8, "XBGR8888" },
	{ DRM_FORMAT_ABGR8888, 4, true, PIXMAN_a8b8g8r8, "ABGR8888" },
	{ DRM_FORMAT_XRGB2101010, 4, false, PIXMAN_x2r10g10b10, "XRGB2101010" },
	{ DRM_FORMAT_ARGB2101010, 4, true, PIXMAN_a2r10g10b10, "ARGB2101010" },
	{ DRM_FORMAT_XBGR2101010, 4, false, PIXMAN_x2b10g10r10, "XBGR2101010" },
	{ DRM_FORMAT_ABGR2101010, 4, true, PIXMAN_a2b10g10r10, "ABGR2101010" },
	{ DRM_FORMAT_RGB565, 2, false, PIXMAN_r5g6b5, "RGB565" },
	/* C8's palette lives in the guest's display registers, which no
	 * driver exports: shown as gray levels. */
	{ DRM_FORMAT_C8, 1, false, PIXMAN_c8, "C8 (indexed)" },
	{ DRM_FORMAT_YUYV, 2, false, 0, "YUYV" },
	{ DRM_FORMAT_YVYU, 2, false, 0, "YVYU" },
	{ DRM_FORMAT_UYVY, 2, false, 0, "UYVY" },
	{ DRM_FORMAT_VYUY, 2, false, 0, "VYUY" },
};

const struct vv_format *
vv_format_lookup(uint32_t fourcc)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (formats[i].fourcc == fourcc)
			return &formats[i];
	return NULL;
}

void
vv_format_fourcc_str(uint32_t fourcc, char out[12])
{
	for (int i = 0; i < 4; i++) {
		char c = (char)(fourcc >> (8 * i));
		if (c < ' ' || c > '~') {
			snprintf(out, 12, "0x%08x", fourcc);
			return;
		}
		out[i] = c;
	}
	out[4] = '\0';
}

const char *
vv_modifier_name(uint64_t modifier, char *out, size_t len)
{
	char *name = drmGetFormatModifierName(modifier);
	char *vendor = drmGetFormatModifierVendor(modifier);

	if (name && vendor && strcmp(vendor, "NONE") != 0)
		snprintf(out, len, "%s_%s", vendor, name);
	else if (name)
		snprintf(out, len, "%s", name);
	else
		snprintf(out, len, "0x%016llx", (unsigned long long)modifier);
	free(name);
	free(vendor);
	return out;
}

uint32_t
vv_format_row_bytes(const struct vv_format *format, uint32_t width)
{
	/* Packed 4:2:2 stores pixels in pairs. */
	if (!format->pixman)
		width = (width + 1) & ~1u;
	return width * format->cpp;
}

enum vv_tiling
vv_modifier_tiling(uint64_t modifier)
{
	switch (modifier) {
	case DRM_FORMAT_MOD_LINEAR:
		return VV_TILING_LINEAR;
	case I915_FORMAT_MOD_X_TILED:
		return VV_TILING_INTEL_X;
	case I915_FORMAT_MOD_Y_TILED:
		return VV_TILING_INTEL_Y;
	default:
		return VV_TILING_UNKNOWN;
	}
}

uint32_t
vv_tiling_tile_height(enum vv_tiling tiling)
{
	switch (tiling) {
	case VV_TILING_INTEL_X:
		return 8;
	case VV_TILING_INTEL_Y:
		return 32;
	case VV_TILING_LINEAR:
	case VV_TILING_UNKNOWN:
		break;
	}
	return 1;
}

uint32_t
vv_tiling_tile_width(enum vv_tiling tiling)
{
	switch (tiling) {
	case VV_TILING_INTEL_X:
		return 512;
	case VV_TILING_INTEL_Y:
		return 128;
	case VV_TILING_LINEAR:
	case VV_TILING_UNKNOWN:
		break;
	}
	return 1;
}

size_t
vv_tiling_offset(enum vv_tiling tiling, uint32_t stride, uint32_t xb,
		 uint32_t y)
{
	const size_t tile_bytes = 4096;
	uint32_t tw = vv_tiling_tile_width(tiling);
	uint32_t th = vv_tiling_tile_height(tiling);
	size_t tile = (size_t)(y / th) * (stride / tw) + xb / tw;
	uint32_t tx = xb % tw, ty = y % th;

	switch (tiling) {
	case VV_TILING_INTEL_X:
		/* A tile is 8 rows of 512 contiguous bytes. */
		return tile * tile_bytes + (size_t)ty * tw + tx;
	case VV_TILING_INTEL_Y:
		/* A tile is 8 columns of 16 bytes, each column 32 rows
		 * tall and contiguous (Intel PRM, "Y-Major Tiling"). */
		return tile * tile_bytes + (size_t)(tx / 16) * 16 * th +
		       (size_t)ty * 16 + tx % 16;
	case VV_TILING_LINEAR:
	case VV_TILING_UNKNOWN:
		break;
	}
	return (size_t)y * stride + xb;
}

static uint8_t
clamp8(int v)
{
	return v < 0 ? 0 : v > 255 ? 255 : (uint8_t)v;
}

/* BT.601 limited range, the integer form every video player uses: packed
 * 4:2:2 from a guest's overlay-less scanout is video-range. */
static uint32_t
yuv_to_xrgb(int y, int u, int v)
{
	int c = 298 * (y - 16), d = u - 128, e = v - 128;

	return 0xff000000u | (uint32_t)clamp8((c + 409 * e + 128) >> 8) << 16 |
	       (uint32_t)clamp8((c - 100 * d - 208 * e + 128) >> 8) << 8 |
	       clamp8((c + 516 * d + 128) >> 8);
}

/* Byte positions of Y0, U, Y1, V in one 4-byte macropixel. */
static void
yuv_order(uint32_t fourcc, int pos[4])
{
	static const int yuyv[4] = { 0, 1, 2, 3 }, yvyu[4] = { 0, 3, 2, 1 },
			 uyvy[4] = { 1, 0, 3, 2 }, vyuy[4] = { 1, 2, 3, 0 };
	const int *p = fourcc == DRM_FORMAT_YVYU   ? yvyu
		       : fourcc == DRM_FORMAT_UYVY ? uyvy
		       : fourcc == DRM_FORMAT_VYUY ? vyuy
						   : yuyv;

	memcpy(pos, p, sizeof(yuyv));
}

static void
convert_yuv_row(uint32_t fourcc, const uint8_t *row, uint32_t width,
		uint32_t *out)
{
	int pos[4];

	yuv_order(fourcc, pos);
	for (uint32_t x = 0; x < width; x++) {
		const uint8_t *m = row + (x / 2) * 4;
		int y = m[x % 2 ? pos[2] : pos[0]];
		out[x] = yuv_to_xrgb(y, m[pos[1]], m[pos[3]]);
	}
}

/* Four pixels: GCC's and clang's vector extension, SSE2 or NEON. */
typedef uint32_t vv_u32x4 __attribute__((vector_size(16)));

static inline void
copy_run(uint8_t *restrict dst, const uint8_t *restrict src, size_t n,
	 bool opaque)
{
	const vv_u32x4 alpha = { 0xff000000u, 0xff000000u, 0xff000000u,
				 0xff000000u };
	size_t i = 0;

	if (!opaque) {
		memcpy(dst, src, n);
		return;
	}
	/* What pixman's SRC from x8r8g8b8 to a8r8g8b8 does, 16 bytes at a
	 * time; memcpy for the loads and stores since an odd stride leaves
	 * @src unaligned. */
	for (; i + 16 <= n; i += 16) {
		vv_u32x4 v;
		memcpy(&v, src + i, 16);
		v |= alpha;
		memcpy(dst + i, &v, 16);
	}
	for (; i + 4 <= n; i += 4) {
		uint32_t v;
		memcpy(&v, src + i, 4);
		v |= 0xff000000u;
		memcpy(dst + i, &v, 4);
	}
}

/* Copies rows @y0..@y0+@h-1 of a plane in tiles of @th rows, each row's
 * part of a tile in runs of @run bytes, @row_step apart from one row to the
 * next and @run_step from one run to the next along a row. Tiles are read
 * whole, in address order. Inlined with constant layouts, so that the runs'
 * copies are too. */
static inline __attribute__((always_inline)) void
copy_tiled(const uint8_t *src, uint32_t stride, uint32_t row_bytes, uint32_t y0,
	   uint32_t h, uint8_t *out, size_t out_stride, bool opaque,
	   uint32_t th, uint32_t run, size_t row_step, size_t run_step)
{
	for (uint32_t y = y0; y < y0 + h;) {
		/* The rows of one tile row in [y0, y0 + h). */
		uint32_t ty = y % th, rows = th - ty;
		if (rows > y0 + h - y)
			rows = y0 + h - y;
		const uint8_t *first = src + (size_t)(y / th) * stride * th +
				       (size_t)ty * row_step;
		uint8_t *d0 = out + (y - y0) * out_stride;
		uint32_t xb = 0;
		for (; row_bytes - xb >= run; xb += run, first += run_step) {
			const uint8_t *s = first;
			uint8_t *d = d0 + xb;
			for (uint32_t r = 0; r < rows;
			     r++, s += row_step, d += out_stride)
				copy_run(d, s, run, opaque);
		}
		/* The row's last run, when the width is not whole runs. */
		for (uint32_t r = 0; xb < row_bytes && r < rows; r++)
			copy_run(d0 + xb + r * out_stride, first + r * row_step,
				 row_bytes - xb, opaque);
		y += rows;
	}
}

/* Copies bytes 0..@row_bytes-1 of rows @y0..@y0+@h-1 of a plane laid out in
 * @tiling to @out (row @y0 first, @out_stride bytes apart), setting each
 * 32-bit pixel's alpha when @opaque. The source offset is advanced along
 * the layout rather than recomputed through vv_tiling_offset (which defines
 * it, and which the unit tests check this against): that function's
 * divisions per 16-byte run made detiling 6x slower than a linear copy.
 * @y0 and @h need not fall on tile rows. Inlined into each caller so that
 * @opaque is a constant there. */
static inline __attribute__((always_inline)) void
copy_rows(enum vv_tiling tiling, const uint8_t *src, uint32_t stride,
	  uint32_t row_bytes, uint32_t y0, uint32_t h, uint8_t *out,
	  size_t out_stride, bool opaque)
{
	switch (tiling) {
	case VV_TILING_INTEL_X:
		/* 8 rows of 512 contiguous bytes; the next tile along the
		 * row starts 4 KiB further. */
		copy_tiled(src, stride, row_bytes, y0, h, out, out_stride,
			   opaque, 8, 512, 512, 4096);
		return;
	case VV_TILING_INTEL_Y:
		/* 8 columns of 16 bytes by 32 rows, each column contiguous:
		 * column c of a tile row starts c * 512 bytes in. */
		copy_tiled(src, stride, row_bytes, y0, h, out, out_stride,
			   opaque, 32, 16, 16, 512);
		return;
	case VV_TILING_LINEAR:
	case VV_TILING_UNKNOWN:
		break;
	}
	for (uint32_t y = y0; y < y0 + h; y++)
		copy_run(out + (y - y0) * out_stride, src + (size_t)y * stride,
			 row_bytes, opaque);
}

/* Converts @h rows of @width pixels at @src (@src_stride bytes apart, a
 * multiple of 4 for pixman) into @dst. @gray is C8's palette. */
static int
convert_rows(const struct vv_format *format, const uint8_t *src,
	     uint32_t src_stride, uint32_t width, uint32_t h, uint32_t *dst,
	     uint32_t dst_stride, const pixman_indexed_t *gray)
{
	if (!format->pixman) {
		for (uint32_t y = 0; y < h; y++)
			convert_yuv_row(format->fourcc,
					src + (size_t)y * src_stride, width,
					dst + (size_t)y * (dst_stride / 4));
		return 0;
	}

	/* pixman only reads a source image: the cast drops const for its
	 * constructor's sake, nothing writes through it. */
	pixman_image_t *in =
	    pixman_image_create_bits(format->pixman, (int)width, (int)h,
				     (uint32_t *)src, (int)src_stride);
	pixman_image_t *out = pixman_image_create_bits(
	    PIXMAN_a8r8g8b8, (int)width, (int)h, dst, (int)dst_stride);
	int ret = 0;

	if (!in || !out) {
		ret = -ENOMEM;
		goto out;
	}
	if (gray)
		pixman_image_set_indexed(in, gray);
	pixman_image_composite32(PIXMAN_OP_SRC, in, NULL, out, 0, 0, 0, 0, 0, 0,
				 (int)width, (int)h);
out:
	if (in)
		pixman_image_unref(in);
	if (out)
		pixman_image_unref(out);
	return ret;
}

/* Rows linearized at a time before conversion: a multiple of both tile
 * heights, and few enough (32 rows of a 4K plane: 480 KiB) that the band
 * is still in the cache when pixman reads it. */
#define BAND_ROWS 32u

void
vv_format_scratch_finish(struct vv_format_scratch *scratch)
{
	free(scratch->data);
	scratch->data = NULL;
	scratch->size = 0;
}

static int
scratch_reserve(struct vv_format_scratch *scratch, size_t size)
{
	if (scratch->size >= size)
		return 0;
	/* Nothing in it is kept from one conversion to the next. */
	vv_format_scratch_finish(scratch);
	scratch->data = malloc(size);
	if (!scratch->data)
		return -ENOMEM;
	scratch->size = size;
	return 0;
}

int
vv_format_convert_scratch(const struct vv_format *format, enum vv_tiling tiling,
			  const uint8_t *src, size_t src_len, uint32_t stride,
			  uint32_t width, uint32_t height, uint32_t *dst,
			  uint32_t dst_stride,
			  struct vv_format_scratch *scratch)
{
	uint32_t th = vv_tiling_tile_height(tiling);
	uint32_t row_bytes = vv_format_row_bytes(format, width);
	size_t rows = ((size_t)height + th - 1) / th * th;
	pixman_indexed_t *gray = NULL;
	int ret = 0;

	if (tiling == VV_TILING_UNKNOWN)
		return -ENOTSUP;
	if (tiling != VV_TILING_LINEAR &&
	    stride % vv_tiling_tile_width(tiling) != 0)
		return -EINVAL;
	if (stride < row_bytes || (size_t)stride * rows > src_len)
		return -EINVAL;

	/* The destination's own layout: one pass, straight into it. */
	if (format->pixman == PIXMAN_a8r8g8b8 ||
	    format->pixman == PIXMAN_x8r8g8b8) {
		if (format->pixman == PIXMAN_x8r8g8b8)
			copy_rows(tiling, src, stride, row_bytes, 0, height,
				  (uint8_t *)dst, dst_stride, true);
		else
			copy_rows(tiling, src, stride, row_bytes, 0, height,
				  (uint8_t *)dst, dst_stride, false);
		return 0;
	}

	if (format->pixman == PIXMAN_c8) {
		gray = calloc(1, sizeof(*gray));
		if (!gray)
			return -ENOMEM;
		for (int i = 0; i < 256; i++)
			gray->rgba[i] = 0xff000000u | (uint32_t)i * 0x010101u;
	}

	/* A layout pixman reads as it is. */
	if (tiling == VV_TILING_LINEAR && stride % 4 == 0) {
		ret = convert_rows(format, src, stride, width, height, dst,
				   dst_stride, gray);
		free(gray);
		return ret;
	}

	/* Tiles and odd strides (which pixman does not take) are undone a
	 * band at a time into @scratch, each band converted while it is
	 * still in the cache. */
	uint32_t lin_stride = (row_bytes + 3) & ~3u;
	ret = scratch_reserve(scratch, (size_t)lin_stride * BAND_ROWS);
	for (uint32_t y0 = 0; !ret && y0 < height; y0 += BAND_ROWS) {
		uint32_t h = height - y0 < BAND_ROWS ? height - y0 : BAND_ROWS;
		copy_rows(tiling, src, stride, row_bytes, y0, h, scratch->data,
			  lin_stride, false);
		ret = convert_rows(format, scratch->data, lin_stride, width, h,
				   dst + (size_t)y0 * (dst_stride / 4),
				   dst_stride, gray);
	}
	free(gray);
	return ret;
}

int
vv_format_convert(const struct vv_format *format, enum vv_tiling tiling,
		  const uint8_t *src, size_t src_len, uint32_t stride,
		  uint32_t width, uint32_t height, uint32_t *dst,
		  uint32_t dst_stride)
{
	struct vv_format_scratch scratch = { 0 };
	int ret =
	    vv_format_convert_scratch(format, tiling, src, src_len, stride,
				      width, height, dst, dst_stride, &scratch);

	vv_format_scratch_finish(&scratch);
	return ret;
}
