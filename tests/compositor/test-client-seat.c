/*
 * test-client-strict's seat scenarios: what a kiosk viewer does with
 * vv-compositor's wl_seat. The keymap is compiled with xkbcommon, so keys
 * are printed as the keysyms a real client would see.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xkbcommon/xkbcommon.h>

#include "test-client.h"

struct input {
	struct client *c;
	struct wl_keyboard *keyboard;
	struct wl_pointer *pointer;
	struct xkb_context *xkb;
	struct xkb_keymap *keymap;
	struct xkb_state *state;
	bool bad_move_first; /* move with a wrong serial, then the right one */
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void
keyboard_handle_keymap(void *data, struct wl_keyboard *keyboard,
		       uint32_t format, int32_t fd, uint32_t size)
{
	struct input *in = data;
	int seals = fcntl(fd, F_GET_SEALS);

	if (format != WL_KEYBOARD_KEYMAP_FORMAT_XKB_V1) {
		say("keymap bad-format=%u", format);
		close(fd);
		return;
	}
	/* from wl_keyboard v7 the client must map it MAP_PRIVATE */
	char *text = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (text == MAP_FAILED) {
		say("keymap cannot-map");
		return;
	}
	in->keymap = xkb_keymap_new_from_buffer(
	    in->xkb, text, strnlen(text, size), XKB_KEYMAP_FORMAT_TEXT_V1,
	    XKB_KEYMAP_COMPILE_NO_FLAGS);
	munmap(text, size);
	if (!in->keymap) {
		say("keymap does-not-compile");
		return;
	}
	in->state = xkb_state_new(in->keymap);
	say("keymap ok sealed=%s", seals >= 0 && (seals & F_SEAL_WRITE) &&
					   (seals & F_SEAL_SHRINK) &&
					   (seals & F_SEAL_GROW)
				       ? "yes"
				       : "no");
}

static void
keyboard_handle_enter(void *data, struct wl_keyboard *keyboard, uint32_t serial,
		      struct wl_surface *surface, struct wl_array *keys)
{
	struct input *in = data;

	say("keyboard-enter ours=%s keys=%zu",
	    surface == in->c->surface ? "yes" : "no", keys->size / 4);
}

static void
keyboard_handle_leave(void *data, struct wl_keyboard *keyboard, uint32_t serial,
		      struct wl_surface *surface)
{
	say("keyboard-leave");
}

static void
keyboard_handle_key(void *data, struct wl_keyboard *keyboard, uint32_t serial,
		    uint32_t time, uint32_t key, uint32_t state)
{
	struct input *in = data;
	char name[64] = "no-keymap";

	if (in->state)
		xkb_keysym_get_name(
		    xkb_state_key_get_one_sym(in->state, key + 8), name,
		    sizeof(name));
	say("key %s %s", name,
	    state == WL_KEYBOARD_KEY_STATE_PRESSED ? "pressed" : "released");
}

static void
keyboard_handle_modifiers(void *data, struct wl_keyboard *keyboard,
			  uint32_t serial, uint32_t depressed, uint32_t latched,
			  uint32_t locked, uint32_t group)
{
	struct input *in = data;

	if (!in->state)
		return;
	xkb_state_update_mask(in->state, depressed, latched, locked, 0, 0,
			      group);
	say("modifiers ctrl=%d alt=%d shift=%d",
	    xkb_state_mod_name_is_active(in->state, XKB_MOD_NAME_CTRL,
					 XKB_STATE_MODS_EFFECTIVE) > 0,
	    xkb_state_mod_name_is_active(in->state, XKB_MOD_NAME_ALT,
					 XKB_STATE_MODS_EFFECTIVE) > 0,
	    xkb_state_mod_name_is_active(in->state, XKB_MOD_NAME_SHIFT,
					 XKB_STATE_MODS_EFFECTIVE) > 0);
}

static void
keyboard_handle_repeat_info(void *data, struct wl_keyboard *keyboard,
			    int32_t rate, int32_t delay)
{
	say("repeat rate=%d delay=%d", rate, delay);
}

static const struct wl_keyboard_listener keyboard_listener = {
	.keymap = keyboard_handle_keymap,
	.enter = keyboard_handle_enter,
	.leave = keyboard_handle_leave,
	.key = keyboard_handle_key,
	.modifiers = keyboard_handle_modifiers,
	.repeat_info = keyboard_handle_repeat_info,
};

static void
pointer_handle_enter(void *data, struct wl_pointer *pointer, uint32_t serial,
		     struct wl_surface *surface, wl_fixed_t x, wl_fixed_t y)
{
	struct input *in = data;

	say("pointer-enter ours=%s x=%g y=%g",
	    surface == in->c->surface ? "yes" : "no", wl_fixed_to_double(x),
	    wl_fixed_to_double(y));
	/* a kiosk hides the pointer */
	wl_pointer_set_cursor(pointer, serial, NULL, 0, 0);
}

static void
pointer_handle_leave(void *data, struct wl_pointer *pointer, uint32_t serial,
		     struct wl_surface *surface)
{
	say("pointer-leave");
}

static void
pointer_handle_motion(void *data, struct wl_pointer *pointer, uint32_t time,
		      wl_fixed_t x, wl_fixed_t y)
{
	say("motion x=%g y=%g", wl_fixed_to_double(x), wl_fixed_to_double(y));
}

static void
pointer_handle_button(void *data, struct wl_pointer *pointer, uint32_t serial,
		      uint32_t time, uint32_t button, uint32_t state)
{
	struct input *in = data;
	bool pressed = state == WL_POINTER_BUTTON_STATE_PRESSED;

	say("button %u %s", button, pressed ? "pressed" : "released");
	/* a client-side title bar: drag to move */
	if (pressed && button == 0x110) {
		xdg_toplevel_move(in->c->toplevel, in->c->seat, serial + 1000);
		xdg_toplevel_move(in->c->toplevel, in->c->seat, serial);
	}
}

static void
pointer_handle_axis(void *data, struct wl_pointer *pointer, uint32_t time,
		    uint32_t axis, wl_fixed_t value)
{
}

static void
pointer_handle_frame(void *data, struct wl_pointer *pointer)
{
}

static void
pointer_handle_axis_source(void *data, struct wl_pointer *pointer,
			   uint32_t source)
{
}

static void
pointer_handle_axis_stop(void *data, struct wl_pointer *pointer, uint32_t time,
			 uint32_t axis)
{
}

static void
pointer_handle_axis_discrete(void *data, struct wl_pointer *pointer,
			     uint32_t axis, int32_t discrete)
{
}

static const struct wl_pointer_listener pointer_listener = {
	.enter = pointer_handle_enter,
	.leave = pointer_handle_leave,
	.motion = pointer_handle_motion,
	.button = pointer_handle_button,
	.axis = pointer_handle_axis,
	.frame = pointer_handle_frame,
	.axis_source = pointer_handle_axis_source,
	.axis_stop = pointer_handle_axis_stop,
	.axis_discrete = pointer_handle_axis_discrete,
};

static void
frame_done(void *data, struct wl_callback *callback, uint32_t time)
{
	*(bool *)data = true;
	wl_callback_destroy(callback);
}

static const struct wl_callback_listener frame_listener = {
	.done = frame_done,
};

/* seat: keyboard and pointer first, then a 200x100 toplevel; prints what
 * arrives until xdg_toplevel.close */
static int
seat_input(struct client *c)
{
	struct input in = { .c = c };
	bool drawn = false;

	if (!c->seat) {
		say("no-seat");
		return 1;
	}
	in.xkb = xkb_context_new(XKB_CONTEXT_NO_FLAGS);
	in.keyboard = wl_seat_get_keyboard(c->seat);
	wl_keyboard_add_listener(in.keyboard, &keyboard_listener, &in);
	in.pointer = wl_seat_get_pointer(c->seat);
	wl_pointer_add_listener(in.pointer, &pointer_listener, &in);
	toplevel_create(c, true);
	struct wp_viewport *viewport =
	    wp_viewporter_get_viewport(c->viewporter, c->surface);
	wp_viewport_set_destination(viewport, 200, 100);
	wl_surface_attach(c->surface, shm_buffer(c, 1, 1, 0xff808080), 0, 0);
	struct wl_callback *frame = wl_surface_frame(c->surface);
	wl_callback_add_listener(frame, &frame_listener, &drawn);
	wl_surface_commit(c->surface);
	while (!drawn)
		if (wl_display_dispatch(c->display) < 0)
			return 1;
	say("shown");
	while (!c->closed)
		if (wl_display_dispatch(c->display) < 0)
			return 1;
	return 0;
}

int
seat_scenario(struct client *c, const char *name, int argc, char **argv)
{
	if (strcmp(name, "seat") == 0)
		return seat_input(c);
	if (strcmp(name, "cursor-role") == 0) {
		/* the toplevel's own surface as its cursor */
		if (!c->seat)
			die("no wl_seat");
		struct wl_pointer *pointer = wl_seat_get_pointer(c->seat);
		toplevel_create(c, true);
		wl_pointer_set_cursor(pointer, 0, c->surface, 0, 0);
		return expect_error(c);
	}
	if (strcmp(name, "get-touch") == 0) {
		if (!c->seat)
			die("no wl_seat");
		wl_seat_get_touch(c->seat);
		return expect_error(c);
	}
	return -1;
}
