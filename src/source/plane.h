/* The seam between a display source and everything that shows its planes.
 *
 * Plane metadata comes from a driver decoding registers a guest controls: it
 * is validated here before any use, so that nothing past this point sizes a
 * buffer, maps memory or indexes pixels from unchecked numbers. The dma-buf
 * cache here also guarantees that each dmabuf id is exported once. */
#ifndef VV_PLANE_H
#define VV_PLANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "device.h"
#include "format.h"

#define VV_PLANE_MAX_DIM 16384u
#define VV_HOTSPOT_NONE  0xffffffffu

/* A plane that passed validation. */
struct vv_plane {
	enum vv_plane_type type;
	/* As reported, except hot_x/hot_y: 0 when the driver gave none or
	 * one outside the cursor. */
	struct vv_plane_info info;
	const struct vv_format *format; /* never NULL */
	enum vv_tiling tiling;
};

/* Checks @raw (kind != VV_KIND_NONE) against the rules every consumer relies
 * on: dimensions in 1..16384, a known fourcc, stride >= one row, the rows
 * (rounded to the tile height) within size. Returns 0 and fills @out, or
 * -EINVAL with the first broken rule written to @why. */
int vv_plane_validate(enum vv_plane_type type, const struct vv_plane_info *raw,
		      struct vv_plane *out, char *why, size_t why_len);

/* Bytes from the start of the buffer the plane's pixels span. */
size_t vv_plane_span(const struct vv_plane *plane);

/* Checks the plane against the size of the object holding it: the dma-buf
 * (lseek SEEK_END) or the region. -EINVAL with @why filled if it does not
 * fit. */
int vv_plane_check_backing(const struct vv_plane *plane, uint64_t backing_size,
			   char *why, size_t why_len);

bool vv_plane_info_equal(const struct vv_plane_info *a,
			 const struct vv_plane_info *b);

/* One line of the form --info prints (no newline): "plane=primary
 * format=XR24 modifier=LINEAR width=640 ... x=0 y=0", or "plane=cursor
 * state=none" for @plane NULL. */
void vv_plane_describe(enum vv_plane_type type, const struct vv_plane *plane,
		       char *out, size_t len);

/* Remembers what a plane last looked like, so that a bad or changed plane is
 * reported once per change rather than once per frame. */
struct vv_plane_tracker {
	bool seen;
	int last_error; /* -errno of the last query, 0 if it succeeded */
	struct vv_plane_info last;
};

/* True when the query result (@error, @raw) differs from the last one. */
bool vv_plane_tracker_update(struct vv_plane_tracker *tracker, int error,
			     const struct vv_plane_info *raw);

/* Exported dma-bufs, one fd per dmabuf id.
 *
 * Policy: an id is exported on first use and its fd kept; an entry is
 * dropped (its fd closed) only when it has not been used for
 * VV_DMABUF_IDLE_NS, or, when all VV_DMABUF_CACHE_SIZE slots are taken, the
 * least recently used one. Bounded: at most VV_DMABUF_CACHE_SIZE fds. Safe:
 * an id is never exported while we hold a fd for it, which is what corrupts
 * mbochs' page references (mbochs.c mbochs_get_gfx_dmabuf hands out the same
 * file again without a reference). Re-exporting an id after dropping it is
 * what every driver supports and QEMU does every few frames; we make it rare:
 * a page-flipping guest cycles through two or three ids, all kept. */
#define VV_DMABUF_CACHE_SIZE 16
#define VV_DMABUF_IDLE_NS    (30ull * 1000 * 1000 * 1000)

struct vv_dmabuf {
	uint32_t id;
	int fd; /* owned by the cache; -1 in a free slot */
	/* Which export this is: a later export of the same id (after the
	 * cache let it go) has another serial even where it gets the same fd
	 * number, so a consumer can tell its buffer from a new one. */
	uint32_t serial;
	/* Owned by the cache: the source's memfd of the same pages
	 * (export_shm), what a wl_shm pool should map; -1 without one. */
	int shm_fd;
	uint64_t size;      /* lseek(fd, 0, SEEK_END): the buffer's real size */
	uint64_t last_used; /* CLOCK_MONOTONIC ns */
	/* Its exporter as its fdinfo names it ("drm", "udmabuf", "i915"), or
	 * "" when it names none (a memfd standing in for a dma-buf): what
	 * decides whether it may be offered with the implicit modifier. */
	char exporter[32];
};

struct vv_dmabuf_cache {
	struct vv_dmabuf entries[VV_DMABUF_CACHE_SIZE];
	uint32_t exports; /* how many times export_dmabuf was called */
	/* Why the last vv_dmabuf_cache_get failed, for messages. */
	char why[128];
};

void vv_dmabuf_cache_init(struct vv_dmabuf_cache *cache);

/* Closes every fd. */
void vv_dmabuf_cache_finish(struct vv_dmabuf_cache *cache);

/* The cached dma-buf of @id, exported from @dev on first use. NULL with
 * *error = -errno and cache->why filled if the export fails, or -EPROTO
 * when the driver returns an fd that is no dma-buf (a pipe, a directory).
 * @now is CLOCK_MONOTONIC ns. */
const struct vv_dmabuf *vv_dmabuf_cache_get(struct vv_dmabuf_cache *cache,
					    struct vv_device *dev, uint32_t id,
					    uint64_t now, int *error);

/* True while the cache still holds export @serial as the dma-buf of @id:
 * what a consumer that imported or mapped it checks before trusting what it
 * made of it. */
bool vv_dmabuf_cache_holds(const struct vv_dmabuf_cache *cache, uint32_t id,
			   uint32_t serial);

/* Drops entries idle for longer than VV_DMABUF_IDLE_NS. */
void vv_dmabuf_cache_expire(struct vv_dmabuf_cache *cache, uint64_t now);

/* Number of dma-bufs held. */
unsigned vv_dmabuf_cache_count(const struct vv_dmabuf_cache *cache);

/* CLOCK_MONOTONIC in ns. */
uint64_t vv_now_ns(void);

#endif
