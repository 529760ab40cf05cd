/*
 * zxdg_decoration_manager_v1 (--decoration server|client): the mode is
 * --decoration's whatever the client asks, sent as a decoration configure
 * followed by an xdg_surface.configure (with the initial configure when
 * the toplevel has not had one yet). vv-compositor draws no decorations.
 */
#include <stdlib.h>

#include "server.h"
#include "surface.h"
#include "tc-log.h"
#include "xdg-decoration-unstable-v1-server-protocol.h"
#include "xdg-shell.h"

struct tc_decoration {
	struct tc_server *server;
	struct wl_resource *resource;
	struct tc_xdg_toplevel *toplevel; /* NULL once it is gone */
};

static uint32_t
chosen_mode(struct tc_server *server)
{
	return server->opt.decoration == TC_DECORATION_SERVER
		   ? ZXDG_TOPLEVEL_DECORATION_V1_MODE_SERVER_SIDE
		   : ZXDG_TOPLEVEL_DECORATION_V1_MODE_CLIENT_SIDE;
}

static const char *
mode_name(uint32_t mode)
{
	switch (mode) {
	case ZXDG_TOPLEVEL_DECORATION_V1_MODE_CLIENT_SIDE:
		return "client";
	case ZXDG_TOPLEVEL_DECORATION_V1_MODE_SERVER_SIDE:
		return "server";
	default:
		return "invalid";
	}
}

void
tc_decoration_send_configure(struct wl_resource *resource)
{
	struct tc_decoration *decoration = wl_resource_get_user_data(resource);

	zxdg_toplevel_decoration_v1_send_configure(
	    resource, chosen_mode(decoration->server));
}

void
tc_decoration_toplevel_destroyed(struct wl_resource *resource)
{
	struct tc_decoration *decoration = wl_resource_get_user_data(resource);

	decoration->toplevel = NULL;
}

/* A mode request (requested: "server", "client", "none" for unset or a
 * new object): logged and answered with a configure. */
static void
decoration_request(struct tc_decoration *decoration, const char *requested)
{
	struct tc_xdg_toplevel *toplevel = decoration->toplevel;

	tc_plog("decoration requested=%s mode=%s", requested,
		mode_name(chosen_mode(decoration->server)));
	if (!toplevel)
		return;
	toplevel->decoration_configure_due = true;
	if (toplevel->xdg_surface &&
	    toplevel->xdg_surface->initial_configure_sent)
		tc_xdg_toplevel_reconfigure(toplevel);
}

static void
decoration_handle_destroy(struct wl_client *client,
			  struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
decoration_handle_set_mode(struct wl_client *client,
			   struct wl_resource *resource, uint32_t mode)
{
	decoration_request(wl_resource_get_user_data(resource),
			   mode_name(mode));
}

static void
decoration_handle_unset_mode(struct wl_client *client,
			     struct wl_resource *resource)
{
	decoration_request(wl_resource_get_user_data(resource), "none");
}

static const struct zxdg_toplevel_decoration_v1_interface
    decoration_implementation = {
	    .destroy = decoration_handle_destroy,
	    .set_mode = decoration_handle_set_mode,
	    .unset_mode = decoration_handle_unset_mode,
    };

static void
decoration_resource_destroy(struct wl_resource *resource)
{
	struct tc_decoration *decoration = wl_resource_get_user_data(resource);

	/* "switch back to a mode without server-side decorations": there
	 * were none drawn, so nothing changes on screen */
	if (decoration->toplevel &&
	    decoration->toplevel->decoration == resource) {
		decoration->toplevel->decoration = NULL;
		decoration->toplevel->decoration_configure_due = false;
	}
	free(decoration);
}

static void
manager_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
manager_handle_get_toplevel_decoration(struct wl_client *client,
				       struct wl_resource *resource,
				       uint32_t id,
				       struct wl_resource *toplevel_resource)
{
	struct tc_xdg_toplevel *toplevel =
	    wl_resource_get_user_data(toplevel_resource);
	struct tc_decoration *decoration = calloc(1, sizeof(*decoration));

	if (!decoration) {
		wl_client_post_no_memory(client);
		return;
	}
	decoration->server = wl_resource_get_user_data(resource);
	decoration->resource =
	    wl_resource_create(client, &zxdg_toplevel_decoration_v1_interface,
			       wl_resource_get_version(resource), id);
	if (!decoration->resource) {
		free(decoration);
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(decoration->resource,
				       &decoration_implementation, decoration,
				       decoration_resource_destroy);
	if (toplevel->decoration) {
		tc_post_error(
		    decoration->resource,
		    ZXDG_TOPLEVEL_DECORATION_V1_ERROR_ALREADY_CONSTRUCTED,
		    "xdg_toplevel already has a zxdg_toplevel_decoration_v1");
		return;
	}
	struct tc_xdg_surface *xdg = toplevel->xdg_surface;
	struct tc_surface *surface = xdg ? xdg->surface : NULL;
	if (surface && (tc_surface_buffer(surface) ||
			((surface->pending.fields & TC_STATE_BUFFER) &&
			 surface->pending.buffer.buffer))) {
		tc_post_error(
		    decoration->resource,
		    ZXDG_TOPLEVEL_DECORATION_V1_ERROR_UNCONFIGURED_BUFFER,
		    "get_toplevel_decoration for a toplevel with a buffer attached or committed");
		return;
	}
	decoration->toplevel = toplevel;
	toplevel->decoration = decoration->resource;
	decoration_request(decoration, "none");
}

static const struct zxdg_decoration_manager_v1_interface
    manager_implementation = {
	    .destroy = manager_handle_destroy,
	    .get_toplevel_decoration = manager_handle_get_toplevel_decoration,
    };

static void
manager_bind(struct wl_client *client, void *data, uint32_t version,
	     uint32_t id)
{
	struct wl_resource *resource = wl_resource_create(
	    client, &zxdg_decoration_manager_v1_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &manager_implementation, data,
				       NULL);
	tc_plog("bind zxdg_decoration_manager_v1 v%u", version);
}

int
tc_decoration_global_create(struct tc_server *server)
{
	return wl_global_create(server->display,
				&zxdg_decoration_manager_v1_interface, 1,
				server, manager_bind)
		   ? 0
		   : -1;
}
