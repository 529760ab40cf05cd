/* The EDID of the monitor a guest is offered when the window asks for a
 * guest mode: one 128-byte EDID 1.4 block whose preferred (first detailed)
 * timing is the window's size, in VESA CVT reduced-blanking timing. */
#ifndef VV_EDID_H
#define VV_EDID_H

#include <stddef.h>
#include <stdint.h>

#define VV_EDID_BLOCK 128
/* A detailed timing holds 12 bits of active pixels per axis. */
#define VV_EDID_MAX_SIDE 4095

/* Writes the block for a @width x @height mode at @refresh_hz (each side
 * 1..VV_EDID_MAX_SIDE). Returns 0, or -EINVAL for sizes it cannot
 * describe. */
int vv_edid_build(uint8_t out[VV_EDID_BLOCK], uint32_t width, uint32_t height,
		  uint32_t refresh_hz);

/* The preferred mode of a block (its first detailed timing): 0 and the
 * size, or -EINVAL when the block is not a valid EDID with one. */
int vv_edid_preferred(const uint8_t *blob, size_t len, uint32_t *width,
		      uint32_t *height);

#endif
