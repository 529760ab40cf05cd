/*
 * Shared by test-client-strict's scenarios: one connection with the
 * globals bound, one toplevel, buffers holding the test pattern.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wayland-client.h>

#include "fractional-scale-v1-client-protocol.h"
#include "linux-dmabuf-unstable-v1-client-protocol.h"
#include "presentation-time-client-protocol.h"
#include "viewporter-client-protocol.h"
#include "xdg-decoration-unstable-v1-client-protocol.h"
#include "xdg-shell-client-protocol.h"

struct client {
	struct wl_display *display;
	struct wl_compositor *compositor;
	struct wl_subcompositor *subcompositor;
	struct wl_shm *shm;
	struct xdg_wm_base *wm_base;
	struct wp_viewporter *viewporter;
	struct wl_registry *registry;
	uint32_t output_name; /* bound by the scenario that listens */
	struct wp_fractional_scale_manager_v1 *fractional_manager;
	struct zwp_linux_dmabuf_v1 *dmabuf;
	uint32_t dmabuf_version;
	struct wl_seat *seat; /* v7, with --seat */
	struct zxdg_decoration_manager_v1 *decoration_manager;
	struct wp_presentation *presentation;

	struct wl_surface *surface;
	struct xdg_surface *xdg_surface;
	struct xdg_toplevel *toplevel;
	uint32_t configure_serial;
	bool configured, closed;
	/* the last xdg_toplevel.configure: surface units, 1 << state bits */
	int32_t configure_w, configure_h;
	uint32_t configure_states;
	unsigned configure_count; /* xdg_surface.configure events */

	/* v3 format list, or v4 feedback */
	char pairs[256][48];
	size_t pair_count;
	int table_fd;
	uint32_t table_size;
	size_t main_device_size;
	uint16_t indices[256];
	size_t index_count;
	bool feedback_done;

	struct wl_buffer *created;
	bool import_failed;
	bool frame_done;
};

/* prints what and exits 2 */
void die(const char *what) __attribute__((noreturn));

void client_connect(struct client *c);

/* Ends an error scenario: prints the protocol error ("protocol-error
 * iface=I code=N", returns 0) or "no-error" (returns 1). */
int expect_error(struct client *c);

/* An XRGB8888 shm buffer of the test pattern, or of color if not 0. */
struct wl_buffer *shm_buffer(struct client *c, int32_t w, int32_t h,
			     uint32_t color);

/* c->surface, c->xdg_surface, c->toplevel, before the initial commit */
void toplevel_begin(struct client *c);

/* c->surface as a toplevel after its initial configure, acked if ack
 * (after toplevel_begin, or from nothing). */
void toplevel_create(struct client *c, bool ack);

/* Commits c->surface with a frame callback, prints "shown" once done and
 * stays until xdg_toplevel.close: 0, or 1 on an error. */
int show_and_hold(struct client *c);

/* Waits for the next xdg_surface.configure (dies if none comes). */
void wait_configure(struct client *c);

/* "fullscreen,activated" or "none" from configure_states */
const char *states_name(uint32_t states, char *buf, size_t size);

/* Scenarios of test-client-shell.c and test-client-seat.c: the exit
 * status, or -1 when name is none of theirs. */
int shell_scenario(struct client *c, const char *name, int argc, char **argv);
int seat_scenario(struct client *c, const char *name, int argc, char **argv);

/* "XR24" "X_TILED" (or 0x hex) */
bool parse_format(const char *fourcc, const char *mod, uint32_t *format,
		  uint64_t *modifier);

/* Params with plane 0 a memfd of the pattern in the modifier's layout
 * (32-bit pixels). */
struct zwp_linux_buffer_params_v1 *
params_with_pattern(struct client *c, uint64_t modifier, int32_t w, int32_t h);

/* Asynchronous create; prints "created" or "failed". */
bool dmabuf_create(struct client *c, const char *fourcc, const char *mod,
		   int32_t w, int32_t h);

/* "version N" and the FOURCC:MODIFIER list, from v3 events or v4
 * feedback (checking the table's seals and main_device). */
int print_formats(struct client *c);
