/* The live window: a source's planes onto Wayland surfaces, paced by the
 * compositor's frame callbacks, with key bindings, the debug overlay, guest
 * resize and reattaching to a device that went away. */
#ifndef VV_VIEWER_H
#define VV_VIEWER_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "options.h"
#include "qmp.h"
#include "settings.h"
#include "source.h"
#include "stats.h"

struct vv_viewer_config {
	const char *address; /* the source's, for the overlay */
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

/* Shows @source (borrowed) until the window is closed, the quit key, or a
 * signal. Fills @stats. Returns 0, or -errno with @err filled. */
int vv_viewer_run(const struct vv_viewer_config *config,
		  struct vv_source *source, struct vv_stats *stats,
		  struct vv_err *err);

/* --stats: key=value lines. */
void vv_stats_print(const struct vv_stats *stats, FILE *out);

#endif
