/* The connection to the compositor: its globals, outputs, and what it can
 * import. Nothing here knows where planes come from. */
#ifndef VV_WAYLAND_H
#define VV_WAYLAND_H

#include <stdbool.h>
#include <stdint.h>
#include <wayland-client.h>

#include "error.h"
#include "format-set.h"

struct vv_dmabuf_feedback;

/* A wl_output and what it told us. */
struct vv_output {
	struct vv_wl *wl;
	struct wl_output *output;
	uint32_t global_name;
	int32_t scale;         /* integer buffer scale, 1 until told */
	int32_t width, height; /* current mode, physical pixels; 0 unknown */
	/* What the events since the last `done` said (output.c applies it
	 * on `done`: one consistent state). */
	struct {
		int32_t scale, width, height;
	} pending;
	char name[64];       /* "DP-1", or "" before wl_output v4 says */
	struct wl_list link; /* vv_wl.outputs */
};

struct vv_wl {
	struct wl_display *display;
	struct wl_registry *registry;
	struct wl_compositor *compositor;
	struct wl_subcompositor *subcompositor;
	struct wl_shm *shm;
	struct xdg_wm_base *wm_base;
	struct wp_viewporter *viewporter;
	struct wp_presentation *presentation;
	struct wp_fractional_scale_manager_v1 *fractional_scale;
	struct zwp_linux_dmabuf_v1 *dmabuf;
	uint32_t dmabuf_version;     /* 0 without the global */
	uint32_t presentation_clock; /* clockid_t wp_presentation uses */

	struct wl_list outputs; /* struct vv_output.link */
	/* The first wl_seat's global, bound by input.c; 0 without one. */
	uint32_t seat_name, seat_version;
	struct zxdg_decoration_manager_v1 *decoration;
	/* NULL without the global: captured keys like Alt+Tab then stay
	 * the compositor's. */
	struct zwp_keyboard_shortcuts_inhibit_manager_v1 *shortcuts_inhibit;
	/* Relative pointer mode: the lock and its deltas. NULL without the
	 * global: then a relative guest gets no pointer (input-lock.c says
	 * so). */
	struct zwp_pointer_constraints_v1 *pointer_constraints;
	struct zwp_relative_pointer_manager_v1 *relative_pointer;

	/* DRM fourccs wl_shm accepts (modifier LINEAR). */
	struct vv_format_set shm_formats;
	/* What linux-dmabuf imports: the default feedback's tranches (v4) or
	 * the format/modifier events (v3). */
	struct vv_format_set dmabuf_formats;
	struct vv_dmabuf_feedback *feedback; /* v4 default feedback */
};

/* Connects to $WAYLAND_DISPLAY and waits until every global the viewer
 * needs has been announced and described. On failure fills @err with what
 * is missing and what to do, and returns NULL. */
struct vv_wl *vv_wl_connect(struct vv_err *err);

/* NULL is fine. */
void vv_wl_destroy(struct vv_wl *wl);

/* The output with the largest scale (a new window's likely home), or NULL
 * when the compositor has announced none. */
const struct vv_output *vv_wl_main_output(const struct vv_wl *wl);

/* wl_shm's code for a DRM fourcc: they agree except for the two formats
 * wl_shm numbered first. */
uint32_t vv_wl_shm_format(uint32_t fourcc);

#endif
