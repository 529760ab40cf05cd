/* What the seat (input.h) gives the guest, in the seat's own terms: evdev
 * key and button codes, wheel steps, and pointer positions or deltas.
 * The screen side defines it and calls only this; whoever carries input
 * to the guest (QEMU's QMP socket, src/qmp/) implements it, and the app
 * (viewer.c) wires the two, so no file here knows how input gets there. */
#ifndef VV_GUEST_INPUT_H
#define VV_GUEST_INPUT_H

#include <stdbool.h>
#include <stdint.h>

/* Each takes the @data of struct vv_guest_input. Senders queue for the
 * loop to send later; none blocks. */
struct vv_guest_input_ops {
	/* Connected: input sent now reaches the guest. */
	bool (*ready)(void *data);
	/* Whether the pointer goes as absolute positions (else as deltas
	 * under a pointer lock, once ready). */
	bool (*absolute)(void *data);
	/* Whether the guest can be sent evdev key @key / button @button at
	 * all (a code it has no name for is not its). */
	bool (*has_key)(void *data, uint32_t key);
	bool (*has_button)(void *data, uint32_t button);
	void (*key)(void *data, uint32_t key, bool down);
	void (*button)(void *data, uint32_t button, bool down);
	/* @steps whole wheel steps, positive down (@vertical) or right, as
	 * Wayland counts them. */
	void (*wheel)(void *data, bool vertical, int32_t steps);
	/* @x, @y in 0..VV_ABS_MAX (pointer-map.h). */
	void (*abs)(void *data, uint32_t x, uint32_t y);
	/* Guest pixels; an axis with 0 moves nothing. */
	void (*rel)(void *data, int32_t dx, int32_t dy);
};

struct vv_guest_input {
	const struct vv_guest_input_ops *ops; /* NULL: no guest input */
	void *data;
};

#endif
