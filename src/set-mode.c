#include "set-mode.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "edid.h"
#include "guest-mode.h"

int
vv_mode_parse(const char *text, uint32_t *width, uint32_t *height)
{
	char *end;
	unsigned long w = strtoul(text, &end, 10);

	if (end == text || *end != 'x')
		return -EINVAL;
	const char *h_text = end + 1;
	unsigned long h = strtoul(h_text, &end, 10);
	if (end == h_text || *end || !w || !h || w > 16384 || h > 16384)
		return -EINVAL;
	*width = (uint32_t)w;
	*height = (uint32_t)h;
	return 0;
}

int
vv_set_mode(struct vv_source *source, uint32_t width, uint32_t height,
	    FILE *out, struct vv_err *err)
{
	/* The EDID region is more of the device than its planes: the one
	 * job that takes the device itself. */
	struct vv_device *dev = vv_source_device(source);
	const char *name = vv_source_name(source);
	struct vv_edid_info info;
	uint8_t blob[VV_EDID_BLOCK], back[4096];
	size_t size = 0;
	uint32_t w, h;

	if (!dev)
		return vv_err_set(
		    err, ENODEV,
		    "%s is gone (the device was removed or its VM stopped)",
		    name);
	int ret = vv_guest_mode_region(dev, &info);
	if (ret == -ENOENT)
		return vv_err_set(
		    err, ENOTSUP,
		    "%s has no EDID region: its guest's mode cannot be set from outside (set it inside the guest)",
		    name);
	if (ret && ret != -ENOSPC)
		return vv_err_set(err, -ret, "cannot read %s's EDID region: %s",
				  name, strerror(-ret));
	if ((info.max_xres && width > info.max_xres) ||
	    (info.max_yres && height > info.max_yres))
		return vv_err_set(
		    err, EINVAL,
		    "%ux%u is larger than %s allows (%ux%u): pick a smaller mode",
		    width, height, name, info.max_xres, info.max_yres);
	if (ret == -ENOSPC || width > VV_EDID_MAX_SIDE ||
	    height > VV_EDID_MAX_SIDE)
		return vv_err_set(
		    err, EINVAL,
		    "%ux%u does not fit in an EDID for %s (at most %ux%u)",
		    width, height, name, VV_EDID_MAX_SIDE, VV_EDID_MAX_SIDE);
	ret = vv_guest_mode_write(dev, width, height, blob);
	if (ret)
		return vv_err_set(err, -ret,
				  "%s refused the EDID for %ux%u: %s", name,
				  width, height, strerror(-ret));
	ret = vv_guest_mode_read(dev, back, sizeof(back), &size);
	if (ret)
		return vv_err_set(err, -ret, "cannot read %s's EDID back: %s",
				  name, strerror(-ret));
	if (size != sizeof(blob) || memcmp(back, blob, size) ||
	    vv_edid_preferred(back, size, &w, &h))
		return vv_err_set(
		    err, EIO,
		    "%s's EDID region does not hold what was written (%zu bytes back)",
		    name, size);
	fprintf(out, "edid=%ux%u max=%ux%u link=up\n", w, h, info.max_xres,
		info.max_yres);
	return 0;
}
