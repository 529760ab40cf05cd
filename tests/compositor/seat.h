/*
 * The seat of --seat: wl_seat "seat0" (seat.c) with a keyboard
 * (keyboard.c: an xkbcommon evdev/pc105/us keymap) and a pointer
 * (pointer.c), driven by control commands, not by devices.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <wayland-server-core.h>

struct tc_server;
struct tc_surface;
struct xkb_context;
struct xkb_keymap;
struct xkb_state;

struct tc_seat {
	struct tc_server *server;
	struct wl_global *global;
	struct wl_list keyboards; /* wl_resource link (wl_keyboard) */
	struct wl_list pointers;  /* wl_resource link (wl_pointer) */
	/* wl_resource link (zwp_relative_pointer_v1) */
	struct wl_list relative_pointers;
	struct wl_list constraints; /* tc_constraint.link */

	/* keyboard focus: a mapped toplevel's root surface, or NULL */
	struct tc_surface *focus;
	struct wl_listener focus_destroy;

	/* pointer focus (the keyboard's focus or NULL), position in its
	 * surface-local coordinates */
	struct tc_surface *pointer_focus;
	struct wl_listener pointer_focus_destroy;
	wl_fixed_t pointer_x, pointer_y;
	uint32_t pointer_enter_serial; /* the last wl_pointer.enter */
	uint32_t press_serial;         /* the last button press */
	uint32_t buttons_down;         /* bit 0: left, bit 1: right */

	/* keyboard.c */
	struct xkb_context *xkb;
	struct xkb_keymap *keymap;
	struct xkb_state *state;
	int keymap_fd;        /* owned: a sealed memfd of the keymap text */
	uint32_t keymap_size; /* bytes, with the terminating NUL */
};

/* CLOCK_MONOTONIC milliseconds, the time of input events */
uint32_t tc_seat_time_ms(void);

/* keyboard.c */
int tc_keyboard_init(struct tc_seat *seat);
void tc_keyboard_finish(struct tc_seat *seat);
void tc_keyboard_create(struct tc_seat *seat, struct wl_client *client,
			uint32_t version, uint32_t id);
/* enter/leave for every wl_keyboard of the surface's client */
void tc_keyboard_enter(struct tc_seat *seat, struct tc_surface *surface);
void tc_keyboard_leave(struct tc_seat *seat, struct tc_surface *surface);
/* control "key NAME [MODS]": NULL, or why it cannot be done */
const char *tc_keyboard_control_key(struct tc_seat *seat, char *args);
/* Control "key-down NAME" / "key-up NAME": one key held or let go (a
 * modifier held across pointer events, as for Alt + drag). */
const char *tc_keyboard_control_hold(struct tc_seat *seat, char *args,
				     bool down);
/* Control "keycode N down|up" (evdev code N, any key of the keymap),
 * "keyboard-leave" / "keyboard-enter" (the focused client's keyboards are
 * told focus went away and came back; the seat's focus stays). */
const char *tc_keyboard_control_raw(struct tc_seat *seat, const char *cmd,
				    char *args);

/* pointer-constraints.c: locks granted while the pointer is over their
 * surface; enter/leave grant and end them. */
void tc_pointer_constraints_enter(struct tc_seat *seat);
void tc_pointer_constraints_leave(struct tc_seat *seat);
/* A lock holds: the pointer does not move. */
bool tc_pointer_constraints_locked(struct tc_seat *seat);
/* control "pointer-unlock": NULL or why not */
const char *tc_pointer_constraints_control_unlock(struct tc_seat *seat,
						  char *args);

/* relative-pointer.c: control "relative DX DY DXU DYU": NULL or why not */
const char *tc_relative_pointer_control(struct tc_seat *seat, char *args);

/* pointer.c */
void tc_pointer_create(struct tc_seat *seat, struct wl_client *client,
		       uint32_t version, uint32_t id);
/* enter at x, y (surface-local), after leaving any other focus */
void tc_pointer_enter(struct tc_seat *seat, struct tc_surface *surface,
		      wl_fixed_t x, wl_fixed_t y);
void tc_pointer_leave(struct tc_seat *seat);
/* control pointer-enter, pointer-leave, motion, button, axis: NULL or why
 * not */
const char *tc_pointer_control(struct tc_seat *seat, const char *cmd,
			       char *args);
