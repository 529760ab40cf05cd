/* The EDID read back from a device's EDID region (--set-mode): the blob
 * through vv_edid_preferred in a heap block of exactly its size, and the
 * whole vv_set_mode exchange with a device whose region header and
 * read-back answer are the input. Also checks that every block
 * vv_edid_build writes reads back as the mode it was built for.
 *
 * Input: width, height (u16 each, the mode asked for), max_size, max_xres,
 * max_yres (u32 each, the region's header), one byte saying how the device
 * answers (bit 0: the write fails, bit 1: the read fails, bit 2: the read
 * gives back what was written); the rest is the blob read back. */
#include <errno.h>
#include <stdio.h>

#include "device.h"
#include "edid.h"
#include "fuzz.h"
#include "set-mode.h"
#include "source.h"

struct fake_device {
	struct vv_device base;
	struct vv_edid_info info;
	uint8_t how;
	const uint8_t *back; /* the blob read back, @back_len bytes */
	size_t back_len;
	uint8_t written[VV_EDID_BLOCK];
	size_t written_len;
};

static int
fake_edid_info(struct vv_device *base, struct vv_edid_info *out)
{
	*out = ((struct fake_device *)base)->info;
	return 0;
}

static int
fake_edid_write(struct vv_device *base, const uint8_t *blob, size_t len)
{
	struct fake_device *dev = (struct fake_device *)base;

	if (dev->how & 1)
		return -EIO;
	if (len > sizeof(dev->written))
		abort();
	memcpy(dev->written, blob, len);
	dev->written_len = len;
	return 0;
}

/* The ops contract: at most @len bytes, *size says how many. */
static int
fake_edid_read(struct vv_device *base, uint8_t *blob, size_t len, size_t *size)
{
	struct fake_device *dev = (struct fake_device *)base;
	const uint8_t *from = dev->how & 4 ? dev->written : dev->back;
	size_t n = dev->how & 4 ? dev->written_len : dev->back_len;

	if (dev->how & 2)
		return -EINVAL;
	*size = n < len ? n : len;
	memcpy(blob, from, *size);
	return 0;
}

/* The device lives on the stack: its source lets go of nothing. */
static void
fake_destroy(struct vv_device *base)
{
	(void)base;
}

static const struct vv_device_ops fake_ops = {
	.edid_info = fake_edid_info,
	.edid_write = fake_edid_write,
	.edid_read = fake_edid_read,
	.destroy = fake_destroy,
};

static void
check_round_trip(uint32_t width, uint32_t height)
{
	uint8_t blob[VV_EDID_BLOCK];
	uint32_t w = 0, h = 0;

	if (vv_edid_build(blob, width, height, 60) != 0) {
		if (width && height && width <= VV_EDID_MAX_SIDE &&
		    height <= VV_EDID_MAX_SIDE)
			abort();
		return;
	}
	if (vv_edid_preferred(blob, sizeof(blob), &w, &h) != 0 || w != width ||
	    h != height)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vv_fuzz_input in = { data, size };
	struct fake_device dev = { .base = { .ops = &fake_ops } };
	struct vv_err err = { 0 };
	uint32_t width = (uint32_t)vv_fuzz_take(&in, 2);
	uint32_t height = (uint32_t)vv_fuzz_take(&in, 2);
	uint32_t w, h;

	dev.info.max_size = vv_fuzz_u32(&in);
	dev.info.max_xres = vv_fuzz_u32(&in);
	dev.info.max_yres = vv_fuzz_u32(&in);
	dev.how = (uint8_t)vv_fuzz_take(&in, 1);
	snprintf(dev.base.name, sizeof(dev.base.name), "fuzz device");

	/* The blob alone, in a block of exactly its size. */
	uint8_t *blob = malloc(in.size ? in.size : 1);
	if (!blob)
		abort();
	memcpy(blob, in.data, in.size);
	vv_edid_preferred(blob, in.size, &w, &h);
	dev.back = blob;
	dev.back_len = in.size;

	char line[256];
	FILE *out = fmemopen(line, sizeof(line), "w");
	if (!out)
		abort();
	struct vv_source *source = vv_source_adopt("fuzz", &dev.base);
	vv_set_mode(source, width, height, out, &err);
	vv_source_destroy(source);
	fclose(out);
	free(blob);
	check_round_trip(width, height);
	return 0;
}
