/* Frame pacing: when the viewer next asks the device for a frame.
 *
 * VFIO has no "the guest drew something" notification, so the viewer asks.
 * It asks when the compositor is about to need a frame: each
 * wl_surface.frame callback (sent right after a repaint) says one is
 * wanted, and deadline pacing (the default) waits from there until
 * pacing_ms before the next repaint, predicted from presentation feedback,
 * so that the guest's newest frame makes it: a frame asked for right after
 * a repaint waits a whole refresh for the next one. A window that is hidden
 * gets no frame callbacks and does no work at all. A fixed timer (QEMU's
 * 30 ms refresh, --pacing timer) would either poll faster than the screen
 * shows or add up to a period of latency. While nothing can be shown (no
 * plane, an import in flight, a device error), there is no frame to pace:
 * the tick asks to be run again at a time of its own (a retry).
 *
 * The pacer's listeners only record (a frame callback came, a frame was
 * presented at t with refresh r); the tick runs from the loop's timer
 * dispatch, at vv_pacer_next_deadline, the one place where the three
 * pacing modes differ. */
#ifndef VV_PACER_H
#define VV_PACER_H

#include <stdbool.h>
#include <stdint.h>

#include "loop.h"
#include "options.h"
#include "wayland.h"

/* All that vv_pacer_next_deadline decides from. Times are CLOCK_MONOTONIC
 * ns, 0 unknown or none. */
struct vv_pacer_state {
	enum vv_pacing mode;
	uint64_t pacing_ns; /* deadline: the margin; timer: the period */
	/* What the last tick left: a frame callback wanted (frame and
	 * deadline pacing) or a period to wait (timer pacing) after a
	 * frame it showed, or a retry at retry_at (0: none). */
	bool paced;
	uint64_t retry_at;
	uint64_t tick_ns;    /* when the last tick ran */
	uint64_t timer_prev; /* timer: the period start the last tick had */
	bool frame_done;     /* a frame callback came since the last tick */
	/* The last presentation and the output's refresh (0: the
	 * compositor repaints when it likes), from presentation feedback. */
	uint64_t last_present_ns, refresh_ns;
};

/* When the next tick runs, asked at @now: a CLOCK_MONOTONIC deadline (one
 * at or before @now: at once), 0 for not until something happens. Pure. */
uint64_t vv_pacer_next_deadline(const struct vv_pacer_state *state,
				uint64_t now);

/* What presentation feedback counted, for the overlay. */
struct vv_pacer_stats {
	uint64_t presented; /* wp_presentation presented events */
	uint64_t latency_sum_ns, latency_n;
};

struct vv_pacer;
struct wp_presentation_feedback;

/* A pacer that runs @tick(@data) from @loop's timer dispatch. @wl is
 * borrowed for its presentation clock. */
struct vv_pacer *vv_pacer_create(struct vv_loop *loop, const struct vv_wl *wl,
				 enum vv_pacing mode, uint64_t pacing_ns,
				 void (*tick)(void *data), void *data);

/* NULL is fine. Destroys the frame callback and feedback in flight. */
void vv_pacer_destroy(struct vv_pacer *pacer);

/* The tick starts: what brought it is spent. */
void vv_pacer_tick_begin(struct vv_pacer *pacer, uint64_t now);

/* The tick showed a frame: the next one comes as the mode paces it. True
 * when the pacer wants a frame callback for it (vv_pacer_watch_frame). */
bool vv_pacer_shown(struct vv_pacer *pacer);

/* Run the tick again at @at (0: not for this reason). */
void vv_pacer_retry(struct vv_pacer *pacer, uint64_t at);

/* Arms the tick for vv_pacer_next_deadline. Called at the end of a tick and
 * before each poll, where it acts only after a frame callback came. */
void vv_pacer_schedule(struct vv_pacer *pacer);

/* Whether anything will run the tick again: a frame callback in flight, or
 * its timer armed. */
bool vv_pacer_waiting(const struct vv_pacer *pacer);

/* Takes @callback (a wl_surface.frame of the guest surface) to listen to. */
void vv_pacer_watch_frame(struct vv_pacer *pacer, struct wl_callback *callback);

/* Whether the next commit should ask for presentation feedback: for the
 * overlay's rates (every commit while @overlay shows) and deadline pacing
 * (one commit now and then). @commits: the guest commits so far. */
bool vv_pacer_wants_feedback(const struct vv_pacer *pacer, bool overlay,
			     uint64_t commits);

/* Takes @feedback, asked for with the commit that makes @commits. */
void vv_pacer_watch_feedback(struct vv_pacer *pacer,
			     struct wp_presentation_feedback *feedback,
			     uint64_t commits);

/* The counters; latency_sum_ns and latency_n restart at each reset. */
const struct vv_pacer_stats *vv_pacer_stats(const struct vv_pacer *pacer);
void vv_pacer_reset_latency(struct vv_pacer *pacer);

#endif
