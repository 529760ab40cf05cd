/*
 * wp_fractional_scale_manager_v1, only with --fractional-scale: every
 * object gets preferred_scale = round(F * 120) at once (one output, no
 * changes).
 */
#include <math.h>
#include <stdlib.h>

#include "fractional-scale-v1-server-protocol.h"
#include "server.h"
#include "surface.h"
#include "tc-log.h"

struct tc_fractional_scale {
	struct wl_resource *resource;
	struct tc_surface *surface; /* NULL once the wl_surface is gone */
};

void
tc_fractional_scale_surface_destroyed(struct tc_fractional_scale *fs)
{
	fs->surface = NULL;
}

static void
fractional_scale_handle_destroy(struct wl_client *client,
				struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct wp_fractional_scale_v1_interface
    fractional_scale_implementation = {
	    .destroy = fractional_scale_handle_destroy,
    };

static void
fractional_scale_resource_destroy(struct wl_resource *resource)
{
	struct tc_fractional_scale *fs = wl_resource_get_user_data(resource);

	if (fs->surface)
		fs->surface->fractional_scale = NULL;
	free(fs);
}

static void
manager_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
manager_handle_get_fractional_scale(struct wl_client *client,
				    struct wl_resource *resource, uint32_t id,
				    struct wl_resource *surface_resource)
{
	struct tc_server *server = wl_resource_get_user_data(resource);
	struct tc_surface *surface = tc_surface_from_resource(surface_resource);

	if (surface->fractional_scale) {
		tc_post_error(
		    resource,
		    WP_FRACTIONAL_SCALE_MANAGER_V1_ERROR_FRACTIONAL_SCALE_EXISTS,
		    "wl_surface@%u already has a wp_fractional_scale_v1",
		    wl_resource_get_id(surface_resource));
		return;
	}
	struct tc_fractional_scale *fs = calloc(1, sizeof(*fs));
	if (!fs) {
		wl_client_post_no_memory(client);
		return;
	}
	fs->resource = wl_resource_create(
	    client, &wp_fractional_scale_v1_interface, 1, id);
	if (!fs->resource) {
		free(fs);
		wl_client_post_no_memory(client);
		return;
	}
	fs->surface = surface;
	surface->fractional_scale = fs;
	wl_resource_set_implementation(fs->resource,
				       &fractional_scale_implementation, fs,
				       fractional_scale_resource_destroy);
	wp_fractional_scale_v1_send_preferred_scale(
	    fs->resource,
	    (uint32_t)lround(server->opt.fractional_scale * 120.0));
}

static const struct wp_fractional_scale_manager_v1_interface
    manager_implementation = {
	    .destroy = manager_handle_destroy,
	    .get_fractional_scale = manager_handle_get_fractional_scale,
    };

static void
manager_bind(struct wl_client *client, void *data, uint32_t version,
	     uint32_t id)
{
	struct wl_resource *resource = wl_resource_create(
	    client, &wp_fractional_scale_manager_v1_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &manager_implementation, data,
				       NULL);
	tc_plog("bind wp_fractional_scale_manager_v1 v%u", version);
}

int
tc_fractional_scale_global_create(struct tc_server *server)
{
	return wl_global_create(server->display,
				&wp_fractional_scale_manager_v1_interface, 1,
				server, manager_bind)
		   ? 0
		   : -1;
}
