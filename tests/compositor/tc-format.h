/*
 * Pixel formats and modifiers as vv-compositor names, parses and composites
 * them: DRM fourccs (shm formats are translated to them), the short
 * modifier names of the protocol log and --formats.
 */
#pragma once

#include <pixman.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One entry of the dma-buf format table; the layout is the one
 * zwp_linux_dmabuf_feedback_v1.format_table mandates (16 bytes). */
struct tc_format_pair {
	uint32_t format; /* DRM fourcc */
	uint32_t pad;
	uint64_t modifier;
};

struct tc_format_info {
	uint32_t drm;                /* DRM fourcc */
	pixman_format_code_t pixman; /* same memory layout */
	uint32_t cpp;                /* bytes per pixel */
};

/* NULL when vv-compositor cannot composite this fourcc. */
const struct tc_format_info *tc_format_lookup(uint32_t drm);

/* wl_shm's two legacy codes (0, 1) differ from their DRM fourccs. */
uint32_t tc_format_from_shm(uint32_t shm_format);

/* "XR24", or 0x%08x when the code is not printable; buf >= 12 bytes. */
const char *tc_format_name(uint32_t fourcc, char *buf);

/* LINEAR, X_TILED, Y_TILED, INVALID or 0x%016llx; buf >= 24 bytes. */
const char *tc_modifier_name(uint64_t modifier, char *buf);

/* 4 characters ("XR24") or 0x hex; false on anything else. */
bool tc_format_parse(const char *text, uint32_t *fourcc);

/* LINEAR, X_TILED, Y_TILED or 0x hex; false on anything else. */
bool tc_modifier_parse(const char *text, uint64_t *modifier);

/*
 * "XR24:LINEAR,AR24:X_TILED": a newly allocated table (free() it) without
 * duplicates. Returns false and names the bad item in err (>= 128 bytes).
 */
bool tc_format_list_parse(const char *list, struct tc_format_pair **pairs,
			  size_t *count, char *err, size_t err_size);

bool tc_format_list_has(const struct tc_format_pair *pairs, size_t count,
			uint32_t format, uint64_t modifier);
