/* The guest's cursor plane: a subsurface of the guest surface, synchronized
 * with it, at (x_pos - x_hot, y_pos - y_hot) guest pixels scaled like the
 * guest. */
#ifndef VV_CURSOR_H
#define VV_CURSOR_H

#include <stdbool.h>
#include <stdint.h>

#include "layout.h"
#include "wayland.h"

struct vv_cursor {
	struct wl_surface *surface;
	struct wl_subsurface *sub;
	struct wp_viewport *viewport;
	struct wl_buffer *buffer; /* attached; NULL while unmapped */
	struct vv_rect rect;      /* on the guest surface, logical pixels */
};

struct vv_cursor *vv_cursor_create(struct vv_wl *wl, struct wl_surface *parent);

/* NULL is fine. */
void vv_cursor_destroy(struct vv_cursor *cursor);

/* Shows @buffer at @rect (logical pixels on the guest surface), damaging it
 * when @fresh. Applied with the guest surface's next commit. Returns true
 * when it committed the cursor surface (something changed). */
bool vv_cursor_show(struct vv_cursor *cursor, struct wl_buffer *buffer,
		    bool fresh, struct vv_rect rect);

/* Unmaps the cursor (the guest has no cursor plane). True if it was
 * mapped. */
bool vv_cursor_hide(struct vv_cursor *cursor);

#endif
