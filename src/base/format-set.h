/* A set of (DRM fourcc, modifier) pairs: what the compositor can import
 * through linux-dmabuf, gathered from v4 feedback tranches or v3 events. */
#ifndef VV_FORMAT_SET_H
#define VV_FORMAT_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vv_format_pair {
	uint32_t fourcc;
	uint64_t modifier;
};

struct vv_format_set {
	struct vv_format_pair *pairs; /* owned, count used of capacity */
	size_t count;
	size_t capacity;
};

void vv_format_set_finish(struct vv_format_set *set);

/* Adds the pair unless present. */
void vv_format_set_add(struct vv_format_set *set, uint32_t fourcc,
		       uint64_t modifier);

bool vv_format_set_has(const struct vv_format_set *set, uint32_t fourcc,
		       uint64_t modifier);

/* True when @fourcc is in the set with DRM_FORMAT_MOD_INVALID (the
 * implicit modifier) and no other modifier: what linux-dmabuf v3
 * compositors on drivers without modifiers advertise (weston 10 on Mesa's
 * kms_swrast). */
bool vv_format_set_only_implicit(const struct vv_format_set *set,
				 uint32_t fourcc);

void vv_format_set_clear(struct vv_format_set *set);

#endif
