#include "plane-desc.h"

#include <stdbool.h>

bool
vv_plane_info_same(const struct vv_plane_info *a, const struct vv_plane_info *b,
		   enum vv_plane_same level)
{
	bool mode = a->kind == b->kind && a->fourcc == b->fourcc &&
		    a->modifier == b->modifier && a->width == b->width &&
		    a->height == b->height && a->stride == b->stride &&
		    a->size == b->size;

	if (!mode || level == VV_PLANE_SAME_MODE)
		return mode;
	if (a->id != b->id || level == VV_PLANE_SAME_BUFFER)
		return a->id == b->id;
	return a->x == b->x && a->y == b->y && a->hot_x == b->hot_x &&
	       a->hot_y == b->hot_y;
}

const char *
vv_plane_type_name(enum vv_plane_type type)
{
	switch (type) {
	case VV_PLANE_PRIMARY:
		return "primary";
	case VV_PLANE_CURSOR:
		return "cursor";
	case VV_PLANE_TYPE_COUNT:
		break;
	}
	return "?";
}

const char *
vv_plane_kind_name(enum vv_plane_kind kind)
{
	switch (kind) {
	case VV_KIND_NONE:
		return "none";
	case VV_KIND_DMABUF:
		return "dmabuf";
	case VV_KIND_REGION:
		return "region";
	}
	return "?";
}
