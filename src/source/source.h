/* The device as the app holds it: one object that owns everything about it.
 *
 * A source owns its address, the open device, the dma-bufs exported from it,
 * what each plane last looked like (so a bad or failing plane is warned about
 * once per change), the reopen backoff of a device that went away (removed,
 * or its VM stopped) and the mode offered to the guest through its EDID
 * region. The live window asks it once per tick (vv_source_frame); --info,
 * --watch and --snapshot ask it for planes (vv_source_query), --set-mode
 * its device's EDID region (set-mode.c, through vv_source_device). The screen
 * side sees only its vv_plane_buffers, never the device. */
#ifndef VV_SOURCE_H
#define VV_SOURCE_H

#include <stdbool.h>
#include <stdint.h>

#include "device.h"
#include "error.h"
#include "plane-desc.h"
#include "query.h"

/* The first wait before reopening a device that went away, and the longest
 * (the wait doubles after each failed try). */
#define VV_REOPEN_FIRST_NS (250ull * 1000 * 1000)
#define VV_REOPEN_MAX_NS   (5000ull * 1000 * 1000)

struct vv_source;

/* Opens the device @address names (copied). NULL with @err filled, as
 * vv_device_open. */
struct vv_source *vv_source_open(const char *address, struct vv_err *err);

/* A source of @dev (taken), reopened from @address (copied) when it goes
 * away: vv_source_open's second half, and a way in for tests' fakes. */
struct vv_source *vv_source_adopt(const char *address, struct vv_device *dev);

/* NULL is fine. Closes the dma-bufs and the device. */
void vv_source_destroy(struct vv_source *source);

/* The device's name ("mdev UUID (type)"), or its address while it is gone. */
const char *vv_source_name(const struct vv_source *source);

/* True while the device is gone (between a frame that said so and one that
 * reopened it). */
bool vv_source_gone(const struct vv_source *source);

/* The device, or NULL while it is gone: for what needs more of it than
 * planes (--set-mode's EDID region, guest-mode.h), valid until the next
 * vv_source_frame. */
struct vv_device *vv_source_device(struct vv_source *source);

/* What the CPU may do with the device's dma-bufs, and their exporter as
 * the driver names it ("" when unknown), known without exporting one
 * (device.h): for --info's paths. UNKNOWN and "" while it is gone. */
enum vv_dmabuf_access vv_source_dmabuf_access(const struct vv_source *source);
const char *vv_source_dmabuf_exporter(const struct vv_source *source);

/* The planes' buffers (plane-desc.h), exported from whichever device is
 * open: valid until vv_source_destroy, across a reopen. While the device is
 * gone they export and map nothing (ENODEV). */
struct vv_plane_buffers vv_source_buffers(struct vv_source *source);

/* Number of dma-bufs held. */
unsigned vv_source_dmabufs_held(const struct vv_source *source);

/* Asks for the plane of @type (query.h; @wait says how long), warning about
 * nothing: for the one-shot tools, which say what they make of it. GONE
 * (-ENODEV) while the device is gone. */
void vv_source_query(struct vv_source *source, enum vv_plane_type type,
		     enum vv_query_wait wait, struct vv_query *out);

/* vv_query_err for @query of @source: the line a user reads, naming it. */
int vv_source_query_err(const struct vv_query *query,
			const struct vv_source *source, struct vv_err *err);

/* What happened to the device in one vv_source_frame call. */
enum vv_source_event {
	VV_SOURCE_SAME,       /* nothing: open, or gone and not tried again */
	VV_SOURCE_LOST,       /* it went away: what came from it is void */
	VV_SOURCE_STILL_GONE, /* a reopen failed: detail has the new wait */
	VV_SOURCE_BACK,       /* it was reopened: nothing imported before
			       * it went away may be shown */
};

/* One tick's answer. */
struct vv_source_frame {
	enum vv_source_event event;
	/* The device is gone: retry_at and detail say when it is tried
	 * again, primary.status is VV_QUERY_GONE (error -ENODEV). */
	bool gone;
	/* The cursor is asked, and filled, only when primary.status is
	 * VV_QUERY_PLANE. */
	struct vv_query primary;
	struct vv_query cursor;
	unsigned queries;  /* plane queries this call made (--stats) */
	uint64_t retry_at; /* gone: when a call tries to reopen it (ns) */
	char detail[512];  /* gone: "X is gone ... every N s." */
};

/* The device's planes now (@now is vv_now_ns()), validated; what changed
 * warned once per change (an invalid plane; a failed query unless it is
 * transient, held back while intermittent faults repeat it). On ENODEV the
 * source lets the device go (one warning) and, from @out->retry_at on,
 * tries to reopen it with backoff; a call before then makes no syscall. */
void vv_source_frame(struct vv_source *source, uint64_t now,
		     struct vv_source_frame *out);

/* Offers the guest a mode that fits @width x @height physical pixels (EDID,
 * guest-mode.h), once per size: said once when the device has no EDID region
 * (and not offered again), warned when the write fails. Nothing while the
 * device is gone; a reopened device is offered anew. */
void vv_source_offer_mode(struct vv_source *source, uint32_t width,
			  uint32_t height);

/* The wait after a failed reopen that followed a wait of @delay_ns. */
uint64_t vv_source_reopen_backoff(uint64_t delay_ns);

#endif
