/* The live window's state, shared by the files that make it up: viewer.c
 * (setup, commands, timers), pacing.c (frames), guest-link.c (device loss
 * and guest resize). Nothing outside them includes this. */
#ifndef VV_VIEWER_STATE_H
#define VV_VIEWER_STATE_H

#include "input.h"
#include "loop.h"
#include "pacer.h"
#include "present.h"
#include "screen.h"
#include "viewer.h"

#define NS_PER_MS          1000000ull
#define RETRY_PENDING_NS   (2 * NS_PER_MS)   /* an import in flight */
#define RETRY_TRANSIENT_NS (16 * NS_PER_MS)  /* -ENOMEM after a mode set */
#define RETRY_NO_SIGNAL_NS (100 * NS_PER_MS) /* waiting for a plane */
/* How long the last good frame stays when the device stops answering with
 * a picture (a failed query, no plane) before "No signal" replaces it: a
 * driver's hiccup lasts a query, a guest's mode set blanks a few frames,
 * and a message flashing in and out is worse than a picture held for a
 * moment; a second is still prompt for a display that really went off. */
#define NO_SIGNAL_GRACE_NS (1000 * NS_PER_MS)

struct vv_viewer {
	const struct vv_viewer_config *config;
	struct vv_device **dev;          /* the caller's; NULL while gone */
	struct vv_dmabuf_cache *dmabufs; /* borrowed */
	struct vv_stats *stats;          /* borrowed */
	struct vv_wl *wl;
	struct vv_screen *screen;
	struct vv_present *present; /* NULL while the device is gone */
	struct vv_input input;
	struct vv_qmp *qmp; /* guest input; NULL: none */
	struct vv_loop loop;
	struct vv_pacer *pacer;        /* runs the tick */
	struct vv_timer *resize_timer; /* offer the window's size (debounced) */
	struct vv_timer *overlay_timer;  /* repaint the debug overlay */
	struct vv_timer *reopen_timer;   /* reopen a device that went away */
	struct vv_timer *snapshot_timer; /* the snapshot key was pressed */
	int scale_mode; /* enum vv_scale_mode, switched by a key */

	struct vv_plane_tracker trackers[VV_PLANE_TYPE_COUNT];
	bool changed[VV_PLANE_TYPE_COUNT]; /* by the last query */
	uint64_t next_expire;              /* CLOCK_MONOTONIC ns */

	/* The planes last shown, for the overlay. */
	struct vv_plane shown[VV_PLANE_TYPE_COUNT];
	bool has_shown[VV_PLANE_TYPE_COUNT];
	uint64_t shown_ns; /* the guest's last frame went out (monotonic) */
	/* The query warning, which intermittent faults would repeat. */
	struct vv_log_repeat said_query[VV_PLANE_TYPE_COUNT];
	uint32_t last_primary_id;
	uint64_t flips; /* new primary ids shown */

	/* Device gone: retry with backoff. */
	uint64_t reopen_delay_ns;
	/* Guest resize: the last mode offered, and whether there is an EDID
	 * region to offer it through. */
	uint32_t offered_w, offered_h;
	bool edid_missing;

	/* Overlay rates: the counters at its last repaint. */
	uint64_t rate_at, rate_flips, rate_commits, rate_presented;
	char note[VV_OVERLAY_LINE];

	/* The local cursor: shown with its hotspot at guest pixel local_x,
	 * local_y (where the last host motion went) until the guest moves its
	 * plane away from plane_x, plane_y (where it was then) on its own. */
	bool cursor_local;
	uint32_t local_x, local_y;
	uint32_t plane_x, plane_y;
};

/* pacing.c: one frame: query, attach, commit. */
void vv_viewer_tick(struct vv_viewer *viewer);

/* pacing.c: after a dispatch, the cursor to where the host pointer went
 * (absolute mode, input captured), without waiting for the guest. */
void vv_viewer_follow_pointer(struct vv_viewer *viewer);

/* pacing.c: the message instead of the guest; asks again in @retry_ns
 * (0: not at all, something else will). */
void vv_viewer_show_message(struct vv_viewer *viewer, const char *title,
			    const char *detail, uint64_t retry_ns);

/* guest-link.c: the device answered -ENODEV: let it go, wait for it. */
void vv_viewer_device_lost(struct vv_viewer *viewer);

/* guest-link.c: the reopen timer. */
void vv_viewer_try_reopen(struct vv_viewer *viewer);

/* guest-link.c: the window's size changed: offer the guest a mode (after
 * the user stops dragging). */
void vv_viewer_window_resized(void *data);

/* guest-link.c: the resize timer. */
void vv_viewer_offer_mode(struct vv_viewer *viewer);

/* viewer.c: draws the overlay with fresh facts and shows it; called only
 * while it is shown or being shown. */
void vv_viewer_update_overlay(struct vv_viewer *viewer);

#endif
