/*
 * The one wl_output (v4): --size physical pixels, --scale, --refresh, name
 * VV-1. Surfaces enter it when they first show a buffer.
 */
#include <stdlib.h>
#include <wayland-server-protocol.h>

#include "server.h"
#include "surface.h"
#include "tc-log.h"

struct tc_output {
	struct tc_server *server;
	struct wl_global *global;
	struct wl_list resources; /* wl_resource link */
};

static void
output_handle_release(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct wl_output_interface output_implementation = {
	.release = output_handle_release,
};

static void
output_resource_destroy(struct wl_resource *resource)
{
	wl_list_remove(wl_resource_get_link(resource));
}

static int32_t
output_scale(struct tc_server *server)
{
	/* clients with a fractional scale still pick a buffer scale: the
	 * next integer, as compositors advertise it */
	if (server->opt.fractional_scale > 0) {
		int32_t scale = (int32_t)server->opt.fractional_scale;
		return scale < server->opt.fractional_scale ? scale + 1 : scale;
	}
	return server->opt.scale;
}

static void
output_bind(struct wl_client *client, void *data, uint32_t version, uint32_t id)
{
	struct tc_output *output = data;
	struct tc_server *server = output->server;
	struct wl_resource *resource =
	    wl_resource_create(client, &wl_output_interface, version, id);
	struct tc_surface *surface;

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &output_implementation, output,
				       output_resource_destroy);
	wl_list_insert(output->resources.prev, wl_resource_get_link(resource));
	tc_plog("bind wl_output v%u", version);

	/* 96 dpi */
	wl_output_send_geometry(resource, 0, 0, server->opt.width * 254 / 960,
				server->opt.height * 254 / 960,
				WL_OUTPUT_SUBPIXEL_UNKNOWN, "vgpu-view",
				"vv-compositor", WL_OUTPUT_TRANSFORM_NORMAL);
	wl_output_send_mode(resource,
			    WL_OUTPUT_MODE_CURRENT | WL_OUTPUT_MODE_PREFERRED,
			    server->opt.width, server->opt.height,
			    server->opt.refresh_hz * 1000);
	if (version >= WL_OUTPUT_SCALE_SINCE_VERSION)
		wl_output_send_scale(resource, output_scale(server));
	if (version >= WL_OUTPUT_NAME_SINCE_VERSION)
		wl_output_send_name(resource, "VV-1");
	if (version >= WL_OUTPUT_DESCRIPTION_SINCE_VERSION)
		wl_output_send_description(resource,
					   "vv-compositor virtual output");
	if (version >= WL_OUTPUT_DONE_SINCE_VERSION)
		wl_output_send_done(resource);

	wl_list_for_each (surface, &server->surfaces, link) {
		if (surface->entered &&
		    wl_resource_get_client(surface->resource) == client)
			wl_surface_send_enter(surface->resource, resource);
	}
}

void
tc_output_surface_enter(struct tc_server *server, struct tc_surface *surface)
{
	struct wl_client *client = wl_resource_get_client(surface->resource);
	struct wl_resource *resource;

	wl_resource_for_each(resource, &server->output->resources)
	{
		if (wl_resource_get_client(resource) == client)
			wl_surface_send_enter(surface->resource, resource);
	}
}

struct wl_resource *
tc_output_resource_for(struct tc_server *server, struct wl_client *client)
{
	struct wl_resource *resource;

	wl_resource_for_each(resource, &server->output->resources)
	{
		if (wl_resource_get_client(resource) == client)
			return resource;
	}
	return NULL;
}

int
tc_output_create(struct tc_server *server)
{
	struct tc_output *output = calloc(1, sizeof(*output));

	if (!output)
		return -1;
	output->server = server;
	wl_list_init(&output->resources);
	output->global = wl_global_create(server->display, &wl_output_interface,
					  4, output, output_bind);
	if (!output->global) {
		free(output);
		return -1;
	}
	server->output = output;
	return 0;
}

void
tc_output_destroy(struct tc_server *server)
{
	struct tc_output *output = server->output;
	struct wl_resource *resource, *tmp;

	if (!output)
		return;
	/* resources left after the clients went: none, but be safe */
	wl_resource_for_each_safe(resource, tmp, &output->resources)
	{
		wl_list_remove(wl_resource_get_link(resource));
		wl_list_init(wl_resource_get_link(resource));
	}
	wl_global_destroy(output->global);
	free(output);
	server->output = NULL;
}
