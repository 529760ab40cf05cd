/* What the viewer did, counted where it happens: the proof of zero copy
 * (pixel_bytes, dmabuf_maps) and the cost per frame. Printed by --stats. */
#ifndef VV_STATS_H
#define VV_STATS_H

#include <stdint.h>
#include <stdio.h>

struct vv_stats {
	uint64_t ticks;    /* frame callbacks and timer ticks handled */
	uint64_t queries;  /* plane queries sent to the device */
	uint64_t commits;  /* wl_surface.commit of the guest surface */
	uint64_t attaches; /* new buffers attached, all planes */
	uint64_t cursor_commits;
	/* Bytes of pixels the viewer read or wrote itself: 0 on the
	 * zero-copy and shm-import paths. */
	uint64_t pixel_bytes;
	/* Times the viewer mapped a dma-buf: to copy it, or to check that a
	 * compositor can map a driver's dma-buf as shm. 0 on the zero-copy
	 * path, and on shm-import for memfds (the demo's among them). */
	uint64_t dmabuf_maps;
	uint64_t imports;         /* linux-dmabuf imports requested */
	uint64_t import_failures; /* answered `failed` */
};

#endif
