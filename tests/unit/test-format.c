/* Format names, tiling layouts and CPU conversion. */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdlib.h>

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

int
main(void)
{
	TST_RUN(test_names);
	TST_RUN(test_tiling_offsets);
	TST_RUN(test_convert_pixels);
	TST_RUN(test_convert_rejects_short_buffers);
	TST_RUN(test_detile);
	return tst_failures ? 1 : 0;
}
