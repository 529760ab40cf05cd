/* --snapshot: the guest's screen now, primary with the cursor drawn on it,
 * as a PNG with the guest's exact pixels. */
#ifndef VV_SNAPSHOT_H
#define VV_SNAPSHOT_H

#include "error.h"
#include "source.h"

/* Writes @path from @source's planes. Returns 0, or -errno with @err
 * filled. A cursor plane that is missing is not an error; one that is
 * invalid or unreadable is left out with a warning. */
int vv_snapshot_write(struct vv_source *source, const char *path,
		      struct vv_err *err);

#endif
