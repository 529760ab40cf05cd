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

/* Undoes tiling (and odd strides, which pixman does not take) into a
 * linear copy with a 4-byte aligned stride. */
static uint8_t *
linearize(enum vv_tiling tiling, const uint8_t *src, uint32_t stride,
	  uint32_t row_bytes, uint32_t height, uint32_t *out_stride)
{
	uint32_t lin_stride = (row_bytes + 3) & ~3u;
	uint8_t *lin = malloc((size_t)lin_stride * height);

	if (!lin)
		return NULL;
	for (uint32_t y = 0; y < height; y++) {
		uint8_t *dst = lin + (size_t)y * lin_stride;
		if (tiling == VV_TILING_LINEAR) {
			memcpy(dst, src + (size_t)y * stride, row_bytes);
			continue;
		}
		/* Tiles hold 16-byte runs at the least (Y's columns). */
		for (uint32_t xb = 0; xb < row_bytes; xb += 16) {
			uint32_t n = row_bytes - xb < 16 ? row_bytes - xb : 16;
			memcpy(dst + xb,
			       src + vv_tiling_offset(tiling, stride, xb, y),
			       n);
		}
	}
	*out_stride = lin_stride;
	return lin;
}

int
vv_format_convert(const struct vv_format *format, enum vv_tiling tiling,
		  const uint8_t *src, size_t src_len, uint32_t stride,
		  uint32_t width, uint32_t height, uint32_t *dst,
		  uint32_t dst_stride)
{
	uint32_t th = vv_tiling_tile_height(tiling);
	uint32_t row_bytes = vv_format_row_bytes(format, width);
	size_t rows = ((size_t)height + th - 1) / th * th;
	uint8_t *lin = NULL;
	uint32_t lin_stride = stride;
	int ret = 0;

	if (tiling == VV_TILING_UNKNOWN)
		return -ENOTSUP;
	if (tiling != VV_TILING_LINEAR &&
	    stride % vv_tiling_tile_width(tiling) != 0)
		return -EINVAL;
	if (stride < row_bytes || (size_t)stride * rows > src_len)
		return -EINVAL;

	if (tiling != VV_TILING_LINEAR || stride % 4 != 0) {
		lin = linearize(tiling, src, stride, row_bytes, height,
				&lin_stride);
		if (!lin)
			return -ENOMEM;
		src = lin;
	}

	if (!format->pixman) {
		for (uint32_t y = 0; y < height; y++)
			convert_yuv_row(format->fourcc,
					src + (size_t)y * lin_stride, width,
					dst + (size_t)y * (dst_stride / 4));
		free(lin);
		return 0;
	}

	/* pixman only reads a source image: the cast drops const for its
	 * constructor's sake, nothing writes through it. */
	pixman_image_t *in =
	    pixman_image_create_bits(format->pixman, (int)width, (int)height,
				     (uint32_t *)src, (int)lin_stride);
	pixman_image_t *out = pixman_image_create_bits(
	    PIXMAN_a8r8g8b8, (int)width, (int)height, dst, (int)dst_stride);
	pixman_indexed_t *gray = NULL;

	if (!in || !out) {
		ret = -ENOMEM;
		goto out;
	}
	if (format->pixman == PIXMAN_c8) {
		gray = calloc(1, sizeof(*gray));
		if (!gray) {
			ret = -ENOMEM;
			goto out;
		}
		for (int i = 0; i < 256; i++)
			gray->rgba[i] = 0xff000000u | (uint32_t)i * 0x010101u;
		pixman_image_set_indexed(in, gray);
	}
	pixman_image_composite32(PIXMAN_OP_SRC, in, NULL, out, 0, 0, 0, 0, 0, 0,
				 (int)width, (int)height);
out:
	if (in)
		pixman_image_unref(in);
	if (out)
		pixman_image_unref(out);
	free(gray);
	free(lin);
	return ret;
}
