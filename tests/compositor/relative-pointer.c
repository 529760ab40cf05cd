/*
 * zwp_relative_pointer_manager_v1 (with --seat): relative pointers of a
 * wl_pointer, and the control command "relative DX DY DXU DYU" that sends
 * the pointer-focused client's relative pointers one relative_motion
 * (accelerated DX, DY; unaccelerated DXU, DYU; surface-local units,
 * fractions allowed) and a wl_pointer.frame. Logged as "relative dx=..
 * dy=.. dx_unaccel=.. dy_unaccel=..".
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <wayland-server-protocol.h>

#include "relative-pointer-unstable-v1-server-protocol.h"
#include "seat.h"
#include "server.h"
#include "surface.h"
#include "tc-log.h"

static void
relative_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct zwp_relative_pointer_v1_interface
    relative_implementation = {
	    .destroy = relative_handle_destroy,
    };

static void
relative_resource_destroy(struct wl_resource *resource)
{
	wl_list_remove(wl_resource_get_link(resource));
}

static void
manager_handle_get_relative_pointer(struct wl_client *client,
				    struct wl_resource *resource, uint32_t id,
				    struct wl_resource *pointer)
{
	struct tc_seat *seat = wl_resource_get_user_data(pointer);
	struct wl_resource *relative =
	    wl_resource_create(client, &zwp_relative_pointer_v1_interface,
			       wl_resource_get_version(resource), id);

	if (!relative) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(relative, &relative_implementation, seat,
				       relative_resource_destroy);
	wl_list_insert(seat->relative_pointers.prev,
		       wl_resource_get_link(relative));
}

static void
manager_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct zwp_relative_pointer_manager_v1_interface
    manager_implementation = {
	    .destroy = manager_handle_destroy,
	    .get_relative_pointer = manager_handle_get_relative_pointer,
    };

static void
manager_bind(struct wl_client *client, void *data, uint32_t version,
	     uint32_t id)
{
	struct wl_resource *resource = wl_resource_create(
	    client, &zwp_relative_pointer_manager_v1_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &manager_implementation, data,
				       NULL);
	tc_plog("bind zwp_relative_pointer_manager_v1 v%u", version);
}

int
tc_relative_pointer_global_create(struct tc_server *server)
{
	return wl_global_create(server->display,
				&zwp_relative_pointer_manager_v1_interface, 1,
				server, manager_bind)
		   ? 0
		   : -1;
}

const char *
tc_relative_pointer_control(struct tc_seat *seat, char *args)
{
	double d[4];
	int end = 0;

	if (!args ||
	    sscanf(args, "%lf %lf %lf %lf%n", &d[0], &d[1], &d[2], &d[3],
		   &end) != 4 ||
	    args[end] != '\0')
		return "";
	for (int i = 0; i < 4; i++)
		if (d[i] < -8388608 || d[i] > 8388607)
			return "";
	if (!seat->pointer_focus)
		return " (no pointer focus)";

	struct wl_client *client =
	    wl_resource_get_client(seat->pointer_focus->resource);
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t us = (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	struct wl_resource *resource;
	wl_resource_for_each(resource, &seat->relative_pointers)
	{
		if (wl_resource_get_client(resource) != client)
			continue;
		zwp_relative_pointer_v1_send_relative_motion(
		    resource, (uint32_t)(us >> 32), (uint32_t)us,
		    wl_fixed_from_double(d[0]), wl_fixed_from_double(d[1]),
		    wl_fixed_from_double(d[2]), wl_fixed_from_double(d[3]));
	}
	/* relative_motion belongs to the wl_pointer frame it is in */
	wl_resource_for_each(resource, &seat->pointers)
	{
		if (wl_resource_get_client(resource) == client &&
		    wl_resource_get_version(resource) >=
			WL_POINTER_FRAME_SINCE_VERSION)
			wl_pointer_send_frame(resource);
	}
	tc_plog("relative dx=%g dy=%g dx_unaccel=%g dy_unaccel=%g", d[0], d[1],
		d[2], d[3]);
	return NULL;
}
