#include "input.h"

#include <linux/input-event-codes.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xkbcommon/xkbcommon.h>

#include "key-translate.h"
#include "keyboard-shortcuts-inhibit-unstable-v1-client-protocol.h"
#include "log.h"
#include "pointer-constraints-unstable-v1-client-protocol.h"
#include "pointer-map.h"
#include "relative-pointer-unstable-v1-client-protocol.h"
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

/* The guest's side of the seat (guest-input.h); false without one. */
static bool
guest_ready(const struct vv_input *input)
{
	return input->guest.ops && input->guest.ops->ready(input->guest.data);
}

static bool
guest_absolute(const struct vv_input *input)
{
	return input->guest.ops &&
	       input->guest.ops->absolute(input->guest.data);
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
	bool has = input->guest.ops &&
		   input->guest.ops->has_key(input->guest.data, key);

	if (!has || key >= KEY_CNT || !guest_ready(input) ||
	    key_held(input, key) == down) {
		if (!has)
			vv_debug("input: evdev key %u has no guest key", key);
		return;
	}
	if (down)
		input->held[key / 8] |= (uint8_t)(1u << (key % 8));
	else
		input->held[key / 8] &= (uint8_t) ~(1u << (key % 8));
	input->guest.ops->key(input->guest.data, key, down);
}

/* The left key of each modifier, as a guest keyboard presses it. */
static const struct {
	uint32_t mod, key, right;
} mod_keys[] = {
	{ VV_MOD_SHIFT, KEY_LEFTSHIFT, KEY_RIGHTSHIFT },
	{ VV_MOD_CTRL, KEY_LEFTCTRL, KEY_RIGHTCTRL },
	{ VV_MOD_ALT, KEY_LEFTALT, KEY_RIGHTALT },
	{ VV_MOD_SUPER, KEY_LEFTMETA, KEY_RIGHTMETA },
};

/* A virtual keyboard's key @key down (key-translate.h): the US key typing
 * its symbol, with the modifiers the seat has on (a virtual keyboard sets
 * them without keys) or the symbol needs, pressed around it. True if it
 * was one; false: a physical key, to send as it is. */
static bool
virtual_key_down(struct vv_input *input, uint32_t key)
{
	uint32_t evdev;
	bool shift;

	if (!input->keymap || !input->state || input->translate_failed)
		return false;
	if (!input->translate) {
		input->translate = vv_key_translate_create(input->xkb);
		if (!input->translate) {
			vv_warn(
			    "input: no US keymap from xkeyboard-config (apt-get install xkb-data): keys of virtual keyboards (wtype) go to the guest as their raw codes");
			input->translate_failed = true;
			return false;
		}
	}
	xkb_keysym_t sym = xkb_state_key_get_one_sym(input->state, key + 8);
	if (!vv_key_translate(input->translate, input->keymap, key + 8, sym,
			      &evdev, &shift))
		return false;
	if (!evdev) {
		vv_debug("input: no US key types keysym 0x%x", sym);
		return true;
	}
	uint32_t mods =
	    vv_input_mods(input->state) | (shift ? VV_MOD_SHIFT : 0);
	uint8_t pressed = 0;
	for (size_t i = 0; i < sizeof(mod_keys) / sizeof(mod_keys[0]); i++) {
		if (!(mods & mod_keys[i].mod) ||
		    key_held(input, mod_keys[i].key) ||
		    key_held(input, mod_keys[i].right))
			continue;
		guest_key(input, mod_keys[i].key, true);
		pressed |= (uint8_t)mod_keys[i].mod;
	}
	guest_key(input, evdev, true);
	input->virtual_down[key].key = (uint16_t)evdev;
	input->virtual_down[key].mods = pressed;
	return true;
}

/* Seat key @key to the guest: a virtual keyboard's through its symbol,
 * and its modifiers let go after it. */
static void
seat_key(struct vv_input *input, uint32_t key, bool down)
{
	if (key >= KEY_CNT)
		return;
	if (down) {
		if (!virtual_key_down(input, key))
			guest_key(input, key, true);
		return;
	}
	if (!input->virtual_down[key].key) {
		guest_key(input, key, false);
		return;
	}
	guest_key(input, input->virtual_down[key].key, false);
	for (size_t i = sizeof(mod_keys) / sizeof(mod_keys[0]); i-- > 0;)
		if (input->virtual_down[key].mods & mod_keys[i].mod)
			guest_key(input, mod_keys[i].key, false);
	input->virtual_down[key].key = 0;
	input->virtual_down[key].mods = 0;
}

/* Every button the guest holds, let go. */
static void
release_buttons(struct vv_input *input)
{
	for (uint32_t n = 0; n < 32 && input->guest.ops; n++)
		if (input->buttons_held & (1u << n))
			input->guest.ops->button(input->guest.data,
						 BTN_MOUSE + n, false);
	input->buttons_held = 0;
}

/* Every key and button the guest holds, let go (no stuck Ctrl after
 * focus moves away or capture ends). */
static void
release_all(struct vv_input *input)
{
	memset(input->virtual_down, 0, sizeof(input->virtual_down));
	for (uint32_t key = 0; key < KEY_CNT; key++)
		if (key_held(input, key))
			guest_key(input, key, false);
	release_buttons(input);
}

/* Relative mode: the guest's pointer moves by deltas under a lock. */
static bool
relative_mode(const struct vv_input *input)
{
	return guest_ready(input) && !guest_absolute(input);
}

/* The lock given back (if any); nothing of the motion before it stays. */
static void
unlock(struct vv_input *input)
{
	if (input->lock)
		zwp_locked_pointer_v1_destroy(input->lock);
	input->lock = NULL;
	input->locked = false;
	input->rel_carry_x = input->rel_carry_y = 0;
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

	if (input->guest.ops)
		release_all(input);
}

static void
keyboard_handle_key(void *data, struct wl_keyboard *keyboard, uint32_t serial,
		    uint32_t time, uint32_t key, uint32_t state)
{
	struct vv_input *input = data;
	bool pressed = state == WL_KEYBOARD_KEY_STATE_PRESSED;

	if (input->guest.ops) {
		if (pressed && is_release_chord(input, key)) {
			char chord[64];
			input->captured = !input->captured;
			vv_key_format(&input->release, chord, sizeof(chord));
			vv_info("input: %s (%s toggles)",
				input->captured ? "captured" : "released",
				chord);
			if (!input->captured) {
				release_all(input);
				unlock(input);
			}
			return;
		}
		if (input->captured) {
			seat_key(input, key, pressed);
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
locked_handle_locked(void *data, struct zwp_locked_pointer_v1 *lock)
{
	struct vv_input *input = data;
	char chord[64] = "";

	input->locked = true;
	input->rel_carry_x = input->rel_carry_y = 0;
	/* The guest draws its pointer now; the host's would stay frozen
	 * where the click was. It shows again when the pointer next enters
	 * (there is no request for "the compositor's default" to give it
	 * back sooner). */
	if (input->pointer)
		wl_pointer_set_cursor(input->pointer, input->enter_serial, NULL,
				      0, 0);
	if (input->release.keysym)
		vv_key_format(&input->release, chord, sizeof(chord));
	vv_info("input: pointer locked%s%s%s", chord[0] ? " (" : "", chord,
		chord[0] ? " releases)" : "");
}

/* The compositor took the lock back (focus moved, its own shortcut): a
 * one-shot lock is dead now; the next click asks again. */
static void
locked_handle_unlocked(void *data, struct zwp_locked_pointer_v1 *lock)
{
	struct vv_input *input = data;

	release_buttons(input);
	unlock(input);
	vv_info(
	    "input: the compositor unlocked the pointer; click in the window to lock it again");
}

static const struct zwp_locked_pointer_v1_listener locked_listener = {
	.locked = locked_handle_locked,
	.unlocked = locked_handle_unlocked,
};

/* Click to capture in relative mode: a one-shot lock on the surface under
 * the pointer, whose deltas then go to the guest. False when the
 * compositor cannot lock (said once). */
static bool
lock_pointer(struct vv_input *input)
{
	struct vv_wl *wl = input->wl;

	if (!wl->pointer_constraints || !input->relative ||
	    !input->pointer_surface) {
		if (!input->lock_missing_logged && input->pointer_surface)
			vv_warn(
			    "input: the compositor cannot lock the pointer (it offers no %s), so a VM without a tablet gets no pointer: add -device usb-tablet or -device virtio-tablet-pci to QEMU",
			    !wl->pointer_constraints
				? "zwp_pointer_constraints_v1"
				: "zwp_relative_pointer_manager_v1");
		input->lock_missing_logged = input->pointer_surface != NULL;
		return false;
	}
	input->lock = zwp_pointer_constraints_v1_lock_pointer(
	    wl->pointer_constraints, input->pointer_surface, input->pointer,
	    NULL, ZWP_POINTER_CONSTRAINTS_V1_LIFETIME_ONESHOT);
	zwp_locked_pointer_v1_add_listener(input->lock, &locked_listener,
					   input);
	return true;
}

/* Deltas while locked, the unaccelerated ones: the guest accelerates
 * them itself, and twice would be too much. */
static void
relative_handle_motion(void *data, struct zwp_relative_pointer_v1 *relative,
		       uint32_t utime_hi, uint32_t utime_lo, wl_fixed_t dx,
		       wl_fixed_t dy, wl_fixed_t dx_unaccel,
		       wl_fixed_t dy_unaccel)
{
	struct vv_input *input = data;

	if (!input->locked || !input->captured || !relative_mode(input))
		return;
	input->guest.ops->rel(
	    input->guest.data,
	    vv_pointer_map_rel(dx_unaccel, &input->rel_carry_x),
	    vv_pointer_map_rel(dy_unaccel, &input->rel_carry_y));
}

static const struct zwp_relative_pointer_v1_listener relative_listener = {
	.relative_motion = relative_handle_motion,
};

static void
pointer_handle_enter(void *data, struct wl_pointer *pointer, uint32_t serial,
		     struct wl_surface *surface, wl_fixed_t x, wl_fixed_t y)
{
	struct vv_input *input = data;

	/* A kiosk is a screen, not a desktop: no pointer over it. Over a
	 * guest that takes the pointer, only the guest's cursor shows. */
	if (input->hide_pointer || (input->captured && guest_absolute(input)))
		wl_pointer_set_cursor(pointer, serial, NULL, 0, 0);
	input->pointer_surface = surface;
	input->enter_serial = serial;
	input->pointer_x = x;
	input->pointer_y = y;
	guest_motion(input);
}

/* Where the pointer is, for the guest: false over the bars or when the
 * pointer is not the guest's. */
static bool
guest_abs(struct vv_input *input, uint32_t *ax, uint32_t *ay)
{
	if (!input->captured || !input->window || !guest_absolute(input))
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
	input->guest.ops->abs(input->guest.data, ax, ay);
	input->cursor_moved = true;
	input->abs_x = ax;
	input->abs_y = ay;
}

static void
pointer_handle_leave(void *data, struct wl_pointer *pointer, uint32_t serial,
		     struct wl_surface *surface)
{
	struct vv_input *input = data;

	release_buttons(input);
	input->pointer_surface = NULL;
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
	uint32_t bit = 1u << ((button - BTN_MOUSE) & 31);
	uint32_t ax, ay;

	if (!input->guest.ops ||
	    !input->guest.ops->has_button(input->guest.data, button))
		return false;
	if (relative_mode(input) && !input->lock) {
		/* Click to capture: this click is the viewer's. */
		if (!pressed || !lock_pointer(input))
			return false;
		input->captured = true;
		return true;
	}
	if (!input->captured)
		return false;
	if (!pressed) {
		if (!(input->buttons_held & bit))
			return false;
		input->buttons_held &= ~bit;
		input->guest.ops->button(input->guest.data, button, false);
		return true;
	}
	if (relative_mode(input)) {
		/* Asked for, not granted yet: not the guest's either. */
		if (!input->locked)
			return true;
	} else if (guest_abs(input, &ax, &ay)) {
		input->guest.ops->abs(input->guest.data, ax, ay);
	} else {
		return false;
	}
	input->buttons_held |= bit;
	input->guest.ops->button(input->guest.data, button, true);
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

/* @steps whole wheel steps on @axis to the guest: where the pointer is
 * (absolute), or under the lock (relative). */
static void
guest_wheel(struct vv_input *input, uint32_t axis, int32_t steps)
{
	if (!steps || !input->guest.ops || !input->captured)
		return;
	if (relative_mode(input)) {
		if (!input->locked)
			return;
	} else {
		uint32_t ax, ay;
		if (!guest_abs(input, &ax, &ay))
			return;
		input->guest.ops->abs(input->guest.data, ax, ay);
	}
	input->guest.ops->wheel(input->guest.data,
				axis == WL_POINTER_AXIS_VERTICAL_SCROLL, steps);
}

/* wl_seat v5 to v7: whole steps (v8 sends axis_value120 instead). */
static void
pointer_handle_axis_discrete(void *data, struct wl_pointer *pointer,
			     uint32_t axis, int32_t discrete)
{
	guest_wheel(data, axis, discrete);
}

/* wl_seat v8: 120 a step; a high-resolution wheel sends parts, which add
 * up to whole steps (QEMU's wheel is buttons). */
static void
pointer_handle_axis_value120(void *data, struct wl_pointer *pointer,
			     uint32_t axis, int32_t value120)
{
	struct vv_input *input = data;

	if (axis > WL_POINTER_AXIS_HORIZONTAL_SCROLL)
		return;
	guest_wheel(input, axis,
		    vv_pointer_map_wheel(value120, &input->wheel_acc[axis]));
}

/* Every event of the version bound (wl_seat v8 at most), even the ones
 * with nothing to do: libwayland aborts on a missing one. */
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
	.axis_value120 = pointer_handle_axis_value120,
};

static void
release_pointer(struct vv_input *input)
{
	unlock(input);
	if (input->relative)
		zwp_relative_pointer_v1_destroy(input->relative);
	input->relative = NULL;
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
		if (input->wl->relative_pointer) {
			input->relative =
			    zwp_relative_pointer_manager_v1_get_relative_pointer(
				input->wl->relative_pointer, input->pointer);
			zwp_relative_pointer_v1_add_listener(
			    input->relative, &relative_listener, input);
		}
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

void
vv_input_init(struct vv_input *input, struct vv_wl *wl)
{
	input->wl = wl;
	input->xkb = xkb_context_new(XKB_CONTEXT_NO_FLAGS);
	if (!wl->seat_name)
		return;
	/* v8 for axis_value120; v3 (release requests) at least. */
	input->seat =
	    wl_registry_bind(wl->registry, wl->seat_name, &wl_seat_interface,
			     wl->seat_version < 8 ? wl->seat_version : 8);
	wl_seat_add_listener(input->seat, &seat_listener, input);
}

void
vv_input_sync_capture(struct vv_input *input)
{
	bool want =
	    input->guest.ops && input->captured && input->seat && input->window;

	/* A QEMU back with a tablet: the pointer is absolute again and
	 * needs no lock. */
	if (input->lock && guest_ready(input) && guest_absolute(input))
		unlock(input);

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
	memset(input, 0, sizeof(*input));
}
