/*
 * wl_pointer: enter/leave/motion/button from control commands (each
 * followed by frame on v5+), set_cursor checked and logged. Cursor
 * surfaces get the role "cursor" but are not drawn.
 */
#include "seat.h"

#include <linux/input-event-codes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wayland-server-protocol.h>

#include "server.h"
#include "surface.h"
#include "tc-log.h"

static const struct tc_role cursor_role = {
	.name = "cursor",
};

static bool
same_client(struct wl_resource *resource, struct tc_surface *surface)
{
	return wl_resource_get_client(resource) ==
	       wl_resource_get_client(surface->resource);
}

static void
send_frame(struct wl_resource *pointer)
{
	if (wl_resource_get_version(pointer) >= WL_POINTER_FRAME_SINCE_VERSION)
		wl_pointer_send_frame(pointer);
}

static void
pointer_handle_set_cursor(struct wl_client *client,
			  struct wl_resource *resource, uint32_t serial,
			  struct wl_resource *surface_resource,
			  int32_t hotspot_x, int32_t hotspot_y)
{
	struct tc_seat *seat = wl_resource_get_user_data(resource);
	struct tc_surface *surface =
	    surface_resource ? tc_surface_from_resource(surface_resource)
			     : NULL;
	char id[16] = "none";

	/* the role first, whatever the serial: a client error is one */
	if (surface && !tc_surface_set_role(surface, &cursor_role, NULL,
					    resource, WL_POINTER_ERROR_ROLE))
		return;
	if (surface)
		snprintf(id, sizeof(id), "%u",
			 wl_resource_get_id(surface_resource));
	/* "the serial must match the latest wl_pointer.enter serial sent to
	 * the client, otherwise the request will be ignored" */
	bool ok = seat->pointer_focus &&
		  same_client(resource, seat->pointer_focus) &&
		  serial == seat->pointer_enter_serial;
	tc_plog("set-cursor surface=%s hotspot=%d,%d serial=%u accepted=%s", id,
		hotspot_x, hotspot_y, serial, ok ? "yes" : "no");
}

static void
pointer_handle_release(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct wl_pointer_interface pointer_implementation = {
	.set_cursor = pointer_handle_set_cursor,
	.release = pointer_handle_release,
};

static void
pointer_resource_destroy(struct wl_resource *resource)
{
	wl_list_remove(wl_resource_get_link(resource));
}

static void
enter_one(struct tc_seat *seat, struct wl_resource *pointer)
{
	wl_pointer_send_enter(pointer, seat->pointer_enter_serial,
			      seat->pointer_focus->resource, seat->pointer_x,
			      seat->pointer_y);
	send_frame(pointer);
}

void
tc_pointer_create(struct tc_seat *seat, struct wl_client *client,
		  uint32_t version, uint32_t id)
{
	struct wl_resource *resource =
	    wl_resource_create(client, &wl_pointer_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &pointer_implementation, seat,
				       pointer_resource_destroy);
	wl_list_insert(seat->pointers.prev, wl_resource_get_link(resource));
	/* a pointer made while over its client's surface enters at once */
	if (seat->pointer_focus && same_client(resource, seat->pointer_focus))
		enter_one(seat, resource);
}

static void
handle_pointer_focus_destroy(struct wl_listener *listener, void *data)
{
	struct tc_seat *seat =
	    wl_container_of(listener, seat, pointer_focus_destroy);

	wl_list_remove(&seat->pointer_focus_destroy.link);
	wl_list_init(&seat->pointer_focus_destroy.link);
	seat->pointer_focus = NULL;
	seat->buttons_down = 0;
}

void
tc_pointer_leave(struct tc_seat *seat)
{
	struct tc_surface *surface = seat->pointer_focus;
	struct wl_resource *pointer;

	if (!surface)
		return;
	/* a lock ends when the pointer leaves its surface */
	tc_pointer_constraints_leave(seat);
	uint32_t serial = wl_display_next_serial(seat->server->display);
	wl_resource_for_each(pointer, &seat->pointers)
	{
		if (same_client(pointer, surface)) {
			wl_pointer_send_leave(pointer, serial,
					      surface->resource);
			send_frame(pointer);
		}
	}
	tc_plog("pointer-leave surface=%u serial=%u",
		wl_resource_get_id(surface->resource), serial);
	wl_list_remove(&seat->pointer_focus_destroy.link);
	wl_list_init(&seat->pointer_focus_destroy.link);
	seat->pointer_focus = NULL;
	/* buttons held over a surface are released with it */
	seat->buttons_down = 0;
}

void
tc_pointer_enter(struct tc_seat *seat, struct tc_surface *surface, wl_fixed_t x,
		 wl_fixed_t y)
{
	struct wl_resource *pointer;

	tc_pointer_leave(seat);
	seat->pointer_focus = surface;
	seat->pointer_focus_destroy.notify = handle_pointer_focus_destroy;
	wl_signal_add(&surface->destroy_signal, &seat->pointer_focus_destroy);
	seat->pointer_x = x;
	seat->pointer_y = y;
	seat->pointer_enter_serial =
	    wl_display_next_serial(seat->server->display);
	wl_resource_for_each(pointer, &seat->pointers)
	{
		if (same_client(pointer, surface))
			enter_one(seat, pointer);
	}
	tc_plog("pointer-enter surface=%u x=%g y=%g serial=%u",
		wl_resource_get_id(surface->resource), wl_fixed_to_double(x),
		wl_fixed_to_double(y), seat->pointer_enter_serial);
	tc_pointer_constraints_enter(seat);
}

static bool
parse_xy(char *args, wl_fixed_t *x, wl_fixed_t *y)
{
	double dx, dy;
	int end = 0;

	if (!args || sscanf(args, "%lf %lf%n", &dx, &dy, &end) != 2 ||
	    args[end] != '\0' || dx < -8388608 || dx > 8388607 ||
	    dy < -8388608 || dy > 8388607)
		return false;
	*x = wl_fixed_from_double(dx);
	*y = wl_fixed_from_double(dy);
	return true;
}

static const char *
control_button(struct tc_seat *seat, char *args)
{
	char name[16], state[16];
	int end = 0;
	uint32_t code, bit;

	if (!args || sscanf(args, "%15s %15s%n", name, state, &end) != 2 ||
	    args[end] != '\0')
		return "";
	if (strcmp(name, "left") == 0)
		code = BTN_LEFT, bit = 1;
	else if (strcmp(name, "right") == 0)
		code = BTN_RIGHT, bit = 2;
	else if (strcmp(name, "middle") == 0)
		code = BTN_MIDDLE, bit = 4;
	else if (strcmp(name, "side") == 0)
		code = BTN_SIDE, bit = 8;
	else if (strcmp(name, "extra") == 0)
		code = BTN_EXTRA, bit = 16;
	else
		return "";
	bool press = strcmp(state, "press") == 0;
	if (!press && strcmp(state, "release") != 0)
		return "";
	if (!seat->pointer_focus)
		return " (no pointer focus)";

	uint32_t serial = wl_display_next_serial(seat->server->display);
	uint32_t time = tc_seat_time_ms();
	struct wl_resource *pointer;
	wl_resource_for_each(pointer, &seat->pointers)
	{
		if (!same_client(pointer, seat->pointer_focus))
			continue;
		wl_pointer_send_button(pointer, serial, time, code,
				       press
					   ? WL_POINTER_BUTTON_STATE_PRESSED
					   : WL_POINTER_BUTTON_STATE_RELEASED);
		send_frame(pointer);
	}
	if (press) {
		seat->buttons_down |= bit;
		seat->press_serial = serial;
	} else {
		seat->buttons_down &= ~bit;
	}
	tc_plog("button %s %s serial=%u", name, state, serial);
	return NULL;
}

/* "axis vertical|horizontal STEPS": a mouse wheel turned STEPS clicks
 * (negative: up or left), as libinput sends it: axis_source wheel,
 * axis_value120 of 120 per click (v8) or axis_discrete (v5 to v7), axis of
 * 10 per click, frame. "axis120 vertical|horizontal VALUE": a
 * high-resolution wheel turned VALUE/120 clicks: axis_value120 VALUE (v8;
 * nothing discrete below), axis of VALUE/12. */
static const char *
control_axis(struct tc_seat *seat, char *args, bool hires)
{
	char which[16];
	int value, end = 0;

	if (!args || sscanf(args, "%15s %d%n", which, &value, &end) != 2 ||
	    args[end] != '\0' || !value || value < (hires ? -12000 : -100) ||
	    value > (hires ? 12000 : 100))
		return "";
	int steps = hires ? 0 : value;
	int value120 = hires ? value : value * 120;
	bool vertical = strcmp(which, "vertical") == 0;
	if (!vertical && strcmp(which, "horizontal") != 0)
		return "";
	if (!seat->pointer_focus)
		return " (no pointer focus)";
	uint32_t axis = vertical ? WL_POINTER_AXIS_VERTICAL_SCROLL
				 : WL_POINTER_AXIS_HORIZONTAL_SCROLL;
	uint32_t time = tc_seat_time_ms();
	struct wl_resource *pointer;
	wl_resource_for_each(pointer, &seat->pointers)
	{
		if (!same_client(pointer, seat->pointer_focus))
			continue;
		uint32_t version = wl_resource_get_version(pointer);
		if (version >= WL_POINTER_AXIS_SOURCE_SINCE_VERSION)
			wl_pointer_send_axis_source(
			    pointer, WL_POINTER_AXIS_SOURCE_WHEEL);
		/* v8 replaces axis_discrete with axis_value120 */
		if (version >= WL_POINTER_AXIS_VALUE120_SINCE_VERSION)
			wl_pointer_send_axis_value120(pointer, axis, value120);
		else if (version >= WL_POINTER_AXIS_DISCRETE_SINCE_VERSION &&
			 steps)
			wl_pointer_send_axis_discrete(pointer, axis, steps);
		wl_pointer_send_axis(pointer, time, axis,
				     wl_fixed_from_double(value120 / 12.0));
		send_frame(pointer);
	}
	tc_plog("%s %s %d", hires ? "axis120" : "axis", which, value);
	return NULL;
}

const char *
tc_pointer_control(struct tc_seat *seat, const char *cmd, char *args)
{
	wl_fixed_t x, y;

	if (strcmp(cmd, "button") == 0)
		return control_button(seat, args);
	if (strcmp(cmd, "axis") == 0 || strcmp(cmd, "axis120") == 0)
		return control_axis(seat, args, strcmp(cmd, "axis120") == 0);
	if (strcmp(cmd, "pointer-leave") == 0) {
		if (args)
			return "";
		if (!seat->pointer_focus)
			return " (no pointer focus)";
		tc_pointer_leave(seat);
		return NULL;
	}
	if (!parse_xy(args, &x, &y))
		return "";
	if (strcmp(cmd, "pointer-enter") == 0) {
		if (!seat->focus)
			return " (no focused toplevel)";
		tc_pointer_enter(seat, seat->focus, x, y);
		return NULL;
	}
	/* motion */
	if (!seat->pointer_focus)
		return " (no pointer focus)";
	struct wl_resource *pointer;
	uint32_t time = tc_seat_time_ms();
	if (tc_pointer_constraints_locked(seat)) {
		/* a locked pointer does not move */
		tc_plog("motion x=%g y=%g locked=yes", wl_fixed_to_double(x),
			wl_fixed_to_double(y));
		return NULL;
	}
	seat->pointer_x = x;
	seat->pointer_y = y;
	wl_resource_for_each(pointer, &seat->pointers)
	{
		if (!same_client(pointer, seat->pointer_focus))
			continue;
		wl_pointer_send_motion(pointer, time, x, y);
		send_frame(pointer);
	}
	tc_plog("motion x=%g y=%g", wl_fixed_to_double(x),
		wl_fixed_to_double(y));
	return NULL;
}
