/*
 * xdg_toplevel: configures, state requests (fullscreen, maximized) answered
 * as real compositors do, placement on the output, move/resize checked
 * against the seat's button serials.
 */
#include "xdg-shell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "surface.h"
#include "tc-log.h"
#include "xdg-decoration-unstable-v1-server-protocol.h"
#include "xdg-shell-server-protocol.h"

static const char *const state_names[] = {
	[XDG_TOPLEVEL_STATE_MAXIMIZED] = "maximized",
	[XDG_TOPLEVEL_STATE_FULLSCREEN] = "fullscreen",
	[XDG_TOPLEVEL_STATE_RESIZING] = "resizing",
	[XDG_TOPLEVEL_STATE_ACTIVATED] = "activated",
};

const char *
tc_xdg_states_name(uint32_t states, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(state_names) / sizeof(*state_names);
	     i++) {
		if (state_names[i] && (states & (1u << i)))
			n += snprintf(buf + n, size - n, "%s%s", n ? "," : "",
				      state_names[i]);
	}
	if (n == 0)
		snprintf(buf, size, "none");
	return buf;
}

/* states whose configure carries the output's size */
#define TC_XDG_FILL_STATES                       \
	((1u << XDG_TOPLEVEL_STATE_FULLSCREEN) | \
	 (1u << XDG_TOPLEVEL_STATE_MAXIMIZED))

static void
output_size(struct tc_server *server, int32_t *width, int32_t *height)
{
	*width = (int32_t)(server->opt.width / server->surface_scale);
	*height = (int32_t)(server->opt.height / server->surface_scale);
}

void
tc_xdg_toplevel_configure(struct tc_xdg_toplevel *toplevel, int32_t width,
			  int32_t height, uint32_t states)
{
	struct tc_xdg_surface *xdg = toplevel->xdg_surface;
	struct wl_array array;
	char names[64];

	if (!xdg)
		return;
	struct tc_xdg_configure *configure = calloc(1, sizeof(*configure));
	if (!configure) {
		wl_client_post_no_memory(wl_resource_get_client(xdg->resource));
		return;
	}
	wl_array_init(&array);
	for (uint32_t i = 0; i < 32; i++) {
		if (!(states & (1u << i)))
			continue;
		uint32_t *s = wl_array_add(&array, sizeof(*s));
		if (s)
			*s = i;
	}
	configure->serial = wl_display_next_serial(xdg->server->display);
	configure->states = states;
	wl_list_insert(xdg->configures.prev, &configure->link);
	toplevel->sent_states = states;
	toplevel->sent_w = width;
	toplevel->sent_h = height;
	if (!(states & TC_XDG_FILL_STATES)) {
		toplevel->floating_w = width;
		toplevel->floating_h = height;
	}
	xdg_toplevel_send_configure(toplevel->resource, width, height, &array);
	if (toplevel->decoration && toplevel->decoration_configure_due) {
		tc_decoration_send_configure(toplevel->decoration);
		toplevel->decoration_configure_due = false;
	}
	xdg_surface_send_configure(xdg->resource, configure->serial);
	wl_array_release(&array);
	tc_plog("configure serial=%u size=%dx%d states=%s", configure->serial,
		width, height,
		tc_xdg_states_name(states, names, sizeof(names)));
}

void
tc_xdg_toplevel_close(struct tc_xdg_toplevel *toplevel)
{
	xdg_toplevel_send_close(toplevel->resource);
}

struct tc_xdg_toplevel *
tc_xdg_first_toplevel(struct tc_server *server)
{
	struct tc_xdg_toplevel *toplevel;

	wl_list_for_each (toplevel, &server->toplevels, link)
		return toplevel;
	return NULL;
}

struct tc_surface *
tc_xdg_toplevel_placement(struct tc_xdg_toplevel *toplevel, double *x,
			  double *y)
{
	struct tc_xdg_surface *xdg = toplevel->xdg_surface;
	double width, height;

	if (!xdg || !xdg->surface || !xdg->mapped ||
	    !tc_surface_size(xdg->surface, &width, &height))
		return NULL;
	struct tc_xdg_geometry g = xdg->geometry;
	if (!g.set)
		g = (struct tc_xdg_geometry){ true, 0, 0, (int32_t)width,
					      (int32_t)height };
	*x = -g.x;
	*y = -g.y;
	if (toplevel->current_states & (1u << XDG_TOPLEVEL_STATE_FULLSCREEN)) {
		int32_t ow, oh;

		output_size(xdg->server, &ow, &oh);
		if (g.width < ow)
			*x += (ow - g.width) / 2;
		if (g.height < oh)
			*y += (oh - g.height) / 2;
	}
	return xdg->surface;
}

void
tc_xdg_toplevel_send_initial_configure(struct tc_xdg_toplevel *toplevel)
{
	struct tc_xdg_surface *xdg = toplevel->xdg_surface;
	int32_t width = 0, height = 0;

	if (toplevel->requested_states & TC_XDG_FILL_STATES)
		output_size(xdg->server, &width, &height);
	/* a new mapping starts floating at the client's own size */
	toplevel->floating_w = toplevel->floating_h = 0;
	xdg->initial_configure_sent = true;
	tc_xdg_toplevel_configure(toplevel, width, height,
				  toplevel->requested_states);
}

void
tc_xdg_toplevel_reconfigure(struct tc_xdg_toplevel *toplevel)
{
	tc_xdg_toplevel_configure(toplevel, toplevel->sent_w, toplevel->sent_h,
				  toplevel->sent_states);
}

/* xdg_toplevel */

static struct tc_xdg_toplevel *
toplevel_from_resource(struct wl_resource *resource)
{
	return wl_resource_get_user_data(resource);
}

static void
toplevel_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	struct tc_xdg_toplevel *toplevel = toplevel_from_resource(resource);

	/* in the request, not the destructor: at client teardown the order
	 * of destruction is libwayland's */
	if (toplevel->decoration) {
		tc_post_error(
		    toplevel->decoration,
		    ZXDG_TOPLEVEL_DECORATION_V1_ERROR_ORPHANED,
		    "xdg_toplevel destroyed before its zxdg_toplevel_decoration_v1");
		return;
	}
	wl_resource_destroy(resource);
}

static void
toplevel_handle_set_parent(struct wl_client *client,
			   struct wl_resource *resource,
			   struct wl_resource *parent)
{
	if (parent && parent == resource)
		tc_post_error(resource, XDG_TOPLEVEL_ERROR_INVALID_PARENT,
			      "a toplevel cannot be its own parent");
}

static void
toplevel_handle_set_title(struct wl_client *client,
			  struct wl_resource *resource, const char *text)
{
	tc_plog("title %s", text);
}

static void
toplevel_handle_set_app_id(struct wl_client *client,
			   struct wl_resource *resource, const char *text)
{
	tc_plog("app-id %s", text);
}

static void
toplevel_handle_show_window_menu(struct wl_client *client,
				 struct wl_resource *resource,
				 struct wl_resource *seat, uint32_t serial,
				 int32_t x, int32_t y)
{
	struct tc_xdg_toplevel *toplevel = toplevel_from_resource(resource);
	struct tc_xdg_surface *xdg = toplevel->xdg_surface;
	bool ok = xdg && tc_seat_grab_serial_valid(xdg->server, seat, serial);

	tc_plog("window-menu serial=%u pos=%d,%d accepted=%s", serial, x, y,
		ok ? "yes" : "no");
}

/* Interactive move: a real compositor starts it only for the serial of a
 * button press that is still held; vv-compositor logs the verdict and
 * moves nothing. */
static void
toplevel_handle_move(struct wl_client *client, struct wl_resource *resource,
		     struct wl_resource *seat, uint32_t serial)
{
	struct tc_xdg_toplevel *toplevel = toplevel_from_resource(resource);
	struct tc_xdg_surface *xdg = toplevel->xdg_surface;
	bool ok = xdg && tc_seat_grab_serial_valid(xdg->server, seat, serial);

	tc_plog("move serial=%u accepted=%s", serial, ok ? "yes" : "no");
}

static void
toplevel_handle_resize(struct wl_client *client, struct wl_resource *resource,
		       struct wl_resource *seat, uint32_t serial,
		       uint32_t edges)
{
	struct tc_xdg_toplevel *toplevel = toplevel_from_resource(resource);
	struct tc_xdg_surface *xdg = toplevel->xdg_surface;

	if (edges > XDG_TOPLEVEL_RESIZE_EDGE_BOTTOM_RIGHT || edges == 3 ||
	    edges == 7) {
		tc_post_error(resource, XDG_TOPLEVEL_ERROR_INVALID_RESIZE_EDGE,
			      "invalid resize edge %u", edges);
		return;
	}
	bool ok = xdg && tc_seat_grab_serial_valid(xdg->server, seat, serial);
	tc_plog("resize serial=%u edges=%u accepted=%s", serial, edges,
		ok ? "yes" : "no");
}

static void
toplevel_handle_set_max_size(struct wl_client *client,
			     struct wl_resource *resource, int32_t width,
			     int32_t height)
{
	struct tc_xdg_toplevel *toplevel = toplevel_from_resource(resource);

	if (width < 0 || height < 0) {
		tc_post_error(resource, XDG_TOPLEVEL_ERROR_INVALID_SIZE,
			      "max size %dx%d is negative", width, height);
		return;
	}
	toplevel->pending_max_w = width;
	toplevel->pending_max_h = height;
}

static void
toplevel_handle_set_min_size(struct wl_client *client,
			     struct wl_resource *resource, int32_t width,
			     int32_t height)
{
	struct tc_xdg_toplevel *toplevel = toplevel_from_resource(resource);

	if (width < 0 || height < 0) {
		tc_post_error(resource, XDG_TOPLEVEL_ERROR_INVALID_SIZE,
			      "min size %dx%d is negative", width, height);
		return;
	}
	toplevel->pending_min_w = width;
	toplevel->pending_min_h = height;
}

/*
 * A state request: remembered for the initial configure, answered with a
 * configure once that was sent. Fullscreen and maximized get the output's
 * size in surface units; leaving both restores the size of the last
 * configure sent without them (0x0 when the client chose its size). Other
 * states (activated, resizing) carry over.
 */
static void
toplevel_request_state(struct wl_resource *resource, uint32_t state, bool on)
{
	struct tc_xdg_toplevel *toplevel = toplevel_from_resource(resource);
	struct tc_xdg_surface *xdg = toplevel->xdg_surface;
	int32_t width = toplevel->floating_w, height = toplevel->floating_h;

	if (on)
		toplevel->requested_states |= 1u << state;
	else
		toplevel->requested_states &= ~(1u << state);
	if (!xdg || !xdg->initial_configure_sent)
		return;
	uint32_t states = on ? toplevel->sent_states | (1u << state)
			     : toplevel->sent_states & ~(1u << state);
	if (states & TC_XDG_FILL_STATES)
		output_size(xdg->server, &width, &height);
	tc_xdg_toplevel_configure(toplevel, width, height, states);
}

static void
toplevel_handle_set_maximized(struct wl_client *client,
			      struct wl_resource *resource)
{
	tc_plog("request set_maximized");
	toplevel_request_state(resource, XDG_TOPLEVEL_STATE_MAXIMIZED, true);
}

static void
toplevel_handle_unset_maximized(struct wl_client *client,
				struct wl_resource *resource)
{
	tc_plog("request unset_maximized");
	toplevel_request_state(resource, XDG_TOPLEVEL_STATE_MAXIMIZED, false);
}

static void
toplevel_handle_set_fullscreen(struct wl_client *client,
			       struct wl_resource *resource,
			       struct wl_resource *output)
{
	/* one output: whichever the client names, it gets VV-1 */
	tc_plog("request set_fullscreen output=%s", output ? "VV-1" : "none");
	toplevel_request_state(resource, XDG_TOPLEVEL_STATE_FULLSCREEN, true);
}

static void
toplevel_handle_unset_fullscreen(struct wl_client *client,
				 struct wl_resource *resource)
{
	tc_plog("request unset_fullscreen");
	toplevel_request_state(resource, XDG_TOPLEVEL_STATE_FULLSCREEN, false);
}

static void
toplevel_handle_set_minimized(struct wl_client *client,
			      struct wl_resource *resource)
{
	/* nowhere to minimize to; real compositors may ignore it too */
	tc_plog("request set_minimized");
}

static const struct xdg_toplevel_interface toplevel_implementation = {
	.destroy = toplevel_handle_destroy,
	.set_parent = toplevel_handle_set_parent,
	.set_title = toplevel_handle_set_title,
	.set_app_id = toplevel_handle_set_app_id,
	.show_window_menu = toplevel_handle_show_window_menu,
	.move = toplevel_handle_move,
	.resize = toplevel_handle_resize,
	.set_max_size = toplevel_handle_set_max_size,
	.set_min_size = toplevel_handle_set_min_size,
	.set_maximized = toplevel_handle_set_maximized,
	.unset_maximized = toplevel_handle_unset_maximized,
	.set_fullscreen = toplevel_handle_set_fullscreen,
	.unset_fullscreen = toplevel_handle_unset_fullscreen,
	.set_minimized = toplevel_handle_set_minimized,
};

static void
toplevel_resource_destroy(struct wl_resource *resource)
{
	struct tc_xdg_toplevel *toplevel = toplevel_from_resource(resource);
	struct tc_xdg_surface *xdg = toplevel->xdg_surface;

	if (toplevel->decoration)
		tc_decoration_toplevel_destroyed(toplevel->decoration);
	if (xdg) {
		if (xdg->surface && xdg->mapped)
			tc_seat_unfocus(xdg->server, xdg->surface);
		/* unmapped; a new role object starts from the beginning */
		xdg->toplevel = NULL;
		xdg->mapped = false;
		xdg->configured = false;
		xdg->initial_configure_sent = false;
		if (xdg->surface)
			tc_repaint_schedule(xdg->server);
	}
	wl_list_remove(&toplevel->link);
	free(toplevel);
}

struct tc_xdg_toplevel *
tc_xdg_toplevel_create(struct tc_xdg_surface *xdg, struct wl_client *client,
		       uint32_t version, uint32_t id)
{
	struct tc_xdg_toplevel *toplevel = calloc(1, sizeof(*toplevel));

	if (!toplevel) {
		wl_client_post_no_memory(client);
		return NULL;
	}
	toplevel->resource =
	    wl_resource_create(client, &xdg_toplevel_interface, version, id);
	if (!toplevel->resource) {
		free(toplevel);
		wl_client_post_no_memory(client);
		return NULL;
	}
	toplevel->xdg_surface = xdg;
	xdg->toplevel = toplevel;
	wl_list_insert(xdg->server->toplevels.prev, &toplevel->link);
	wl_resource_set_implementation(toplevel->resource,
				       &toplevel_implementation, toplevel,
				       toplevel_resource_destroy);
	if (version >= XDG_TOPLEVEL_WM_CAPABILITIES_SINCE_VERSION) {
		struct wl_array caps;
		uint32_t *cap;

		wl_array_init(&caps);
		if ((cap = wl_array_add(&caps, sizeof(*cap))))
			*cap = XDG_TOPLEVEL_WM_CAPABILITIES_MAXIMIZE;
		if ((cap = wl_array_add(&caps, sizeof(*cap))))
			*cap = XDG_TOPLEVEL_WM_CAPABILITIES_FULLSCREEN;
		xdg_toplevel_send_wm_capabilities(toplevel->resource, &caps);
		wl_array_release(&caps);
	}
	return toplevel;
}
