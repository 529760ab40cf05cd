/* The toplevel: a black backdrop surface the size of the window (a 1x1
 * buffer scaled by wp_viewporter), and the guest surface, a subsurface
 * placed and scaled to keep the guest's aspect ratio with bars around it.
 * It knows the size of what it shows, not where it comes from. */
#ifndef VV_WINDOW_H
#define VV_WINDOW_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "layout.h"
#include "wayland.h"

struct vv_shm_buffer;

/* What the window is asked to be. */
struct vv_window_config {
	const char *title;
	const char *app_id;
	enum vv_scale_mode scale_mode;
	bool fullscreen;          /* at start */
	struct wl_output *output; /* for fullscreen; NULL: compositor's */
};

/* The toplevel and its two surfaces (window.c); issues every request on
 * them but the guest surface's buffers, which screen.c attaches. */
struct vv_window;

/* Creates the toplevel, sized for @content_w x @content_h guest pixels. It
 * is shown once the compositor configures it (vv_window_configured). NULL
 * with @err filled (the line a user reads) when its buffers cannot be
 * made. */
struct vv_window *vv_window_create(struct vv_wl *wl,
				   const struct vv_window_config *config,
				   uint32_t content_w, uint32_t content_h,
				   struct vv_err *err);

/* Asks for fullscreen (on the configured output) or back. */
void vv_window_set_fullscreen(struct vv_window *window, bool fullscreen);

/* Switches the scale mode and re-places the guest. */
void vv_window_set_scale_mode(struct vv_window *window,
			      enum vv_scale_mode mode);

/* The window's size in physical pixels. */
void vv_window_physical_size(const struct vv_window *window, uint32_t *width,
			     uint32_t *height);

/* NULL is fine. */
void vv_window_destroy(struct vv_window *window);

/* @fn(@data) after a configure changed the window's size (logical). */
void vv_window_on_resize(struct vv_window *window, void (*fn)(void *data),
			 void *data);

/* The first configure was acked: the window has a size. */
bool vv_window_configured(const struct vv_window *window);
/* The compositor asked to close it (xdg_toplevel.close). */
bool vv_window_close_requested(const struct vv_window *window);
/* The compositor chose its size (a drag, maximize, fullscreen). */
bool vv_window_user_sized(const struct vv_window *window);
/* Fullscreen, as the compositor last said. */
bool vv_window_fullscreen(const struct vv_window *window);
/* How the guest is scaled into it (vv_window_set_scale_mode). */
enum vv_scale_mode vv_window_scale_mode(const struct vv_window *window);
/* The output scale × 120 (fractional scale when offered). */
uint32_t vv_window_scale120(const struct vv_window *window);
/* Where the guest is shown (layout.h): what a pointer over the window maps
 * through, and a cursor scales with. */
struct vv_window_view vv_window_view(const struct vv_window *window);

/* The toplevel's surface (the backdrop) and the guest's, for the objects
 * placed on them (cursor, overlay, shortcuts inhibitor). */
struct wl_surface *vv_window_root(const struct vv_window *window);
struct wl_surface *vv_window_guest(const struct vv_window *window);

/* Alt + drag: starts an interactive move with @seat's button press @serial,
 * unless the compositor draws a title bar (that is how it moves) or the
 * window is fullscreen. */
void vv_window_move(struct vv_window *window, struct wl_seat *seat,
		    uint32_t serial);

/* Commits the root surface (what its subsurfaces, the overlay, changed). */
void vv_window_commit_root(struct vv_window *window);

/* Commits the guest surface, whose buffer (attached by the caller) is
 * @width x @height: when that size changed, moves and scales the guest (and
 * resizes the window when the user has not) in the same update. */
void vv_window_commit_guest(struct vv_window *window, uint32_t width,
			    uint32_t height);

#endif
