#include "format-set.h"

#include <drm_fourcc.h>
#include <stdlib.h>

#include "xalloc.h"

void
vv_format_set_finish(struct vv_format_set *set)
{
	free(set->pairs);
	*set = (struct vv_format_set){ 0 };
}

void
vv_format_set_clear(struct vv_format_set *set)
{
	set->count = 0;
}

bool
vv_format_set_has(const struct vv_format_set *set, uint32_t fourcc,
		  uint64_t modifier)
{
	/* A compositor advertises tens of pairs: a linear scan is cheaper
	 * than keeping anything sorted, and runs once per new plane mode. */
	for (size_t i = 0; i < set->count; i++)
		if (set->pairs[i].fourcc == fourcc &&
		    set->pairs[i].modifier == modifier)
			return true;
	return false;
}

bool
vv_format_set_only_implicit(const struct vv_format_set *set, uint32_t fourcc)
{
	bool implicit = false;

	for (size_t i = 0; i < set->count; i++) {
		if (set->pairs[i].fourcc != fourcc)
			continue;
		if (set->pairs[i].modifier != DRM_FORMAT_MOD_INVALID)
			return false;
		implicit = true;
	}
	return implicit;
}

void
vv_format_set_add(struct vv_format_set *set, uint32_t fourcc, uint64_t modifier)
{
	if (vv_format_set_has(set, fourcc, modifier))
		return;
	if (set->count == set->capacity) {
		set->capacity = set->capacity ? set->capacity * 2 : 32;
		set->pairs = vv_xreallocarray(set->pairs, set->capacity,
					      sizeof(*set->pairs));
	}
	set->pairs[set->count++] =
	    (struct vv_format_pair){ .fourcc = fourcc, .modifier = modifier };
}
