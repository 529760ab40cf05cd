/*
 * xdg_wm_base v5: xdg_surface (xdg-shell.c), xdg_toplevel
 * (xdg-toplevel.c), positioners (xdg-positioner.c), server-side decoration
 * negotiation (decoration.c); popups are refused.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <wayland-server-core.h>

struct tc_server;
struct tc_surface;
struct tc_xdg_toplevel;

struct tc_xdg_wm_base {
	struct tc_server *server;
	struct wl_resource *resource;
	struct wl_list surfaces; /* tc_xdg_surface.link */
	struct wl_list link;     /* tc_server.wm_bases */
};

struct tc_xdg_configure {
	uint32_t serial;
	uint32_t states;
	struct wl_list link; /* tc_xdg_surface.configures, oldest first */
};

struct tc_xdg_geometry {
	bool set;
	int32_t x, y, width, height; /* surface units */
};

struct tc_xdg_surface {
	struct tc_server *server;
	struct wl_resource *resource;
	struct tc_xdg_wm_base *wm_base; /* NULL once it is gone */
	struct tc_surface *surface;     /* NULL once it is gone */
	struct wl_listener surface_destroy;
	struct tc_xdg_toplevel *toplevel; /* the role object, or NULL */
	bool initial_configure_sent;
	bool configured; /* a configure was acked */
	bool mapped;
	struct wl_list configures; /* tc_xdg_configure.link: sent, unacked */
	uint32_t acked_states;
	struct tc_xdg_geometry geometry, pending_geometry;
	struct wl_list link; /* tc_xdg_wm_base.surfaces */
};

/* bits are 1 << enum xdg_toplevel_state */
struct tc_xdg_toplevel {
	struct wl_resource *resource;
	struct tc_xdg_surface *xdg_surface; /* NULL once it is gone */
	uint32_t requested_states; /* set_fullscreen etc. before mapping */
	uint32_t sent_states;      /* in the last configure sent */
	uint32_t current_states;   /* acked and committed */
	/* the size of the last configure sent without fullscreen or
	 * maximized (0x0: the client chooses), restored by unset_* */
	int32_t floating_w, floating_h;
	int32_t sent_w, sent_h; /* in the last configure sent */
	/* zxdg_toplevel_decoration_v1 (decoration.c), or NULL */
	struct wl_resource *decoration;
	bool decoration_configure_due; /* send it with the next configure */
	int32_t min_w, min_h, max_w, max_h; /* current */
	int32_t pending_min_w, pending_min_h, pending_max_w, pending_max_h;
	struct wl_list link; /* tc_server.toplevels */
};

/*
 * Where a mapped toplevel's surface origin goes, in surface units of the
 * output (window geometry origin at 0,0, or centred when fullscreen and
 * smaller than the output). NULL when the toplevel is not mapped.
 */
struct tc_surface *tc_xdg_toplevel_placement(struct tc_xdg_toplevel *toplevel,
					     double *x, double *y);

/* xdg-toplevel.c: get_toplevel on xdg (checked by the caller); NULL when
 * out of memory (the client was told). */
struct tc_xdg_toplevel *tc_xdg_toplevel_create(struct tc_xdg_surface *xdg,
					       struct wl_client *client,
					       uint32_t version, uint32_t id);
/* The configure answering the initial commit. */
void tc_xdg_toplevel_send_initial_configure(struct tc_xdg_toplevel *toplevel);
/* Sends the last configure's size and states again (a new serial), e.g.
 * to carry a decoration mode. */
void tc_xdg_toplevel_reconfigure(struct tc_xdg_toplevel *toplevel);

/* The first (oldest) toplevel, or NULL. */
struct tc_xdg_toplevel *tc_xdg_first_toplevel(struct tc_server *server);

/* xdg_toplevel.configure + xdg_surface.configure; states as above. */
void tc_xdg_toplevel_configure(struct tc_xdg_toplevel *toplevel, int32_t width,
			       int32_t height, uint32_t states);

void tc_xdg_toplevel_close(struct tc_xdg_toplevel *toplevel);

/* xdg_wm_base.ping to every client; logs "ping serial=N" for each. */
void tc_xdg_ping(struct tc_server *server);

/* "maximized,activated" or "none" into buf (>= 64 bytes) */
const char *tc_xdg_states_name(uint32_t states, char *buf, size_t size);

/* decoration.c: the zxdg_toplevel_decoration_v1 configure, sent before
 * each xdg_surface.configure that carries a mode; the toplevel is going */
void tc_decoration_send_configure(struct wl_resource *decoration);
void tc_decoration_toplevel_destroyed(struct wl_resource *decoration);

/* xdg-positioner.c: wm_base.create_positioner; false on incomplete
 * positioners (for get_popup) */
void tc_xdg_positioner_create(struct wl_client *client, uint32_t version,
			      uint32_t id);
bool tc_xdg_positioner_is_complete(struct wl_resource *resource);
