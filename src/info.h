/* --info: the guest's planes as lines of key=value pairs, stable for
 * scripts. One line per plane:
 *   plane=primary format=XR24 modifier=LINEAR width=640 height=480
 *     stride=2560 size=1228800 kind=dmabuf dmabuf_id=1 x=0 y=0
 *   plane=cursor ... hot_x=0 hot_y=0      (cursor lines add the hotspot)
 *   ... kind=region region=16 ...         (region planes)
 *   plane=cursor state=none               (the guest shows nothing there)
 *   plane=primary state=invalid reason="stride 10 is shorter than ..."
 * With a compositor at hand, valid planes end with the path they would take
 * to the screen: path=zero-copy|shm-import|copy|none.
 *
 * The grammar (README; tests/tools/info-grammar.c checks it): pairs
 * separated by one space; keys [a-z][a-z0-9_]* in the order above; values
 * bare (printable ASCII, no space, '"' or '\\') or quoted, with '"' and '\\'
 * escaped by a backslash and other bytes as \xhh.
 */
#ifndef VV_INFO_H
#define VV_INFO_H

#include <stdio.h>

#include "plane.h"
#include "source.h"

/* Names the path a plane would take to the screen; the device side does
 * not know the compositor, main.c does. */
struct vv_info_paths {
	const char *(*name)(void *data, const struct vv_plane *plane);
	void *data;
};

/* Prints both planes of @source's device (open) once; @paths (NULL: no
 * path key) names their paths. Returns 0, or -errno with @err filled when
 * a query fails for good. */
int vv_info_print(struct vv_source *source, FILE *out,
		  const struct vv_info_paths *paths, struct vv_err *err);

/* Prints a plane's line whenever it changes, polling at 60 Hz, until a
 * signal arrives on @signal_fd (a signalfd). Failed queries that may pass
 * (transient, EIO) are asked again, said as the window says them
 * (query.h); a final one (the device gone) ends the watch with @err
 * filled. */
int vv_info_watch(struct vv_source *source, FILE *out, int signal_fd,
		  const struct vv_info_paths *paths, struct vv_err *err);

#endif
