/* The command line. */
#ifndef VV_OPTIONS_H
#define VV_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

/* When the planes are asked for (--pacing). */
enum vv_pacing {
	VV_PACING_FRAME,    /* on each wl_surface.frame callback */
	VV_PACING_TIMER,    /* every pacing_ms, as QEMU does (a baseline) */
	VV_PACING_DEADLINE, /* pacing_ms before the predicted repaint */
};

/* Parses --pacing: "frame", "timer[:MS]" (30), "deadline[:MS]" (8).
 * -EINVAL for anything else. */
int vv_pacing_parse(const char *text, enum vv_pacing *pacing, uint32_t *ms);

enum vv_action {
	VV_ACTION_WINDOW,   /* show the guest (the Wayland side) */
	VV_ACTION_INFO,     /* --info [--watch] */
	VV_ACTION_SNAPSHOT, /* --snapshot FILE */
	VV_ACTION_SET_MODE, /* --set-mode WxH */
	VV_ACTION_HELP,
	VV_ACTION_VERSION,
};

#define VV_MAX_BINDS 16

struct vv_options {
	enum vv_action action;
	const char *action_option; /* "--info", ...: what chose the action */
	bool watch;
	bool stats;                /* print struct vv_stats at exit */
	const char *snapshot_path; /* points into argv */
	uint32_t mode_w, mode_h;   /* --set-mode */
	const char *device;        /* points into argv, or "demo" */
	int verbosity;             /* 0: info, 1+: debug */

	/* The window; strings point into argv, NULL when not given. */
	const char *title;
	const char *app_id;
	const char *scale;  /* fit, integer, 1:1 */
	const char *output; /* --output NAME */
	const char *config; /* --config FILE */
	enum vv_pacing pacing;
	uint32_t pacing_ms;
	bool kiosk;
	bool fullscreen;
	bool overlay;
	bool no_resize_guest;
	const char *qmp;                 /* --qmp PATH */
	bool view_only;                  /* --view-only */
	const char *pointer;             /* --pointer auto|absolute|relative */
	const char *cursor;              /* --cursor local|guest */
	const char *binds[VV_MAX_BINDS]; /* --bind ACTION=KEY, in order */
	int n_binds;
};

/* Parses @argv. Returns 0, or -EINVAL with @err filled (one line, naming the
 * option and what it expects). */
int vv_options_parse(struct vv_options *opts, int argc, char *argv[],
		     struct vv_err *err);

void vv_options_usage(FILE *out);

#endif
