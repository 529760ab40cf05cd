#include "guest-link.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edid.h"
#include "log.h"
#include "plane.h"
#include "set-mode.h"
#include "xalloc.h"

#define NS_PER_MS       1000000ull
#define REOPEN_FIRST_NS (250 * NS_PER_MS)
#define REOPEN_MAX_NS   (5000 * NS_PER_MS)
/* A drag resizes the window many times a second; the guest gets a mode
 * once the size holds this long (a mode set costs the guest a flicker). */
#define RESIZE_SETTLE_NS (400 * NS_PER_MS)

struct vv_guest_link {
	const char *address; /* borrowed */
	bool resize_guest;
	struct vv_device **dev;         /* the owner's; NULL while gone */
	const struct vv_window *window; /* borrowed */
	struct vv_guest_link_events events;
	struct vv_timer *resize; /* offer the window's size (debounced) */
	struct vv_timer *reopen; /* reopen a device that went away */

	/* Device gone: retry with backoff. */
	uint64_t reopen_delay_ns;
	/* Guest resize: the last mode offered, and whether there is an EDID
	 * region to offer it through. */
	uint32_t offered_w, offered_h;
	bool edid_missing;
};

static void
say_gone(struct vv_guest_link *link)
{
	char detail[512];

	snprintf(
	    detail, sizeof(detail),
	    "%s is gone (removed, or its VM stopped). Trying to reopen it every %.1f s.",
	    link->address, (double)link->reopen_delay_ns / 1e9);
	link->events.gone(link->events.data, detail);
	vv_timer_arm(link->reopen, vv_now_ns() + link->reopen_delay_ns);
}

void
vv_guest_link_lost(struct vv_guest_link *link)
{
	link->offered_w = link->offered_h = 0;
	link->edid_missing = false;
	link->reopen_delay_ns = REOPEN_FIRST_NS;
	say_gone(link);
}

static void
try_reopen(void *data)
{
	struct vv_guest_link *link = data;
	struct vv_err err = { 0 };
	struct vv_device *dev = vv_device_open(link->address, &err);

	if (!dev) {
		vv_debug("still gone: %s", err.text);
		if (link->reopen_delay_ns < REOPEN_MAX_NS)
			link->reopen_delay_ns *= 2;
		if (link->reopen_delay_ns > REOPEN_MAX_NS)
			link->reopen_delay_ns = REOPEN_MAX_NS;
		say_gone(link);
		return;
	}
	vv_info("%s is back", dev->name);
	*link->dev = dev;
	link->events.back(link->events.data);
}

void
vv_guest_link_window_resized(void *data)
{
	struct vv_guest_link *link = data;

	/* A window the compositor sized (a drag, maximize, fullscreen) asks
	 * for a guest mode; a window sized by the guest does not. */
	if (!link->resize_guest || !*link->dev || link->edid_missing ||
	    !vv_window_user_sized(link->window))
		return;
	vv_timer_arm(link->resize, vv_now_ns() + RESIZE_SETTLE_NS);
}

static void
offer_mode(void *data)
{
	struct vv_guest_link *link = data;
	struct vv_device *dev = *link->dev;
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
		link->edid_missing = true;
		return;
	}
	vv_window_physical_size(link->window, &w, &h);
	vv_guest_mode_fit(&info, &w, &h);
	if (w == link->offered_w && h == link->offered_h)
		return;
	ret = vv_guest_mode_write(dev, w, h, blob);
	if (ret) {
		vv_warn(
		    "cannot offer the guest a %ux%u mode through %s's EDID region: %s",
		    w, h, dev->name, strerror(-ret));
		link->edid_missing = true;
		return;
	}
	link->offered_w = w;
	link->offered_h = h;
	vv_info("offered the guest a %ux%u mode (EDID, capped at %ux%u)", w, h,
		info.max_xres, info.max_yres);
}

struct vv_guest_link *
vv_guest_link_create(struct vv_loop *loop, const char *address,
		     bool resize_guest, struct vv_device **dev,
		     const struct vv_window *window,
		     const struct vv_guest_link_events *events)
{
	struct vv_guest_link *link = vv_xzalloc(sizeof(*link));

	link->address = address;
	link->resize_guest = resize_guest;
	link->dev = dev;
	link->window = window;
	link->events = *events;
	link->resize = vv_loop_add_timer(loop, offer_mode, link);
	link->reopen = vv_loop_add_timer(loop, try_reopen, link);
	return link;
}

void
vv_guest_link_destroy(struct vv_guest_link *link)
{
	if (!link)
		return;
	vv_timer_destroy(link->resize);
	vv_timer_destroy(link->reopen);
	free(link);
}
