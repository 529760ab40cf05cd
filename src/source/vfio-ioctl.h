/* The VFIO and iommufd ioctls the viewer uses, one thin function each.
 *
 * Each fills or passes a typed struct, sets argsz, and returns 0 (or the new
 * fd) or -errno, unchanged. Nothing here logs or interprets: the callers know
 * what the user asked for and say what went wrong. */
#ifndef VV_VFIO_IOCTL_H
#define VV_VFIO_IOCTL_H

#include <linux/vfio.h>
#include <stdint.h>

/* The vfio cdev + iommufd uAPI arrived in Linux 6.6
 * (include/uapi/linux/vfio.h); Debian's 6.1 headers lack it. Only the fields
 * of the first version: argsz tells newer kernels which one we speak. */
#ifndef VFIO_DEVICE_BIND_IOMMUFD
struct vfio_device_bind_iommufd {
	__u32 argsz;
	__u32 flags;
	__s32 iommufd;
	__u32 out_devid;
};
#define VFIO_DEVICE_BIND_IOMMUFD _IO(VFIO_TYPE, VFIO_BASE + 18)
#endif

#ifndef VFIO_DEVICE_ATTACH_IOMMUFD_PT
struct vfio_device_attach_iommufd_pt {
	__u32 argsz;
	__u32 flags;
	__u32 pt_id;
};
#define VFIO_DEVICE_ATTACH_IOMMUFD_PT _IO(VFIO_TYPE, VFIO_BASE + 19)
#endif

/* include/uapi/linux/iommufd.h, Linux 6.2 (not shipped with Debian's 6.1
 * headers at all). */
#ifndef IOMMU_IOAS_ALLOC
struct iommu_ioas_alloc {
	__u32 size;
	__u32 flags;
	__u32 out_ioas_id;
};
#define IOMMU_IOAS_ALLOC _IO(';', 0x81)
#endif

/* DRM_PLANE_TYPE_* (include/drm/drm_plane.h): kernel-internal, so no uAPI
 * header has them, but VFIO_DEVICE_QUERY_GFX_PLANE takes them. */
#define VV_VFIO_DRM_PLANE_PRIMARY 1
#define VV_VFIO_DRM_PLANE_CURSOR  2

/* Container (/dev/vfio/vfio): its API version (>= 0) or -errno. */
int vv_vfio_get_api_version(int container);

int vv_vfio_set_iommu(int container, unsigned long type);

int vv_vfio_group_get_status(int group, struct vfio_group_status *out);

int vv_vfio_group_set_container(int group, int container);

/* A new device fd for the device named @name in @group, or -errno. */
int vv_vfio_group_get_device_fd(int group, const char *name);

/* cdev: binds @device to @iommufd; *devid gets the bond's id. */
int vv_vfio_device_bind_iommufd(int device, int iommufd, uint32_t *devid);

int vv_iommu_ioas_alloc(int iommufd, uint32_t *ioas_id);

int vv_vfio_device_attach_iommufd_pt(int device, uint32_t pt_id);

int vv_vfio_device_get_info(int device, struct vfio_device_info *out);

/* @info is zeroed by the caller except flags and drm_plane_type; argsz is
 * set here to the size we compile with. */
int vv_vfio_device_query_gfx_plane(int device,
				   struct vfio_device_gfx_plane_info *info);

/* A new dma-buf fd for @dmabuf_id (close-on-exec NOT guaranteed), or
 * -errno. */
int vv_vfio_device_get_gfx_dmabuf(int device, uint32_t dmabuf_id);

/* @info points to @argsz bytes (at least sizeof(struct vfio_region_info)),
 * zeroed by the caller; index and argsz are set here. On return
 * info->argsz is what the kernel needs for the whole capability chain. */
int vv_vfio_device_get_region_info(int device, uint32_t index,
				   struct vfio_region_info *info,
				   uint32_t argsz);

#endif
