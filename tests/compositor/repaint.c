/*
 * The refresh clock. With --refresh HZ, repaints happen on a vblank grid
 * (CLOCK_MONOTONIC, vblank n at startup + n × 10^9 / HZ ns, computed from n
 * each time so nothing drifts) through an absolute timerfd armed only when
 * something waits; seq is the vblank number. A repaint is stamped with its
 * vblank's time: the frame-done time and the presented time are the grid
 * time, not the (slightly later) moment the timer fired. With --refresh 0,
 * a repaint runs at the next idle after a commit, stamped with the time it
 * runs; seq counts repaints and the refresh period is reported as 0.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>
#include <wayland-server-protocol.h>

#include "render.h"
#include "server.h"
#include "surface.h"
#include "tc-log.h"

struct tc_repaint {
	struct tc_server *server;
	int timer_fd; /* owned; -1 with --refresh 0 */
	struct wl_event_source *timer_source;
	struct wl_event_source *idle_source; /* --refresh 0, when queued */
	bool armed;
	uint64_t epoch_ns;        /* vblank 0, CLOCK_MONOTONIC */
	uint64_t hz;              /* --refresh, 0 with --refresh 0 */
	uint64_t period_ns;       /* 10^9 / hz rounded down; 0 with 0 Hz */
	uint64_t deadline_vblank; /* the vblank the timer is armed for */
	uint64_t repaints;
	pixman_image_t *framebuffer;
};

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

struct present_pass {
	struct tc_repaint *repaint;
	struct timespec when;
	uint64_t seq;
};

static void
present_surface(struct tc_surface *surface, void *data)
{
	struct present_pass *pass = data;
	struct tc_repaint *repaint = pass->repaint;
	uint32_t ms =
	    (uint32_t)(pass->when.tv_sec * 1000 + pass->when.tv_nsec / 1000000);
	struct wl_resource *callback, *tmp;

	wl_resource_for_each_safe(callback, tmp,
				  &surface->current.frame_callbacks)
	{
		wl_callback_send_done(callback, ms);
		wl_resource_destroy(callback);
		tc_plog("frame-done surface=%u time=%u",
			wl_resource_get_id(surface->resource), ms);
	}
	tc_feedback_present_list(repaint->server, &surface->current.feedbacks,
				 &pass->when, pass->seq,
				 (uint32_t)repaint->period_ns);
}

static void
repaint_run(struct tc_repaint *repaint, uint64_t when_ns, uint64_t seq)
{
	struct tc_server *server = repaint->server;
	struct present_pass pass = {
		.repaint = repaint,
		.when = { .tv_sec = when_ns / 1000000000u,
			  .tv_nsec = when_ns % 1000000000u },
		.seq = seq,
	};

	repaint->repaints++;
	tc_render_scene(server, repaint->framebuffer,
			server->hidden ? NULL : present_surface, &pass);
}

/* the time of vblank n, CLOCK_MONOTONIC ns: on the 1/hz grid, rounded
 * up to whole ns (so vblank_at(vblank_time(n)) == n) */
static uint64_t
vblank_time(const struct tc_repaint *repaint, uint64_t n)
{
	return repaint->epoch_ns +
	       (n * 1000000000u + repaint->hz - 1) / repaint->hz;
}

/* the last vblank at or before t */
static uint64_t
vblank_at(const struct tc_repaint *repaint, uint64_t t)
{
	return (t - repaint->epoch_ns) * repaint->hz / 1000000000u;
}

static int
repaint_handle_timer(int fd, uint32_t mask, void *data)
{
	struct tc_repaint *repaint = data;
	uint64_t expirations;

	if (read(fd, &expirations, sizeof(expirations)) < 0 && errno != EAGAIN)
		tc_msg("cannot read the refresh timer: %m");
	repaint->armed = false;
	/* woken a whole period late (a slow screenshot): this repaint is
	 * the one of the last vblank passed, as on real hardware */
	uint64_t n = vblank_at(repaint, now_ns());
	if (n < repaint->deadline_vblank)
		n = repaint->deadline_vblank;
	repaint_run(repaint, vblank_time(repaint, n), n);
	return 0;
}

static void
repaint_handle_idle(void *data)
{
	struct tc_repaint *repaint = data;

	repaint->idle_source = NULL;
	repaint_run(repaint, now_ns(), repaint->repaints + 1);
}

void
tc_repaint_schedule(struct tc_server *server)
{
	struct tc_repaint *repaint = server->repaint;

	if (!repaint)
		return;
	if (repaint->period_ns == 0) {
		if (!repaint->idle_source)
			repaint->idle_source = wl_event_loop_add_idle(
			    server->loop, repaint_handle_idle, repaint);
		return;
	}
	if (repaint->armed)
		return;
	uint64_t next = vblank_at(repaint, now_ns()) + 1;
	uint64_t deadline = vblank_time(repaint, next);
	struct itimerspec its = {
		.it_value = { .tv_sec = deadline / 1000000000u,
			      .tv_nsec = deadline % 1000000000u },
	};
	if (timerfd_settime(repaint->timer_fd, TFD_TIMER_ABSTIME, &its, NULL) <
	    0) {
		tc_msg("cannot arm the refresh timer: %m");
		return;
	}
	repaint->deadline_vblank = next;
	repaint->armed = true;
}

void
tc_repaint_show(struct tc_server *server, bool shown)
{
	server->hidden = !shown;
	if (shown)
		tc_repaint_schedule(server);
}

int
tc_repaint_init(struct tc_server *server)
{
	struct tc_repaint *repaint = calloc(1, sizeof(*repaint));

	if (!repaint)
		return -ENOMEM;
	repaint->server = server;
	repaint->timer_fd = -1;
	repaint->epoch_ns = now_ns();
	repaint->framebuffer = pixman_image_create_bits(
	    PIXMAN_a8r8g8b8, server->opt.width, server->opt.height, NULL, 0);
	if (!repaint->framebuffer) {
		free(repaint);
		return -ENOMEM;
	}
	if (server->opt.refresh_hz > 0) {
		repaint->hz = (uint64_t)server->opt.refresh_hz;
		repaint->period_ns = 1000000000u / repaint->hz;
		repaint->timer_fd =
		    timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
		if (repaint->timer_fd < 0)
			goto fail;
		repaint->timer_source = wl_event_loop_add_fd(
		    server->loop, repaint->timer_fd, WL_EVENT_READABLE,
		    repaint_handle_timer, repaint);
		if (!repaint->timer_source)
			goto fail;
	}
	server->repaint = repaint;
	return 0;

fail:;
	int ret = -errno;
	if (repaint->timer_fd >= 0)
		close(repaint->timer_fd);
	pixman_image_unref(repaint->framebuffer);
	free(repaint);
	return ret;
}

void
tc_repaint_finish(struct tc_server *server)
{
	struct tc_repaint *repaint = server->repaint;

	if (!repaint)
		return;
	if (repaint->timer_source)
		wl_event_source_remove(repaint->timer_source);
	if (repaint->idle_source)
		wl_event_source_remove(repaint->idle_source);
	if (repaint->timer_fd >= 0)
		close(repaint->timer_fd);
	pixman_image_unref(repaint->framebuffer);
	free(repaint);
	server->repaint = NULL;
}
