/* The DEVICE argument: every form of the address grammar (demo[:WxH[@N]],
 * UUID, /sys/bus/mdev/devices/UUID, /dev/vfio/..., fd:N, pid:PID[:FD]),
 * through the one parser that decides what an address is (address.h), in a
 * heap block of exactly its length + 1. vv_device_open runs only on the
 * forms that open nothing outside this process: demo (small sizes, so that
 * an iteration stays fast, and no drm= option: it would open PATH) and fd:N
 * (this process's own fds, none a VFIO device); on a refused address it must
 * give the parser's line. A UUID that parses must come back as 36 lower-case
 * characters that parse again. */
#include <ctype.h>
#include <stdio.h>

#include "address.h"
#include "device.h"
#include "fuzz.h"
#include "vfio-sysfs.h"

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
	struct vv_err err = { 0 }, again = { 0 };
	struct vv_address address;

	check_uuid(text);
	vv_vfio_classify_link(text);
	if (vv_address_parse(text, &address, &err) < 0) {
		/* Refused by the grammar alone, with one line, the same one
		 * vv_device_open gives. */
		if (!err.text[0] || vv_device_open(text, &again) ||
		    strcmp(err.text, again.text) != 0)
			abort();
	} else if ((address.kind == VV_ADDRESS_DEMO && !address.drm &&
		    small_demo(text)) ||
		   address.kind == VV_ADDRESS_FD) {
		struct vv_device *dev = vv_device_open(text, &err);
		/* No fd of ours is a VFIO device. */
		if (dev && address.kind == VV_ADDRESS_FD)
			abort();
		vv_device_destroy(dev);
	}
	free(text);
	return 0;
}
