/* Capture: whether keys and pointer are the guest's. The release chord
 * toggles it; while it holds, the compositor's shortcuts are inhibited;
 * when it ends, nothing stays held in the guest and the lock goes. */
#include "input-private.h"

#include "keyboard-shortcuts-inhibit-unstable-v1-client-protocol.h"
#include "log.h"

void
vv_input_toggle_capture(struct vv_input *input)
{
	char chord[64];

	input->captured = !input->captured;
	vv_key_format(&input->release, chord, sizeof(chord));
	vv_info("input: %s (%s toggles)",
		input->captured ? "captured" : "released", chord);
	if (!input->captured) {
		vv_input_release_all(input);
		vv_input_unlock(input);
	}
}

void
vv_input_sync_capture(struct vv_input *input)
{
	bool want =
	    input->guest.ops && input->captured && input->seat && input->window;

	/* A QEMU back with a tablet: the pointer is absolute again and
	 * needs no lock. */
	if (input->lock && vv_input_guest_ready(input) &&
	    vv_input_guest_absolute(input))
		vv_input_unlock(input);

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
