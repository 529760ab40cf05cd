/*
 * The pattern test clients draw and png-check expects: every pixel of a
 * small image differs from its neighbours, so a shift, a flip or a wrong
 * detiling shows. 0xffRRGGBB.
 */
#pragma once

#include <stdint.h>

static inline uint32_t
tc_test_pattern(uint32_t x, uint32_t y)
{
	uint32_t r = (x * 7 + y * 3) & 0xff;
	uint32_t g = ((x * 5) ^ (y * 11)) & 0xff;
	uint32_t b = (x + y * 13 + 0x40) & 0xff;

	return 0xff000000u | r << 16 | g << 8 | b;
}
