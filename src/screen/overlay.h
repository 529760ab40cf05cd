/* The debug overlay: a semi-transparent panel of text lines, drawn with
 * cairo into its own subsurface at the window's top left. What the lines
 * say is overlay-text.c's business. Costs nothing while hidden: no buffer,
 * no repaint. */
#ifndef VV_OVERLAY_H
#define VV_OVERLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "wayland.h"

#define VV_OVERLAY_LINES 12
#define VV_OVERLAY_LINE  160

struct vv_shm_buffer;

struct vv_overlay {
	struct vv_wl *wl;
	struct wl_surface *surface;
	struct wl_subsurface *sub;
	struct wp_viewport *viewport;
	struct vv_shm_buffer *buffers[2]; /* drawn alternately */
	bool visible;
};

/* A hidden overlay above @sibling, a child of @parent. */
struct vv_overlay *vv_overlay_create(struct vv_wl *wl,
				     struct wl_surface *parent,
				     struct wl_surface *sibling);

void vv_overlay_destroy(struct vv_overlay *overlay);

/* Draws @lines (@n of them) at @scale120 and shows the panel; applied with
 * the parent's next commit. Returns -errno when it cannot draw. */
int vv_overlay_show(struct vv_overlay *overlay,
		    const char lines[][VV_OVERLAY_LINE], int n,
		    uint32_t scale120);

/* Unmaps the panel (with the parent's next commit). */
void vv_overlay_hide(struct vv_overlay *overlay);

/* Where the panel is, in the window's logical pixels (for tests and
 * layout): x, y, width, height of the last drawn panel. */
#define VV_OVERLAY_MARGIN 8

#endif
