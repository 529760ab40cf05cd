/* The command line. */
#ifndef VV_OPTIONS_H
#define VV_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

enum vv_action {
	VV_ACTION_WINDOW,   /* show the guest (the Wayland side) */
	VV_ACTION_INFO,     /* --info [--watch] */
	VV_ACTION_SNAPSHOT, /* --snapshot FILE */
	VV_ACTION_HELP,
	VV_ACTION_VERSION,
};

struct vv_options {
	enum vv_action action;
	bool watch;
	const char *snapshot_path; /* points into argv */
	const char *device;        /* points into argv, or "demo" */
	int verbosity;             /* 0: info, 1+: debug */
};

/* Parses @argv. Returns 0, or -EINVAL with @err filled (one line, naming the
 * option and what it expects). */
int vv_options_parse(struct vv_options *opts, int argc, char *argv[],
		     struct vv_err *err);

void vv_options_usage(FILE *out);

#endif
