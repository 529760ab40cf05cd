#include "pacer.h"

#include <stdlib.h>
#include <time.h>

#include "plane.h"
#include "presentation-time-client-protocol.h"
#include "xalloc.h"

/* Deadline pacing learns the compositor's vblank grid from one commit's
 * presentation feedback in FEEDBACK_EVERY: the grid moves only when the
 * output's mode does, so asking on every commit (a feedback object, its
 * events and their allocations) would cost more than the plane query it
 * schedules. Half a second at 60 Hz; a discarded commit asks again at
 * once. */
#define FEEDBACK_EVERY 30

struct vv_pacer {
	struct vv_pacer_state state;
	struct vv_pacer_stats stats;
	const struct vv_wl *wl; /* borrowed */
	struct vv_timer *timer; /* runs the tick */
	void (*tick)(void *data);
	void *data;
	struct wl_callback *frame; /* in flight, or NULL */
	/* The state changed since the timer was armed: the deadline is to be
	 * decided anew (vv_pacer_schedule). */
	bool dirty;
	uint64_t feedback_due;        /* the commit count that asks for one */
	struct wl_list presentations; /* struct presentation.link */
};

/* Timer pacing: the period after the last one, or after the tick when it
 * fell behind. */
static uint64_t
timer_deadline(const struct vv_pacer_state *s)
{
	uint64_t start = s->timer_prev;

	if (start + s->pacing_ns < s->tick_ns)
		start = s->tick_ns;
	return start + s->pacing_ns;
}

/* Deadline pacing: the compositor asks for a frame right after a repaint;
 * the next repaint is a refresh away. Ask the device as late as the margin
 * allows, so the newest guest frame makes it; a callback that came late,
 * inside the margin, asks now rather than skip a whole refresh. */
static uint64_t
repaint_deadline(const struct vv_pacer_state *s, uint64_t now)
{
	uint64_t next = s->last_present_ns;

	if (!s->refresh_ns)
		return now;
	if (next <= now)
		next += ((now - next) / s->refresh_ns + 1) * s->refresh_ns;
	if (next - s->pacing_ns <= now)
		return now;
	return next - s->pacing_ns;
}

uint64_t
vv_pacer_next_deadline(const struct vv_pacer_state *s, uint64_t now)
{
	switch (s->mode) {
	case VV_PACING_FRAME:
		if (s->frame_done)
			return now;
		break;
	case VV_PACING_DEADLINE:
		if (s->frame_done)
			return repaint_deadline(s, now);
		break;
	case VV_PACING_TIMER:
		if (s->paced)
			return timer_deadline(s);
		break;
	}
	return s->retry_at;
}

static void
timer_fired(void *data)
{
	struct vv_pacer *pacer = data;

	pacer->tick(pacer->data);
}

static void
frame_handle_done(void *data, struct wl_callback *callback, uint32_t time)
{
	struct vv_pacer *pacer = data;

	wl_callback_destroy(callback);
	pacer->frame = NULL;
	pacer->state.frame_done = true;
	pacer->dirty = true;
}

static const struct wl_callback_listener frame_listener = {
	.done = frame_handle_done,
};

/* One commit's way to the screen. */
struct presentation {
	struct vv_pacer *pacer;
	struct wl_list link; /* vv_pacer.presentations */
	struct wp_presentation_feedback *feedback;
	uint64_t committed; /* CLOCK_MONOTONIC ns */
};

static void
presentation_done(struct presentation *p)
{
	wl_list_remove(&p->link);
	wp_presentation_feedback_destroy(p->feedback);
	free(p);
}

static void
feedback_handle_sync_output(void *data,
			    struct wp_presentation_feedback *feedback,
			    struct wl_output *output)
{
}

static void
feedback_handle_presented(void *data, struct wp_presentation_feedback *feedback,
			  uint32_t tv_sec_hi, uint32_t tv_sec_lo,
			  uint32_t tv_nsec, uint32_t refresh, uint32_t seq_hi,
			  uint32_t seq_lo, uint32_t flags)
{
	struct presentation *p = data;
	struct vv_pacer *pacer = p->pacer;
	uint64_t at =
	    (((uint64_t)tv_sec_hi << 32) | tv_sec_lo) * 1000000000ull + tv_nsec;

	pacer->stats.presented++;
	/* Only on the clock our commit times use. */
	if (pacer->wl->presentation_clock == CLOCK_MONOTONIC &&
	    at >= p->committed) {
		pacer->stats.latency_sum_ns += at - p->committed;
		pacer->stats.latency_n++;
		pacer->state.last_present_ns = at;
		pacer->state.refresh_ns = refresh;
	}
	presentation_done(p);
}

static void
feedback_handle_discarded(void *data, struct wp_presentation_feedback *feedback)
{
	struct presentation *p = data;

	p->pacer->feedback_due = 0;
	presentation_done(p);
}

static const struct wp_presentation_feedback_listener feedback_listener = {
	.sync_output = feedback_handle_sync_output,
	.presented = feedback_handle_presented,
	.discarded = feedback_handle_discarded,
};

struct vv_pacer *
vv_pacer_create(struct vv_loop *loop, const struct vv_wl *wl,
		enum vv_pacing mode, uint64_t pacing_ns,
		void (*tick)(void *data), void *data)
{
	struct vv_pacer *pacer = vv_xzalloc(sizeof(*pacer));

	pacer->state.mode = mode;
	pacer->state.pacing_ns = pacing_ns;
	pacer->wl = wl;
	pacer->tick = tick;
	pacer->data = data;
	pacer->timer = vv_loop_add_timer(loop, timer_fired, pacer);
	wl_list_init(&pacer->presentations);
	return pacer;
}

void
vv_pacer_destroy(struct vv_pacer *pacer)
{
	struct presentation *p, *next;

	if (!pacer)
		return;
	if (pacer->frame)
		wl_callback_destroy(pacer->frame);
	wl_list_for_each_safe (p, next, &pacer->presentations, link)
		presentation_done(p);
	vv_timer_destroy(pacer->timer);
	free(pacer);
}

void
vv_pacer_tick_begin(struct vv_pacer *pacer, uint64_t now)
{
	struct vv_pacer_state *s = &pacer->state;

	/* Timer pacing counts periods from the one this tick had. */
	if (s->mode == VV_PACING_TIMER && s->paced)
		s->timer_prev = timer_deadline(s);
	s->tick_ns = now;
	s->paced = false;
	s->frame_done = false;
	s->retry_at = 0;
	pacer->dirty = true;
}

bool
vv_pacer_shown(struct vv_pacer *pacer)
{
	pacer->state.paced = true;
	pacer->state.retry_at = 0;
	pacer->dirty = true;
	return pacer->state.mode != VV_PACING_TIMER && !pacer->frame;
}

void
vv_pacer_retry(struct vv_pacer *pacer, uint64_t at)
{
	pacer->state.retry_at = at;
	pacer->dirty = true;
}

void
vv_pacer_schedule(struct vv_pacer *pacer)
{
	if (!pacer->dirty)
		return;
	pacer->dirty = false;
	vv_timer_arm(pacer->timer,
		     vv_pacer_next_deadline(&pacer->state, vv_now_ns()));
}

bool
vv_pacer_waiting(const struct vv_pacer *pacer)
{
	return pacer->frame ||
	       vv_pacer_next_deadline(&pacer->state, vv_now_ns()) != 0;
}

void
vv_pacer_watch_frame(struct vv_pacer *pacer, struct wl_callback *callback)
{
	pacer->frame = callback;
	wl_callback_add_listener(callback, &frame_listener, pacer);
}

bool
vv_pacer_wants_feedback(const struct vv_pacer *pacer, bool overlay,
			uint64_t commits)
{
	if (!pacer->wl->presentation)
		return false;
	if (overlay)
		return true;
	return pacer->state.mode == VV_PACING_DEADLINE &&
	       wl_list_empty(&pacer->presentations) &&
	       commits >= pacer->feedback_due;
}

void
vv_pacer_watch_feedback(struct vv_pacer *pacer,
			struct wp_presentation_feedback *feedback,
			uint64_t commits)
{
	struct presentation *p = vv_xzalloc(sizeof(*p));

	wl_list_insert(&pacer->presentations, &p->link);
	pacer->feedback_due = commits + FEEDBACK_EVERY;
	p->pacer = pacer;
	p->committed = vv_now_ns();
	p->feedback = feedback;
	wp_presentation_feedback_add_listener(feedback, &feedback_listener, p);
}

const struct vv_pacer_stats *
vv_pacer_stats(const struct vv_pacer *pacer)
{
	return &pacer->stats;
}

void
vv_pacer_reset_latency(struct vv_pacer *pacer)
{
	pacer->stats.latency_sum_ns = pacer->stats.latency_n = 0;
}
