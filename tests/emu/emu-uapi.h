/* uAPI the emulation needs that Debian's 6.1 headers lack. */
#ifndef VV_EMU_UAPI_H
#define VV_EMU_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>
#include <linux/vfio.h>

/* include/uapi/linux/vfio.h, Linux 6.6: the vfio cdev + iommufd path */
#ifndef VFIO_DEVICE_BIND_IOMMUFD
struct vfio_device_bind_iommufd {
	__u32 argsz;
	__u32 flags;
	__s32 iommufd;
	__u32 out_devid;
};
#define VFIO_DEVICE_BIND_IOMMUFD _IO(VFIO_TYPE, VFIO_BASE + 18)

struct vfio_device_attach_iommufd_pt {
	__u32 argsz;
	__u32 flags;
	__u32 pt_id;
};
#define VFIO_DEVICE_ATTACH_IOMMUFD_PT _IO(VFIO_TYPE, VFIO_BASE + 19)

struct vfio_device_detach_iommufd_pt {
	__u32 argsz;
	__u32 flags;
};
#define VFIO_DEVICE_DETACH_IOMMUFD_PT _IO(VFIO_TYPE, VFIO_BASE + 20)
#endif

/* include/uapi/linux/iommufd.h, Linux 6.2 */
#ifndef IOMMUFD_TYPE
#define IOMMUFD_TYPE (';')
struct iommu_ioas_alloc {
	__u32 size;
	__u32 flags;
	__u32 out_ioas_id;
};
#define IOMMU_DESTROY    _IO(IOMMUFD_TYPE, 0x80)
#define IOMMU_IOAS_ALLOC _IO(IOMMUFD_TYPE, 0x81)
#endif

/* The plane-info size every driver checks: up to and including dmabuf_id
 * (mbochs.c, mdpy.c, kvmgt.c: offsetofend(..., dmabuf_id)). Newer headers
 * add a trailing reserved field; sizeof differs, minsz does not. */
#define EMU_PLANE_MINSZ \
	(offsetof(struct vfio_device_gfx_plane_info, dmabuf_id) + sizeof(__u32))

#endif
