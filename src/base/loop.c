#include "loop.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "xalloc.h"

struct vv_timer {
	struct vv_loop *loop;
	uint64_t deadline; /* CLOCK_MONOTONIC ns; 0: disarmed */
	/* Expired in the dispatch under way and not yet called: a timer
	 * armed again or destroyed meanwhile is not called for the old
	 * deadline. */
	bool due;
	void (*fn)(void *data);
	void *data;
	struct wl_list link; /* vv_loop.timers */
};

enum loop_fd {
	LOOP_WAYLAND,
	LOOP_SIGNAL,
	LOOP_TIMER,
	LOOP_EXTRA,
	LOOP_FD_COUNT,
};

int
vv_signalfd_open(struct vv_err *err)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return vv_err_set(err, errno, "sigprocmask: %s",
				  strerror(errno));
	int fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (fd < 0)
		return vv_err_set(err, errno, "signalfd: %s", strerror(errno));
	return fd;
}

int
vv_loop_init(struct vv_loop *loop, struct wl_display *display,
	     struct vv_err *err)
{
	loop->display = display;
	loop->timer_fd = -1;
	loop->extra_fd = -1;
	wl_list_init(&loop->timers);
	loop->signal_fd = vv_signalfd_open(err);
	if (loop->signal_fd < 0)
		return loop->signal_fd;
	loop->timer_fd =
	    timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (loop->timer_fd < 0)
		return vv_err_set(err, errno, "timerfd_create: %s",
				  strerror(errno));
	return 0;
}

void
vv_loop_finish(struct vv_loop *loop)
{
	if (loop->signal_fd >= 0)
		close(loop->signal_fd);
	if (loop->timer_fd >= 0)
		close(loop->timer_fd);
	loop->signal_fd = loop->timer_fd = -1;
}

/* The earliest deadline of any timer, 0 when none is armed. */
static uint64_t
earliest(const struct vv_loop *loop)
{
	uint64_t first = 0;
	const struct vv_timer *timer;

	wl_list_for_each (timer, &loop->timers, link)
		if (timer->deadline && (!first || timer->deadline < first))
			first = timer->deadline;
	return first;
}

/* Points the timerfd at @first (earliest()), or disarms it, right before
 * poll: arming and disarming timers costs no syscall, and a turn whose
 * earliest deadline did not change costs none either. */
static void
program_timer_fd(struct vv_loop *loop, uint64_t first)
{
	if (first == loop->timer_fd_deadline)
		return;
	struct itimerspec its = {
		.it_value = { .tv_sec = (time_t)(first / 1000000000ull),
			      .tv_nsec = (long)(first % 1000000000ull) },
	};
	/* All zero disarms; a deadline already past fires at once. Setting
	 * it also drops an expiry nobody read (a timer run before poll). */
	timerfd_settime(loop->timer_fd, TFD_TIMER_ABSTIME, &its, NULL);
	loop->timer_fd_deadline = first;
}

struct vv_timer *
vv_loop_add_timer(struct vv_loop *loop, void (*fn)(void *data), void *data)
{
	struct vv_timer *timer = vv_xzalloc(sizeof(*timer));

	timer->loop = loop;
	timer->fn = fn;
	timer->data = data;
	wl_list_insert(&loop->timers, &timer->link);
	return timer;
}

void
vv_timer_destroy(struct vv_timer *timer)
{
	if (!timer)
		return;
	wl_list_remove(&timer->link);
	free(timer);
}

void
vv_timer_arm(struct vv_timer *timer, uint64_t deadline)
{
	timer->due = false;
	timer->deadline = deadline;
}

uint64_t
vv_timer_deadline(const struct vv_timer *timer)
{
	return timer->deadline;
}

static int
connection_lost(struct vv_loop *loop, struct vv_err *err)
{
	const struct wl_interface *iface = NULL;
	uint32_t id = 0;
	int code = wl_display_get_error(loop->display);

	if (code == EPROTO) {
		uint32_t perr =
		    wl_display_get_protocol_error(loop->display, &iface, &id);
		return vv_err_set(
		    err, EPROTO,
		    "the compositor ended the connection: protocol error %u on %s@%u (a bug in vgpu-view or the compositor; please report it with the output of WAYLAND_DEBUG=1)",
		    perr, iface ? iface->name : "?", id);
	}
	return vv_err_set(err, code ? code : EPIPE,
			  "the compositor closed the connection (%s)",
			  strerror(code ? code : EPIPE));
}

static void
read_signal(struct vv_loop *loop)
{
	struct signalfd_siginfo info;

	if (read(loop->signal_fd, &info, sizeof(info)) != sizeof(info))
		return;
	if (info.ssi_signo == SIGHUP && loop->survive_hup) {
		vv_info("SIGHUP: the kiosk stays (SIGTERM or SIGINT end it)");
		return;
	}
	vv_debug("signal %u: quitting", info.ssi_signo);
	loop->quit = true;
}

/* Marks the timers whose deadline is at or before @now. */
static void
mark_due(struct vv_loop *loop, uint64_t now)
{
	struct vv_timer *timer;

	wl_list_for_each (timer, &loop->timers, link)
		timer->due = timer->deadline && timer->deadline <= now;
}

/* Calls the timers mark_due found, each once: one armed again for a time
 * already past runs on the next turn, so a timer cannot starve the loop. */
static void
run_due(struct vv_loop *loop)
{
	struct vv_timer *timer;

	/* A callback may arm, add or destroy timers: look again after each. */
	for (;;) {
		struct vv_timer *next = NULL;
		wl_list_for_each (timer, &loop->timers, link)
			if (timer->due)
				next = timer;
		if (!next)
			break;
		next->due = false;
		next->deadline = 0;
		next->fn(next->data);
	}
}

static void
read_timer(struct vv_loop *loop)
{
	uint64_t expirations;

	if (read(loop->timer_fd, &expirations, sizeof(expirations)) !=
	    sizeof(expirations))
		return;
	/* Spent: a non-periodic timerfd disarms itself when it expires. */
	loop->timer_fd_deadline = 0;
	mark_due(loop, vv_now_ns());
	run_due(loop);
}

/* Reads no event while one is prepared: dispatches what is queued, then
 * lets the owner act on it (before_poll). */
static int
prepare(struct vv_loop *loop, struct vv_err *err)
{
	while (wl_display_prepare_read(loop->display) != 0)
		if (wl_display_dispatch_pending(loop->display) < 0)
			return connection_lost(loop, err);
	/* After the last dispatch before poll: what it queued goes out, and
	 * Wayland requests it makes go out with the flush below. */
	if (loop->before_poll)
		loop->before_poll(loop->data);
	return 0;
}

/* Flushes what the turn queued, waits in poll and reads the Wayland events
 * that came (the prepared read ends here): 0 with @fds answered, -EINTR
 * when a signal cut the wait short, or -errno with @err filled. */
static int
wait_for_events(struct vv_loop *loop, struct pollfd *fds, struct vv_err *err)
{
	/* Wait for room instead of spinning when the socket is full. */
	fds[LOOP_WAYLAND].events = POLLIN;
	if (wl_display_flush(loop->display) < 0) {
		if (errno != EAGAIN) {
			wl_display_cancel_read(loop->display);
			return connection_lost(loop, err);
		}
		fds[LOOP_WAYLAND].events |= POLLOUT;
	}
	if (poll(fds, LOOP_FD_COUNT, -1) < 0) {
		wl_display_cancel_read(loop->display);
		if (errno == EINTR)
			return -EINTR;
		return vv_err_set(err, errno, "poll: %s", strerror(errno));
	}
	if (!(fds[LOOP_WAYLAND].revents & POLLIN)) {
		wl_display_cancel_read(loop->display);
		if (fds[LOOP_WAYLAND].revents & (POLLERR | POLLHUP))
			return connection_lost(loop, err);
	} else if (wl_display_read_events(loop->display) < 0) {
		return connection_lost(loop, err);
	}
	return 0;
}

int
vv_loop_run_once(struct vv_loop *loop, struct vv_err *err)
{
	struct pollfd fds[LOOP_FD_COUNT] = {
		[LOOP_WAYLAND] = { .fd = wl_display_get_fd(loop->display) },
		[LOOP_SIGNAL] = { .fd = loop->signal_fd, .events = POLLIN },
		[LOOP_TIMER] = { .fd = loop->timer_fd, .events = POLLIN },
	};

	int ret = prepare(loop, err);
	if (ret)
		return ret;
	/* A timer already due (a frame callback just came: its tick) runs
	 * now rather than through the timerfd after one more poll, outside
	 * the prepared read so that it may dispatch; the next turn polls. */
	uint64_t first = earliest(loop), now;
	if (first && first <= (now = vv_now_ns())) {
		wl_display_cancel_read(loop->display);
		mark_due(loop, now);
		run_due(loop);
		return 0;
	}
	program_timer_fd(loop, first);
	/* As before_poll (the QMP client) left them. */
	fds[LOOP_EXTRA].fd = loop->extra_fd;
	fds[LOOP_EXTRA].events = loop->extra_events;
	ret = wait_for_events(loop, fds, err);
	if (ret)
		return ret == -EINTR ? 0 : ret;
	if (fds[LOOP_SIGNAL].revents & POLLIN)
		read_signal(loop);
	if (fds[LOOP_TIMER].revents & POLLIN)
		read_timer(loop);
	if (fds[LOOP_EXTRA].fd >= 0 && fds[LOOP_EXTRA].revents &&
	    loop->on_extra)
		loop->on_extra(loop->data, fds[LOOP_EXTRA].revents);
	if (wl_display_dispatch_pending(loop->display) < 0)
		return connection_lost(loop, err);
	return 0;
}
