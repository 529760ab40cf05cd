/* The ways a plane reaches the compositor, behind one small table, one file
 * each, tried in this order for every new plane mode:
 *
 *   dmabuf  zero copy: the dma-buf imported through linux-dmabuf
 *   shm     zero copy: the dma-buf's own memory shared as a wl_shm pool
 *           (memfd, udmabuf, GVT: buffers the CPU can map read-write)
 *   copy    the CPU converts the plane into our wl_shm buffers (regions,
 *           tiled or odd formats the compositor cannot take)
 *
 * A path that refuses a plane says why (accepts, from descriptions alone),
 * and so does one that fails it later (frame); present.c logs the path each
 * plane takes once per change. Only present.c and the path files see this. */
#ifndef VV_PATH_H
#define VV_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <wayland-client.h>

#include "error.h"
#include "format-set.h"
#include "format.h"
#include "log.h"
#include "plane-desc.h"
#include "present.h"

struct vv_shm_buffer;

/* The path chosen for one plane type, and for which mode. */
struct vv_present_slot {
	bool chosen;
	enum vv_path path;
	struct vv_plane_info mode; /* the plane it was chosen for */
	unsigned failed;           /* 1 << path: failed for this mode */
	/* Why each failed path failed, by enum vv_path: frame's @why (its
	 * text "" when it said nothing). */
	struct vv_err failed_why[VV_PATH_COUNT];
	/* Its dma-buf cannot be had (export failed, too small): nothing to
	 * choose a path for until it can. */
	bool unusable;
	char why[800]; /* why this path (or why none) */
	/* The path line and the unusable line: under intermittent faults a
	 * plane comes and goes every few frames, its line with it. */
	struct vv_log_repeat said_path, said_unusable;
};

/* What present.c keeps; the path files read and write their parts. */
struct vv_present {
	struct vv_wl *wl;
	/* The planes' dma-bufs and mappings, the device side's to give. */
	struct vv_plane_buffers buffers;
	struct vv_stats *stats; /* borrowed */
	struct wl_list imports; /* struct vv_import.link */
	/* Pairs linux-dmabuf advertised but then refused to import: never
	 * offered again (wl-mirror's once-only fallback). */
	struct vv_format_set refused;
	/* The paths, in the order they are tried: vv_present_create's
	 * table, or a test's (vv_present_create_with_paths). */
	const struct vv_path_ops *const *paths;
	size_t n_paths;
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

/* A dma-buf the compositor was given, one per plane type and dmabuf id (and
 * mode): the dmabuf and shm paths' wl_buffer. Per plane type, because a
 * driver may report one id for two planes with different layouts: each
 * plane's import is its own. Destroyed when the cache drops the id, or
 * (stale) once another buffer of its plane was attached in its place. */
struct vv_import {
	struct vv_present *present;
	enum vv_path path;
	enum vv_plane_type type;
	/* Replaced by an import of the same id in another mode: never found
	 * again, destroyed once it is not the attached buffer. */
	bool stale;
	uint32_t id;
	uint32_t serial; /* the cache's export it was made from */
	uint64_t seq;    /* vv_present.import_seq when made: newer is larger */
	struct vv_plane_info info;
	/* The modifier it was offered with: info.modifier, or
	 * DRM_FORMAT_MOD_INVALID (modifier-rule.h). */
	uint64_t wire_modifier;
	enum {
		VV_IMPORT_PENDING, /* linux-dmabuf `create` sent */
		VV_IMPORT_READY,
		VV_IMPORT_FAILED, /* the compositor said `failed` */
	} state;
	struct wl_buffer *buffer;                  /* ours; NULL unless READY */
	struct zwp_linux_buffer_params_v1 *params; /* while PENDING */
	struct wl_list link;                       /* vv_present.imports */
};

struct vv_path_ops {
	enum vv_path path;
	const char *name; /* for logs, --stats and the overlay */
	/* Whether this path can show @plane here: 0, with @why's text
	 * empty or a note for the log (how it shows it); or -errno with
	 * @why saying why not, in words for the path line. Pure: decided
	 * from @plane, the compositor's formats (present->wl, read only)
	 * and @desc, what the source says of the plane's dma-buf (NULL for
	 * a region plane); it maps, exports and asks nothing, so --info
	 * (vv_present_would_take) names paths without touching the guest's
	 * buffers. What only trying tells (does the mapping work?) is
	 * frame's to find out. */
	int (*accepts)(const struct vv_present *present,
		       const struct vv_plane *plane,
		       const struct vv_dmabuf_desc *desc, struct vv_err *why);
	/* The buffer to attach for @plane this frame: 0 or VV_FRAME_DAMAGE
	 * with *out, -EINPROGRESS while the compositor decides, another
	 * -errno when this path has failed for the plane (the caller moves
	 * on to the next), with @why saying why for the path line where the
	 * path knows (else "it failed for this plane"). @buf is the plane's
	 * dma-buf, NULL for a region plane. */
	int (*frame)(struct vv_present *present, const struct vv_plane *plane,
		     const struct vv_dmabuf *buf, struct wl_buffer **out,
		     struct vv_err *why);

	/* A path with state of its own makes it here; present.c keeps it
	 * (vv_present.path_state) and hands it back to the hooks, which
	 * may all be NULL. */
	void *(*create)(struct vv_present *present);
	void (*destroy)(void *state);
	/* The plane of @type is gone: let go of what was kept for it. */
	void (*forget)(void *state, enum vv_plane_type type);
	/* The dma-buf cache let ids go: let go of what still holds them. */
	void (*expire)(void *state, const struct vv_plane_buffers *buffers);
};

extern const struct vv_path_ops vv_path_dmabuf;
extern const struct vv_path_ops vv_path_shm;
extern const struct vv_path_ops vv_path_copy;

/* vv_present_create with @n paths of @table (borrowed; each a distinct
 * enum vv_path) tried in that order: a unit test's scripted paths drive the
 * same choice as the real ones. */
struct vv_present *
vv_present_create_with_paths(struct vv_wl *wl, struct vv_plane_buffers buffers,
			     struct vv_stats *stats,
			     const struct vv_path_ops *const *table, size_t n);

/* Helpers for the path files. */

/* The device's name, for messages. */
const char *vv_present_source_name(const struct vv_present *present);

/* True while the device side still keeps export @serial of dmabuf id @id:
 * an import or mapping made from it may be trusted. */
bool vv_present_holds(const struct vv_present *present, uint32_t id,
		      uint32_t serial);

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
