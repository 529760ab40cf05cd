#include "vfio-ioctl.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

/* The first step of the one retry policy (device.h): EINTR and EAGAIN say
 * "not this time" before the driver did anything, so every ioctl here is
 * asked again at once, a bounded number of times, and no caller sees one
 * unless it lasts. */
#define RETRIES_AT_ONCE 3

static int
xioctl(int fd, unsigned long request, void *arg)
{
	int ret;

	for (int attempt = 0;; attempt++) {
		ret = ioctl(fd, request, arg);
		if (ret >= 0)
			return ret;
		if ((errno != EINTR && errno != EAGAIN) ||
		    attempt + 1 >= RETRIES_AT_ONCE)
			return -errno;
	}
}

int
vv_vfio_get_api_version(int container)
{
	return xioctl(container, VFIO_GET_API_VERSION, NULL);
}

int
vv_vfio_set_iommu(int container, unsigned long type)
{
	/* The argument is the IOMMU type itself, not a pointer to it. */
	int ret = ioctl(container, VFIO_SET_IOMMU, type);

	return ret < 0 ? -errno : 0;
}

int
vv_vfio_group_get_status(int group, struct vfio_group_status *out)
{
	memset(out, 0, sizeof(*out));
	out->argsz = sizeof(*out);
	return xioctl(group, VFIO_GROUP_GET_STATUS, out);
}

int
vv_vfio_group_set_container(int group, int container)
{
	return xioctl(group, VFIO_GROUP_SET_CONTAINER, &container);
}

int
vv_vfio_group_get_device_fd(int group, const char *name)
{
	return xioctl(group, VFIO_GROUP_GET_DEVICE_FD, (void *)name);
}

int
vv_vfio_device_bind_iommufd(int device, int iommufd, uint32_t *devid)
{
	struct vfio_device_bind_iommufd bind = {
		.argsz = sizeof(bind),
		.flags = 0,
		.iommufd = iommufd,
	};
	int ret = xioctl(device, VFIO_DEVICE_BIND_IOMMUFD, &bind);

	if (ret == 0 && devid)
		*devid = bind.out_devid;
	return ret;
}

int
vv_iommu_ioas_alloc(int iommufd, uint32_t *ioas_id)
{
	struct iommu_ioas_alloc alloc = {
		.size = sizeof(alloc),
	};
	int ret = xioctl(iommufd, IOMMU_IOAS_ALLOC, &alloc);

	if (ret == 0)
		*ioas_id = alloc.out_ioas_id;
	return ret;
}

int
vv_vfio_device_attach_iommufd_pt(int device, uint32_t pt_id)
{
	struct vfio_device_attach_iommufd_pt attach = {
		.argsz = sizeof(attach),
		.pt_id = pt_id,
	};

	return xioctl(device, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &attach);
}

int
vv_vfio_device_get_info(int device, struct vfio_device_info *out)
{
	memset(out, 0, sizeof(*out));
	out->argsz = sizeof(*out);
	return xioctl(device, VFIO_DEVICE_GET_INFO, out);
}

int
vv_vfio_device_query_gfx_plane(int device,
			       struct vfio_device_gfx_plane_info *info)
{
	info->argsz = sizeof(*info);
	return xioctl(device, VFIO_DEVICE_QUERY_GFX_PLANE, info);
}

int
vv_vfio_device_get_gfx_dmabuf(int device, uint32_t dmabuf_id)
{
	return xioctl(device, VFIO_DEVICE_GET_GFX_DMABUF, &dmabuf_id);
}

int
vv_vfio_device_get_region_info(int device, uint32_t index,
			       struct vfio_region_info *info, uint32_t argsz)
{
	info->argsz = argsz;
	info->index = index;
	return xioctl(device, VFIO_DEVICE_GET_REGION_INFO, info);
}
