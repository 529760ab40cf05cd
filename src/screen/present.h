/* Plane → wl_buffer: picks the path each plane takes (path.h), keeps one
 * import per dmabuf id, and says once per change which path a plane took
 * and why. Knows planes and Wayland buffers; not surfaces, not devices'
 * internals. */
#ifndef VV_PRESENT_H
#define VV_PRESENT_H

#include "log.h"
#include "path.h"
#include "stats.h"
#include "wayland.h"

/* The path chosen for one plane type, and for which mode. */
struct vv_present_slot {
	bool chosen;
	enum vv_path path;
	struct vv_plane_info mode; /* the plane it was chosen for */
	unsigned failed;           /* 1 << path: failed for this mode */
	/* Its dma-buf cannot be had (export failed, too small): nothing to
	 * choose a path for until it can. */
	bool unusable;
	char why[800]; /* why this path (or why none) */
	/* The path line and the unusable line: under intermittent faults a
	 * plane comes and goes every few frames, its line with it. */
	struct vv_log_repeat said_path, said_unusable;
};

struct vv_present {
	struct vv_wl *wl;
	struct vv_device *dev;           /* borrowed */
	struct vv_dmabuf_cache *dmabufs; /* borrowed */
	struct vv_stats *stats;          /* borrowed */
	struct wl_list imports;          /* struct vv_import.link */
	/* Pairs linux-dmabuf advertised but then refused to import: never
	 * offered again (wl-mirror's once-only fallback). */
	struct vv_format_set refused;
	void *path_state[VV_PATH_COUNT]; /* vv_path_ops.create's */
	struct vv_present_slot slots[VV_PLANE_TYPE_COUNT];
	/* The buffer vv_present_frame last returned per plane type: the
	 * caller attached it, so it is destroyed only once replaced. */
	struct wl_buffer *attached[VV_PLANE_TYPE_COUNT];
	uint64_t import_seq; /* imports made so far: vv_import.seq */
	/* When path-dmabuf.c last said that a guest churns dmabuf ids
	 * (CLOCK_MONOTONIC ns; 0: never), and imports started since then
	 * that never became the newest shown. */
	uint64_t churn_said_ns;
	uint64_t churn_skipped;
};

struct vv_present *vv_present_create(struct vv_wl *wl, struct vv_device *dev,
				     struct vv_dmabuf_cache *dmabufs,
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

/* Helpers for the path files. */
struct vv_import *vv_present_find_import(struct vv_present *present,
					 enum vv_path path,
					 const struct vv_plane *plane,
					 const struct vv_dmabuf *buf);
struct vv_import *vv_present_add_import(struct vv_present *present,
					enum vv_path path,
					const struct vv_plane *plane,
					const struct vv_dmabuf *buf);
/* Releases its wl_buffer or pending params: not for the attached one. */
void vv_present_import_destroy(struct vv_import *imp);

#endif
