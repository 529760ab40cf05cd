/*
 * xdg_wm_base v5: xdg_surface and xdg_toplevel (xdg-shell.c), positioners
 * (xdg-positioner.c); popups are refused.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <wayland-server-core.h>

struct vv_server;
struct vv_surface;
struct vv_xdg_surface;

/* bits are 1 << enum xdg_toplevel_state */
struct vv_xdg_toplevel {
	struct wl_resource *resource;
	struct vv_xdg_surface *xdg_surface; /* NULL once it is gone */
	uint32_t requested_states; /* set_fullscreen etc. before mapping */
	uint32_t sent_states;      /* in the last configure sent */
	uint32_t current_states;   /* acked and committed */
	int32_t min_w, min_h, max_w, max_h; /* current */
	int32_t pending_min_w, pending_min_h, pending_max_w, pending_max_h;
	struct wl_list link; /* vv_server.toplevels */
};

/*
 * Where a mapped toplevel's surface origin goes, in surface units of the
 * output (window geometry origin at 0,0, or centred when fullscreen and
 * smaller than the output). NULL when the toplevel is not mapped.
 */
struct vv_surface *vv_xdg_toplevel_placement(struct vv_xdg_toplevel *toplevel,
					     double *x, double *y);

/* The first (oldest) toplevel, or NULL. */
struct vv_xdg_toplevel *vv_xdg_first_toplevel(struct vv_server *server);

/* xdg_toplevel.configure + xdg_surface.configure; states as above. */
void vv_xdg_toplevel_configure(struct vv_xdg_toplevel *toplevel, int32_t width,
			       int32_t height, uint32_t states);

void vv_xdg_toplevel_close(struct vv_xdg_toplevel *toplevel);

/* xdg_wm_base.ping to every client; logs "ping serial=N" for each. */
void vv_xdg_ping(struct vv_server *server);

/* "maximized,activated" or "none" into buf (>= 64 bytes) */
const char *vv_xdg_states_name(uint32_t states, char *buf, size_t size);

/* xdg-positioner.c: wm_base.create_positioner; false on incomplete
 * positioners (for get_popup) */
void vv_xdg_positioner_create(struct wl_client *client, uint32_t version,
			      uint32_t id);
bool vv_xdg_positioner_is_complete(struct wl_resource *resource);
