/* wl_pointer: hidden in a kiosk and over a guest that draws its own,
 * Alt + drag to move the window, and, while captured, motion (absolute
 * positions through the picture's placement), buttons and the wheel to
 * the guest. Relative motion under a lock is input-lock.c's. */
#include "input-private.h"

#include "pointer-map.h"

/* Where the pointer is, for the guest: false over the bars or when the
 * pointer is not the guest's. */
static bool
guest_abs(struct vv_input *input, uint32_t *ax, uint32_t *ay)
{
	if (!input->captured || !input->window ||
	    !vv_input_guest_absolute(input))
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
pointer_handle_enter(void *data, struct wl_pointer *pointer, uint32_t serial,
		     struct wl_surface *surface, wl_fixed_t x, wl_fixed_t y)
{
	struct vv_input *input = data;

	/* A kiosk is a screen, not a desktop: no pointer over it. Over a
	 * guest that takes the pointer, only the guest's cursor shows. */
	if (input->hide_pointer ||
	    (input->captured && vv_input_guest_absolute(input)))
		wl_pointer_set_cursor(pointer, serial, NULL, 0, 0);
	input->pointer_surface = surface;
	input->enter_serial = serial;
	input->pointer_x = x;
	input->pointer_y = y;
	guest_motion(input);
}

static void
pointer_handle_leave(void *data, struct wl_pointer *pointer, uint32_t serial,
		     struct wl_surface *surface)
{
	struct vv_input *input = data;

	vv_input_release_buttons(input);
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
	if (vv_input_relative_mode(input) && !input->lock) {
		/* Click to capture: this click is the viewer's. */
		if (!pressed || !vv_input_lock_pointer(input))
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
	if (vv_input_relative_mode(input)) {
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
	    vv_bindings_mods(input->state) == VV_MOD_ALT)
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
	if (vv_input_relative_mode(input)) {
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
const struct wl_pointer_listener vv_input_pointer_listener = {
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
