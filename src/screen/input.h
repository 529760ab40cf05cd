/* The seat: key bindings through xkbcommon (keymap from the compositor),
 * and the pointer: hidden over the window in kiosk mode, Alt + drag moves a
 * window the compositor draws no title bar for. With guest input
 * (guest-input.h: the app wires QEMU's QMP socket in) keys, buttons, the
 * wheel and the pointer go to the guest while input is captured; the
 * release chord toggles that. The pointer goes as absolute
 * positions, or, for a VM without a tablet, as relative deltas under a
 * pointer lock that a click in the window takes and the chord gives back. */
#ifndef VV_INPUT_H
#define VV_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/input-event-codes.h>

#include "bindings.h"
#include "guest-input.h"
#include "wayland.h"
#include "window.h"

struct vv_input {
	struct vv_wl *wl;
	struct wl_seat *seat;
	uint32_t seat_name; /* its global */
	struct wl_keyboard *keyboard;
	struct wl_pointer *pointer;
	struct xkb_context *xkb;
	struct xkb_keymap *keymap;
	struct xkb_state *state;

	const struct vv_bindings *bindings; /* NULL: no bindings (kiosk) */
	bool hide_pointer;                  /* kiosk */
	/* Moved with Alt + drag when it has no server-side title bar. */
	struct vv_window *window; /* borrowed */

	void *data;
	void (*on_command)(void *data, enum vv_command command);

	/* Guest input: .ops NULL without a QMP socket or with --view-only;
	 * .data borrowed. */
	struct vv_guest_input guest;
	bool captured;         /* keys and pointer go to the guest, not us */
	struct vv_key release; /* toggles captured; keysym 0: no chord */
	uint8_t held[KEY_CNT / 8]; /* evdev keys the guest has down */
	/* A virtual keyboard's keys (key-translate.h), created at its first
	 * key; per seat keycode down: the guest key it pressed, and the
	 * modifiers (enum vv_mod) pressed for it alone. */
	struct vv_key_translate *translate;
	bool translate_failed;
	struct {
		uint16_t key;
		uint8_t mods;
	} virtual_down[KEY_CNT];
	uint32_t buttons_held;           /* bit n: evdev button BTN_MOUSE + n */
	wl_fixed_t pointer_x, pointer_y; /* surface coordinates */
	/* A motion sent to the guest at abs_x, abs_y since the loop last
	 * moved the cursor there. */
	bool cursor_moved;
	uint32_t abs_x, abs_y;
	/* The surface the pointer is over (a lock goes on it); NULL. */
	struct wl_surface *pointer_surface;
	uint32_t enter_serial; /* of the last wl_pointer.enter */
	/* Relative mode: deltas of the pointer (NULL without the global),
	 * the one-shot lock a click asks for, and whether it holds. */
	struct zwp_relative_pointer_v1 *relative;
	struct zwp_locked_pointer_v1 *lock;
	bool locked;
	bool lock_missing_logged;
	/* What is left of the deltas below a whole guest pixel (wl_fixed_t),
	 * and of the wheel below a whole step (axis_value120 units, by
	 * wl_pointer axis). */
	int32_t rel_carry_x, rel_carry_y;
	int32_t wheel_acc[2];
	/* Held while captured so Alt+Tab and Super reach the guest. */
	struct zwp_keyboard_shortcuts_inhibitor_v1 *inhibitor;
	bool inhibit_missing_logged;
};

/* Binds the first wl_seat the compositor offers, if any (weston headless
 * has none: then there is simply no input). */
void vv_input_init(struct vv_input *input, struct vv_wl *wl);

void vv_input_finish(struct vv_input *input);

/* After the handlers ran (the loop calls it before it polls): asks the
 * compositor for its shortcuts while input is captured, gives them back
 * when it is not, and gives back a pointer lock a now absolute pointer
 * does not need. Requests it makes go out with the loop's next flush. */
void vv_input_sync_capture(struct vv_input *input);

/* The modifiers of xkb @state as enum vv_mod (exposed for tests). */
uint32_t vv_input_mods(struct xkb_state *state);

#endif
