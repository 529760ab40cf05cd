/*
 * I915_FORMAT_MOD_X_TILED: 4 KiB tiles of 512 bytes x 8 rows, each tile a
 * plain row-major block, tiles row-major across the stride.
 * I915_FORMAT_MOD_Y_TILED: 4 KiB tiles of 128 bytes x 32 rows, each tile
 * made of eight 16-byte-wide columns of 32 rows (OWords), column-major.
 */
#include "detile.h"

#include <drm_fourcc.h>
#include <string.h>

bool
tc_tiling_get(uint64_t modifier, struct tc_tiling *tiling)
{
	switch (modifier) {
	case DRM_FORMAT_MOD_LINEAR:
		*tiling = (struct tc_tiling){ 1, 1 };
		return true;
	case I915_FORMAT_MOD_X_TILED:
		*tiling = (struct tc_tiling){ 512, 8 };
		return true;
	case I915_FORMAT_MOD_Y_TILED:
		*tiling = (struct tc_tiling){ 128, 32 };
		return true;
	default:
		return false;
	}
}

uint64_t
tc_tiled_offset(uint64_t modifier, uint32_t stride, uint32_t x_byte, uint32_t y)
{
	/* start of the row of tiles that holds row y, and of the tile */
	uint64_t base;

	switch (modifier) {
	case I915_FORMAT_MOD_X_TILED:
		base = (uint64_t)(y / 8) * 8 * stride + (x_byte / 512) * 4096;
		return base + (y % 8) * 512 + x_byte % 512;
	case I915_FORMAT_MOD_Y_TILED:
		base = (uint64_t)(y / 32) * 32 * stride + (x_byte / 128) * 4096;
		return base + ((x_byte % 128) / 16) * 32 * 16 + (y % 32) * 16 +
		       x_byte % 16;
	default:
		return (uint64_t)y * stride + x_byte;
	}
}

void
tc_detile(uint64_t modifier, const uint8_t *src, uint32_t src_stride,
	  uint8_t *dst, uint32_t dst_stride, uint32_t width_bytes,
	  uint32_t height)
{
	struct tc_tiling tiling;

	if (!tc_tiling_get(modifier, &tiling))
		return;
	/* Runs of bytes contiguous in both layouts: a tile's row for X, an
	 * OWord for Y, the whole row for linear. */
	uint32_t run = modifier == I915_FORMAT_MOD_X_TILED   ? 512
		       : modifier == I915_FORMAT_MOD_Y_TILED ? 16
							     : width_bytes;

	for (uint32_t y = 0; y < height; y++) {
		uint8_t *row = dst + (uint64_t)y * dst_stride;

		for (uint32_t x = 0; x < width_bytes; x += run) {
			uint32_t n =
			    width_bytes - x < run ? width_bytes - x : run;
			memcpy(row + x,
			       src +
				   tc_tiled_offset(modifier, src_stride, x, y),
			       n);
		}
	}
}
