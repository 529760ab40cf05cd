#include "input.h"

#include <linux/input-event-codes.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xkbcommon/xkbcommon.h>

#include "keyboard-shortcuts-inhibit-unstable-v1-client-protocol.h"
#include "keymap-qcode.h"
#include "log.h"
#include "pointer-map.h"
#include "qmp.h"
#include "xdg-shell-client-protocol.h"

uint32_t
vv_input_mods(struct xkb_state *state)
{
	static const struct {
		const char *name;
		uint32_t mod;
	} map[] = {
		{ XKB_MOD_NAME_SHIFT, VV_MOD_SHIFT },
		{ XKB_MOD_NAME_CTRL, VV_MOD_CTRL },
		{ XKB_MOD_NAME_ALT, VV_MOD_ALT },
		{ XKB_MOD_NAME_LOGO, VV_MOD_SUPER },
	};
	uint32_t mods = 0;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (xkb_state_mod_name_is_active(state, map[i].name,
						 XKB_STATE_MODS_EFFECTIVE) > 0)
			mods |= map[i].mod;
	return mods;
}

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
key_held(const struct vv_input *input, uint32_t key)
{
	return key < KEY_CNT && input->held[key / 8] & (1u << (key % 8));
}

/* One key down or up in the guest; a release only for a key it has down,
 * so a chord or a focus change never leaves it half a key. */
static void
guest_key(struct vv_input *input, uint32_t key, bool down)
{
	const char *qcode = vv_keymap_qcode(key);

	if (!qcode || key >= KEY_CNT || !vv_qmp_ready(input->qmp) ||
	    key_held(input, key) == down) {
		if (!qcode)
			vv_debug("input: evdev key %u has no QEMU qcode", key);
		return;
	}
	if (down)
		input->held[key / 8] |= (uint8_t)(1u << (key % 8));
	else
		input->held[key / 8] &= (uint8_t) ~(1u << (key % 8));
	vv_qmp_key(input->qmp, qcode, down);
}

/* Every key and button the guest holds, let go (no stuck Ctrl after
 * focus moves away or capture ends). */
static void
release_all(struct vv_input *input)
{
	for (uint32_t key = 0; key < KEY_CNT; key++)
		if (key_held(input, key))
			guest_key(input, key, false);
	for (uint32_t n = 0; n < 32; n++) {
		const char *name = vv_keymap_button(BTN_MOUSE + n);
		if (input->buttons_held & (1u << n) && name)
			vv_qmp_button(input->qmp, name, false);
	}
	input->buttons_held = 0;
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
		   vv_input_mods(input->state)) == 0;
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

	if (input->qmp)
		release_all(input);
}

static void
keyboard_handle_key(void *data, struct wl_keyboard *keyboard, uint32_t serial,
		    uint32_t time, uint32_t key, uint32_t state)
{
	struct vv_input *input = data;
	bool pressed = state == WL_KEYBOARD_KEY_STATE_PRESSED;

	if (input->qmp) {
		if (pressed && is_release_chord(input, key)) {
			char chord[64];
			input->captured = !input->captured;
			vv_key_format(&input->release, chord, sizeof(chord));
			vv_info("input: %s (%s toggles)",
				input->captured ? "captured" : "released",
				chord);
			if (!input->captured)
				release_all(input);
			return;
		}
		if (input->captured) {
			guest_key(input, key, pressed);
			return;
		}
	}
	if (!pressed || !input->state || !input->bindings)
		return;
	/* evdev codes are xkb keycodes minus 8. */
	xkb_keysym_t sym = xkb_state_key_get_one_sym(input->state, key + 8);
	int command = vv_bindings_match(input->bindings, sym,
					vv_input_mods(input->state));
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

static const struct wl_keyboard_listener keyboard_listener = {
	.keymap = keyboard_handle_keymap,
	.enter = keyboard_handle_enter,
	.leave = keyboard_handle_leave,
	.key = keyboard_handle_key,
	.modifiers = keyboard_handle_modifiers,
	.repeat_info = keyboard_handle_repeat_info,
};

static void guest_motion(struct vv_input *input);

static void
pointer_handle_enter(void *data, struct wl_pointer *pointer, uint32_t serial,
		     struct wl_surface *surface, wl_fixed_t x, wl_fixed_t y)
{
	struct vv_input *input = data;

	/* A kiosk is a screen, not a desktop: no pointer over it. Over a
	 * guest that takes the pointer, only the guest's cursor shows. */
	if (input->hide_pointer ||
	    (input->captured && vv_qmp_absolute(input->qmp)))
		wl_pointer_set_cursor(pointer, serial, NULL, 0, 0);
	input->pointer_x = x;
	input->pointer_y = y;
	guest_motion(input);
}

/* Where the pointer is, for the guest: false over the bars or when the
 * pointer is not the guest's. */
static bool
guest_abs(struct vv_input *input, uint32_t *ax, uint32_t *ay)
{
	if (!input->qmp || !input->captured || !input->window ||
	    !vv_qmp_absolute(input->qmp))
		return false;
	struct vv_window_view v = vv_window_view(input->window);
	return vv_pointer_map_abs(input->pointer_x, input->pointer_y,
				  v.guest_rect, v.src_w, v.src_h, v.content_w,
				  v.content_h, ax, ay);
}

/* The pointer moved: to the guest, and recorded for the loop, which moves
 * the cursor there after the dispatch. */
static void
guest_motion(struct vv_input *input)
{
	uint32_t ax, ay;

	if (!guest_abs(input, &ax, &ay))
		return;
	vv_qmp_abs(input->qmp, ax, ay);
	input->cursor_moved = true;
	input->abs_x = ax;
	input->abs_y = ay;
}

static void
pointer_handle_leave(void *data, struct wl_pointer *pointer, uint32_t serial,
		     struct wl_surface *surface)
{
	struct vv_input *input = data;

	for (uint32_t n = 0; n < 32 && input->qmp; n++) {
		const char *name = vv_keymap_button(BTN_MOUSE + n);
		if (input->buttons_held & (1u << n) && name)
			vv_qmp_button(input->qmp, name, false);
	}
	input->buttons_held = 0;
}

static void
pointer_handle_motion(void *data, struct wl_pointer *pointer, uint32_t time,
		      wl_fixed_t x, wl_fixed_t y)
{
	struct vv_input *input = data;

	input->pointer_x = x;
	input->pointer_y = y;
	guest_motion(input);
}

/* A button for the guest: a press over the picture (where it happens),
 * a release for any button the guest holds. True when it was the
 * guest's. */
static bool
guest_button(struct vv_input *input, uint32_t button, bool pressed)
{
	const char *name = vv_keymap_button(button);
	uint32_t bit = 1u << ((button - BTN_MOUSE) & 31);
	uint32_t ax, ay;

	if (!input->qmp || !input->captured || !name)
		return false;
	if (!pressed) {
		if (!(input->buttons_held & bit))
			return false;
		input->buttons_held &= ~bit;
		vv_qmp_button(input->qmp, name, false);
		return true;
	}
	if (!guest_abs(input, &ax, &ay))
		return false;
	input->buttons_held |= bit;
	vv_qmp_abs(input->qmp, ax, ay);
	vv_qmp_button(input->qmp, name, true);
	return true;
}

static void
pointer_handle_button(void *data, struct wl_pointer *pointer, uint32_t serial,
		      uint32_t time, uint32_t button, uint32_t state)
{
	struct vv_input *input = data;

	if (guest_button(input, button,
			 state == WL_POINTER_BUTTON_STATE_PRESSED))
		return;
	/* Without a title bar, Alt + drag is how the window moves (the
	 * convention of most desktops' window managers). */
	if (input->window && input->state && button == BTN_LEFT &&
	    state == WL_POINTER_BUTTON_STATE_PRESSED &&
	    vv_input_mods(input->state) == VV_MOD_ALT)
		vv_window_move(input->window, input->seat, serial);
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
	struct vv_input *input = data;
	bool vertical = axis == WL_POINTER_AXIS_VERTICAL_SCROLL;
	/* Wayland's positive is down and right; QEMU's wheel is buttons. */
	const char *name = vertical
			       ? (discrete > 0 ? "wheel-down" : "wheel-up")
			       : (discrete > 0 ? "wheel-right" : "wheel-left");
	uint32_t ax, ay;

	if (!guest_abs(input, &ax, &ay))
		return;
	vv_qmp_abs(input->qmp, ax, ay);
	for (int32_t i = 0; i < (discrete < 0 ? -discrete : discrete) && i < 64;
	     i++) {
		/* A wheel step is a click: down and up. */
		vv_qmp_button(input->qmp, name, true);
		vv_qmp_button(input->qmp, name, false);
	}
}

/* Every event of the version bound (wl_seat v5), even the ones with
 * nothing to do: libwayland aborts on a missing one. */
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
seat_handle_capabilities(void *data, struct wl_seat *seat, uint32_t caps)
{
	struct vv_input *input = data;
	bool has_keyboard = caps & WL_SEAT_CAPABILITY_KEYBOARD;
	bool has_pointer = caps & WL_SEAT_CAPABILITY_POINTER;

	if (has_keyboard && !input->keyboard) {
		input->keyboard = wl_seat_get_keyboard(seat);
		wl_keyboard_add_listener(input->keyboard, &keyboard_listener,
					 input);
	} else if (!has_keyboard && input->keyboard) {
		wl_keyboard_release(input->keyboard);
		input->keyboard = NULL;
	}
	if (has_pointer && !input->pointer) {
		input->pointer = wl_seat_get_pointer(seat);
		wl_pointer_add_listener(input->pointer, &pointer_listener,
					input);
	} else if (!has_pointer && input->pointer) {
		wl_pointer_release(input->pointer);
		input->pointer = NULL;
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

void
vv_input_init(struct vv_input *input, struct vv_wl *wl)
{
	input->wl = wl;
	input->xkb = xkb_context_new(XKB_CONTEXT_NO_FLAGS);
	if (!wl->seat_name)
		return;
	input->seat =
	    wl_registry_bind(wl->registry, wl->seat_name, &wl_seat_interface,
			     wl->seat_version < 5 ? wl->seat_version : 5);
	wl_seat_add_listener(input->seat, &seat_listener, input);
}

void
vv_input_sync_capture(struct vv_input *input)
{
	bool want =
	    input->qmp && input->captured && input->seat && input->window;

	if (want == !!input->inhibitor)
		return;
	if (!want) {
		zwp_keyboard_shortcuts_inhibitor_v1_destroy(input->inhibitor);
		input->inhibitor = NULL;
		return;
	}
	if (!input->wl->shortcuts_inhibit) {
		if (!input->inhibit_missing_logged)
			vv_debug(
			    "input: the compositor cannot inhibit its shortcuts; Alt+Tab and Super stay its own");
		input->inhibit_missing_logged = true;
		return;
	}
	input->inhibitor =
	    zwp_keyboard_shortcuts_inhibit_manager_v1_inhibit_shortcuts(
		input->wl->shortcuts_inhibit, vv_window_root(input->window),
		input->seat);
}

void
vv_input_finish(struct vv_input *input)
{
	if (input->inhibitor)
		zwp_keyboard_shortcuts_inhibitor_v1_destroy(input->inhibitor);
	if (input->keyboard)
		wl_keyboard_release(input->keyboard);
	if (input->pointer)
		wl_pointer_release(input->pointer);
	if (input->seat)
		wl_seat_release(input->seat);
	xkb_state_unref(input->state);
	xkb_keymap_unref(input->keymap);
	xkb_context_unref(input->xkb);
	memset(input, 0, sizeof(*input));
}
