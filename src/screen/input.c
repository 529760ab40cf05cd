/* The seat and its devices: the keyboard and pointer the compositor gives
 * (their events are input-keyboard.c's and input-pointer.c's), and what
 * the rest of the app may ask of the input. */
#include <stdlib.h>
#include <xkbcommon/xkbcommon.h>

#include "input-private.h"
#include "key-translate.h"
#include "keyboard-shortcuts-inhibit-unstable-v1-client-protocol.h"
#include "xalloc.h"

static void
release_pointer(struct vv_input *input)
{
	vv_input_relative_destroy(input);
	wl_pointer_release(input->pointer);
	input->pointer = NULL;
	input->pointer_surface = NULL;
}

static void
seat_handle_capabilities(void *data, struct wl_seat *seat, uint32_t caps)
{
	struct vv_input *input = data;
	bool has_keyboard = caps & WL_SEAT_CAPABILITY_KEYBOARD;
	bool has_pointer = caps & WL_SEAT_CAPABILITY_POINTER;

	if (has_keyboard && !input->keyboard) {
		input->keyboard = wl_seat_get_keyboard(seat);
		wl_keyboard_add_listener(input->keyboard,
					 &vv_input_keyboard_listener, input);
	} else if (!has_keyboard && input->keyboard) {
		wl_keyboard_release(input->keyboard);
		input->keyboard = NULL;
	}
	if (has_pointer && !input->pointer) {
		input->pointer = wl_seat_get_pointer(seat);
		wl_pointer_add_listener(input->pointer,
					&vv_input_pointer_listener, input);
		vv_input_relative_create(input);
	} else if (!has_pointer && input->pointer) {
		release_pointer(input);
	}
}

static void
seat_handle_name(void *data, struct wl_seat *seat, const char *name)
{
}

static const struct wl_seat_listener seat_listener = {
	.capabilities = seat_handle_capabilities,
	.name = seat_handle_name,
};

struct vv_input *
vv_input_create(struct vv_wl *wl, const struct vv_input_config *config)
{
	struct vv_input *input = vv_xzalloc(sizeof(*input));

	input->wl = wl;
	input->window = config->window;
	input->bindings = config->bindings;
	input->hide_pointer = config->hide_pointer;
	input->on_command = config->on_command;
	input->data = config->data;
	input->guest = config->guest;
	input->release = config->release;
	/* Guest input is captured from the start; the release chord gives
	 * it back. */
	input->captured = config->guest.ops != NULL;
	input->xkb = xkb_context_new(XKB_CONTEXT_NO_FLAGS);
	if (!wl->seat_name)
		return input;
	/* v8 for axis_value120; v3 (release requests) at least. */
	input->seat =
	    wl_registry_bind(wl->registry, wl->seat_name, &wl_seat_interface,
			     wl->seat_version < 8 ? wl->seat_version : 8);
	wl_seat_add_listener(input->seat, &seat_listener, input);
	return input;
}

void
vv_input_destroy(struct vv_input *input)
{
	if (!input)
		return;
	if (input->inhibitor)
		zwp_keyboard_shortcuts_inhibitor_v1_destroy(input->inhibitor);
	if (input->keyboard)
		wl_keyboard_release(input->keyboard);
	if (input->pointer)
		release_pointer(input);
	if (input->seat &&
	    wl_seat_get_version(input->seat) >= WL_SEAT_RELEASE_SINCE_VERSION)
		wl_seat_release(input->seat);
	else if (input->seat)
		wl_seat_destroy(input->seat);
	vv_key_translate_destroy(input->translate);
	xkb_state_unref(input->state);
	xkb_keymap_unref(input->keymap);
	xkb_context_unref(input->xkb);
	free(input);
}

bool
vv_input_captured(const struct vv_input *input)
{
	return input->captured;
}

bool
vv_input_locked(const struct vv_input *input)
{
	return input->locked;
}

bool
vv_input_take_cursor_motion(struct vv_input *input, uint32_t *abs_x,
			    uint32_t *abs_y)
{
	if (!input->cursor_moved)
		return false;
	input->cursor_moved = false;
	*abs_x = input->abs_x;
	*abs_y = input->abs_y;
	return true;
}
