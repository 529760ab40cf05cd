/* The EDID offered to a guest for a window-sized mode: a valid block whose
 * first detailed timing is the mode, as drivers (and the emulated device's
 * own parser) read it. */
#include <errno.h>
#include <stdint.h>

#include "edid.h"
#include "tst.h"

static void
preferred_mode_round_trips(void)
{
	static const uint32_t modes[][2] = {
		{ 640, 480 },   { 1024, 768 },  { 1920, 1080 }, { 1366, 768 },
		{ 3840, 2160 }, { 4095, 4095 }, { 801, 601 },   { 1, 1 },
	};
	uint8_t blob[VV_EDID_BLOCK];

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		uint32_t w = 0, h = 0;
		TST_CHECK(vv_edid_build(blob, modes[i][0], modes[i][1], 60) ==
			  0);
		TST_CHECK(vv_edid_preferred(blob, sizeof(blob), &w, &h) == 0);
		TST_CHECK(w == modes[i][0] && h == modes[i][1]);
	}
}

static void
block_is_valid(void)
{
	uint8_t blob[VV_EDID_BLOCK];
	uint8_t sum = 0;

	TST_CHECK(vv_edid_build(blob, 1920, 1080, 60) == 0);
	for (int i = 0; i < VV_EDID_BLOCK; i++)
		sum += blob[i];
	TST_CHECK(sum == 0);
	TST_CHECK(blob[0] == 0x00 && blob[1] == 0xff && blob[7] == 0x00);
	TST_CHECK(blob[18] == 1 && blob[19] == 4);
	/* 1920x1080 CVT-RB at 60 Hz is 138.50 MHz (VESA DMT 0x52). */
	uint32_t clock = blob[54] | (uint32_t)blob[55] << 8;
	TST_CHECK(clock == 13850);
	/* Corrupting a byte breaks the checksum. */
	blob[60] ^= 1;
	uint32_t w, h;
	TST_CHECK(vv_edid_preferred(blob, sizeof(blob), &w, &h) == -EINVAL);
}

static void
refuses_what_it_cannot_describe(void)
{
	uint8_t blob[VV_EDID_BLOCK];

	TST_CHECK(vv_edid_build(blob, 0, 480, 60) == -EINVAL);
	TST_CHECK(vv_edid_build(blob, 4096, 480, 60) == -EINVAL);
	TST_CHECK(vv_edid_build(blob, 640, 16384, 60) == -EINVAL);
	TST_CHECK(vv_edid_build(blob, 640, 480, 0) == -EINVAL);
	uint32_t w, h;
	TST_CHECK(vv_edid_preferred(blob, 64, &w, &h) == -EINVAL);
}

int
main(void)
{
	TST_RUN(preferred_mode_round_trips);
	TST_RUN(block_is_valid);
	TST_RUN(refuses_what_it_cannot_describe);
	return tst_failures != 0;
}
