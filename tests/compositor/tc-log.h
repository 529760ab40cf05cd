/*
 * Two outputs: messages for the person running vv-compositor (stderr,
 * prefixed "vv-compositor: "), and the protocol log of --log, one event per
 * line, key=value, that tests grep (tests/README.md lists every line).
 */
#pragma once

#include <stdbool.h>
#include <wayland-server-core.h>

#define TC_PRINTF(a, b) __attribute__((format(printf, a, b)))

/*
 * Opens path for the protocol log (line buffered). time: every line ends
 * in " t=NS", CLOCK_MONOTONIC when it was logged. quiet: only commit,
 * dmabuf-import, protocol-error and screenshot lines. Returns 0 or -errno.
 */
int tc_log_open(const char *path, bool time, bool quiet);

void tc_log_close(void);

/* One protocol log line; the newline is added. No-op without --log. */
void tc_plog(const char *fmt, ...) TC_PRINTF(1, 2);

/* A message on stderr. */
void tc_msg(const char *fmt, ...) TC_PRINTF(1, 2);

/*
 * Posts a protocol error on resource and logs it as
 * "protocol-error iface=... code=N msg=...": every error vv-compositor
 * raises goes through here.
 */
void tc_post_error(struct wl_resource *resource, uint32_t code, const char *fmt,
		   ...) TC_PRINTF(3, 4);
