#include "cursor.h"

#include <stdlib.h>

#include "viewporter-client-protocol.h"
#include "xalloc.h"

struct vv_cursor *
vv_cursor_create(struct vv_wl *wl, struct wl_surface *parent)
{
	struct vv_cursor *cursor = vv_xzalloc(sizeof(*cursor));

	cursor->surface = wl_compositor_create_surface(wl->compositor);
	cursor->viewport =
	    wp_viewporter_get_viewport(wl->viewporter, cursor->surface);
	cursor->sub = wl_subcompositor_get_subsurface(wl->subcompositor,
						      cursor->surface, parent);
	/* Synchronized: a cursor never moves ahead of the frame it is on. */
	wl_subsurface_set_sync(cursor->sub);
	/* The guest's cursor is a picture, not ours to point with: input
	 * goes to the guest surface under it. */
	struct wl_region *empty = wl_compositor_create_region(wl->compositor);
	wl_surface_set_input_region(cursor->surface, empty);
	wl_region_destroy(empty);
	return cursor;
}

void
vv_cursor_destroy(struct vv_cursor *cursor)
{
	if (!cursor)
		return;
	wl_subsurface_destroy(cursor->sub);
	wp_viewport_destroy(cursor->viewport);
	wl_surface_destroy(cursor->surface);
	free(cursor);
}

bool
vv_cursor_show(struct vv_cursor *cursor, struct wl_buffer *buffer, bool fresh,
	       struct vv_rect rect)
{
	bool moved = rect.x != cursor->rect.x || rect.y != cursor->rect.y;
	bool resized = rect.width != cursor->rect.width ||
		       rect.height != cursor->rect.height;
	bool new_buffer = buffer != cursor->buffer;

	if (!moved && !resized && !new_buffer && !fresh)
		return false;
	if (moved)
		wl_subsurface_set_position(cursor->sub, rect.x, rect.y);
	if (resized || !cursor->buffer)
		wp_viewport_set_destination(cursor->viewport, rect.width,
					    rect.height);
	if (new_buffer || fresh) {
		wl_surface_attach(cursor->surface, buffer, 0, 0);
		wl_surface_damage_buffer(cursor->surface, 0, 0, INT32_MAX,
					 INT32_MAX);
	}
	cursor->buffer = buffer;
	cursor->rect = rect;
	wl_surface_commit(cursor->surface);
	return true;
}

bool
vv_cursor_hide(struct vv_cursor *cursor)
{
	if (!cursor->buffer)
		return false;
	wl_surface_attach(cursor->surface, NULL, 0, 0);
	wl_surface_commit(cursor->surface);
	cursor->buffer = NULL;
	cursor->rect = (struct vv_rect){ 0 };
	return true;
}
