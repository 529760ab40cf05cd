/* The DEVICE argument: every form of the address grammar (demo[:WxH[@N]],
 * UUID, /sys/bus/mdev/devices/UUID, /dev/vfio/..., fd:N, pid:PID[:FD]),
 * through the parsers that decide what an address is, in a heap block of
 * exactly its length + 1. vv_device_open runs only on the forms that open
 * nothing outside this process: demo (small sizes, so that an iteration
 * stays fast, and no drm= option) and fd:N (this process's own fds, none a VFIO
 * device). A UUID that parses must come back as 36 lower-case characters that
 * parse again. */
#include <ctype.h>
#include <stdio.h>

#include "device.h"
#include "fuzz.h"
#include "vfio-sysfs.h"
#include "vfio.h"

/* True when every number before any '@' is below 100: a demo of at most
 * 99x99 (the demo's own minimum is 64). */
static bool
small_demo(const char *s)
{
	for (; *s && *s != '@'; s++) {
		if (!isdigit((unsigned char)*s))
			continue;
		while (*s == '0')
			s++;
		size_t digits = 0;
		while (isdigit((unsigned char)s[digits]))
			digits++;
		if (digits > 2)
			return false;
		s += digits;
		if (!*s)
			break;
	}
	return true;
}

static void
check_uuid(const char *text)
{
	char uuid[VV_VFIO_UUID_LEN + 1], again[VV_VFIO_UUID_LEN + 1];

	if (!vv_vfio_parse_uuid(text, uuid))
		return;
	if (strlen(uuid) != VV_VFIO_UUID_LEN ||
	    !vv_vfio_parse_uuid(uuid, again) || strcmp(uuid, again) != 0)
		abort();
	for (const char *c = uuid; *c; c++)
		if (isupper((unsigned char)*c))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = vv_fuzz_string(data, size);
	struct vv_err err = { 0 };

	check_uuid(text);
	bool vfio = vv_vfio_address_is_vfio(text);
	vv_vfio_classify_link(text);
	/* No demo option: drm=PATH would open PATH. */
	if ((strncmp(text, "demo", 4) == 0 && small_demo(text) &&
	     !strchr(text, ',')) ||
	    (strncmp(text, "fd:", 3) == 0 && vfio)) {
		struct vv_device *dev = vv_device_open(text, &err);
		/* No fd of ours is a VFIO device. */
		if (dev && strncmp(text, "fd:", 3) == 0)
			abort();
		vv_device_destroy(dev);
	} else if (!vfio && strncmp(text, "demo", 4) != 0) {
		/* Refused by the grammar alone, with one line. */
		if (vv_device_open(text, &err) || !err.text[0])
			abort();
	}
	free(text);
	return 0;
}
