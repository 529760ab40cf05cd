/* The one poll(2) loop: the Wayland connection, signals (signalfd) and a
 * few named timers multiplexed on one timerfd, re-armed to the earliest
 * absolute CLOCK_MONOTONIC deadline. */
#ifndef VV_LOOP_H
#define VV_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <wayland-client.h>

#include "error.h"

enum vv_timer {
	VV_TIMER_TICK,    /* ask the device again (no frame to pace) */
	VV_TIMER_RESIZE,  /* offer the guest the window's size (debounced) */
	VV_TIMER_OVERLAY, /* repaint the debug overlay */
	VV_TIMER_REOPEN,  /* try to reopen a device that went away */
	VV_TIMER_QMP,     /* reconnect to QEMU's QMP socket (qmp.c) */
	VV_TIMER_COUNT,
};

struct vv_loop {
	struct wl_display *display; /* borrowed */
	int signal_fd;              /* SIGINT, SIGTERM, SIGHUP; owned */
	int timer_fd;               /* owned */
	bool quit;                  /* set by anyone to end the loop */
	bool survive_hup;           /* SIGHUP does not set quit (a kiosk's) */
	uint64_t deadlines[VV_TIMER_COUNT]; /* CLOCK_MONOTONIC ns; 0: off */
	void *data;
	/* Called once per expired timer, which is then off; re-arm it from
	 * there. */
	void (*on_timer)(void *data, enum vv_timer timer);
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

/* Arms @timer for @deadline (CLOCK_MONOTONIC ns); 0 disarms it. */
void vv_loop_arm(struct vv_loop *loop, enum vv_timer timer, uint64_t deadline);

/* One turn: waits for the first event and handles everything ready. A
 * signal sets loop->quit. Returns 0, or -errno with @err filled when the
 * compositor went away or ended the connection. */
int vv_loop_run_once(struct vv_loop *loop, struct vv_err *err);

#endif
