/* The loop's timers (loop.h): a timer already due runs before poll without
 * the timerfd (a frame callback's tick costs no wake-up), a future one wakes
 * poll through the timerfd, which arming alone does not set, a timer that
 * keeps re-arming itself cannot starve the loop (each turn runs it once and
 * returns), and a timer destroyed by another due in the same turn is not
 * called. The Wayland connection is one end of a socketpair: nothing is
 * ever read from it. */
#include <poll.h>
#include <stdint.h>
#include <sys/socket.h>
#include <unistd.h>
#include <wayland-client.h>

#include "clock.h"
#include "loop.h"
#include "tst.h"

#define MS 1000000ull

struct fixture {
	struct vv_loop loop;
	struct wl_display *display;
	int peer; /* the "compositor" end: never written */
};

static void
fixture_init(struct fixture *f)
{
	int fds[2];
	struct vv_err err = { 0 };

	*f = (struct fixture){ .loop = { .signal_fd = -1, .timer_fd = -1 } };
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0) {
		TST_CHECK(!"socketpair");
		return;
	}
	f->peer = fds[1];
	f->display = wl_display_connect_to_fd(fds[0]);
	TST_CHECK(f->display != NULL);
	TST_CHECK(vv_loop_init(&f->loop, f->display, &err) == 0);
}

static void
fixture_finish(struct fixture *f)
{
	vv_loop_finish(&f->loop);
	if (f->display)
		wl_display_disconnect(f->display);
	close(f->peer);
}

struct counter {
	int calls;
	struct vv_timer *timer;  /* re-armed from the callback when set */
	struct vv_timer *victim; /* destroyed from the callback when set */
};

static void
count(void *data)
{
	struct counter *c = data;

	c->calls++;
	if (c->timer)
		vv_timer_arm(c->timer, vv_now_ns() - 1);
	if (c->victim) {
		vv_timer_destroy(c->victim);
		c->victim = NULL;
	}
}

static void
due_timer_runs_before_poll(void)
{
	struct fixture f;
	struct vv_err err = { 0 };
	struct counter c = { 0 };
	int pipe_fds[2];

	fixture_init(&f);
	/* No timerfd (poll skips a negative fd), and an fd poll returns for
	 * at once: a timer left for the timerfd would never run. */
	close(f.loop.timer_fd);
	f.loop.timer_fd = -1;
	TST_CHECK(pipe(pipe_fds) == 0);
	TST_CHECK(write(pipe_fds[1], "x", 1) == 1);
	f.loop.extra_fd = pipe_fds[0];
	f.loop.extra_events = POLLIN;
	struct vv_timer *timer = vv_loop_add_timer(&f.loop, count, &c);
	vv_timer_arm(timer, vv_now_ns());
	TST_CHECK(vv_loop_run_once(&f.loop, &err) == 0);
	TST_CHECK(c.calls == 1);
	TST_CHECK(vv_timer_deadline(timer) == 0);
	vv_timer_destroy(timer);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	fixture_finish(&f);
}

static void
future_timer_sets_the_timerfd(void)
{
	struct fixture f;
	struct vv_err err = { 0 };
	struct counter c = { 0 };

	fixture_init(&f);
	struct vv_timer *timer = vv_loop_add_timer(&f.loop, count, &c);
	struct vv_timer *later = vv_loop_add_timer(&f.loop, count, &c);
	uint64_t at = vv_now_ns() + 2 * MS;
	vv_timer_arm(timer, at);
	vv_timer_arm(later, at + 3600000 * MS);
	/* Arming alone sets nothing: the turn does, to the earliest. */
	TST_CHECK(f.loop.timer_fd_deadline == 0);
	/* poll wakes for the timerfd (2 ms) and runs the timer. */
	TST_CHECK(vv_loop_run_once(&f.loop, &err) == 0);
	TST_CHECK(c.calls == 1);
	TST_CHECK(vv_timer_deadline(later) == at + 3600000 * MS);
	vv_timer_destroy(later);
	vv_timer_destroy(timer);
	fixture_finish(&f);
}

static void
rearming_timer_cannot_starve_the_loop(void)
{
	struct fixture f;
	struct vv_err err = { 0 };
	struct counter c = { 0 };

	fixture_init(&f);
	c.timer = vv_loop_add_timer(&f.loop, count, &c);
	vv_timer_arm(c.timer, vv_now_ns());
	/* Each call arms it again for a time already past: each turn runs
	 * it once and returns, so the caller's loop gets to check quit. */
	TST_CHECK(vv_loop_run_once(&f.loop, &err) == 0);
	TST_CHECK(c.calls == 1);
	TST_CHECK(vv_loop_run_once(&f.loop, &err) == 0);
	TST_CHECK(c.calls == 2);
	vv_timer_destroy(c.timer);
	fixture_finish(&f);
}

static void
destroyed_timer_is_not_called(void)
{
	struct fixture f;
	struct vv_err err = { 0 };
	struct counter first = { 0 }, second = { 0 };

	fixture_init(&f);
	struct vv_timer *a = vv_loop_add_timer(&f.loop, count, &first);
	struct vv_timer *b = vv_loop_add_timer(&f.loop, count, &second);
	uint64_t now = vv_now_ns();
	vv_timer_arm(a, now);
	vv_timer_arm(b, now);
	/* Whichever runs first destroys the other, due in the same turn. */
	first.victim = b;
	second.victim = a;
	TST_CHECK(vv_loop_run_once(&f.loop, &err) == 0);
	TST_CHECK(first.calls + second.calls == 1);
	vv_timer_destroy(first.calls ? a : b);
	fixture_finish(&f);
}

int
main(void)
{
	TST_RUN(due_timer_runs_before_poll);
	TST_RUN(future_timer_sets_the_timerfd);
	TST_RUN(rearming_timer_cannot_starve_the_loop);
	TST_RUN(destroyed_timer_is_not_called);
	return tst_failures ? 1 : 0;
}
