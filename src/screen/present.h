/* Plane → wl_buffer: picks the path each plane takes (path.h, whose files
 * alone see inside struct vv_present), keeps one import per dmabuf id, and
 * says once per change which path a plane took and why. Knows planes and
 * Wayland buffers; not surfaces, not devices' internals. */
#ifndef VV_PRESENT_H
#define VV_PRESENT_H

#include <stdbool.h>
#include <stdint.h>

#include "plane-desc.h"
#include "stats.h"
#include "wayland.h"

/* The ways a plane reaches the compositor (path.h). */
enum vv_path {
	VV_PATH_NONE, /* nobody here can read the plane */
	VV_PATH_DMABUF,
	VV_PATH_SHM,
	VV_PATH_COPY,
	VV_PATH_COUNT,
};

/* A path's frame answer when it wrote new pixels into the buffer: they
 * need damage. 0 means the buffer is what it is (a dma-buf the compositor
 * reads as it stands); the caller decides whether to damage it anyway. */
#define VV_FRAME_DAMAGE 1

struct vv_present;

/* What the paths decide by besides the plane and the compositor: what the
 * source says of a plane's dma-buf, known without exporting or mapping
 * it. */
struct vv_dmabuf_desc {
	/* Bytes: the dma-buf's real size once exported (vv_dmabuf.size),
	 * the plane's reported size before. */
	uint64_t size;
	/* Its exporter, as vv_dmabuf.exporter ("" when none is named);
	 * borrowed. */
	const char *exporter;
	enum vv_dmabuf_access access;
};

/* @buffers must stay valid until vv_present_destroy. */
struct vv_present *vv_present_create(struct vv_wl *wl,
				     struct vv_plane_buffers buffers,
				     struct vv_stats *stats);

/* NULL is fine. Destroys every wl_buffer it made. */
void vv_present_destroy(struct vv_present *present);

/* The buffer showing @plane now: 0 with *out, or VV_FRAME_DAMAGE with *out
 * when the path wrote pixels into it the compositor has not been given
 * (damage them); -EINPROGRESS while an import is in flight or every copy
 * buffer is busy (keep what is shown); -ENOTSUP when nothing can show this
 * plane (vv_present_why says why, logged once). */
int vv_present_frame(struct vv_present *present, const struct vv_plane *plane,
		     struct wl_buffer **out);

/* The path @type took last, and why. */
enum vv_path vv_present_path(const struct vv_present *present,
			     enum vv_plane_type type);
const char *vv_present_why(const struct vv_present *present,
			   enum vv_plane_type type);

/* The plane of @type is gone: forget its path (a return is logged anew)
 * and what the paths kept for it. */
void vv_present_forget(struct vv_present *present, enum vv_plane_type type);

/* Drops dma-bufs idle for long, and the imports made from them. */
void vv_present_expire(struct vv_present *present, uint64_t now);

const char *vv_path_name(enum vv_path path);

/* The path vv_present_frame would take for @plane now, of those that
 * accept it (path.h), from descriptions alone: @desc says what the source
 * says of its dma-buf (NULL for a region plane). Exports, maps and sends
 * nothing, and asks @present's buffers for nothing but their name: for
 * --info, which must not change the device. A path that would then fail
 * (a mapping the driver refuses) is not foreseen. */
enum vv_path vv_present_would_take(const struct vv_present *present,
				   const struct vv_plane *plane,
				   const struct vv_dmabuf_desc *desc);

#endif
