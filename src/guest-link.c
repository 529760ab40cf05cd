/* The viewer's link to the guest beyond frames: a device that goes away
 * and comes back, and a guest offered a mode that fits the window. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "edid.h"
#include "log.h"
#include "set-mode.h"
#include "viewer-state.h"

#define REOPEN_FIRST_NS (250 * NS_PER_MS)
#define REOPEN_MAX_NS   (5000 * NS_PER_MS)
/* A drag resizes the window many times a second; the guest gets a mode
 * once the size holds this long (a mode set costs the guest a flicker). */
#define RESIZE_SETTLE_NS (400 * NS_PER_MS)

static void
say_gone(struct vv_viewer *viewer)
{
	char detail[512];

	snprintf(
	    detail, sizeof(detail),
	    "%s is gone (removed, or its VM stopped). Trying to reopen it every %.1f s.",
	    viewer->config->address, (double)viewer->reopen_delay_ns / 1e9);
	vv_viewer_show_message(viewer, "No signal", detail, 0);
	vv_timer_arm(viewer->reopen_timer,
		     vv_now_ns() + viewer->reopen_delay_ns);
}

void
vv_viewer_device_lost(struct vv_viewer *viewer)
{
	vv_warn(
	    "%s is gone (the device was removed or its VM stopped); waiting for it to come back",
	    (*viewer->dev)->name);
	/* The imports reference the old device's dma-bufs: drop them all
	 * with it. */
	vv_present_destroy(viewer->present);
	viewer->present = NULL;
	vv_dmabuf_cache_finish(viewer->dmabufs);
	vv_dmabuf_cache_init(viewer->dmabufs);
	vv_device_destroy(*viewer->dev);
	*viewer->dev = NULL;
	vv_screen_hide_cursor(viewer->screen);
	memset(viewer->trackers, 0, sizeof(viewer->trackers));
	viewer->offered_w = viewer->offered_h = 0;
	viewer->edid_missing = false;
	viewer->reopen_delay_ns = REOPEN_FIRST_NS;
	say_gone(viewer);
}

void
vv_viewer_try_reopen(struct vv_viewer *viewer)
{
	struct vv_err err = { 0 };
	struct vv_device *dev = vv_device_open(viewer->config->address, &err);

	if (!dev) {
		vv_debug("still gone: %s", err.text);
		if (viewer->reopen_delay_ns < REOPEN_MAX_NS)
			viewer->reopen_delay_ns *= 2;
		if (viewer->reopen_delay_ns > REOPEN_MAX_NS)
			viewer->reopen_delay_ns = REOPEN_MAX_NS;
		say_gone(viewer);
		return;
	}
	vv_info("%s is back", dev->name);
	*viewer->dev = dev;
	viewer->present =
	    vv_present_create(viewer->wl, dev, viewer->dmabufs, viewer->stats);
	vv_viewer_window_resized(viewer);
	vv_viewer_tick(viewer);
}

void
vv_viewer_window_resized(void *data)
{
	struct vv_viewer *viewer = data;

	/* A window the compositor sized (a drag, maximize, fullscreen) asks
	 * for a guest mode; a window sized by the guest does not. */
	if (!viewer->config->settings.resize_guest || !*viewer->dev ||
	    viewer->edid_missing ||
	    !vv_window_user_sized(vv_screen_window(viewer->screen)))
		return;
	vv_timer_arm(viewer->resize_timer, vv_now_ns() + RESIZE_SETTLE_NS);
}

void
vv_viewer_offer_mode(struct vv_viewer *viewer)
{
	struct vv_device *dev = *viewer->dev;
	struct vv_edid_info info;
	uint8_t blob[VV_EDID_BLOCK];
	uint32_t w, h;

	if (!dev)
		return;
	int ret = vv_guest_mode_region(dev, &info);
	if (ret) {
		vv_info(
		    "%s has no EDID region (%s): the guest keeps its mode and the window scales it",
		    dev->name, strerror(-ret));
		viewer->edid_missing = true;
		return;
	}
	vv_window_physical_size(vv_screen_window(viewer->screen), &w, &h);
	vv_guest_mode_fit(&info, &w, &h);
	if (w == viewer->offered_w && h == viewer->offered_h)
		return;
	ret = vv_guest_mode_write(dev, w, h, blob);
	if (ret) {
		vv_warn(
		    "cannot offer the guest a %ux%u mode through %s's EDID region: %s",
		    w, h, dev->name, strerror(-ret));
		viewer->edid_missing = true;
		return;
	}
	viewer->offered_w = w;
	viewer->offered_h = h;
	vv_info("offered the guest a %ux%u mode (EDID, capped at %ux%u)", w, h,
		info.max_xres, info.max_yres);
}
