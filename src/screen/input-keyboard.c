/* wl_keyboard: the compositor's keymap and modifiers (xkbcommon), and
 * where a key goes: the release chord, the guest while captured, else the
 * key bindings. */
#include "input-private.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xkbcommon/xkbcommon.h>

#include "log.h"

static void
keyboard_handle_keymap(void *data, struct wl_keyboard *keyboard,
		       uint32_t format, int32_t fd, uint32_t size)
{
	struct vv_input *input = data;

	if (format != WL_KEYBOARD_KEYMAP_FORMAT_XKB_V1) {
		close(fd);
		return;
	}
	char *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		vv_warn(
		    "cannot map the compositor's keymap: %m; key bindings are off");
		return;
	}
	struct xkb_keymap *keymap = xkb_keymap_new_from_buffer(
	    input->xkb, map, strnlen(map, size), XKB_KEYMAP_FORMAT_TEXT_V1,
	    XKB_KEYMAP_COMPILE_NO_FLAGS);
	munmap(map, size);
	if (!keymap) {
		vv_warn(
		    "the compositor's keymap does not compile; key bindings are off");
		return;
	}
	xkb_state_unref(input->state);
	xkb_keymap_unref(input->keymap);
	input->keymap = keymap;
	input->state = xkb_state_new(keymap);
}

static bool
is_release_chord(struct vv_input *input, uint32_t key)
{
	if (!input->release.keysym || !input->state)
		return false;
	struct vv_bindings one = { 0 };
	one.keys[0] = input->release;
	return vv_bindings_match(
		   &one, xkb_state_key_get_one_sym(input->state, key + 8),
		   vv_bindings_mods(input->state)) == 0;
}

static void
keyboard_handle_enter(void *data, struct wl_keyboard *keyboard, uint32_t serial,
		      struct wl_surface *surface, struct wl_array *keys)
{
}

static void
keyboard_handle_leave(void *data, struct wl_keyboard *keyboard, uint32_t serial,
		      struct wl_surface *surface)
{
	struct vv_input *input = data;

	if (input->guest.ops)
		vv_input_release_all(input);
}

static void
keyboard_handle_key(void *data, struct wl_keyboard *keyboard, uint32_t serial,
		    uint32_t time, uint32_t key, uint32_t state)
{
	struct vv_input *input = data;
	bool pressed = state == WL_KEYBOARD_KEY_STATE_PRESSED;

	if (input->guest.ops) {
		if (pressed && is_release_chord(input, key)) {
			vv_input_toggle_capture(input);
			return;
		}
		if (input->captured) {
			vv_input_seat_key(input, key, pressed);
			return;
		}
	}
	if (!pressed || !input->state || !input->bindings)
		return;
	/* evdev codes are xkb keycodes minus 8. */
	xkb_keysym_t sym = xkb_state_key_get_one_sym(input->state, key + 8);
	int command = vv_bindings_match(input->bindings, sym,
					vv_bindings_mods(input->state));
	if (command >= 0)
		input->on_command(input->data, command);
}

static void
keyboard_handle_modifiers(void *data, struct wl_keyboard *keyboard,
			  uint32_t serial, uint32_t depressed, uint32_t latched,
			  uint32_t locked, uint32_t group)
{
	struct vv_input *input = data;

	if (input->state)
		xkb_state_update_mask(input->state, depressed, latched, locked,
				      0, 0, group);
}

static void
keyboard_handle_repeat_info(void *data, struct wl_keyboard *keyboard,
			    int32_t rate, int32_t delay)
{
}

const struct wl_keyboard_listener vv_input_keyboard_listener = {
	.keymap = keyboard_handle_keymap,
	.enter = keyboard_handle_enter,
	.leave = keyboard_handle_leave,
	.key = keyboard_handle_key,
	.modifiers = keyboard_handle_modifiers,
	.repeat_info = keyboard_handle_repeat_info,
};
