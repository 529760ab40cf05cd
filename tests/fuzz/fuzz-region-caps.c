/* A VFIO_DEVICE_GET_REGION_INFO answer as a driver fills it: the struct
 * vfio_region_info and the capability chain after it, walked by
 * vv_vfio_region_cap_type (how the EDID region is found). The input is the
 * answer, its size the argsz the viewer asked with, in a heap block of
 * exactly that size so that a step past it is an ASan report. */
#include <linux/vfio.h>

#include "fuzz.h"
#include "vfio.h"

/* vfio.c asks with at most this much (REGION_INFO_MAX). */
#define MAX_ARGSZ 1024

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t type = 0, subtype = 0;

	/* The caller's contract: at least the fixed part. */
	if (size < sizeof(struct vfio_region_info) || size > MAX_ARGSZ)
		return 0;
	uint8_t *raw = malloc(size);
	if (!raw)
		abort();
	memcpy(raw, data, size);
	vv_vfio_region_cap_type(raw, (uint32_t)size, &type, &subtype);
	free(raw);
	return 0;
}
