/*
 * The CPU side of Intel's X and Y tiling, written from the layouts alone
 * (it cross-checks the viewer's own detiler, so it shares no code with it).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

struct tc_tiling {
	uint32_t tile_width;  /* bytes */
	uint32_t tile_height; /* rows */
};

/* Linear is a 1x1 "tiling"; false for modifiers vv-compositor cannot
 * undo. */
bool tc_tiling_get(uint64_t modifier, struct tc_tiling *tiling);

/*
 * Byte offset of byte x_byte of row y in a buffer of this tiling whose
 * stride (a multiple of the tile width) is stride bytes.
 */
uint64_t tc_tiled_offset(uint64_t modifier, uint32_t stride, uint32_t x_byte,
			 uint32_t y);

/*
 * Copies width_bytes x height from a tiled (or linear) buffer to a linear
 * one. The source must hold stride * height rounded up to the tile height.
 */
void tc_detile(uint64_t modifier, const uint8_t *src, uint32_t src_stride,
	       uint8_t *dst, uint32_t dst_stride, uint32_t width_bytes,
	       uint32_t height);
