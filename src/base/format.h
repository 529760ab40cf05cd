/* DRM pixel formats and modifiers: what vgpu-view knows of them, their names,
 * and the CPU conversion of a plane into XRGB8888/ARGB8888 for the paths
 * that must read pixels (snapshots, region planes). */
#ifndef VV_FORMAT_H
#define VV_FORMAT_H

#include <pixman.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vv_format {
	uint32_t fourcc;
	/* Bytes per pixel; for packed YUV 4:2:2 the bytes per pixel pair
	 * divided by two (2), with widths rounded up to even. */
	uint8_t cpp;
	bool has_alpha;
	/* pixman's reading of this layout (0: converted by hand, see
	 * format.c), already premultiplied where the format has alpha. */
	pixman_format_code_t pixman;
	/* The DRM name, "XRGB8888": for people (the overlay). */
	const char *name;
};

/* NULL for a fourcc vgpu-view does not know. */
const struct vv_format *vv_format_lookup(uint32_t fourcc);

/* Bytes one row of @width pixels takes: the least stride a plane may have. */
uint32_t vv_format_row_bytes(const struct vv_format *format, uint32_t width);

/* "XR24" when all four characters are printable, else "0x%08x". */
void vv_format_fourcc_str(uint32_t fourcc, char out[12]);

/* libdrm's name ("LINEAR", "INTEL_X_TILED"), else "0x%016llx". Returns
 * @out. */
const char *vv_modifier_name(uint64_t modifier, char *out, size_t len);

/* Tiling layouts the CPU can undo. */
enum vv_tiling {
	VV_TILING_LINEAR,
	VV_TILING_INTEL_X, /* 512-byte x 8-row tiles, rows of bytes */
	VV_TILING_INTEL_Y, /* 128-byte x 32-row tiles, 16-byte columns */
	VV_TILING_UNKNOWN, /* a modifier only an importer (a GPU) can read */
};

enum vv_tiling vv_modifier_tiling(uint64_t modifier);

/* Height in rows of one tile (1 for linear): the plane's size covers the
 * height rounded up to it. */
uint32_t vv_tiling_tile_height(enum vv_tiling tiling);

/* Width in bytes of one tile (1 for linear): the stride is a multiple of it. */
uint32_t vv_tiling_tile_width(enum vv_tiling tiling);

/* Byte offset of byte column @xb on row @y of a surface of @stride bytes
 * laid out in @tiling. */
size_t vv_tiling_offset(enum vv_tiling tiling, uint32_t stride, uint32_t xb,
			uint32_t y);

/* Converts a validated plane's pixels at @src (@src_len readable bytes) into
 * premultiplied ARGB8888 (alpha 0xff where the format has none) at @dst,
 * @width x @height, @dst_stride bytes per row (a multiple of 4). Returns 0,
 * -EINVAL if @src is too short for the layout, -ENOTSUP for a tiling the CPU
 * cannot undo, -ENOMEM. XRGB8888 and ARGB8888 are detiled straight into
 * @dst; other formats in tiles or with a stride that is not a multiple of 4
 * go through a band of linear rows in a temporary it allocates and frees. */
int vv_format_convert(const struct vv_format *format, enum vv_tiling tiling,
		      const uint8_t *src, size_t src_len, uint32_t stride,
		      uint32_t width, uint32_t height, uint32_t *dst,
		      uint32_t dst_stride);

/* The temporary of vv_format_convert_scratch, kept by a caller that converts
 * every frame so that a frame allocates nothing. Zero-initialized when
 * empty; grown as needed (at most 32 rows of the widest plane, 2 MiB). */
struct vv_format_scratch {
	uint8_t *data; /* owned; NULL when empty */
	size_t size;   /* bytes at data */
};

/* Frees the temporary; the struct is empty again. */
void vv_format_scratch_finish(struct vv_format_scratch *scratch);

/* vv_format_convert using (and growing) @scratch for its temporary. */
int vv_format_convert_scratch(const struct vv_format *format,
			      enum vv_tiling tiling, const uint8_t *src,
			      size_t src_len, uint32_t stride, uint32_t width,
			      uint32_t height, uint32_t *dst,
			      uint32_t dst_stride,
			      struct vv_format_scratch *scratch);

#endif
