/* wl_region: a pixman region the client builds from rectangles. */
#include <stdlib.h>
#include <wayland-server-protocol.h>

#include "surface.h"

static void
region_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
region_handle_add(struct wl_client *client, struct wl_resource *resource,
		  int32_t x, int32_t y, int32_t width, int32_t height)
{
	pixman_region32_t *region = wl_resource_get_user_data(resource);

	pixman_region32_union_rect(region, region, x, y, width, height);
}

static void
region_handle_subtract(struct wl_client *client, struct wl_resource *resource,
		       int32_t x, int32_t y, int32_t width, int32_t height)
{
	pixman_region32_t *region = wl_resource_get_user_data(resource);
	pixman_region32_t rect;

	pixman_region32_init_rect(&rect, x, y, width, height);
	pixman_region32_subtract(region, region, &rect);
	pixman_region32_fini(&rect);
}

static const struct wl_region_interface region_implementation = {
	.destroy = region_handle_destroy,
	.add = region_handle_add,
	.subtract = region_handle_subtract,
};

static void
region_resource_destroy(struct wl_resource *resource)
{
	pixman_region32_t *region = wl_resource_get_user_data(resource);

	pixman_region32_fini(region);
	free(region);
}

int
tc_region_create(struct wl_client *client, uint32_t version, uint32_t id)
{
	pixman_region32_t *region = malloc(sizeof(*region));
	struct wl_resource *resource;

	if (!region)
		goto fail;
	resource =
	    wl_resource_create(client, &wl_region_interface, version, id);
	if (!resource) {
		free(region);
		goto fail;
	}
	pixman_region32_init(region);
	wl_resource_set_implementation(resource, &region_implementation, region,
				       region_resource_destroy);
	return 0;
fail:
	wl_client_post_no_memory(client);
	return -1;
}

pixman_region32_t *
tc_region_get(struct wl_resource *resource)
{
	return wl_resource_get_user_data(resource);
}
