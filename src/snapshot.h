/* --snapshot: the guest's screen now, primary with the cursor drawn on it,
 * as a PNG with the guest's exact pixels. */
#ifndef VV_SNAPSHOT_H
#define VV_SNAPSHOT_H

#include "device.h"
#include "plane.h"

/* Writes @path. Returns 0, or -errno with @err filled. A cursor plane that
 * is missing is not an error; one that is invalid or unreadable is left out
 * with a warning. */
int vv_snapshot_write(struct vv_device *dev, struct vv_dmabuf_cache *cache,
		      const char *path, struct vv_err *err);

#endif
