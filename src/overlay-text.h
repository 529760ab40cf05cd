/* What the debug overlay says: plane metadata, paths, rates, latency. A
 * pure function of the facts, so it is tested without a compositor. */
#ifndef VV_OVERLAY_TEXT_H
#define VV_OVERLAY_TEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "overlay.h"
#include "plane.h"

struct vv_overlay_facts {
	const char *device;  /* its name, "mdev UUID (type)" */
	const char *address; /* as given: UUID, fd:3, demo */
	/* The planes as last validated; NULL when there is none. */
	const struct vv_plane *planes[VV_PLANE_TYPE_COUNT];
	const char *paths[VV_PLANE_TYPE_COUNT]; /* "zero-copy", ... */
	double flips_per_s;                     /* new primary dmabuf ids */
	double commits_per_s;
	double presented_per_s; /* wp_presentation: presented */
	bool has_presentation;  /* the compositor offers wp_presentation */
	double latency_ms;      /* commit → presented, mean; <0 unknown */
	unsigned dmabufs_held;
	const char *scale_mode;
	uint32_t window_w, window_h; /* physical pixels */
	const char *input; /* "qmp PATH · tablet · captured"; NULL: none */
	const char *note;  /* the last snapshot or event, or NULL */
};

/* Fills @lines; returns how many. */
int vv_overlay_text(const struct vv_overlay_facts *facts,
		    char lines[][VV_OVERLAY_LINE]);

#endif
