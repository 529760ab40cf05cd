/*
 * xdg_positioner: validated and kept, so clients that make menus do not
 * fail; vv-compositor places no popups (get_popup is refused).
 */
#include <stdlib.h>

#include "tc-log.h"
#include "xdg-shell-server-protocol.h"
#include "xdg-shell.h"

struct tc_xdg_positioner {
	bool has_size, has_anchor_rect;
};

static void
positioner_handle_destroy(struct wl_client *client,
			  struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
positioner_handle_set_size(struct wl_client *client,
			   struct wl_resource *resource, int32_t width,
			   int32_t height)
{
	struct tc_xdg_positioner *p = wl_resource_get_user_data(resource);

	if (width <= 0 || height <= 0) {
		tc_post_error(resource, XDG_POSITIONER_ERROR_INVALID_INPUT,
			      "size %dx%d is not positive", width, height);
		return;
	}
	p->has_size = true;
}

static void
positioner_handle_set_anchor_rect(struct wl_client *client,
				  struct wl_resource *resource, int32_t x,
				  int32_t y, int32_t width, int32_t height)
{
	struct tc_xdg_positioner *p = wl_resource_get_user_data(resource);

	if (width < 0 || height < 0) {
		tc_post_error(resource, XDG_POSITIONER_ERROR_INVALID_INPUT,
			      "anchor rect size %dx%d is negative", width,
			      height);
		return;
	}
	p->has_anchor_rect = true;
}

static void
positioner_handle_set_anchor(struct wl_client *client,
			     struct wl_resource *resource, uint32_t anchor)
{
	if (anchor > XDG_POSITIONER_ANCHOR_BOTTOM_RIGHT)
		tc_post_error(resource, XDG_POSITIONER_ERROR_INVALID_INPUT,
			      "invalid anchor %u", anchor);
}

static void
positioner_handle_set_gravity(struct wl_client *client,
			      struct wl_resource *resource, uint32_t gravity)
{
	if (gravity > XDG_POSITIONER_GRAVITY_BOTTOM_RIGHT)
		tc_post_error(resource, XDG_POSITIONER_ERROR_INVALID_INPUT,
			      "invalid gravity %u", gravity);
}

static void
positioner_handle_set_constraint_adjustment(struct wl_client *client,
					    struct wl_resource *resource,
					    uint32_t adjustment)
{
}

static void
positioner_handle_set_offset(struct wl_client *client,
			     struct wl_resource *resource, int32_t x, int32_t y)
{
}

static void
positioner_handle_set_reactive(struct wl_client *client,
			       struct wl_resource *resource)
{
}

static void
positioner_handle_set_parent_size(struct wl_client *client,
				  struct wl_resource *resource, int32_t width,
				  int32_t height)
{
}

static void
positioner_handle_set_parent_configure(struct wl_client *client,
				       struct wl_resource *resource,
				       uint32_t serial)
{
}

static const struct xdg_positioner_interface positioner_implementation = {
	.destroy = positioner_handle_destroy,
	.set_size = positioner_handle_set_size,
	.set_anchor_rect = positioner_handle_set_anchor_rect,
	.set_anchor = positioner_handle_set_anchor,
	.set_gravity = positioner_handle_set_gravity,
	.set_constraint_adjustment =
	    positioner_handle_set_constraint_adjustment,
	.set_offset = positioner_handle_set_offset,
	.set_reactive = positioner_handle_set_reactive,
	.set_parent_size = positioner_handle_set_parent_size,
	.set_parent_configure = positioner_handle_set_parent_configure,
};

static void
positioner_resource_destroy(struct wl_resource *resource)
{
	free(wl_resource_get_user_data(resource));
}

void
tc_xdg_positioner_create(struct wl_client *client, uint32_t version,
			 uint32_t id)
{
	struct tc_xdg_positioner *p = calloc(1, sizeof(*p));
	struct wl_resource *resource;

	if (!p) {
		wl_client_post_no_memory(client);
		return;
	}
	resource =
	    wl_resource_create(client, &xdg_positioner_interface, version, id);
	if (!resource) {
		free(p);
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &positioner_implementation, p,
				       positioner_resource_destroy);
}

bool
tc_xdg_positioner_is_complete(struct wl_resource *resource)
{
	struct tc_xdg_positioner *p = wl_resource_get_user_data(resource);

	return p->has_size && p->has_anchor_rect;
}
