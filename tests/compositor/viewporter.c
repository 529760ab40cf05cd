/*
 * wp_viewporter: wp_viewport requests set the surface's pending source and
 * destination; the errors needing the buffer are raised at commit
 * (surface.c).
 */
#include <stdlib.h>

#include "server.h"
#include "surface.h"
#include "tc-log.h"
#include "viewporter-server-protocol.h"

struct tc_viewport {
	struct wl_resource *resource;
	struct tc_surface *surface; /* NULL once the wl_surface is gone */
};

struct wl_resource *
tc_viewport_resource(struct tc_viewport *viewport)
{
	return viewport->resource;
}

void
tc_viewport_surface_destroyed(struct tc_viewport *viewport)
{
	viewport->surface = NULL;
}

static struct tc_surface *
viewport_surface(struct wl_resource *resource, const char *request)
{
	struct tc_viewport *viewport = wl_resource_get_user_data(resource);

	if (!viewport->surface)
		tc_post_error(resource, WP_VIEWPORT_ERROR_NO_SURFACE,
			      "%s after the wl_surface was destroyed", request);
	return viewport->surface;
}

static void
viewport_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
viewport_handle_set_source(struct wl_client *client,
			   struct wl_resource *resource, wl_fixed_t x,
			   wl_fixed_t y, wl_fixed_t width, wl_fixed_t height)
{
	struct tc_surface *surface = viewport_surface(resource, "set_source");
	wl_fixed_t unset = wl_fixed_from_int(-1);

	if (!surface)
		return;
	struct tc_surface_state *pending = &surface->pending;
	if (x == unset && y == unset && width == unset && height == unset) {
		pending->has_src = false;
	} else if (x < 0 || y < 0 || width <= 0 || height <= 0) {
		tc_post_error(
		    resource, WP_VIEWPORT_ERROR_BAD_VALUE,
		    "source %g,%g %gx%g: negative position or non-positive size",
		    wl_fixed_to_double(x), wl_fixed_to_double(y),
		    wl_fixed_to_double(width), wl_fixed_to_double(height));
		return;
	} else {
		pending->has_src = true;
		pending->src_x = x;
		pending->src_y = y;
		pending->src_w = width;
		pending->src_h = height;
	}
	pending->fields |= TC_STATE_VIEWPORT;
}

static void
viewport_handle_set_destination(struct wl_client *client,
				struct wl_resource *resource, int32_t width,
				int32_t height)
{
	struct tc_surface *surface =
	    viewport_surface(resource, "set_destination");

	if (!surface)
		return;
	struct tc_surface_state *pending = &surface->pending;
	if (width == -1 && height == -1) {
		pending->has_dst = false;
	} else if (width <= 0 || height <= 0) {
		tc_post_error(resource, WP_VIEWPORT_ERROR_BAD_VALUE,
			      "destination %dx%d is not positive", width,
			      height);
		return;
	} else {
		pending->has_dst = true;
		pending->dst_w = width;
		pending->dst_h = height;
	}
	pending->fields |= TC_STATE_VIEWPORT;
}

static const struct wp_viewport_interface viewport_implementation = {
	.destroy = viewport_handle_destroy,
	.set_source = viewport_handle_set_source,
	.set_destination = viewport_handle_set_destination,
};

static void
viewport_resource_destroy(struct wl_resource *resource)
{
	struct tc_viewport *viewport = wl_resource_get_user_data(resource);

	if (viewport->surface) {
		/* the viewport's state is unset with the next commit */
		struct tc_surface_state *pending = &viewport->surface->pending;

		pending->has_src = false;
		pending->has_dst = false;
		pending->fields |= TC_STATE_VIEWPORT;
		viewport->surface->viewport = NULL;
	}
	free(viewport);
}

static void
viewporter_handle_destroy(struct wl_client *client,
			  struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
viewporter_handle_get_viewport(struct wl_client *client,
			       struct wl_resource *resource, uint32_t id,
			       struct wl_resource *surface_resource)
{
	struct tc_surface *surface = tc_surface_from_resource(surface_resource);

	if (surface->viewport) {
		tc_post_error(resource, WP_VIEWPORTER_ERROR_VIEWPORT_EXISTS,
			      "wl_surface@%u already has a wp_viewport",
			      wl_resource_get_id(surface_resource));
		return;
	}
	struct tc_viewport *viewport = calloc(1, sizeof(*viewport));
	if (!viewport) {
		wl_client_post_no_memory(client);
		return;
	}
	viewport->resource =
	    wl_resource_create(client, &wp_viewport_interface, 1, id);
	if (!viewport->resource) {
		free(viewport);
		wl_client_post_no_memory(client);
		return;
	}
	viewport->surface = surface;
	surface->viewport = viewport;
	wl_resource_set_implementation(viewport->resource,
				       &viewport_implementation, viewport,
				       viewport_resource_destroy);
}

static const struct wp_viewporter_interface viewporter_implementation = {
	.destroy = viewporter_handle_destroy,
	.get_viewport = viewporter_handle_get_viewport,
};

static void
viewporter_bind(struct wl_client *client, void *data, uint32_t version,
		uint32_t id)
{
	struct wl_resource *resource =
	    wl_resource_create(client, &wp_viewporter_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &viewporter_implementation,
				       data, NULL);
	tc_plog("bind wp_viewporter v%u", version);
}

int
tc_viewporter_global_create(struct tc_server *server)
{
	return wl_global_create(server->display, &wp_viewporter_interface, 1,
				server, viewporter_bind)
		   ? 0
		   : -1;
}
