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

/* Starts connecting to the unix socket @path (copied). @loop (borrowed)
 * carries its reconnect timer. */
struct vv_qmp *vv_qmp_create(struct vv_loop *loop, const char *path);

/* NULL is fine. */
void vv_qmp_destroy(struct vv_qmp *qmp);

/* Connected, greeted and asked: input sent now reaches QEMU. */
bool vv_qmp_ready(const struct vv_qmp *qmp);

/* Whether the VM has an absolute pointer (query-mice); valid when ready. */
bool vv_qmp_absolute(const struct vv_qmp *qmp);

/* Queue one event for this turn's command (dropped while not ready).
 * @qcode and @button are QEMU's names (keymap-qcode.h); @x, @y are
 * 0..VV_ABS_MAX. */
void vv_qmp_key(struct vv_qmp *qmp, const char *qcode, bool down);
void vv_qmp_button(struct vv_qmp *qmp, const char *button, bool down);
void vv_qmp_abs(struct vv_qmp *qmp, uint32_t x, uint32_t y);

/* Before each poll: turns the queued events into one command, writes what
 * the socket takes, and sets loop->extra_fd / extra_events. */
void vv_qmp_before_poll(struct vv_qmp *qmp);

/* The socket is ready (@revents from poll). */
void vv_qmp_handle(struct vv_qmp *qmp, short revents);

/* "qmp PATH · tablet", "qmp PATH · connecting", for the overlay. */
void vv_qmp_describe(const struct vv_qmp *qmp, char *out, size_t len);

#endif
