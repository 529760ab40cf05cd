/* Relative mode, for a VM without a tablet: a click in the window asks
 * for a one-shot pointer lock (zwp_pointer_constraints_v1), and while it
 * holds the pointer's unaccelerated deltas (zwp_relative_pointer_v1) go to
 * the guest in whole guest pixels. */
#include "input-private.h"

#include "log.h"
#include "pointer-constraints-unstable-v1-client-protocol.h"
#include "pointer-map.h"
#include "relative-pointer-unstable-v1-client-protocol.h"

bool
vv_input_relative_mode(const struct vv_input *input)
{
	return vv_input_guest_ready(input) && !vv_input_guest_absolute(input);
}

void
vv_input_unlock(struct vv_input *input)
{
	if (input->lock)
		zwp_locked_pointer_v1_destroy(input->lock);
	input->lock = NULL;
	input->locked = false;
	input->rel_carry_x = input->rel_carry_y = 0;
}

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

	vv_input_release_buttons(input);
	vv_input_unlock(input);
	vv_info(
	    "input: the compositor unlocked the pointer; click in the window to lock it again");
}

static const struct zwp_locked_pointer_v1_listener locked_listener = {
	.locked = locked_handle_locked,
	.unlocked = locked_handle_unlocked,
};

bool
vv_input_lock_pointer(struct vv_input *input)
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

	if (!input->locked || !input->captured ||
	    !vv_input_relative_mode(input))
		return;
	input->guest.ops->rel(
	    input->guest.data,
	    vv_pointer_map_rel(dx_unaccel, &input->rel_carry_x),
	    vv_pointer_map_rel(dy_unaccel, &input->rel_carry_y));
}

static const struct zwp_relative_pointer_v1_listener relative_listener = {
	.relative_motion = relative_handle_motion,
};

void
vv_input_relative_create(struct vv_input *input)
{
	if (!input->wl->relative_pointer)
		return;
	input->relative = zwp_relative_pointer_manager_v1_get_relative_pointer(
	    input->wl->relative_pointer, input->pointer);
	zwp_relative_pointer_v1_add_listener(input->relative,
					     &relative_listener, input);
}

void
vv_input_relative_destroy(struct vv_input *input)
{
	vv_input_unlock(input);
	if (input->relative)
		zwp_relative_pointer_v1_destroy(input->relative);
	input->relative = NULL;
}
