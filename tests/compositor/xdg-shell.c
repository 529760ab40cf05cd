/*
 * xdg_wm_base and xdg_surface (xdg_toplevel is in xdg-toplevel.c). The
 * initial commit gets a configure; a buffer before the first ack_configure
 * is unconfigured_buffer.
 */
#include "xdg-shell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "surface.h"
#include "tc-log.h"
#include "xdg-shell-server-protocol.h"

static bool xdg_precommit(struct tc_surface *surface, void *data);
static void xdg_applied(struct tc_surface *surface, void *data);

/* The wl_surface has an xdg_surface but no role object yet. */
static const struct tc_role xdg_surface_role = {
	.name = "xdg_surface",
	.precommit = xdg_precommit,
	.applied = xdg_applied,
};

static const struct tc_role xdg_toplevel_role = {
	.name = "toplevel",
	.precommit = xdg_precommit,
	.applied = xdg_applied,
};

static bool
xdg_precommit(struct tc_surface *surface, void *data)
{
	struct tc_xdg_surface *xdg = data;
	struct tc_xdg_toplevel *toplevel = xdg->toplevel;

	if (surface->role == &xdg_surface_role) {
		tc_post_error(xdg->resource, XDG_SURFACE_ERROR_NOT_CONSTRUCTED,
			      "commit on an xdg_surface without a role object");
		return false;
	}
	if (!toplevel)
		return true; /* the role object is gone: nothing to show */
	if ((surface->pending.fields & TC_STATE_BUFFER) &&
	    surface->pending.buffer.buffer && !xdg->configured) {
		tc_post_error(
		    xdg->resource, XDG_SURFACE_ERROR_UNCONFIGURED_BUFFER,
		    "buffer committed before the first ack_configure");
		return false;
	}
	if ((toplevel->pending_max_w > 0 &&
	     toplevel->pending_min_w > toplevel->pending_max_w) ||
	    (toplevel->pending_max_h > 0 &&
	     toplevel->pending_min_h > toplevel->pending_max_h)) {
		tc_post_error(toplevel->resource,
			      XDG_TOPLEVEL_ERROR_INVALID_SIZE,
			      "min size %dx%d is larger than max size %dx%d",
			      toplevel->pending_min_w, toplevel->pending_min_h,
			      toplevel->pending_max_w, toplevel->pending_max_h);
		return false;
	}
	return true;
}

static void
xdg_applied(struct tc_surface *surface, void *data)
{
	struct tc_xdg_surface *xdg = data;
	struct tc_xdg_toplevel *toplevel = xdg->toplevel;

	if (xdg->pending_geometry.set)
		xdg->geometry = xdg->pending_geometry;
	if (!toplevel)
		return;
	toplevel->min_w = toplevel->pending_min_w;
	toplevel->min_h = toplevel->pending_min_h;
	toplevel->max_w = toplevel->pending_max_w;
	toplevel->max_h = toplevel->pending_max_h;
	if (!xdg->initial_configure_sent) {
		tc_xdg_toplevel_send_initial_configure(toplevel);
		return;
	}
	if (tc_surface_buffer(surface)) {
		bool newly_mapped = !xdg->mapped;

		xdg->mapped = true;
		toplevel->current_states = xdg->acked_states;
		if (newly_mapped)
			tc_seat_focus(xdg->server, surface);
	} else if (xdg->mapped) {
		/* unmapped by a NULL buffer: back to the initial state */
		xdg->mapped = false;
		xdg->configured = false;
		xdg->initial_configure_sent = false;
		tc_seat_unfocus(xdg->server, surface);
	}
}

/* xdg_surface */

static void
xdg_surface_handle_destroy(struct wl_client *client,
			   struct wl_resource *resource)
{
	struct tc_xdg_surface *xdg = wl_resource_get_user_data(resource);

	if (xdg->toplevel) {
		tc_post_error(resource, XDG_SURFACE_ERROR_DEFUNCT_ROLE_OBJECT,
			      "xdg_surface destroyed before its xdg_toplevel");
		return;
	}
	wl_resource_destroy(resource);
}

static void
xdg_surface_handle_get_toplevel(struct wl_client *client,
				struct wl_resource *resource, uint32_t id)
{
	struct tc_xdg_surface *xdg = wl_resource_get_user_data(resource);

	if (xdg->toplevel) {
		tc_post_error(resource, XDG_SURFACE_ERROR_ALREADY_CONSTRUCTED,
			      "xdg_surface already has a role object");
		return;
	}
	if (!xdg->surface)
		return;
	/* the wl_surface role: an xdg_surface turns into a toplevel, and a
	 * surface that was a toplevel may become one again */
	if (tc_xdg_toplevel_create(xdg, client,
				   wl_resource_get_version(resource), id))
		xdg->surface->role = &xdg_toplevel_role;
}

static void
xdg_surface_handle_get_popup(struct wl_client *client,
			     struct wl_resource *resource, uint32_t id,
			     struct wl_resource *parent,
			     struct wl_resource *positioner)
{
	struct tc_xdg_surface *xdg = wl_resource_get_user_data(resource);

	if (!tc_xdg_positioner_is_complete(positioner)) {
		if (xdg->wm_base)
			tc_post_error(
			    xdg->wm_base->resource,
			    XDG_WM_BASE_ERROR_INVALID_POSITIONER,
			    "get_popup with a positioner without size or anchor rect");
		return;
	}
	tc_plog(
	    "protocol-error iface=wl_display code=%d msg=xdg_popup is not implemented by vv-compositor",
	    WL_DISPLAY_ERROR_IMPLEMENTATION);
	wl_client_post_implementation_error(
	    client, "xdg_popup is not implemented by vv-compositor");
}

static void
xdg_surface_handle_set_window_geometry(struct wl_client *client,
				       struct wl_resource *resource, int32_t x,
				       int32_t y, int32_t width, int32_t height)
{
	struct tc_xdg_surface *xdg = wl_resource_get_user_data(resource);

	if (!xdg->toplevel) {
		tc_post_error(resource, XDG_SURFACE_ERROR_NOT_CONSTRUCTED,
			      "set_window_geometry before get_toplevel");
		return;
	}
	if (width <= 0 || height <= 0) {
		tc_post_error(resource, XDG_SURFACE_ERROR_INVALID_SIZE,
			      "window geometry %dx%d is not positive", width,
			      height);
		return;
	}
	xdg->pending_geometry =
	    (struct tc_xdg_geometry){ true, x, y, width, height };
}

static void
xdg_surface_handle_ack_configure(struct wl_client *client,
				 struct wl_resource *resource, uint32_t serial)
{
	struct tc_xdg_surface *xdg = wl_resource_get_user_data(resource);
	struct tc_xdg_configure *configure, *tmp;
	bool found = false;

	if (!xdg->toplevel) {
		tc_post_error(resource, XDG_SURFACE_ERROR_NOT_CONSTRUCTED,
			      "ack_configure before get_toplevel");
		return;
	}
	wl_list_for_each (configure, &xdg->configures, link) {
		if (configure->serial == serial)
			found = true;
	}
	if (!found) {
		tc_post_error(
		    resource, XDG_SURFACE_ERROR_INVALID_SERIAL,
		    "ack_configure of serial %u, which was not sent or was acked already",
		    serial);
		return;
	}
	/* this one and every older one are acked */
	wl_list_for_each_safe (configure, tmp, &xdg->configures, link) {
		bool last = configure->serial == serial;

		if (last)
			xdg->acked_states = configure->states;
		wl_list_remove(&configure->link);
		free(configure);
		if (last)
			break;
	}
	xdg->configured = true;
	tc_plog("ack serial=%u", serial);
}

static const struct xdg_surface_interface xdg_surface_implementation = {
	.destroy = xdg_surface_handle_destroy,
	.get_toplevel = xdg_surface_handle_get_toplevel,
	.get_popup = xdg_surface_handle_get_popup,
	.set_window_geometry = xdg_surface_handle_set_window_geometry,
	.ack_configure = xdg_surface_handle_ack_configure,
};

static void
xdg_surface_detach_surface(struct tc_xdg_surface *xdg)
{
	if (!xdg->surface)
		return;
	if (xdg->surface->role_data == xdg)
		xdg->surface->role_data = NULL;
	wl_list_remove(&xdg->surface_destroy.link);
	xdg->surface = NULL;
}

static void
xdg_surface_handle_surface_destroy(struct wl_listener *listener, void *data)
{
	struct tc_xdg_surface *xdg =
	    wl_container_of(listener, xdg, surface_destroy);

	xdg_surface_detach_surface(xdg);
}

static void
xdg_surface_resource_destroy(struct wl_resource *resource)
{
	struct tc_xdg_surface *xdg = wl_resource_get_user_data(resource);
	struct tc_xdg_configure *configure, *tmp;

	/* at client teardown the toplevel may outlive us */
	if (xdg->toplevel)
		xdg->toplevel->xdg_surface = NULL;
	xdg_surface_detach_surface(xdg);
	wl_list_for_each_safe (configure, tmp, &xdg->configures, link)
		free(configure);
	wl_list_remove(&xdg->link);
	free(xdg);
}

/* xdg_wm_base */

static void
wm_base_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	struct tc_xdg_wm_base *wm_base = wl_resource_get_user_data(resource);

	if (!wl_list_empty(&wm_base->surfaces)) {
		tc_post_error(resource, XDG_WM_BASE_ERROR_DEFUNCT_SURFACES,
			      "xdg_wm_base destroyed before its xdg_surfaces");
		return;
	}
	wl_resource_destroy(resource);
}

static void
wm_base_handle_create_positioner(struct wl_client *client,
				 struct wl_resource *resource, uint32_t id)
{
	tc_xdg_positioner_create(client, wl_resource_get_version(resource), id);
}

static void
wm_base_handle_get_xdg_surface(struct wl_client *client,
			       struct wl_resource *resource, uint32_t id,
			       struct wl_resource *surface_resource)
{
	struct tc_xdg_wm_base *wm_base = wl_resource_get_user_data(resource);
	struct tc_surface *surface = tc_surface_from_resource(surface_resource);

	if (surface->role && surface->role_data) {
		tc_post_error(resource, XDG_WM_BASE_ERROR_ROLE,
			      "wl_surface@%u already has the role %s",
			      wl_resource_get_id(surface_resource),
			      surface->role->name);
		return;
	}
	if (surface->role && surface->role != &xdg_toplevel_role &&
	    surface->role != &xdg_surface_role) {
		tc_post_error(resource, XDG_WM_BASE_ERROR_ROLE,
			      "wl_surface@%u had the role %s",
			      wl_resource_get_id(surface_resource),
			      surface->role->name);
		return;
	}
	if (tc_surface_buffer(surface) ||
	    (surface->pending.fields & TC_STATE_BUFFER &&
	     surface->pending.buffer.buffer)) {
		tc_post_error(
		    resource, XDG_WM_BASE_ERROR_INVALID_SURFACE_STATE,
		    "wl_surface@%u has a buffer attached or committed",
		    wl_resource_get_id(surface_resource));
		return;
	}

	struct tc_xdg_surface *xdg = calloc(1, sizeof(*xdg));
	if (!xdg) {
		wl_client_post_no_memory(client);
		return;
	}
	xdg->resource =
	    wl_resource_create(client, &xdg_surface_interface,
			       wl_resource_get_version(resource), id);
	if (!xdg->resource) {
		free(xdg);
		wl_client_post_no_memory(client);
		return;
	}
	xdg->server = wm_base->server;
	xdg->wm_base = wm_base;
	xdg->surface = surface;
	wl_list_init(&xdg->configures);
	wl_list_insert(&wm_base->surfaces, &xdg->link);
	xdg->surface_destroy.notify = xdg_surface_handle_surface_destroy;
	wl_signal_add(&surface->destroy_signal, &xdg->surface_destroy);
	if (!surface->role)
		surface->role = &xdg_surface_role;
	surface->role_data = xdg;
	wl_resource_set_implementation(xdg->resource,
				       &xdg_surface_implementation, xdg,
				       xdg_surface_resource_destroy);
}

static void
wm_base_handle_pong(struct wl_client *client, struct wl_resource *resource,
		    uint32_t serial)
{
	tc_plog("pong serial=%u", serial);
}

static const struct xdg_wm_base_interface wm_base_implementation = {
	.destroy = wm_base_handle_destroy,
	.create_positioner = wm_base_handle_create_positioner,
	.get_xdg_surface = wm_base_handle_get_xdg_surface,
	.pong = wm_base_handle_pong,
};

void
tc_xdg_ping(struct tc_server *server)
{
	struct tc_xdg_wm_base *wm_base;

	wl_list_for_each (wm_base, &server->wm_bases, link) {
		uint32_t serial = wl_display_next_serial(server->display);

		xdg_wm_base_send_ping(wm_base->resource, serial);
		tc_plog("ping serial=%u", serial);
	}
}

static void
wm_base_resource_destroy(struct wl_resource *resource)
{
	struct tc_xdg_wm_base *wm_base = wl_resource_get_user_data(resource);
	struct tc_xdg_surface *xdg, *tmp;

	/* only at client teardown, or after the error above */
	wl_list_for_each_safe (xdg, tmp, &wm_base->surfaces, link) {
		xdg->wm_base = NULL;
		wl_list_remove(&xdg->link);
		wl_list_init(&xdg->link);
	}
	wl_list_remove(&wm_base->link);
	free(wm_base);
}

static void
wm_base_bind(struct wl_client *client, void *data, uint32_t version,
	     uint32_t id)
{
	struct tc_server *server = data;
	struct tc_xdg_wm_base *wm_base = calloc(1, sizeof(*wm_base));

	if (!wm_base) {
		wl_client_post_no_memory(client);
		return;
	}
	wm_base->resource =
	    wl_resource_create(client, &xdg_wm_base_interface, version, id);
	if (!wm_base->resource) {
		free(wm_base);
		wl_client_post_no_memory(client);
		return;
	}
	wm_base->server = server;
	wl_list_init(&wm_base->surfaces);
	wl_list_insert(server->wm_bases.prev, &wm_base->link);
	wl_resource_set_implementation(wm_base->resource,
				       &wm_base_implementation, wm_base,
				       wm_base_resource_destroy);
	tc_plog("bind xdg_wm_base v%u", version);
}

int
tc_xdg_shell_global_create(struct tc_server *server)
{
	return wl_global_create(server->display, &xdg_wm_base_interface,
				server->opt.xdg_version, server, wm_base_bind)
		   ? 0
		   : -1;
}
