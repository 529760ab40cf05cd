/*
 * zwp_keyboard_shortcuts_inhibit_manager_v1 (with --seat): every inhibitor
 * is granted at once (sent active) and logged as "shortcuts-inhibit on
 * surface=N"; its destruction as "shortcuts-inhibit off surface=N", so a
 * test sees when the client asks for its keys and when it gives them back.
 */
#include <stdlib.h>

#include "keyboard-shortcuts-inhibit-unstable-v1-server-protocol.h"
#include "server.h"
#include "tc-log.h"

struct tc_inhibitor {
	uint32_t surface; /* its wl_surface's id, for the log */
};

static void
inhibitor_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct zwp_keyboard_shortcuts_inhibitor_v1_interface
    inhibitor_implementation = {
	    .destroy = inhibitor_handle_destroy,
    };

static void
inhibitor_resource_destroy(struct wl_resource *resource)
{
	struct tc_inhibitor *inhibitor = wl_resource_get_user_data(resource);

	tc_plog("shortcuts-inhibit off surface=%u", inhibitor->surface);
	free(inhibitor);
}

static void
manager_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
manager_handle_inhibit_shortcuts(struct wl_client *client,
				 struct wl_resource *resource, uint32_t id,
				 struct wl_resource *surface,
				 struct wl_resource *seat)
{
	struct tc_inhibitor *inhibitor = calloc(1, sizeof(*inhibitor));
	struct wl_resource *inhibitor_resource = wl_resource_create(
	    client, &zwp_keyboard_shortcuts_inhibitor_v1_interface,
	    wl_resource_get_version(resource), id);

	if (!inhibitor || !inhibitor_resource) {
		free(inhibitor);
		wl_client_post_no_memory(client);
		return;
	}
	inhibitor->surface = wl_resource_get_id(surface);
	wl_resource_set_implementation(inhibitor_resource,
				       &inhibitor_implementation, inhibitor,
				       inhibitor_resource_destroy);
	tc_plog("shortcuts-inhibit on surface=%u", inhibitor->surface);
	zwp_keyboard_shortcuts_inhibitor_v1_send_active(inhibitor_resource);
}

static const struct zwp_keyboard_shortcuts_inhibit_manager_v1_interface
    manager_implementation = {
	    .destroy = manager_handle_destroy,
	    .inhibit_shortcuts = manager_handle_inhibit_shortcuts,
    };

static void
manager_bind(struct wl_client *client, void *data, uint32_t version,
	     uint32_t id)
{
	struct wl_resource *resource = wl_resource_create(
	    client, &zwp_keyboard_shortcuts_inhibit_manager_v1_interface,
	    version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &manager_implementation, data,
				       NULL);
	tc_plog("bind zwp_keyboard_shortcuts_inhibit_manager_v1 v%u", version);
}

int
tc_shortcuts_inhibit_global_create(struct tc_server *server)
{
	return wl_global_create(
		   server->display,
		   &zwp_keyboard_shortcuts_inhibit_manager_v1_interface, 1,
		   server, manager_bind)
		   ? 0
		   : -1;
}
