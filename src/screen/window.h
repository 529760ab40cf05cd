/* The toplevel: a black backdrop surface the size of the window (a 1x1
 * buffer scaled by wp_viewporter), and the guest surface, a subsurface
 * placed and scaled to keep the guest's aspect ratio with bars around it.
 * It knows the size of what it shows, not where it comes from. */
#ifndef VV_WINDOW_H
#define VV_WINDOW_H

#include <stdbool.h>
#include <stdint.h>

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

struct vv_window {
	struct vv_wl *wl;
	struct wl_surface *root; /* the toplevel's surface: the backdrop */
	struct wp_viewport *root_viewport;
	struct xdg_surface *xdg_surface;
	struct xdg_toplevel *toplevel;
	struct vv_shm_buffer *black; /* 1x1, scaled to the window */
	struct wl_surface *guest;    /* what the guest shows */
	struct wl_subsurface *guest_sub;
	struct wp_viewport *guest_viewport;
	struct wp_fractional_scale_v1 *fractional;
	struct zxdg_toplevel_decoration_v1 *decoration; /* NULL if none */
	struct wl_output *output; /* for fullscreen, borrowed */
	enum vv_scale_mode scale_mode;
	bool server_side; /* the compositor draws the title bar */
	bool fullscreen;  /* as the compositor last said */

	bool configured;       /* the first configure was acked */
	bool close_requested;  /* xdg_toplevel.close */
	bool user_sized;       /* the compositor chose the size */
	int32_t width, height; /* the window, logical pixels */
	/* Output scale × 120 (fractional scale when offered). */
	uint32_t scale120;
	struct {
		int32_t width, height; /* 0: ours to choose */
		bool fullscreen;
	} pending;

	/* Called after a configure changed the window's size (logical). */
	void *data;
	void (*on_resize)(void *data);

	/* What the guest surface shows, buffer pixels, and where. */
	uint32_t content_w, content_h;
	struct vv_rect guest_rect; /* in the window, logical pixels */
	uint32_t src_w, src_h;     /* the part shown, guest pixels */
};

/* Creates the toplevel, sized for @content_w x @content_h guest pixels. It
 * is shown once the compositor configures it (window->configured). */
struct vv_window *vv_window_create(struct vv_wl *wl,
				   const struct vv_window_config *config,
				   uint32_t content_w, uint32_t content_h);

/* Asks for fullscreen (on window->output) or back. */
void vv_window_set_fullscreen(struct vv_window *window, bool fullscreen);

/* Switches the scale mode and re-places the guest. */
void vv_window_set_scale_mode(struct vv_window *window,
			      enum vv_scale_mode mode);

/* The window's size in physical pixels. */
void vv_window_physical_size(const struct vv_window *window, uint32_t *width,
			     uint32_t *height);

/* NULL is fine. */
void vv_window_destroy(struct vv_window *window);

/* Commits the guest surface, whose buffer (attached by the caller) is
 * @width x @height: when that size changed, moves and scales the guest (and
 * resizes the window when the user has not) in the same update. */
void vv_window_commit_guest(struct vv_window *window, uint32_t width,
			    uint32_t height);

#endif
