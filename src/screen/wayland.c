#include "wayland.h"

#include <drm_fourcc.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dmabuf-feedback.h"
#include "fractional-scale-v1-client-protocol.h"
#include "keyboard-shortcuts-inhibit-unstable-v1-client-protocol.h"
#include "linux-dmabuf-unstable-v1-client-protocol.h"
#include "log.h"
#include "output.h"
#include "pointer-constraints-unstable-v1-client-protocol.h"
#include "presentation-time-client-protocol.h"
#include "relative-pointer-unstable-v1-client-protocol.h"
#include "viewporter-client-protocol.h"
#include "xalloc.h"
#include "xdg-decoration-unstable-v1-client-protocol.h"
#include "xdg-shell-client-protocol.h"

uint32_t
vv_wl_shm_format(uint32_t fourcc)
{
	switch (fourcc) {
	case DRM_FORMAT_ARGB8888:
		return WL_SHM_FORMAT_ARGB8888;
	case DRM_FORMAT_XRGB8888:
		return WL_SHM_FORMAT_XRGB8888;
	default:
		return fourcc;
	}
}

static uint32_t
drm_fourcc_of_shm(uint32_t format)
{
	switch (format) {
	case WL_SHM_FORMAT_ARGB8888:
		return DRM_FORMAT_ARGB8888;
	case WL_SHM_FORMAT_XRGB8888:
		return DRM_FORMAT_XRGB8888;
	default:
		return format;
	}
}

static void
shm_handle_format(void *data, struct wl_shm *shm, uint32_t format)
{
	struct vv_wl *wl = data;

	vv_format_set_add(&wl->shm_formats, drm_fourcc_of_shm(format),
			  DRM_FORMAT_MOD_LINEAR);
}

static const struct wl_shm_listener shm_listener = {
	.format = shm_handle_format,
};

static void
wm_base_handle_ping(void *data, struct xdg_wm_base *wm_base, uint32_t serial)
{
	xdg_wm_base_pong(wm_base, serial);
}

static const struct xdg_wm_base_listener wm_base_listener = {
	.ping = wm_base_handle_ping,
};

static void
presentation_handle_clock_id(void *data, struct wp_presentation *presentation,
			     uint32_t clk_id)
{
	struct vv_wl *wl = data;

	wl->presentation_clock = clk_id;
}

static const struct wp_presentation_listener presentation_listener = {
	.clock_id = presentation_handle_clock_id,
};

/* linux-dmabuf v3 announces what it imports as events on the global. */
static void
dmabuf_handle_format(void *data, struct zwp_linux_dmabuf_v1 *dmabuf,
		     uint32_t format)
{
	/* v3 compositors follow this with modifier events; a format alone
	 * (v1, v2) means an implicit modifier, which a vGPU buffer never
	 * has, so it adds nothing. */
}

static void
dmabuf_handle_modifier(void *data, struct zwp_linux_dmabuf_v1 *dmabuf,
		       uint32_t format, uint32_t modifier_hi,
		       uint32_t modifier_lo)
{
	struct vv_wl *wl = data;

	vv_format_set_add(&wl->dmabuf_formats, format,
			  (uint64_t)modifier_hi << 32 | modifier_lo);
}

static const struct zwp_linux_dmabuf_v1_listener dmabuf_listener = {
	.format = dmabuf_handle_format,
	.modifier = dmabuf_handle_modifier,
};

static uint32_t
min_version(uint32_t offered, uint32_t wanted)
{
	return offered < wanted ? offered : wanted;
}

static void
registry_handle_global(void *data, struct wl_registry *registry, uint32_t name,
		       const char *interface, uint32_t version)
{
	struct vv_wl *wl = data;

	if (strcmp(interface, wl_compositor_interface.name) == 0) {
		wl->compositor =
		    wl_registry_bind(registry, name, &wl_compositor_interface,
				     min_version(version, 4));
	} else if (strcmp(interface, wl_subcompositor_interface.name) == 0) {
		wl->subcompositor = wl_registry_bind(
		    registry, name, &wl_subcompositor_interface, 1);
	} else if (strcmp(interface, wl_shm_interface.name) == 0) {
		wl->shm =
		    wl_registry_bind(registry, name, &wl_shm_interface, 1);
		wl_shm_add_listener(wl->shm, &shm_listener, wl);
	} else if (strcmp(interface, xdg_wm_base_interface.name) == 0) {
		wl->wm_base =
		    wl_registry_bind(registry, name, &xdg_wm_base_interface,
				     min_version(version, 2));
		xdg_wm_base_add_listener(wl->wm_base, &wm_base_listener, wl);
	} else if (strcmp(interface, wp_viewporter_interface.name) == 0) {
		wl->viewporter = wl_registry_bind(registry, name,
						  &wp_viewporter_interface, 1);
	} else if (strcmp(interface, wp_presentation_interface.name) == 0) {
		wl->presentation = wl_registry_bind(
		    registry, name, &wp_presentation_interface, 1);
		wp_presentation_add_listener(wl->presentation,
					     &presentation_listener, wl);
	} else if (strcmp(interface,
			  wp_fractional_scale_manager_v1_interface.name) == 0) {
		wl->fractional_scale = wl_registry_bind(
		    registry, name, &wp_fractional_scale_manager_v1_interface,
		    1);
	} else if (strcmp(interface, zwp_linux_dmabuf_v1_interface.name) == 0 &&
		   version >= 3) {
		/* v3 is the first with modifiers; below it a vGPU buffer
		 * cannot be described. */
		wl->dmabuf_version = min_version(version, 4);
		wl->dmabuf = wl_registry_bind(registry, name,
					      &zwp_linux_dmabuf_v1_interface,
					      wl->dmabuf_version);
		if (wl->dmabuf_version >= 4)
			wl->feedback = vv_dmabuf_feedback_create(wl);
		else
			zwp_linux_dmabuf_v1_add_listener(wl->dmabuf,
							 &dmabuf_listener, wl);
	} else if (strcmp(interface, wl_output_interface.name) == 0) {
		vv_output_create(wl, name, version);
	} else if (strcmp(interface, wl_seat_interface.name) == 0 &&
		   !wl->seat_name && version >= 3) {
		wl->seat_name = name;
		wl->seat_version = version;
	} else if (strcmp(interface,
			  zxdg_decoration_manager_v1_interface.name) == 0) {
		wl->decoration = wl_registry_bind(
		    registry, name, &zxdg_decoration_manager_v1_interface, 1);
	} else if (strcmp(interface,
			  zwp_keyboard_shortcuts_inhibit_manager_v1_interface
			      .name) == 0) {
		wl->shortcuts_inhibit = wl_registry_bind(
		    registry, name,
		    &zwp_keyboard_shortcuts_inhibit_manager_v1_interface, 1);
	} else if (strcmp(interface,
			  zwp_pointer_constraints_v1_interface.name) == 0) {
		wl->pointer_constraints = wl_registry_bind(
		    registry, name, &zwp_pointer_constraints_v1_interface, 1);
	} else if (strcmp(interface,
			  zwp_relative_pointer_manager_v1_interface.name) ==
		   0) {
		wl->relative_pointer = wl_registry_bind(
		    registry, name, &zwp_relative_pointer_manager_v1_interface,
		    1);
	}
}

static void
registry_handle_global_remove(void *data, struct wl_registry *registry,
			      uint32_t name)
{
	struct vv_wl *wl = data;
	struct vv_output *output, *tmp;

	wl_list_for_each_safe (output, tmp, &wl->outputs, link) {
		if (output->global_name == name)
			vv_output_destroy(output);
	}
}

static const struct wl_registry_listener registry_listener = {
	.global = registry_handle_global,
	.global_remove = registry_handle_global_remove,
};

static int
missing_global(struct vv_wl *wl, struct vv_err *err)
{
	const char *missing = !wl->compositor      ? "wl_compositor"
			      : !wl->subcompositor ? "wl_subcompositor"
			      : !wl->shm           ? "wl_shm"
			      : !wl->wm_base       ? "xdg_wm_base"
			      : !wl->viewporter    ? "wp_viewporter"
						   : NULL;

	if (!missing)
		return 0;
	return vv_err_set(
	    err, ENOTSUP,
	    "the compositor does not offer %s, which vgpu-view needs to show a window; use a compositor that does (weston, sway, GNOME, KDE all do)",
	    missing);
}

struct vv_wl *
vv_wl_connect(struct vv_err *err)
{
	struct vv_wl *wl = vv_xzalloc(sizeof(*wl));

	wl_list_init(&wl->outputs);
	wl->presentation_clock = CLOCK_MONOTONIC;
	/* Without either, libwayland would only print its own complaint. */
	if (!getenv("XDG_RUNTIME_DIR") && !getenv("WAYLAND_SOCKET")) {
		free(wl);
		vv_err_set(
		    err, ENOENT,
		    "no Wayland session: XDG_RUNTIME_DIR is not set (run vgpu-view inside a Wayland session, or use --snapshot FILE.png without one)");
		return NULL;
	}
	wl->display = wl_display_connect(NULL);
	if (!wl->display) {
		const char *name = getenv("WAYLAND_DISPLAY");
		vv_err_set(
		    err, errno ? errno : ENOENT,
		    "cannot connect to the Wayland compositor %s: %s (run vgpu-view inside a Wayland session, or use --snapshot FILE.png without one)",
		    name ? name : "(WAYLAND_DISPLAY is not set)",
		    strerror(errno ? errno : ENOENT));
		free(wl);
		return NULL;
	}
	wl->registry = wl_display_get_registry(wl->display);
	wl_registry_add_listener(wl->registry, &registry_listener, wl);
	/* The first roundtrip announces the globals, the second brings what
	 * they describe: shm formats, dma-buf feedback, output modes. */
	if (wl_display_roundtrip(wl->display) < 0 ||
	    wl_display_roundtrip(wl->display) < 0) {
		vv_err_set(
		    err, EPROTO,
		    "the Wayland compositor closed the connection while vgpu-view was starting: %s",
		    strerror(wl_display_get_error(wl->display)));
		vv_wl_destroy(wl);
		return NULL;
	}
	if (missing_global(wl, err)) {
		vv_wl_destroy(wl);
		return NULL;
	}
	return wl;
}

const struct vv_output *
vv_wl_main_output(const struct vv_wl *wl)
{
	const struct vv_output *best = NULL, *output;

	wl_list_for_each (output, &wl->outputs, link) {
		if (!best || output->scale > best->scale)
			best = output;
	}
	return best;
}

void
vv_wl_destroy(struct vv_wl *wl)
{
	struct vv_output *output, *tmp;

	if (!wl)
		return;
	wl_list_for_each_safe (output, tmp, &wl->outputs, link)
		vv_output_destroy(output);
	vv_dmabuf_feedback_destroy(wl->feedback);
	if (wl->dmabuf)
		zwp_linux_dmabuf_v1_destroy(wl->dmabuf);
	if (wl->fractional_scale)
		wp_fractional_scale_manager_v1_destroy(wl->fractional_scale);
	if (wl->decoration)
		zxdg_decoration_manager_v1_destroy(wl->decoration);
	if (wl->shortcuts_inhibit)
		zwp_keyboard_shortcuts_inhibit_manager_v1_destroy(
		    wl->shortcuts_inhibit);
	if (wl->pointer_constraints)
		zwp_pointer_constraints_v1_destroy(wl->pointer_constraints);
	if (wl->relative_pointer)
		zwp_relative_pointer_manager_v1_destroy(wl->relative_pointer);
	if (wl->presentation)
		wp_presentation_destroy(wl->presentation);
	if (wl->viewporter)
		wp_viewporter_destroy(wl->viewporter);
	if (wl->wm_base)
		xdg_wm_base_destroy(wl->wm_base);
	if (wl->shm)
		wl_shm_destroy(wl->shm);
	if (wl->subcompositor)
		wl_subcompositor_destroy(wl->subcompositor);
	if (wl->compositor)
		wl_compositor_destroy(wl->compositor);
	if (wl->registry)
		wl_registry_destroy(wl->registry);
	vv_format_set_finish(&wl->shm_formats);
	vv_format_set_finish(&wl->dmabuf_formats);
	if (wl->display)
		wl_display_disconnect(wl->display);
	free(wl);
}
