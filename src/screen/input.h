/* The seat: key bindings through xkbcommon (keymap from the compositor),
 * and the pointer: hidden over the window in kiosk mode, Alt + drag moves a
 * window the compositor draws no title bar for. With guest input
 * (guest-input.h: the app wires QEMU's QMP socket in) keys, buttons, the
 * wheel and the pointer go to the guest while input is captured; the
 * release chord toggles that. The pointer goes as absolute
 * positions, or, for a VM without a tablet, as relative deltas under a
 * pointer lock that a click in the window takes and the chord gives back.
 *
 * Opaque: only the input*.c files (input-private.h) issue requests on the
 * seat's objects. */
#ifndef VV_INPUT_H
#define VV_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "bindings.h"
#include "guest-input.h"
#include "wayland.h"
#include "window.h"

struct vv_input;

struct vv_input_config {
	/* Moved with Alt + drag when it has no server-side title bar, and
	 * where the pointer maps to the guest; borrowed, outlives the
	 * input. */
	struct vv_window *window;
	const struct vv_bindings *bindings; /* borrowed; NULL: none (kiosk) */
	bool hide_pointer;                  /* kiosk */
	/* A bound key was pressed (while input is not captured). */
	void (*on_command)(void *data, enum vv_command command);
	void *data;
	/* Guest input: .ops NULL without a QMP socket or with --view-only;
	 * .data borrowed. With it, input starts captured. */
	struct vv_guest_input guest;
	struct vv_key release; /* toggles capture; keysym 0: no chord */
};

/* Binds the first wl_seat the compositor offers, if any (weston headless
 * has none: then there is simply no input). @config is copied; what it
 * points to is borrowed. Never NULL. */
struct vv_input *vv_input_create(struct vv_wl *wl,
				 const struct vv_input_config *config);

/* Takes NULL. */
void vv_input_destroy(struct vv_input *input);

/* After the handlers ran (the loop calls it before it polls): asks the
 * compositor for its shortcuts while input is captured, gives them back
 * when it is not, and gives back a pointer lock a now absolute pointer
 * does not need. Requests it makes go out with the loop's next flush. */
void vv_input_sync_capture(struct vv_input *input);

/* Keys and pointer go to the guest, not to the viewer. */
bool vv_input_captured(const struct vv_input *input);

/* The pointer lock of relative mode holds. */
bool vv_input_locked(const struct vv_input *input);

/* Whether the host pointer moved the guest's (absolute mode, captured)
 * since the last call, and where to: @abs_x, @abs_y in 0..VV_ABS_MAX
 * (pointer-map.h), the last position sent. The caller moves the cursor
 * there without waiting for the guest. */
bool vv_input_take_cursor_motion(struct vv_input *input, uint32_t *abs_x,
				 uint32_t *abs_y);

#endif
