#include "device.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "demo.h"
#include "vfio.h"

struct vv_device *
vv_device_open(const char *address, struct vv_err *err)
{
	if (strncmp(address, "demo", 4) == 0 &&
	    (address[4] == '\0' || address[4] == ':'))
		return vv_demo_open(address + 4, err);
	if (vv_vfio_address_is_vfio(address))
		return vv_vfio_open(address, err);
	vv_err_set(
	    err, EINVAL,
	    "'%s' is not a device address (expected a mdev UUID, /sys/bus/mdev/devices/UUID, /dev/vfio/devices/vfioN, fd:N, pid:PID[:FD] or demo[:WxH])",
	    address);
	return NULL;
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

const char *
vv_plane_type_name(enum vv_plane_type type)
{
	switch (type) {
	case VV_PLANE_PRIMARY:
		return "primary";
	case VV_PLANE_CURSOR:
		return "cursor";
	case VV_PLANE_TYPE_COUNT:
		break;
	}
	return "?";
}

const char *
vv_plane_kind_name(enum vv_plane_kind kind)
{
	switch (kind) {
	case VV_KIND_NONE:
		return "none";
	case VV_KIND_DMABUF:
		return "dmabuf";
	case VV_KIND_REGION:
		return "region";
	}
	return "?";
}
