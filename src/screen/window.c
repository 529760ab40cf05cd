#include "window.h"

#include <drm_fourcc.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fractional-scale-v1-client-protocol.h"
#include "log.h"
#include "shm-buffer.h"
#include "viewporter-client-protocol.h"
#include "xalloc.h"
#include "xdg-decoration-unstable-v1-client-protocol.h"
#include "xdg-shell-client-protocol.h"

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

/* The window's largest natural size: its output in logical pixels. */
static void
output_limit(const struct vv_window *window, int32_t *max_w, int32_t *max_h)
{
	const struct vv_output *output = vv_wl_main_output(window->wl);

	*max_w = *max_h = 0;
	if (output && output->width > 0 && output->height > 0) {
		*max_w = output->width / output->scale;
		*max_h = output->height / output->scale;
	}
}

/* Places the guest in the window. Committed as one state with the window:
 * while the guest is synchronized, its viewport waits for the root's
 * commit, which carries its new position. */
static void
apply_layout(struct vv_window *window)
{
	if (!window->configured) {
		/* Placed when the first configure gives the window a size. */
		wl_surface_commit(window->guest);
		return;
	}
	struct vv_placement p = vv_layout_place(
	    window->scale_mode, window->width, window->height,
	    window->content_w, window->content_h, window->scale120);
	struct vv_rect r = p.dest;

	window->guest_rect = r;
	window->src_w = p.src_w;
	window->src_h = p.src_h;
	wl_subsurface_set_position(window->guest_sub, r.x, r.y);
	/* 1:1 on a small window shows the guest's top left corner. */
	if (p.src_w != window->content_w || p.src_h != window->content_h)
		wp_viewport_set_source(window->guest_viewport, 0, 0,
				       wl_fixed_from_int((int)p.src_w),
				       wl_fixed_from_int((int)p.src_h));
	else
		wp_viewport_set_source(
		    window->guest_viewport, wl_fixed_from_int(-1),
		    wl_fixed_from_int(-1), wl_fixed_from_int(-1),
		    wl_fixed_from_int(-1));
	wp_viewport_set_destination(window->guest_viewport, r.width, r.height);
	wl_surface_commit(window->guest);
	wp_viewport_set_destination(window->root_viewport, window->width,
				    window->height);
	wl_surface_commit(window->root);
}

static void
natural_size(const struct vv_window *window, int32_t *width, int32_t *height)
{
	int32_t max_w, max_h;

	output_limit(window, &max_w, &max_h);
	vv_layout_natural_size(window->content_w, window->content_h,
			       window->scale120, max_w, max_h, width, height);
}

static void
xdg_surface_handle_configure(void *data, struct xdg_surface *xdg_surface,
			     uint32_t serial)
{
	struct vv_window *window = data;

	int32_t old_w = window->width, old_h = window->height;

	xdg_surface_ack_configure(xdg_surface, serial);
	window->fullscreen = window->pending.fullscreen;
	window->user_sized =
	    window->pending.width > 0 && window->pending.height > 0;
	if (window->user_sized) {
		window->width = window->pending.width;
		window->height = window->pending.height;
	} else {
		natural_size(window, &window->width, &window->height);
	}
	if (!window->configured)
		wl_surface_attach(window->root, window->black->buffer, 0, 0);
	window->configured = true;
	apply_layout(window);
	if ((window->width != old_w || window->height != old_h) &&
	    window->on_resize)
		window->on_resize(window->data);
}

static const struct xdg_surface_listener xdg_surface_listener = {
	.configure = xdg_surface_handle_configure,
};

static void
toplevel_handle_configure(void *data, struct xdg_toplevel *toplevel,
			  int32_t width, int32_t height,
			  struct wl_array *states)
{
	struct vv_window *window = data;
	const uint32_t *state;

	window->pending.width = width;
	window->pending.height = height;
	window->pending.fullscreen = false;
	wl_array_for_each (state, states) {
		if (*state == XDG_TOPLEVEL_STATE_FULLSCREEN)
			window->pending.fullscreen = true;
	}
}

static void
toplevel_handle_close(void *data, struct xdg_toplevel *toplevel)
{
	struct vv_window *window = data;

	window->close_requested = true;
}

static const struct xdg_toplevel_listener toplevel_listener = {
	.configure = toplevel_handle_configure,
	.close = toplevel_handle_close,
};

static void
fractional_handle_preferred_scale(void *data,
				  struct wp_fractional_scale_v1 *fractional,
				  uint32_t scale)
{
	struct vv_window *window = data;

	if (!scale || scale == window->scale120)
		return;
	window->scale120 = scale;
	if (window->configured && !window->user_sized) {
		natural_size(window, &window->width, &window->height);
		apply_layout(window);
	}
}

static const struct wp_fractional_scale_v1_listener fractional_listener = {
	.preferred_scale = fractional_handle_preferred_scale,
};

static void
decoration_handle_configure(void *data,
			    struct zxdg_toplevel_decoration_v1 *decoration,
			    uint32_t mode)
{
	struct vv_window *window = data;

	window->server_side =
	    mode == ZXDG_TOPLEVEL_DECORATION_V1_MODE_SERVER_SIDE;
}

static const struct zxdg_toplevel_decoration_v1_listener decoration_listener = {
	.configure = decoration_handle_configure,
};

/* The window's buffers could not be made: why, and what to do. */
static void
buffers_err(int code, struct vv_err *err)
{
	if (code == ENOMEM)
		vv_err_set(err, code,
			   "cannot create the window's buffers: out of memory");
	else if (code == EMFILE || code == ENFILE)
		vv_err_set(
		    err, code,
		    "cannot create the window's buffers: %s (raise the limit on open files, ulimit -n)",
		    strerror(code));
	else
		vv_err_set(err, code, "cannot create the window's buffers: %s",
			   strerror(code));
}

struct vv_window *
vv_window_create(struct vv_wl *wl, const struct vv_window_config *config,
		 uint32_t content_w, uint32_t content_h, struct vv_err *err)
{
	int ret;

	struct vv_window *window = vv_xzalloc(sizeof(*window));
	const struct vv_output *output = vv_wl_main_output(wl);

	window->wl = wl;
	window->scale_mode = config->scale_mode;
	window->output = config->output;
	window->content_w = content_w;
	window->content_h = content_h;
	window->scale120 = 120 * (output ? (uint32_t)output->scale : 1);
	ret = vv_shm_buffer_create(wl->shm, 1, 1, DRM_FORMAT_XRGB8888,
				   &window->black);
	if (ret) {
		buffers_err(-ret, err);
		free(window);
		return NULL;
	}
	window->black->data[0] = 0xff000000;

	window->root = wl_compositor_create_surface(wl->compositor);
	window->root_viewport =
	    wp_viewporter_get_viewport(wl->viewporter, window->root);
	window->guest = wl_compositor_create_surface(wl->compositor);
	window->guest_viewport =
	    wp_viewporter_get_viewport(wl->viewporter, window->guest);
	window->guest_sub = wl_subcompositor_get_subsurface(
	    wl->subcompositor, window->guest, window->root);
	if (wl->fractional_scale) {
		window->fractional =
		    wp_fractional_scale_manager_v1_get_fractional_scale(
			wl->fractional_scale, window->root);
		wp_fractional_scale_v1_add_listener(
		    window->fractional, &fractional_listener, window);
	}

	window->xdg_surface =
	    xdg_wm_base_get_xdg_surface(wl->wm_base, window->root);
	xdg_surface_add_listener(window->xdg_surface, &xdg_surface_listener,
				 window);
	window->toplevel = xdg_surface_get_toplevel(window->xdg_surface);
	xdg_toplevel_add_listener(window->toplevel, &toplevel_listener, window);
	xdg_toplevel_set_title(window->toplevel, config->title);
	xdg_toplevel_set_app_id(window->toplevel, config->app_id);
	/* The compositor's title bar costs no guest pixel; without one the
	 * window moves with Alt + drag (input-pointer.c). A kiosk asks for
	 * none: fullscreen windows have no decorations anyway. */
	if (wl->decoration && !config->fullscreen) {
		window->decoration =
		    zxdg_decoration_manager_v1_get_toplevel_decoration(
			wl->decoration, window->toplevel);
		zxdg_toplevel_decoration_v1_add_listener(
		    window->decoration, &decoration_listener, window);
		zxdg_toplevel_decoration_v1_set_mode(
		    window->decoration,
		    ZXDG_TOPLEVEL_DECORATION_V1_MODE_SERVER_SIDE);
	}
	if (config->fullscreen)
		xdg_toplevel_set_fullscreen(window->toplevel, config->output);
	/* The first commit carries no buffer: it asks for a configure. */
	wl_surface_commit(window->root);
	return window;
}

void
vv_window_commit_guest(struct vv_window *window, uint32_t width,
		       uint32_t height)
{
	if (width == window->content_w && height == window->content_h) {
		wl_surface_commit(window->guest);
		wl_surface_commit(window->root);
		return;
	}
	window->content_w = width;
	window->content_h = height;
	if (window->configured && !window->user_sized)
		natural_size(window, &window->width, &window->height);
	apply_layout(window);
}

void
vv_window_destroy(struct vv_window *window)
{
	if (!window)
		return;
	if (window->fractional)
		wp_fractional_scale_v1_destroy(window->fractional);
	if (window->decoration)
		zxdg_toplevel_decoration_v1_destroy(window->decoration);
	xdg_toplevel_destroy(window->toplevel);
	xdg_surface_destroy(window->xdg_surface);
	wl_subsurface_destroy(window->guest_sub);
	wp_viewport_destroy(window->guest_viewport);
	wl_surface_destroy(window->guest);
	wp_viewport_destroy(window->root_viewport);
	wl_surface_destroy(window->root);
	vv_shm_buffer_destroy(window->black);
	free(window);
}

void
vv_window_set_fullscreen(struct vv_window *window, bool fullscreen)
{
	if (fullscreen)
		xdg_toplevel_set_fullscreen(window->toplevel, window->output);
	else
		xdg_toplevel_unset_fullscreen(window->toplevel);
}

void
vv_window_set_scale_mode(struct vv_window *window, enum vv_scale_mode mode)
{
	window->scale_mode = mode;
	apply_layout(window);
}

void
vv_window_physical_size(const struct vv_window *window, uint32_t *width,
			uint32_t *height)
{
	*width = (uint32_t)((int64_t)window->width * window->scale120 / 120);
	*height = (uint32_t)((int64_t)window->height * window->scale120 / 120);
}

void
vv_window_on_resize(struct vv_window *window, void (*fn)(void *data),
		    void *data)
{
	window->on_resize = fn;
	window->data = data;
}

bool
vv_window_configured(const struct vv_window *window)
{
	return window->configured;
}

bool
vv_window_close_requested(const struct vv_window *window)
{
	return window->close_requested;
}

bool
vv_window_user_sized(const struct vv_window *window)
{
	return window->user_sized;
}

bool
vv_window_fullscreen(const struct vv_window *window)
{
	return window->fullscreen;
}

enum vv_scale_mode
vv_window_scale_mode(const struct vv_window *window)
{
	return window->scale_mode;
}

uint32_t
vv_window_scale120(const struct vv_window *window)
{
	return window->scale120;
}

struct vv_window_view
vv_window_view(const struct vv_window *window)
{
	return (struct vv_window_view){
		.content_w = window->content_w,
		.content_h = window->content_h,
		.guest_rect = window->guest_rect,
		.src_w = window->src_w,
		.src_h = window->src_h,
	};
}

struct wl_surface *
vv_window_root(const struct vv_window *window)
{
	return window->root;
}

struct wl_surface *
vv_window_guest(const struct vv_window *window)
{
	return window->guest;
}

void
vv_window_move(struct vv_window *window, struct wl_seat *seat, uint32_t serial)
{
	if (!window->server_side && !window->fullscreen)
		xdg_toplevel_move(window->toplevel, seat, serial);
}

void
vv_window_commit_root(struct vv_window *window)
{
	wl_surface_commit(window->root);
}
