/* The live window: device planes onto Wayland surfaces, paced by the
 * compositor's frame callbacks, with key bindings, the debug overlay, guest
 * resize and reattaching to a device that went away. */
#ifndef VV_VIEWER_H
#define VV_VIEWER_H

#include <stdbool.h>
#include <stdio.h>

#include "device.h"
#include "error.h"
#include "options.h"
#include "plane-map.h"
#include "qmp.h"
#include "settings.h"
#include "stats.h"

struct vv_viewer_config {
	const char *address; /* reopened when the device comes back */
	const char *title;   /* NULL: the device's name */
	const char *app_id;  /* NULL: vgpu-view */
	const char *output;  /* fullscreen on this output; NULL: any */
	const char *qmp;     /* QEMU's QMP socket for input; NULL: none */
	bool view_only;      /* no input to the guest even with @qmp */
	enum vv_pointer_mode pointer;
	/* the cursor only where the guest's plane puts it, never moved to
	 * the host pointer first (--cursor guest) */
	bool cursor_guest;
	struct vv_settings settings;
	bool kiosk;
	bool fullscreen;
	enum vv_pacing pacing;
	uint32_t pacing_ms; /* timer period, or deadline margin */
};

/* Shows *@dev until the window is closed, the quit key, or a signal. *@dev
 * may be replaced (a device that went away and came back) or NULL at the
 * end; the caller destroys what is left. Fills @stats. Returns 0, or
 * -errno with @err filled. */
int vv_viewer_run(const struct vv_viewer_config *config, struct vv_device **dev,
		  struct vv_dmabuf_cache *dmabufs, struct vv_stats *stats,
		  struct vv_err *err);

/* --stats: key=value lines. */
void vv_stats_print(const struct vv_stats *stats, FILE *out);

#endif
