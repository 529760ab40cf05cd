/* A client of QEMU's QMP socket, for sending the guest input: connects,
 * reads the greeting, negotiates capabilities, asks query-mice whether the
 * VM has an absolute pointer, then sends each loop turn's input as one
 * input-send-event command. Never blocks: the socket is non-blocking, in
 * the viewer's poll loop (loop->extra_fd), with writes queued until
 * POLLOUT. A socket that goes away (QEMU restarting) is one log line and a
 * retry with backoff (its own timer); the window never waits for it. */
#ifndef VV_QMP_H
#define VV_QMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loop.h"

struct vv_qmp;

/* How the pointer reaches the guest (--pointer). */
enum vv_pointer_mode {
	VV_POINTER_AUTO,     /* absolute when query-mice lists one */
	VV_POINTER_ABSOLUTE, /* abs events, whatever the VM has */
	VV_POINTER_RELATIVE, /* rel events under a pointer lock */
	VV_POINTER_MODE_COUNT,
};

/* "auto", "absolute", "relative"; -1 for anything else. */
int vv_pointer_mode_from_name(const char *name);

/* Starts connecting to the unix socket @path (copied). @loop (borrowed)
 * carries its reconnect timer. */
struct vv_qmp *vv_qmp_create(struct vv_loop *loop, const char *path,
			     enum vv_pointer_mode mode);

/* NULL is fine. */
void vv_qmp_destroy(struct vv_qmp *qmp);

/* Connected, greeted and asked: input sent now reaches QEMU. */
bool vv_qmp_ready(const struct vv_qmp *qmp);

/* Whether the pointer goes as abs events: the mode asked for, or with
 * auto, whether the VM has an absolute pointer (query-mice). */
bool vv_qmp_absolute(const struct vv_qmp *qmp);

/* Ready, and the pointer goes as rel events under a lock. */
bool vv_qmp_relative(const struct vv_qmp *qmp);

/* Whether QEMU has a name for evdev key @key / button @button
 * (keymap-qcode.h); one it has none for cannot reach the guest. */
bool vv_qmp_has_key(uint32_t key);
bool vv_qmp_has_button(uint32_t button);

/* Queue one event for this turn's command (dropped while not ready).
 * @key and @button are evdev codes, sent as QEMU's names (dropped when it
 * has none); @x, @y are 0..VV_ABS_MAX. */
void vv_qmp_key(struct vv_qmp *qmp, uint32_t key, bool down);
void vv_qmp_button(struct vv_qmp *qmp, uint32_t button, bool down);
/* @steps wheel steps, positive down (@vertical) or right as Wayland
 * counts: QEMU's wheel is buttons, so each step is a click (64 at most). */
void vv_qmp_wheel(struct vv_qmp *qmp, bool vertical, int32_t steps);
void vv_qmp_abs(struct vv_qmp *qmp, uint32_t x, uint32_t y);
/* Relative motion in guest pixels; an axis with 0 is left out. */
void vv_qmp_rel(struct vv_qmp *qmp, int32_t dx, int32_t dy);

/* Before each poll: turns the queued events into one command, writes what
 * the socket takes, and sets loop->extra_fd / extra_events. */
void vv_qmp_before_poll(struct vv_qmp *qmp);

/* The socket is ready (@revents from poll). */
void vv_qmp_handle(struct vv_qmp *qmp, short revents);

/* "qmp PATH · tablet", "qmp PATH · relative", "qmp PATH · connecting",
 * for the overlay. */
void vv_qmp_describe(const struct vv_qmp *qmp, char *out, size_t len);

#endif
