/* The one poll(2) loop: the Wayland connection, signals (signalfd) and the
 * timers its owners add (mako's event-loop timers), multiplexed on one
 * timerfd set to the earliest absolute CLOCK_MONOTONIC deadline before each
 * poll. A timer already due then runs at once, without a wake-up. The loop
 * knows no timer's purpose: each is a callback and its data. */
#ifndef VV_LOOP_H
#define VV_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <wayland-client.h>

#include "error.h"

/* One owner's timer (loop.c): made by vv_loop_add_timer, destroyed by its
 * owner. */
struct vv_timer;

struct vv_loop {
	struct wl_display *display; /* borrowed */
	int signal_fd;              /* SIGINT, SIGTERM, SIGHUP; owned */
	int timer_fd;               /* owned */
	uint64_t timer_fd_deadline; /* what timer_fd is set to; 0: disarmed */
	bool quit;                  /* set by anyone to end the loop */
	bool survive_hup;           /* SIGHUP does not set quit (a kiosk's) */
	struct wl_list timers;      /* struct vv_timer.link */
	void *data;
	/* One more fd (QEMU's QMP socket), -1: none. before_poll (if set)
	 * runs once a turn right before poll and may change extra_fd and
	 * extra_events; on_extra gets its revents. */
	int extra_fd;
	short extra_events;
	void (*before_poll)(void *data);
	void (*on_extra)(void *data, short revents);
};

/* Blocks SIGINT, SIGTERM and SIGHUP and returns a signalfd for them (owned
 * by the caller), or -errno with @err filled. */
int vv_signalfd_open(struct vv_err *err);

/* Blocks the signals (they arrive through signal_fd) and makes the fds. */
int vv_loop_init(struct vv_loop *loop, struct wl_display *display,
		 struct vv_err *err);

void vv_loop_finish(struct vv_loop *loop);

/* A disarmed timer that calls @fn(@data) from the loop's dispatch once its
 * deadline passes; it is then disarmed (re-arm it from @fn). Owned by the
 * caller, who destroys it before vv_loop_finish. */
struct vv_timer *vv_loop_add_timer(struct vv_loop *loop, void (*fn)(void *data),
				   void *data);

/* NULL is fine. */
void vv_timer_destroy(struct vv_timer *timer);

/* Arms @timer for @deadline (CLOCK_MONOTONIC ns; one already past fires on
 * the next turn, before its poll); 0 disarms it. No syscall. */
void vv_timer_arm(struct vv_timer *timer, uint64_t deadline);

/* The deadline @timer is armed for, 0 when disarmed. */
uint64_t vv_timer_deadline(const struct vv_timer *timer);

/* One turn: runs the timers already due, if any; otherwise waits for the
 * first event and handles everything ready. A signal sets loop->quit. Returns
 * 0, or -errno with @err filled when the compositor went away or ended the
 * connection. */
int vv_loop_run_once(struct vv_loop *loop, struct vv_err *err);

#endif
