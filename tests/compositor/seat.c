/*
 * wl_seat v8 "seat0" (--seat[=VERSION]): keyboard and pointer capabilities,
 * focus following the newest mapped toplevel, button serials for interactive
 * move/resize, the input control commands.
 */
#include "seat.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wayland-server-protocol.h>

#include "server.h"
#include "surface.h"
#include "tc-log.h"
#include "xdg-shell.h"

uint32_t
tc_seat_time_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static void
seat_handle_get_pointer(struct wl_client *client, struct wl_resource *resource,
			uint32_t id)
{
	tc_pointer_create(wl_resource_get_user_data(resource), client,
			  wl_resource_get_version(resource), id);
}

static void
seat_handle_get_keyboard(struct wl_client *client, struct wl_resource *resource,
			 uint32_t id)
{
	tc_keyboard_create(wl_resource_get_user_data(resource), client,
			   wl_resource_get_version(resource), id);
}

static void
seat_handle_get_touch(struct wl_client *client, struct wl_resource *resource,
		      uint32_t id)
{
	tc_post_error(
	    resource, WL_SEAT_ERROR_MISSING_CAPABILITY,
	    "get_touch on a seat that never had the touch capability");
}

static void
seat_handle_release(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct wl_seat_interface seat_implementation = {
	.get_pointer = seat_handle_get_pointer,
	.get_keyboard = seat_handle_get_keyboard,
	.get_touch = seat_handle_get_touch,
	.release = seat_handle_release,
};

static void
seat_bind(struct wl_client *client, void *data, uint32_t version, uint32_t id)
{
	struct wl_resource *resource =
	    wl_resource_create(client, &wl_seat_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &seat_implementation, data,
				       NULL);
	tc_plog("bind wl_seat v%u", version);
	wl_seat_send_capabilities(resource, WL_SEAT_CAPABILITY_POINTER |
						WL_SEAT_CAPABILITY_KEYBOARD);
	if (version >= WL_SEAT_NAME_SINCE_VERSION)
		wl_seat_send_name(resource, "seat0");
}

/* Keyboard focus */

static void
set_focus(struct tc_seat *seat, struct tc_surface *surface)
{
	if (seat->focus) {
		wl_list_remove(&seat->focus_destroy.link);
		wl_list_init(&seat->focus_destroy.link);
	}
	seat->focus = surface;
	if (surface)
		wl_signal_add(&surface->destroy_signal, &seat->focus_destroy);
}

/* The newest mapped toplevel's root surface other than except, or NULL */
static struct tc_surface *
newest_mapped(struct tc_server *server, struct tc_surface *except)
{
	struct tc_xdg_toplevel *toplevel;

	wl_list_for_each_reverse (toplevel, &server->toplevels, link) {
		struct tc_xdg_surface *xdg = toplevel->xdg_surface;

		if (xdg && xdg->mapped && xdg->surface &&
		    xdg->surface != except)
			return xdg->surface;
	}
	return NULL;
}

static void
focus_surface(struct tc_seat *seat, struct tc_surface *surface)
{
	double width = 0, height = 0;

	if (seat->focus == surface)
		return;
	if (seat->focus)
		tc_keyboard_leave(seat, seat->focus);
	set_focus(seat, surface);
	if (!surface)
		return;
	tc_keyboard_enter(seat, surface);
	tc_surface_size(surface, &width, &height);
	tc_pointer_enter(seat, surface, wl_fixed_from_double(width / 2),
			 wl_fixed_from_double(height / 2));
}

void
tc_seat_focus(struct tc_server *server, struct tc_surface *surface)
{
	if (server->seat)
		focus_surface(server->seat, surface);
}

void
tc_seat_unfocus(struct tc_server *server, struct tc_surface *surface)
{
	struct tc_seat *seat = server->seat;

	if (!seat)
		return;
	if (seat->pointer_focus == surface)
		tc_pointer_leave(seat);
	if (seat->focus != surface)
		return;
	tc_keyboard_leave(seat, surface);
	set_focus(seat, NULL);
	focus_surface(seat, newest_mapped(server, surface));
}

static void
handle_focus_destroy(struct wl_listener *listener, void *data)
{
	struct tc_seat *seat = wl_container_of(listener, seat, focus_destroy);
	struct tc_surface *surface = data;

	/* The pointer's own listener on this signal clears pointer focus.
	 * Not here: unlinking another listener of the signal being emitted
	 * breaks wl_signal_emit's iteration (it spun forever). */
	set_focus(seat, NULL);
	focus_surface(seat, newest_mapped(seat->server, surface));
}

bool
tc_seat_grab_serial_valid(struct tc_server *server, struct wl_resource *seat,
			  uint32_t serial)
{
	struct tc_seat *s = server->seat;

	return s && seat && wl_resource_get_user_data(seat) == s &&
	       s->buttons_down && serial == s->press_serial;
}

bool
tc_seat_control(struct tc_server *server, const char *cmd, char *args,
		const char **error)
{
	struct tc_seat *seat = server->seat;

	*error = NULL;
	if (strcmp(cmd, "key") != 0 && strcmp(cmd, "key-down") != 0 &&
	    strcmp(cmd, "key-up") != 0 && strcmp(cmd, "pointer-enter") != 0 &&
	    strcmp(cmd, "pointer-leave") != 0 && strcmp(cmd, "motion") != 0 &&
	    strcmp(cmd, "button") != 0 && strcmp(cmd, "keycode") != 0 &&
	    strcmp(cmd, "keyboard-leave") != 0 &&
	    strcmp(cmd, "keyboard-enter") != 0 && strcmp(cmd, "axis") != 0 &&
	    strcmp(cmd, "axis120") != 0 && strcmp(cmd, "relative") != 0 &&
	    strcmp(cmd, "pointer-unlock") != 0)
		return false;
	if (!seat)
		*error = " (no seat: start with --seat)";
	else if (strcmp(cmd, "key") == 0)
		*error = tc_keyboard_control_key(seat, args);
	else if (strcmp(cmd, "key-down") == 0 || strcmp(cmd, "key-up") == 0)
		*error = tc_keyboard_control_hold(seat, args,
						  strcmp(cmd, "key-down") == 0);
	else if (strcmp(cmd, "keycode") == 0 ||
		 strcmp(cmd, "keyboard-leave") == 0 ||
		 strcmp(cmd, "keyboard-enter") == 0)
		*error = tc_keyboard_control_raw(seat, cmd, args);
	else if (strcmp(cmd, "relative") == 0)
		*error = tc_relative_pointer_control(seat, args);
	else if (strcmp(cmd, "pointer-unlock") == 0)
		*error = tc_pointer_constraints_control_unlock(seat, args);
	else
		*error = tc_pointer_control(seat, cmd, args);
	return true;
}

int
tc_seat_create(struct tc_server *server)
{
	struct tc_seat *seat = calloc(1, sizeof(*seat));
	int ret;

	if (!seat)
		return -ENOMEM;
	seat->server = server;
	seat->keymap_fd = -1;
	wl_list_init(&seat->keyboards);
	wl_list_init(&seat->pointers);
	wl_list_init(&seat->relative_pointers);
	wl_list_init(&seat->constraints);
	seat->focus_destroy.notify = handle_focus_destroy;
	wl_list_init(&seat->focus_destroy.link);
	wl_list_init(&seat->pointer_focus_destroy.link);
	if ((ret = tc_keyboard_init(seat)) < 0) {
		tc_keyboard_finish(seat);
		free(seat);
		return ret;
	}
	seat->global =
	    wl_global_create(server->display, &wl_seat_interface,
			     server->opt.seat_version, seat, seat_bind);
	if (!seat->global) {
		tc_keyboard_finish(seat);
		free(seat);
		return -ENOMEM;
	}
	server->seat = seat;
	return 0;
}

void
tc_seat_destroy(struct tc_server *server)
{
	struct tc_seat *seat = server->seat;

	if (!seat)
		return;
	/* the clients are gone, and with them every resource and focus */
	wl_list_remove(&seat->focus_destroy.link);
	wl_list_remove(&seat->pointer_focus_destroy.link);
	wl_global_destroy(seat->global);
	tc_keyboard_finish(seat);
	free(seat);
	server->seat = NULL;
}
