/* The ways a plane reaches the compositor, behind one small table, one file
 * each, tried in this order for every new plane mode:
 *
 *   dmabuf  zero copy: the dma-buf imported through linux-dmabuf
 *   shm     zero copy: the dma-buf's own memory shared as a wl_shm pool
 *           (memfd, udmabuf, GVT: buffers the CPU can map read-write)
 *   copy    the CPU converts the plane into our wl_shm buffers (regions,
 *           tiled or odd formats the compositor cannot take)
 *
 * A path that refuses a plane says why; present.c logs the path each plane
 * takes once per change. Only present.c and the path files see this. */
#ifndef VV_PATH_H
#define VV_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <wayland-client.h>

#include "plane-map.h"
#include "plane.h"

enum vv_path {
	VV_PATH_NONE, /* nobody here can read the plane */
	VV_PATH_DMABUF,
	VV_PATH_SHM,
	VV_PATH_COPY,
	VV_PATH_COUNT,
};

struct vv_present;
struct vv_shm_buffer;

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

#define VV_COPY_BUFFERS 3
#define VV_COPY_MAPS    4

/* A dma-buf the copy path keeps mapped across frames (path-copy.c says
 * when one may be used). */
struct vv_copy_map {
	struct vv_plane_map map;   /* ours; data NULL in a free slot */
	uint32_t id;               /* dmabuf id */
	uint32_t serial;           /* the cache's export it was mapped from */
	struct vv_plane_info info; /* the plane it was mapped for */
	uint64_t last_used;        /* vv_copy.uses when last read */
};

/* The copy path's state for one plane type. */
struct vv_copy {
	/* Our wl_shm buffers, reused once released; at most three: one
	 * shown, one the compositor may still read, one being written. */
	struct vv_shm_buffer *buffers[VV_COPY_BUFFERS];
	/* A region plane stays mapped while its mode lasts. */
	struct vv_plane_map region;
	struct vv_plane_info region_info;
	/* Dma-bufs stay mapped while the cache holds them: a flipping
	 * guest's two or three, the least recently read one replaced. */
	struct vv_copy_map maps[VV_COPY_MAPS];
	uint64_t uses; /* dma-buf reads so far: the clock of last_used */
	/* Linear rows of a tiled plane on their way through pixman. */
	struct vv_format_scratch scratch;
};

struct vv_path_ops {
	enum vv_path path;
	const char *name; /* for logs, --stats and the overlay */
	/* Whether this path can show @plane here; when not, @why says so;
	 * when it can, @why is empty or a note for the log (how it shows it).
	 * @buf is the plane's dma-buf, NULL for a region plane. */
	bool (*accepts)(struct vv_present *present,
			const struct vv_plane *plane,
			const struct vv_dmabuf *buf, char *why, size_t len);
	/* The buffer to attach for @plane this frame: 0 and *out (*fresh
	 * when it holds pixels the compositor has not seen), -EINPROGRESS
	 * while the compositor decides, another -errno when this path has
	 * failed for the plane (the caller moves on to the next). */
	int (*frame)(struct vv_present *present, const struct vv_plane *plane,
		     const struct vv_dmabuf *buf, struct wl_buffer **out,
		     bool *fresh);
};

extern const struct vv_path_ops vv_path_dmabuf;
extern const struct vv_path_ops vv_path_shm;
extern const struct vv_path_ops vv_path_copy;

/* Unmaps the copy path's kept dma-bufs that @cache no longer holds: a
 * mapping holds its buffer, which the cache meant to let go. */
void vv_copy_expire(struct vv_copy *copy, const struct vv_dmabuf_cache *cache);

const char *vv_path_name(enum vv_path path);

#endif
