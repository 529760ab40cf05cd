/* The display-source interface: a vGPU seen as planes.
 *
 * A source (a real VFIO device, the built-in demo) answers plane queries and
 * hands out dma-bufs or region mappings. It knows nothing of Wayland, and
 * nothing of what the viewer does with the planes: plane.h validates what a
 * source reports before anything else sees it. Every operation returns 0 (or
 * a non-negative result) or -errno and never logs: the caller knows why it
 * asked and says so once. */
#ifndef VV_DEVICE_H
#define VV_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "plane-desc.h"

/* The source's EDID region (guest resize), if it has one. */
struct vv_edid_info {
	uint32_t max_size; /* bytes the blob may have */
	uint32_t max_xres; /* largest mode the device accepts, pixels */
	uint32_t max_yres;
};

struct vv_device;

struct vv_device_ops {
	/* Fills *out (zeroed first) with the current plane of @type. Returns
	 * 0 with out->kind == VV_KIND_NONE when the guest shows nothing there.
	 * Transient failures (-ENOMEM, -EAGAIN) mean "ask again next frame";
	 * -ENODEV means the device is gone. */
	int (*query_plane)(struct vv_device *dev, enum vv_plane_type type,
			   struct vv_plane_info *out);
	/* A new O_CLOEXEC dma-buf fd for @dmabuf_id, owned by the caller.
	 * Call it once per id and keep the fd (plane.h's cache does): some
	 * drivers corrupt their page references on a second export. */
	int (*export_dmabuf)(struct vv_device *dev, uint32_t dmabuf_id);
	/* A new O_CLOEXEC, read-write fd of plain shared memory (a memfd)
	 * holding the pages of dma-buf @dmabuf_id, for a consumer that maps
	 * them rather than imports them (wl_shm), owned by the caller;
	 * -ENOTSUP when this buffer has none. NULL when the source never
	 * has. The demo's udmabufs are views of its memfds: the compositor's
	 * wl_shm pool then maps the memfd, never the udmabuf. */
	int (*export_shm)(struct vv_device *dev, uint32_t dmabuf_id);
	/* Size in bytes of region @index, for bounds checks. */
	int (*region_size)(struct vv_device *dev, uint32_t index,
			   uint64_t *size);
	/* Maps the first @len bytes of region @index read-only and shared
	 * (the only mapping every driver allows). *out is the caller's, to be
	 * released with munmap(*out, len). -EINVAL if @len exceeds the
	 * region. */
	int (*map_region)(struct vv_device *dev, uint32_t index, size_t len,
			  void **out);
	/* EDID region: 0 and *out filled, or -ENOENT when there is none.
	 * NULL when the source never has one. */
	int (*edid_info)(struct vv_device *dev, struct vv_edid_info *out);
	/* Presents @blob to the guest as a hot-plugged monitor (link down,
	 * blob, link up). NULL when the source never has an EDID region. */
	int (*edid_write)(struct vv_device *dev, const uint8_t *blob,
			  size_t len);
	/* The blob the guest sees now: 0 with *size bytes copied to @blob
	 * (0 when the link is down or the region empty). NULL when the
	 * source never has an EDID region. */
	int (*edid_read)(struct vv_device *dev, uint8_t *blob, size_t len,
			 size_t *size);
	/* Closes everything the source holds and frees @dev. */
	void (*destroy)(struct vv_device *dev);
};

/* The common head of every source; each source embeds it first. */
struct vv_device {
	const struct vv_device_ops *ops;
	enum vv_plane_kind kind; /* what the probe found: DMABUF or REGION */
	enum vv_dmabuf_access dmabuf_access; /* plane-desc.h */
	/* The exporter its dma-bufs' fdinfo will name ("i915", "mbochs",
	 * "drm", "udmabuf"), known without exporting one, for --info's
	 * path=; "" when unknown or no dma-buf (a memfd). */
	char dmabuf_exporter[16];
	char name[160]; /* for messages and titles: "mdev UUID (type)" */
};

/* Opens the source @address names: "demo", "demo:WxH[@FRAME]", or a VFIO
 * address (see vfio.h). On failure returns NULL and fills @err with one line
 * for the user: what failed, why, and what to do. */
struct vv_device *vv_device_open(const char *address, struct vv_err *err);

/* NULL is fine. */
void vv_device_destroy(struct vv_device *dev);

static inline int
vv_device_query_plane(struct vv_device *dev, enum vv_plane_type type,
		      struct vv_plane_info *out)
{
	return dev->ops->query_plane(dev, type, out);
}

/* The one retry policy for device answers:
 *  - EINTR, EAGAIN: asked again at once, a few times, by every ioctl
 *    wrapper (vfio-ioctl.c); what still reaches a caller is transient.
 *  - transient (vv_device_error_is_transient: ENOMEM, which mbochs answers
 *    the first query after a mode change, EBUSY, EINTR, EAGAIN): asked
 *    again next frame, silently unless it lasts about a second
 *    (query.h vv_query_warning_due).
 *  - EIO (vv_device_error_may_pass): a driver in trouble, which may get
 *    over it. The live window and --watch keep asking, backing off, and
 *    say so once (query.h); one-shot tools (--info, --snapshot) ask for
 *    about 200 ms (vv_device_query_settled) and then fail with one line.
 *  - anything else (ENODEV: the device is gone) is final.
 *
 * vv_device_query_plane for tools that need an answer now rather than next
 * frame: retries transient failures and EIO for up to about 200 ms. */
int vv_device_query_settled(struct vv_device *dev, enum vv_plane_type type,
			    struct vv_plane_info *out);

/* True for the errors a source may return for one frame and not the next. */
bool vv_device_error_is_transient(int error);

/* Transient, or EIO: worth asking again later (see the policy above). */
bool vv_device_error_may_pass(int error);

#endif
