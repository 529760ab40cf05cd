/* Format names, tiling layouts and CPU conversion. */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "tst.h"

static void
test_names(void)
{
	char fourcc[12], mod[64];

	vv_format_fourcc_str(DRM_FORMAT_XRGB8888, fourcc);
	TST_CHECK_STR(fourcc, "XR24");
	vv_format_fourcc_str(0x00000001, fourcc);
	TST_CHECK_STR(fourcc, "0x00000001");
	TST_CHECK_STR(vv_modifier_name(DRM_FORMAT_MOD_LINEAR, mod, sizeof(mod)),
		      "LINEAR");
	TST_CHECK_STR(
	    vv_modifier_name(I915_FORMAT_MOD_Y_TILED, mod, sizeof(mod)),
	    "INTEL_Y_TILED");
	TST_CHECK_STR(vv_modifier_name(0x7700000000000001ull, mod, sizeof(mod)),
		      "0x7700000000000001");
}

static void
test_tiling_offsets(void)
{
	/* Hand-computed from the Intel PRM layouts: X tiles are 512 B x 8
	 * rows, Y tiles 8 columns of 16 B x 32 rows, both 4 KiB. */
	TST_CHECK(vv_tiling_offset(VV_TILING_LINEAR, 100, 8, 2) == 208);
	TST_CHECK(vv_tiling_offset(VV_TILING_INTEL_X, 1024, 520, 9) ==
		  3 * 4096 + 1 * 512 + 8);
	TST_CHECK(vv_tiling_offset(VV_TILING_INTEL_Y, 256, 40, 33) ==
		  2 * 4096 + 2 * 512 + 1 * 16 + 8);
	TST_CHECK(vv_modifier_tiling(I915_FORMAT_MOD_Yf_TILED) ==
		  VV_TILING_UNKNOWN);
}

static uint32_t
convert1(uint32_t fourcc, const void *src, size_t len)
{
	uint32_t out = 0;
	int ret = vv_format_convert(vv_format_lookup(fourcc), VV_TILING_LINEAR,
				    src, len, 4, 1, 1, &out, 4);
	return ret ? 0xdeadbeef : out;
}

static void
test_convert_pixels(void)
{
	uint32_t xr24 = 0x00123456, ab24 = 0xff563412;
	uint16_t rg16[2] = { 0xf81f, 0 }; /* r=31 g=0 b=31 */
	uint32_t xr30 = 0x3ff << 20 | 0x200 << 10 | 0x003;
	uint8_t c8[4] = { 0x80 };
	uint8_t yuyv[4] = { 235, 128, 16, 128 };

	TST_CHECK(convert1(DRM_FORMAT_XRGB8888, &xr24, 4) == 0xff123456);
	TST_CHECK(convert1(DRM_FORMAT_ABGR8888, &ab24, 4) == 0xff123456);
	TST_CHECK(convert1(DRM_FORMAT_RGB565, rg16, 4) == 0xffff00ff);
	/* 10 bits to 8: the top eight. */
	TST_CHECK(convert1(DRM_FORMAT_XRGB2101010, &xr30, 4) == 0xffff8000);
	TST_CHECK(convert1(DRM_FORMAT_C8, c8, 4) == 0xff808080);
	/* video-range white */
	TST_CHECK(convert1(DRM_FORMAT_YUYV, yuyv, 4) == 0xffffffff);
}

static void
test_convert_rejects_short_buffers(void)
{
	const struct vv_format *f = vv_format_lookup(DRM_FORMAT_XRGB8888);
	uint32_t src[16] = { 0 }, dst[16];

	TST_CHECK(vv_format_convert(f, VV_TILING_LINEAR, (uint8_t *)src,
				    sizeof(src), 16, 4, 4, dst, 16) == 0);
	TST_CHECK(vv_format_convert(f, VV_TILING_LINEAR, (uint8_t *)src,
				    sizeof(src) - 1, 16, 4, 4, dst,
				    16) == -EINVAL);
	TST_CHECK(vv_format_convert(f, VV_TILING_UNKNOWN, (uint8_t *)src,
				    sizeof(src), 16, 4, 4, dst,
				    16) == -ENOTSUP);
}

static void
test_detile(void)
{
	const struct vv_format *f = vv_format_lookup(DRM_FORMAT_XRGB8888);
	enum vv_tiling kinds[] = { VV_TILING_INTEL_X, VV_TILING_INTEL_Y };

	for (size_t k = 0; k < 2; k++) {
		uint32_t w = 200, h = 40, stride = 1024;
		uint32_t th = vv_tiling_tile_height(kinds[k]);
		size_t rows = (h + th - 1) / th * th, len = stride * rows;
		uint8_t *src = calloc(1, len);
		uint32_t *dst = calloc(w * h, 4);
		for (uint32_t y = 0; y < h; y++)
			for (uint32_t x = 0; x < w; x++) {
				uint32_t v = y << 16 | x;
				memcpy(src + vv_tiling_offset(kinds[k], stride,
							      x * 4, y),
				       &v, 4);
			}
		TST_CHECK(vv_format_convert(f, kinds[k], src, len, stride, w, h,
					    dst, w * 4) == 0);
		int bad = 0;
		for (uint32_t y = 0; y < h; y++)
			for (uint32_t x = 0; x < w; x++)
				bad += dst[y * w + x] !=
				       (0xff000000u | y << 16 | x);
		TST_CHECK(bad == 0);
		/* a stride that is not whole tiles */
		TST_CHECK(vv_format_convert(f, kinds[k], src, len, stride - 4,
					    w, h, dst, w * 4) == -EINVAL);
		free(src);
		free(dst);
	}
}

/* A pixel value that differs between neighbours in x, y and tile. */
static uint32_t
pattern(uint32_t x, uint32_t y)
{
	uint32_t h = x * 0x9e3779b1u ^ (y + 0x55) * 0x85ebca77u;

	return h ^ h >> 15;
}

/* What vv_format_convert must make of pattern()'s low bytes, by hand. */
static uint32_t
expected_pixel(uint32_t fourcc, uint32_t v)
{
	uint32_t r, g, b;

	switch (fourcc) {
	case DRM_FORMAT_XRGB8888:
		return 0xff000000u | (v & 0xffffff);
	case DRM_FORMAT_ARGB8888:
		return v;
	case DRM_FORMAT_RGB565:
		r = v >> 11 & 31, g = v >> 5 & 63, b = v & 31;
		return 0xff000000u | (r << 3 | r >> 2) << 16 |
		       (g << 2 | g >> 4) << 8 | (b << 3 | b >> 2);
	case DRM_FORMAT_C8:
		return 0xff000000u | (v & 0xff) * 0x010101u;
	}
	return 0;
}

#define CANARY 0x5ca1ab1eu

/* Detiles a plane whose width is not whole tiles, whose height is not whole
 * tiles nor whole conversion bands, with a stride larger than the rows
 * need, into a destination with padding at the end of each row; checks
 * every pixel against pattern() placed through vv_tiling_offset, and against
 * converting a linear copy read back through vv_tiling_offset. */
static void
check_detile(uint32_t fourcc, enum vv_tiling tiling, uint32_t w, uint32_t h,
	     uint32_t stride, struct vv_format_scratch *scratch)
{
	const struct vv_format *f = vv_format_lookup(fourcc);
	uint32_t th = vv_tiling_tile_height(tiling), cpp = f->cpp;
	uint32_t row_bytes = vv_format_row_bytes(f, w);
	size_t len = (size_t)stride * ((h + th - 1) / th * th);
	uint32_t lin_stride = (row_bytes + 3) & ~3u, dst_w = w + 3;
	uint8_t *src = malloc(len), *lin = calloc(h, lin_stride);
	uint32_t *dst = malloc((size_t)dst_w * h * 4);
	uint32_t *ref = malloc((size_t)dst_w * h * 4);
	int bad = 0, bad_ref = 0, bad_pad = 0;

	memset(src, 0xa5, len); /* padding and the gaps in tiles: junk */
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t xb = 0; xb < row_bytes; xb++) {
			uint32_t v = pattern(xb / cpp, y);
			src[vv_tiling_offset(tiling, stride, xb, y)] =
			    (uint8_t)(v >> 8 * (xb % cpp));
		}
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t xb = 0; xb < row_bytes; xb++)
			lin[(size_t)y * lin_stride + xb] =
			    src[vv_tiling_offset(tiling, stride, xb, y)];
	for (size_t i = 0; i < (size_t)dst_w * h; i++)
		dst[i] = CANARY;

	int ret = scratch
		      ? vv_format_convert_scratch(f, tiling, src, len, stride,
						  w, h, dst, dst_w * 4, scratch)
		      : vv_format_convert(f, tiling, src, len, stride, w, h,
					  dst, dst_w * 4);
	TST_CHECK(ret == 0);
	TST_CHECK(vv_format_convert(f, VV_TILING_LINEAR, lin,
				    (size_t)lin_stride * h, lin_stride, w, h,
				    ref, dst_w * 4) == 0);
	for (uint32_t y = 0; y < h; y++) {
		for (uint32_t x = 0; x < w; x++) {
			uint32_t got = dst[(size_t)y * dst_w + x];
			uint32_t want = expected_pixel(fourcc, pattern(x, y));
			bad += want && got != want;
			bad_ref += got != ref[(size_t)y * dst_w + x];
		}
		for (uint32_t x = w; x < dst_w; x++)
			bad_pad += dst[(size_t)y * dst_w + x] != CANARY;
	}
	if (bad || bad_ref || bad_pad)
		fprintf(
		    stderr,
		    "%s %s %ux%u stride %u: %d pixels wrong, %d unlike the linear reference, %d padding pixels written\n",
		    f->name, tiling == VV_TILING_INTEL_X ? "X" : "Y", w, h,
		    stride, bad, bad_ref, bad_pad);
	TST_CHECK(bad == 0 && bad_ref == 0 && bad_pad == 0);
	free(src);
	free(lin);
	free(dst);
	free(ref);
}

static void
test_detile_awkward(void)
{
	/* XRGB8888 and ARGB8888 go straight into the destination; the
	 * others through the temporary (RGB565 and C8 with rows that are
	 * not whole 16-byte Y columns, YUYV through its own conversion). */
	const uint32_t fourccs[] = {
		DRM_FORMAT_XRGB8888, DRM_FORMAT_ARGB8888,    DRM_FORMAT_RGB565,
		DRM_FORMAT_C8,       DRM_FORMAT_XBGR2101010, DRM_FORMAT_YUYV
	};
	const struct {
		enum vv_tiling tiling;
		uint32_t w, h, stride;
	} cases[] = {
		/* 2.3 tiles of 128 pixels, 5 tile rows and 5 rows, 4 tiles
		 * to a row */
		{ VV_TILING_INTEL_X, 300, 45, 2048 },
		/* 2 tiles of 32 pixels and 11, 2 tile rows and 6 rows (3
		 * bands), 4 tiles to a row */
		{ VV_TILING_INTEL_Y, 75, 70, 512 },
		{ VV_TILING_INTEL_Y, 1, 1, 128 },
		{ VV_TILING_INTEL_X, 1, 33, 512 },
	};
	struct vv_format_scratch scratch = { 0 };

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		for (size_t i = 0; i < sizeof(fourccs) / sizeof(fourccs[0]);
		     i++) {
			check_detile(fourccs[i], cases[c].tiling, cases[c].w,
				     cases[c].h, cases[c].stride, NULL);
			/* one temporary kept across sizes and formats */
			check_detile(fourccs[i], cases[c].tiling, cases[c].w,
				     cases[c].h, cases[c].stride, &scratch);
		}
	vv_format_scratch_finish(&scratch);
	TST_CHECK(scratch.data == NULL);
}

/* Linear planes with strides that are not a multiple of 4 go through the
 * temporary, the others not; both must give the same pixels. */
static void
test_convert_odd_stride(void)
{
	const uint32_t fourccs[] = { DRM_FORMAT_XRGB8888, DRM_FORMAT_RGB565,
				     DRM_FORMAT_C8 };
	struct vv_format_scratch scratch = { 0 };

	for (size_t i = 0; i < sizeof(fourccs) / sizeof(fourccs[0]); i++) {
		const struct vv_format *f = vv_format_lookup(fourccs[i]);
		uint32_t w = 37, h = 35, stride = w * f->cpp + 1;
		uint8_t *src = malloc((size_t)stride * h);
		uint32_t *dst = malloc((size_t)w * h * 4);
		int bad = 0;

		for (uint32_t y = 0; y < h; y++)
			for (uint32_t xb = 0; xb < stride; xb++)
				src[(size_t)y * stride + xb] =
				    (uint8_t)(pattern(xb / f->cpp, y) >>
					      8 * (xb % f->cpp));
		TST_CHECK(vv_format_convert_scratch(
			      f, VV_TILING_LINEAR, src, (size_t)stride * h,
			      stride, w, h, dst, w * 4, &scratch) == 0);
		for (uint32_t y = 0; y < h; y++)
			for (uint32_t x = 0; x < w; x++)
				bad +=
				    dst[(size_t)y * w + x] !=
				    expected_pixel(fourccs[i], pattern(x, y));
		TST_CHECK(bad == 0);
		free(src);
		free(dst);
	}
	vv_format_scratch_finish(&scratch);
}

int
main(void)
{
	TST_RUN(test_names);
	TST_RUN(test_tiling_offsets);
	TST_RUN(test_convert_pixels);
	TST_RUN(test_convert_rejects_short_buffers);
	TST_RUN(test_detile);
	TST_RUN(test_detile_awkward);
	TST_RUN(test_convert_odd_stride);
	return tst_failures ? 1 : 0;
}
