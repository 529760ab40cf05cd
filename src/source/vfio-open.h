/* Turning a VFIO address into an open, usable device fd.
 *
 * The forms (see vfio.h): an mdev UUID or its sysfs path (cdev + iommufd
 * when the kernel has a /dev/vfio/devices node for it, else the legacy
 * container/group path), a cdev node, "fd:N" (handed over), "pid:PID[:FD]"
 * (taken from a running VM process with pidfd_getfd). Each failure is
 * reported as one line for the user in a struct vv_err. */
#ifndef VV_VFIO_OPEN_H
#define VV_VFIO_OPEN_H

#include <stdbool.h>
#include <stddef.h>

#include "address.h"
#include "error.h"

/* What opening a device acquires. */
struct vv_vfio_fds {
	int device;    /* the VFIO device fd; owned */
	int container; /* /dev/vfio/vfio, group path only; owned */
	int group;     /* /dev/vfio/N, group path only; owned */
	int iommufd;   /* /dev/iommu the cdev is bound to, when we bound it;
			* owned */
	/* fd:N: the caller's N, of which device is a close-on-exec copy. Not
	 * owned: vv_vfio_fds_adopt() closes it once the device is accepted,
	 * so that a failed open leaves the caller's fd as it was. */
	int handed;
};

/* Opens what @address names: on success fills @fds and @name ("mdev UUID
 * (TYPE)", "VFIO device fd:3", ...) and returns 0; on failure every fd it
 * acquired is closed, @fds is all -1, @err says what happened, and it
 * returns -errno. A cdev fd comes back bound to an iommufd and attached. */
int vv_vfio_acquire(const struct vv_address *address, struct vv_vfio_fds *fds,
		    char *name, size_t name_len, struct vv_err *err);

/* The device was accepted: closes the caller's handed-over fd, if any. */
void vv_vfio_fds_adopt(struct vv_vfio_fds *fds);

/* Closes every owned fd (device first) and sets them to -1. */
void vv_vfio_fds_close(struct vv_vfio_fds *fds);

#endif
