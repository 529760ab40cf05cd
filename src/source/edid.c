#include "edid.h"

#include <errno.h>
#include <string.h>

/* CVT reduced blanking (VESA CVT 1.2, RB v1): fixed horizontal blanking,
 * vertical blanking long enough for 460 us. What guests' drivers accept
 * for any size a window can have. */
#define RB_H_BLANK       160
#define RB_H_FRONT       48
#define RB_H_SYNC        32
#define RB_V_FRONT       3
#define RB_V_SYNC        6
#define RB_V_BACK_MIN    6
#define RB_MIN_VBLANK_US 460

struct timing {
	uint32_t clock_10khz;
	uint32_t h_active, h_blank, h_front, h_sync;
	uint32_t v_active, v_blank, v_front, v_sync;
};

static struct timing
cvt_rb(uint32_t width, uint32_t height, uint32_t refresh_hz)
{
	struct timing t = {
		.h_active = width,
		.h_blank = RB_H_BLANK,
		.h_front = RB_H_FRONT,
		.h_sync = RB_H_SYNC,
		.v_active = height,
		.v_front = RB_V_FRONT,
		.v_sync = RB_V_SYNC,
	};
	/* Line time (us) if the blanking took exactly 460 us, then the
	 * lines that covers, rounded up. */
	double frame_us = 1e6 / refresh_hz;
	double line_us = (frame_us - RB_MIN_VBLANK_US) / height;
	uint32_t v_blank = (uint32_t)(RB_MIN_VBLANK_US / line_us) + 1;
	uint32_t v_min = RB_V_FRONT + RB_V_SYNC + RB_V_BACK_MIN;

	t.v_blank = v_blank < v_min ? v_min : v_blank;
	/* The clock in 0.25 MHz steps, rounded down, as CVT does. */
	double hz =
	    (double)(width + RB_H_BLANK) * (height + t.v_blank) * refresh_hz;
	uint32_t quarter_mhz = (uint32_t)(hz / 250000.0);
	/* Tiny modes still need a clock a timing can carry (0 means "not
	 * a timing"). */
	t.clock_10khz = quarter_mhz ? quarter_mhz * 25 : 25;
	return t;
}

static void
put_detailed_timing(uint8_t *d, const struct timing *t, uint32_t width_mm,
		    uint32_t height_mm)
{
	d[0] = t->clock_10khz & 0xff;
	d[1] = t->clock_10khz >> 8;
	d[2] = t->h_active & 0xff;
	d[3] = t->h_blank & 0xff;
	d[4] = (uint8_t)((t->h_active >> 8) << 4 | (t->h_blank >> 8));
	d[5] = t->v_active & 0xff;
	d[6] = t->v_blank & 0xff;
	d[7] = (uint8_t)((t->v_active >> 8) << 4 | (t->v_blank >> 8));
	d[8] = t->h_front & 0xff;
	d[9] = t->h_sync & 0xff;
	d[10] = (uint8_t)((t->v_front & 0xf) << 4 | (t->v_sync & 0xf));
	d[11] = (uint8_t)((t->h_front >> 8) << 6 | (t->h_sync >> 8) << 4 |
			  (t->v_front >> 4) << 2 | (t->v_sync >> 4));
	d[12] = width_mm & 0xff;
	d[13] = height_mm & 0xff;
	d[14] = (uint8_t)((width_mm >> 8) << 4 | (height_mm >> 8));
	d[15] = 0;
	d[16] = 0;
	/* Digital separate sync, hsync +, vsync - (CVT RB's polarity). */
	d[17] = 0x18 | 0x02;
}

static void
put_text_descriptor(uint8_t *d, uint8_t tag, const char *text)
{
	size_t n = strlen(text);

	memset(d, 0, 18);
	d[3] = tag;
	memset(d + 5, ' ', 13);
	memcpy(d + 5, text, n > 13 ? 13 : n);
	if (n < 13)
		d[5 + n] = '\n';
}

int
vv_edid_build(uint8_t out[VV_EDID_BLOCK], uint32_t width, uint32_t height,
	      uint32_t refresh_hz)
{
	static const uint8_t header[8] = { 0x00, 0xff, 0xff, 0xff,
					   0xff, 0xff, 0xff, 0x00 };

	if (!width || !height || width > VV_EDID_MAX_SIDE ||
	    height > VV_EDID_MAX_SIDE || !refresh_hz || refresh_hz > 240)
		return -EINVAL;
	memset(out, 0, VV_EDID_BLOCK);
	memcpy(out, header, sizeof(header));
	/* Manufacturer "VGV" in 5-bit letters, big endian. */
	uint16_t id =
	    (uint16_t)(('V' - '@') << 10 | ('G' - '@') << 5 | ('V' - '@'));
	out[8] = id >> 8;
	out[9] = id & 0xff;
	out[10] = 0x01; /* product code */
	out[16] = 1;    /* week of manufacture */
	out[17] = 2026 - 1990;
	out[18] = 1; /* EDID 1.4 */
	out[19] = 4;
	out[20] = 0x80 | 0x20 | 0x05; /* digital, 8 bpc, DisplayPort */
	/* A 96 dpi screen, in cm. */
	uint32_t width_mm = width * 254 / 960, height_mm = height * 254 / 960;
	out[21] = (uint8_t)((width_mm + 5) / 10 ? (width_mm + 5) / 10 : 1);
	out[22] = (uint8_t)((height_mm + 5) / 10 ? (height_mm + 5) / 10 : 1);
	out[23] = 120; /* gamma 2.2 */
	/* sRGB default colour space, preferred timing is native. */
	out[24] = 0x04 | 0x02;
	/* sRGB chromaticity, as every sRGB monitor reports it. */
	static const uint8_t srgb[10] = { 0xee, 0x91, 0xa3, 0x54, 0x4c,
					  0x99, 0x26, 0x0f, 0x50, 0x54 };
	memcpy(out + 25, srgb, sizeof(srgb));
	/* No established timings; standard timings unused (0x01 0x01). */
	for (int i = 38; i < 54; i++)
		out[i] = 0x01;

	struct timing t = cvt_rb(width, height, refresh_hz);
	put_detailed_timing(out + 54, &t, width_mm, height_mm);
	put_text_descriptor(out + 72, 0xfc, "vgpu-view");
	put_text_descriptor(out + 90, 0xff, "0");
	put_text_descriptor(out + 108, 0x10, ""); /* dummy */
	memset(out + 108 + 5, 0, 13);

	uint8_t sum = 0;
	for (int i = 0; i < VV_EDID_BLOCK - 1; i++)
		sum += out[i];
	out[VV_EDID_BLOCK - 1] = (uint8_t)(0x100 - sum);
	return 0;
}

int
vv_edid_preferred(const uint8_t *blob, size_t len, uint32_t *width,
		  uint32_t *height)
{
	static const uint8_t header[8] = { 0x00, 0xff, 0xff, 0xff,
					   0xff, 0xff, 0xff, 0x00 };
	uint8_t sum = 0;

	if (len < VV_EDID_BLOCK || memcmp(blob, header, sizeof(header)) != 0)
		return -EINVAL;
	for (int i = 0; i < VV_EDID_BLOCK; i++)
		sum += blob[i];
	const uint8_t *d = blob + 54;
	if (sum != 0 || (d[0] == 0 && d[1] == 0))
		return -EINVAL;
	*width = d[2] | (uint32_t)(d[4] >> 4) << 8;
	*height = d[5] | (uint32_t)(d[7] >> 4) << 8;
	return 0;
}
