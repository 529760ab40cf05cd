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

#include "clock.h" /* the cache's times are vv_now_ns() */
#include "device.h"
#include "error.h"
#include "format.h"
#include "plane-desc.h"

/* Checks @raw (kind != VV_KIND_NONE) against the rules every consumer relies
 * on: dimensions in 1..16384, a known fourcc, stride >= one row, the rows
 * (rounded to the tile height) within size. Returns 0 and fills @out, or
 * -EINVAL with the first broken rule in @err (a reason for a line that
 * names the plane and the device: "stride 10 is shorter than ..."). */
int vv_plane_validate(enum vv_plane_type type, const struct vv_plane_info *raw,
		      struct vv_plane *out, struct vv_err *err);

/* Bytes from the start of the buffer the plane's pixels span. */
size_t vv_plane_span(const struct vv_plane *plane);

/* Checks the plane against the size of the object holding it: the dma-buf
 * (lseek SEEK_END) or the region. -EINVAL with the reason in @err if it
 * does not fit. */
int vv_plane_check_backing(const struct vv_plane *plane, uint64_t backing_size,
			   struct vv_err *err);

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

struct vv_dmabuf_cache {
	struct vv_dmabuf entries[VV_DMABUF_CACHE_SIZE];
	uint32_t exports; /* how many times export_dmabuf was called */
};

void vv_dmabuf_cache_init(struct vv_dmabuf_cache *cache);

/* Closes every fd. */
void vv_dmabuf_cache_finish(struct vv_dmabuf_cache *cache);

/* The cached dma-buf of @id, exported from @dev on first use. NULL with
 * @err set if the export fails (its errno, and the reason for a line that
 * names the plane and the device), or EPROTO when the driver returns an fd
 * that is no dma-buf (a pipe, a directory). @now is CLOCK_MONOTONIC ns. */
const struct vv_dmabuf *vv_dmabuf_cache_get(struct vv_dmabuf_cache *cache,
					    struct vv_device *dev, uint32_t id,
					    uint64_t now, struct vv_err *err);

/* True while the cache still holds export @serial as the dma-buf of @id:
 * what a consumer that imported or mapped it checks before trusting what it
 * made of it. */
bool vv_dmabuf_cache_holds(const struct vv_dmabuf_cache *cache, uint32_t id,
			   uint32_t serial);

/* Drops entries idle for longer than VV_DMABUF_IDLE_NS. */
void vv_dmabuf_cache_expire(struct vv_dmabuf_cache *cache, uint64_t now);

/* Number of dma-bufs held. */
unsigned vv_dmabuf_cache_count(const struct vv_dmabuf_cache *cache);

#endif
