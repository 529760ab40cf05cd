#include "guest-mode.h"

#include <errno.h>

#define GUEST_REFRESH_HZ 60

void
vv_guest_mode_fit(const struct vv_edid_info *info, uint32_t *width,
		  uint32_t *height)
{
	if (*width < VV_GUEST_MIN_W)
		*width = VV_GUEST_MIN_W;
	if (*height < VV_GUEST_MIN_H)
		*height = VV_GUEST_MIN_H;
	if (info->max_xres && *width > info->max_xres)
		*width = info->max_xres;
	if (info->max_yres && *height > info->max_yres)
		*height = info->max_yres;
	if (*width > VV_EDID_MAX_SIDE)
		*width = VV_EDID_MAX_SIDE;
	if (*height > VV_EDID_MAX_SIDE)
		*height = VV_EDID_MAX_SIDE;
}

int
vv_guest_mode_region(struct vv_device *dev, struct vv_edid_info *info)
{
	if (!dev->ops->edid_info || !dev->ops->edid_write ||
	    !dev->ops->edid_read)
		return -ENOENT;
	int ret = dev->ops->edid_info(dev, info);
	if (!ret && info->max_size < VV_EDID_BLOCK)
		return -ENOSPC;
	return ret;
}

int
vv_guest_mode_write(struct vv_device *dev, uint32_t width, uint32_t height,
		    uint8_t blob[VV_EDID_BLOCK])
{
	if (vv_edid_build(blob, width, height, GUEST_REFRESH_HZ))
		return -EINVAL;
	return dev->ops->edid_write(dev, blob, VV_EDID_BLOCK);
}

int
vv_guest_mode_read(struct vv_device *dev, uint8_t *blob, size_t len,
		   size_t *size)
{
	if (!dev->ops->edid_read)
		return -ENOENT;
	return dev->ops->edid_read(dev, blob, len, size);
}
