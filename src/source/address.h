/* The DEVICE argument: one grammar for every source, parsed once.
 *
 *   demo[:WxH[@FRAME][,drm=PATH]] the built-in simulated vGPU (drm=: its
 *                                 buffers on that DRM device)
 *   UUID                          an mdev, by its UUID
 *   /sys/bus/mdev/devices/UUID    the same, by its sysfs path
 *   /dev/vfio/devices/vfioN       a VFIO device node (cdev)
 *   fd:N                          a VFIO device fd this process inherited
 *   pid:PID[:FD]                  the device fd of a running VM process
 *
 * Parsing is pure: it opens nothing and looks at no file, so what it accepts
 * may still fail to open. */
#ifndef VV_ADDRESS_H
#define VV_ADDRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "vfio-sysfs.h"

enum vv_address_kind {
	VV_ADDRESS_DEMO, /* width, height, frozen, frame */
	VV_ADDRESS_MDEV, /* uuid (from a bare UUID or a sysfs path) */
	VV_ADDRESS_CDEV, /* text is the /dev/vfio/devices/vfioN path */
	VV_ADDRESS_FD,   /* fd */
	VV_ADDRESS_PID,  /* pid, fd (-1: the one VFIO device fd it holds) */
};

struct vv_address {
	enum vv_address_kind kind;
	const char *text; /* the address as given; borrowed from the caller */
	char uuid[VV_VFIO_UUID_LEN + 1]; /* MDEV: lower case */
	int pid;                         /* PID: 1 or more */
	int fd;                          /* FD, PID */
	uint32_t width;                  /* DEMO: guest pixels */
	uint32_t height;                 /* DEMO: guest pixels */
	bool frozen;                     /* DEMO: shows one frame, not 60/s */
	uint64_t frame;                  /* DEMO, when frozen */
	const char *drm; /* DEMO: the drm= device node, in text; NULL: none */
};

/* The demo's screen when the address gives none, and the sizes it takes. */
#define VV_ADDRESS_DEMO_WIDTH    1280
#define VV_ADDRESS_DEMO_HEIGHT   720
#define VV_ADDRESS_DEMO_MIN_SIDE 64
#define VV_ADDRESS_DEMO_MAX_SIDE 8192

/* Parses @text into @out (which keeps @text). 0, or -EINVAL with @err set to
 * one line naming the form that was expected. */
int vv_address_parse(const char *text, struct vv_address *out,
		     struct vv_err *err);

#endif
