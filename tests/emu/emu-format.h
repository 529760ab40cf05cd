/* The test pattern, pixel formats and i915 tilings of the emulated guest.
 * Used by vv-emu to draw (encode) and to render expectations (decode). */
#ifndef VV_EMU_FORMAT_H
#define VV_EMU_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emu.h"

/* guest-probe.c pat(): 0x00RRGGBB, distinct per seed and position */
uint32_t emu_pat(uint32_t seed, uint32_t x, uint32_t y);
/* Cursor image: alpha 255 with pat() colours, or 0 (transparent black). */
uint32_t emu_cursor_pat(uint32_t seed, uint32_t x, uint32_t y);

/* Byte offset of byte @xb of row @y in a buffer of @stride bytes with
 * @modifier (LINEAR, I915 X, Y, Yf). */
uint64_t emu_tile_offset(uint64_t modifier, uint32_t stride, uint32_t xb,
			 uint32_t y);
/* Tile width in bytes and height in rows (1 x 1 for LINEAR). */
void emu_tile_size(uint64_t modifier, uint32_t *width, uint32_t *rows);

/* Writes the pattern @seed into @buf (@size bytes) as plane @p, encoded in
 * its format and tiling. @cursor: the cursor image (ARGB). -EINVAL if
 * the plane does not fit or the format is unknown. */
int emu_encode_plane(uint8_t *buf, size_t size, const struct emu_plane *p,
		     uint32_t seed, bool cursor);
/* Decodes plane @p from @buf into @out (width x height ARGB32 words,
 * alpha forced to 255 unless @cursor). */
int emu_decode_plane(const uint8_t *buf, size_t size, const struct emu_plane *p,
		     uint32_t *out, bool cursor);

bool emu_format_parse(const char *name, uint32_t *fourcc);
bool emu_modifier_parse(const char *name, uint64_t *mod);
const char *emu_modifier_name(uint64_t mod);

#endif
