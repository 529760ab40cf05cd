#include "device.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "address.h"
#include "demo.h"
#include "vfio.h"

struct vv_device *
vv_device_open(const char *address, struct vv_err *err)
{
	struct vv_address parsed;

	if (vv_address_parse(address, &parsed, err) < 0)
		return NULL;
	if (parsed.kind == VV_ADDRESS_DEMO)
		return vv_demo_open(&parsed, err);
	return vv_vfio_open(&parsed, err);
}

void
vv_device_destroy(struct vv_device *dev)
{
	if (dev)
		dev->ops->destroy(dev);
}

bool
vv_device_error_is_transient(int error)
{
	return error == -ENOMEM || error == -EAGAIN || error == -EINTR ||
	       error == -EBUSY;
}

bool
vv_device_error_may_pass(int error)
{
	return vv_device_error_is_transient(error) || error == -EIO;
}

int
vv_device_query_settled(struct vv_device *dev, enum vv_plane_type type,
			struct vv_plane_info *out)
{
	const struct timespec pause = { .tv_nsec = 10 * 1000 * 1000 };
	int ret = 0;

	for (int attempt = 0; attempt < 20; attempt++) {
		ret = vv_device_query_plane(dev, type, out);
		if (!vv_device_error_may_pass(ret))
			break;
		nanosleep(&pause, NULL);
	}
	return ret;
}
