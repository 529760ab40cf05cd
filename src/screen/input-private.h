/* The seat's state (input.h), shared by the files that handle it and
 * included by no other: input.c (the seat and its devices),
 * input-keyboard.c (wl_keyboard: keymap, bindings, the release chord),
 * input-pointer.c (wl_pointer: absolute motion, buttons, the wheel),
 * input-capture.c (the chord's toggle, the shortcuts inhibitor),
 * input-lock.c (the pointer lock and relative motion) and input-held.c
 * (the keys and buttons the guest has down). */
#ifndef VV_INPUT_PRIVATE_H
#define VV_INPUT_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/input-event-codes.h>

#include "input.h"

struct xkb_context;
struct xkb_keymap;
struct xkb_state;
struct vv_key_translate;
struct zwp_relative_pointer_v1;
struct zwp_locked_pointer_v1;
struct zwp_keyboard_shortcuts_inhibitor_v1;

struct vv_input {
	struct vv_wl *wl;
	struct wl_seat *seat;
	struct wl_keyboard *keyboard;
	struct wl_pointer *pointer;
	struct xkb_context *xkb;
	struct xkb_keymap *keymap;
	struct xkb_state *state;

	/* From struct vv_input_config. */
	const struct vv_bindings *bindings; /* NULL: no bindings (kiosk) */
	bool hide_pointer;                  /* kiosk */
	struct vv_window *window;           /* borrowed; NULL: none */
	void *data;
	void (*on_command)(void *data, enum vv_command command);
	struct vv_guest_input guest; /* .ops NULL: none; .data borrowed */
	struct vv_key release;       /* toggles captured; keysym 0: no chord */

	bool captured; /* keys and pointer go to the guest, not us */
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

/* The guest's side of the seat (guest-input.h); false without one. */
static inline bool
vv_input_guest_ready(const struct vv_input *input)
{
	return input->guest.ops && input->guest.ops->ready(input->guest.data);
}

static inline bool
vv_input_guest_absolute(const struct vv_input *input)
{
	return input->guest.ops &&
	       input->guest.ops->absolute(input->guest.data);
}

/* The files call only downward, in this order (no file calls one above
 * it): input.c, input-keyboard.c, input-pointer.c and input-capture.c,
 * input-lock.c, input-held.c. */

/* input-keyboard.c and input-pointer.c, for the seat's devices. */
extern const struct wl_keyboard_listener vv_input_keyboard_listener;
extern const struct wl_pointer_listener vv_input_pointer_listener;

/* input-held.c: seat key @key (evdev) down or up in the guest. */
void vv_input_seat_key(struct vv_input *input, uint32_t key, bool down);
/* Every button the guest holds, let go. */
void vv_input_release_buttons(struct vv_input *input);
/* Every key and button the guest holds, let go (no stuck Ctrl after
 * focus moves away or capture ends). */
void vv_input_release_all(struct vv_input *input);

/* input-lock.c: the relative pointer of the new input->pointer, if the
 * compositor has them; destroyed (with any lock) by
 * vv_input_relative_destroy. */
void vv_input_relative_create(struct vv_input *input);
void vv_input_relative_destroy(struct vv_input *input);
/* The guest's pointer moves by deltas under a lock. */
bool vv_input_relative_mode(const struct vv_input *input);
/* Click to capture in relative mode: asks for a one-shot lock; false
 * when the compositor cannot lock (said once). */
bool vv_input_lock_pointer(struct vv_input *input);
/* The lock given back (if any); nothing of the motion before it stays. */
void vv_input_unlock(struct vv_input *input);

/* input-capture.c: the release chord was pressed. */
void vv_input_toggle_capture(struct vv_input *input);

#endif
