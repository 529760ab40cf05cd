/* The display-source interface over a real VFIO device.
 *
 * Addresses: "UUID" or "/sys/bus/mdev/devices/UUID" (the cdev + iommufd path
 * when /dev/vfio/devices/vfioN exists for it, else the container/group path),
 * "/dev/vfio/devices/vfioN" (cdev), "fd:N" (an open VFIO device fd handed over
 * by a VM manager), "pid:PID[:FD]" (the device fd of a running VM process,
 * taken with pidfd_getfd). */
#ifndef VV_VFIO_H
#define VV_VFIO_H

#include <stdbool.h>
#include <stdint.h>

#include "device.h"

/* True when @address has one of the forms above (it may still fail to
 * open). */
bool vv_vfio_address_is_vfio(const char *address);

/* Opens and probes the device: it must support dma-buf or region display.
 * NULL with @err filled (one line: what, why, what to do) on failure. */
struct vv_device *vv_vfio_open(const char *address, struct vv_err *err);

/* What the CPU may do with the dma-bufs of the device named @name ("mdev
 * UUID (TYPE)"), from its mdev type. Pure. */
enum vv_dmabuf_access vv_vfio_dmabuf_access(const char *name);

/* The exporter name the driver of device @name gives its dma-bufs (its
 * KBUILD_MODNAME: "mbochs", "i915" for GVT-g), "" when not known here. */
const char *vv_vfio_dmabuf_exporter(const char *name);

/* The region type (VFIO_REGION_INFO_CAP_TYPE) in the capability chain of a
 * VFIO_DEVICE_GET_REGION_INFO answer: @raw holds the @argsz bytes the
 * driver filled (at least a struct vfio_region_info). The chain is the
 * driver's, bounds-checked here; *type and *subtype are left as they are
 * when it has no such capability. */
void vv_vfio_region_cap_type(const uint8_t *raw, uint32_t argsz, uint32_t *type,
			     uint32_t *subtype);

#endif
