/* The display-source interface over a real VFIO device: plane queries,
 * dma-buf export, region mappings and the EDID region. Opening the device
 * (the address forms, groups, cdevs, fds taken from other processes) is in
 * vfio-open.c; the ioctls themselves in vfio-ioctl.c. */
#include "vfio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vfio-ioctl.h"
#include "vfio-open.h"

/* Region info is cached for indexes below this (mdpy's display region is 16);
 * the EDID region is looked for below it too. */
#define REGION_CACHE_SIZE 64
/* Regions may live beyond num_regions (mdpy's display region is 16 of 9):
 * the EDID scan goes this far past it. */
#define REGION_SCAN_EXTRA 16
/* Largest GET_REGION_INFO answer we read capabilities from. */
#define REGION_INFO_MAX 1024

struct vv_vfio_region {
	bool known;           /* looked up (successfully or not) */
	int error;            /* -errno of the lookup, 0 */
	uint32_t flags;       /* VFIO_REGION_INFO_FLAG_* */
	uint64_t offset;      /* in the device fd, bytes */
	uint64_t size;        /* bytes */
	uint32_t cap_type;    /* VFIO_REGION_INFO_CAP_TYPE, 0 if none */
	uint32_t cap_subtype; /* meaningful with cap_type */
};

enum edid_state {
	EDID_UNKNOWN, /* not looked for yet */
	EDID_ABSENT,
	EDID_PRESENT, /* in region edid_index */
};

struct vv_vfio_device {
	struct vv_device base;
	/* Every fd in there (device, group, container, iommufd) is ours,
	 * closed by destroy. */
	struct vv_vfio_fds fds;
	uint32_t num_regions; /* VFIO_DEVICE_GET_INFO */
	uint32_t query_flags; /* VFIO_GFX_PLANE_TYPE_DMABUF or _REGION */
	struct vv_vfio_region regions[REGION_CACHE_SIZE];
	enum edid_state edid;
	uint32_t edid_index;
};

static struct vv_vfio_device *
to_vfio(struct vv_device *base)
{
	return (struct vv_vfio_device *)base;
}

bool
vv_vfio_address_is_vfio(const char *address)
{
	return address && vv_vfio_address_valid(address);
}

/* ---- planes ------------------------------------------------------------ */

static int
query_raw(struct vv_vfio_device *dev, uint32_t drm_plane_type,
	  struct vfio_device_gfx_plane_info *raw)
{
	/* Zeroed before every query: when the guest shows nothing, GVT
	 * (i915/gvt/dmabuf.c intel_vgpu_query_plane) returns 0 without
	 * writing the struct, and mbochs returns it all zero. */
	memset(raw, 0, sizeof(*raw));
	raw->flags = dev->query_flags;
	raw->drm_plane_type = drm_plane_type;
	return vv_vfio_device_query_gfx_plane(dev->fds.device, raw);
}

static bool
raw_is_empty(const struct vfio_device_gfx_plane_info *raw)
{
	return raw->drm_format == 0 || raw->size == 0;
}

static bool
raw_same_plane(const struct vfio_device_gfx_plane_info *a,
	       const struct vfio_device_gfx_plane_info *b)
{
	return a->region_index == b->region_index &&
	       a->drm_format == b->drm_format &&
	       a->drm_format_mod == b->drm_format_mod && a->width == b->width &&
	       a->height == b->height && a->stride == b->stride &&
	       a->size == b->size;
}

static int
vfio_query_plane(struct vv_device *base, enum vv_plane_type type,
		 struct vv_plane_info *out)
{
	struct vv_vfio_device *dev = to_vfio(base);
	struct vfio_device_gfx_plane_info raw, primary;
	uint32_t drm_type;
	int ret;

	memset(out, 0, sizeof(*out));
	out->kind = VV_KIND_NONE;
	switch (type) {
	case VV_PLANE_PRIMARY:
		drm_type = VV_VFIO_DRM_PLANE_PRIMARY;
		break;
	case VV_PLANE_CURSOR:
		drm_type = VV_VFIO_DRM_PLANE_CURSOR;
		break;
	default:
		return -EINVAL;
	}
	/* Errors go up raw: mbochs's -ENOMEM after a mode change
	 * (mbochs.c mbochs_query_gfx_plane) is transient, and the caller
	 * asks again next frame. */
	ret = query_raw(dev, drm_type, &raw);
	if (ret < 0)
		return ret;
	if (raw_is_empty(&raw))
		return 0;
	if (type == VV_PLANE_CURSOR && base->kind == VV_KIND_REGION) {
		/* mdpy.c mdpy_query_gfx_plane ignores drm_plane_type and
		 * answers a cursor query with the primary plane: a "cursor"
		 * identical to the primary is no cursor. */
		ret = query_raw(dev, VV_VFIO_DRM_PLANE_PRIMARY, &primary);
		if (ret < 0)
			return ret;
		if (raw_same_plane(&raw, &primary))
			return 0;
	}
	out->kind = base->kind;
	out->fourcc = raw.drm_format;
	out->modifier = raw.drm_format_mod;
	out->width = raw.width;
	out->height = raw.height;
	out->stride = raw.stride;
	out->size = raw.size;
	out->x = raw.x_pos;
	out->y = raw.y_pos;
	out->hot_x = raw.x_hot;
	out->hot_y = raw.y_hot;
	out->id =
	    base->kind == VV_KIND_DMABUF ? raw.dmabuf_id : raw.region_index;
	return 0;
}

static int
vfio_export_dmabuf(struct vv_device *base, uint32_t dmabuf_id)
{
	struct vv_vfio_device *dev = to_vfio(base);
	int fd, flags, ret;

	/* No cache here: plane.c keeps one fd per id, because exporting an
	 * id twice corrupts mbochs's page references (mbochs.c
	 * mbochs_get_gfx_dmabuf hands the same file out again). */
	fd = vv_vfio_device_get_gfx_dmabuf(dev->fds.device, dmabuf_id);
	if (fd < 0)
		return fd;
	/* mbochs.c mbochs_get_gfx_dmabuf: dma_buf_fd(buf, 0), no
	 * O_CLOEXEC. */
	flags = fcntl(fd, F_GETFD);
	if (flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0) {
		ret = -errno;
		close(fd);
		return ret;
	}
	return fd;
}

/* ---- regions ----------------------------------------------------------- */

void
vv_vfio_region_cap_type(const uint8_t *raw, uint32_t argsz, uint32_t *type,
			uint32_t *subtype)
{
	const struct vfio_region_info *info = (const void *)raw;
	struct vfio_region_info_cap_type cap;
	struct vfio_info_cap_header hdr;
	uint32_t off = info->cap_offset;
	int hops = 0;

	while (off != 0 && hops++ < 16) {
		if (off < sizeof(*info) || off > argsz ||
		    argsz - off < sizeof(hdr))
			break;
		memcpy(&hdr, raw + off, sizeof(hdr));
		if (hdr.id == VFIO_REGION_INFO_CAP_TYPE &&
		    argsz - off >= sizeof(cap)) {
			memcpy(&cap, raw + off, sizeof(cap));
			*type = cap.type;
			*subtype = cap.subtype;
		}
		/* vfio_info_cap_add appends: the chain only goes forward,
		 * anything else would loop. */
		if (hdr.next <= off)
			break;
		off = hdr.next;
	}
}

static int
read_region(int fd, uint32_t index, struct vv_vfio_region *out)
{
	union {
		struct vfio_region_info info;
		uint8_t raw[REGION_INFO_MAX];
	} buf;
	uint32_t argsz = sizeof(struct vfio_region_info);
	int ret;

	memset(out, 0, sizeof(*out));
	memset(&buf, 0, sizeof(buf));
	ret = vv_vfio_device_get_region_info(fd, index, &buf.info, argsz);
	if (ret < 0)
		return ret;
	/* Capabilities need a larger argsz, which the kernel tells. Grow
	 * only to that: mbochs.c mbochs_ioctl (GET_REGION_INFO) rejects an
	 * argsz above its 48-byte answer with -EINVAL. */
	if ((buf.info.flags & VFIO_REGION_INFO_FLAG_CAPS) &&
	    buf.info.argsz > argsz && buf.info.argsz <= sizeof(buf)) {
		argsz = buf.info.argsz;
		memset(&buf, 0, sizeof(buf));
		ret =
		    vv_vfio_device_get_region_info(fd, index, &buf.info, argsz);
		if (ret < 0)
			return ret;
		vv_vfio_region_cap_type(buf.raw, argsz, &out->cap_type,
					&out->cap_subtype);
	}
	out->flags = buf.info.flags;
	out->offset = buf.info.offset;
	out->size = buf.info.size;
	return 0;
}

/* Region info, cached for small indexes. Any index may be asked: drivers
 * put regions past num_regions (mdpy's display region is 16 of 9). */
static int
lookup_region(struct vv_vfio_device *dev, uint32_t index,
	      struct vv_vfio_region *out)
{
	struct vv_vfio_region *slot;

	if (index >= REGION_CACHE_SIZE)
		return read_region(dev->fds.device, index, out);
	slot = &dev->regions[index];
	if (!slot->known) {
		slot->error = read_region(dev->fds.device, index, slot);
		slot->known = true;
	}
	*out = *slot;
	return slot->error;
}

static int
vfio_region_size(struct vv_device *base, uint32_t index, uint64_t *size)
{
	struct vv_vfio_region region;
	int ret;

	ret = lookup_region(to_vfio(base), index, &region);
	if (ret < 0)
		return ret;
	*size = region.size;
	return 0;
}

static int
vfio_map_region(struct vv_device *base, uint32_t index, size_t len, void **out)
{
	struct vv_vfio_device *dev = to_vfio(base);
	struct vv_vfio_region region;
	void *map;
	int ret;

	ret = lookup_region(dev, index, &region);
	if (ret < 0)
		return ret;
	/* From the region's start and no longer than it: mdpy.c mdpy_mmap
	 * refuses anything else. Never pread the pixels instead: mdpy.c
	 * mdev_access ignores the offset inside the BAR. */
	if (len == 0 || len > region.size)
		return -EINVAL;
	if (region.offset > (uint64_t)INT64_MAX)
		return -EOVERFLOW;
	map = mmap(NULL, len, PROT_READ, MAP_SHARED, dev->fds.device,
		   (off_t)region.offset);
	if (map == MAP_FAILED)
		return -errno;
	*out = map;
	return 0;
}

/* ---- EDID -------------------------------------------------------------- */

/* Far beyond any EDID (256 blocks of 128 bytes) and any header offset. */
#define EDID_REGION_LIMIT (1u << 20)

static int
find_edid_region(struct vv_vfio_device *dev, struct vv_vfio_region *out)
{
	uint32_t end, i;

	if (dev->edid == EDID_ABSENT)
		return -ENOENT;
	if (dev->edid == EDID_PRESENT)
		return lookup_region(dev, dev->edid_index, out);
	end = dev->num_regions > VFIO_PCI_NUM_REGIONS ? dev->num_regions
						      : VFIO_PCI_NUM_REGIONS;
	end += REGION_SCAN_EXTRA;
	if (end > REGION_CACHE_SIZE)
		end = REGION_CACHE_SIZE;
	for (i = 0; i < end; i++) {
		if (lookup_region(dev, i, out) == 0 &&
		    out->cap_type == VFIO_REGION_TYPE_GFX &&
		    out->cap_subtype == VFIO_REGION_SUBTYPE_GFX_EDID) {
			dev->edid = EDID_PRESENT;
			dev->edid_index = i;
			return 0;
		}
	}
	dev->edid = EDID_ABSENT;
	return -ENOENT;
}

static int
pread_all(int fd, void *buf, size_t len, uint64_t offset)
{
	ssize_t n = pread(fd, buf, len, (off_t)offset);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

static int
pwrite_all(int fd, const void *buf, size_t len, uint64_t offset)
{
	ssize_t n = pwrite(fd, buf, len, (off_t)offset);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

static int
pwrite_u32(int fd, uint32_t value, uint64_t offset)
{
	return pwrite_all(fd, &value, sizeof(value), offset);
}

/* The region's header, checked so that the blob lies inside the region. */
static int
read_edid_header(struct vv_vfio_device *dev, struct vv_vfio_region *region,
		 struct vfio_region_gfx_edid *hdr)
{
	int ret;

	ret = find_edid_region(dev, region);
	if (ret < 0)
		return ret;
	/* Every offset below stays inside the region, so inside off_t. */
	if (region->size < sizeof(*hdr) || region->size > INT64_MAX ||
	    region->offset > (uint64_t)INT64_MAX - region->size)
		return -EINVAL;
	/* One 4-byte read per register: GVT-g refuses any other access size
	 * (kvmgt.c handle_edid_regs), as QEMU's pread_field knows. */
	uint32_t *regs = (uint32_t *)hdr;
	for (size_t i = 0; i < sizeof(*hdr) / sizeof(*regs); i++) {
		ret = pread_all(dev->fds.device, &regs[i], sizeof(regs[i]),
				region->offset + i * sizeof(regs[i]));
		if (ret < 0)
			return ret;
	}
	/* The blob need not lie inside the region's reported size: GVT-g
	 * registers its EDID region as 128 bytes with the blob at 0x800
	 * (kvmgt.c kvmgt_set_edid, EDID_SIZE and EDID_BLOB_OFFSET), and its
	 * handler serves offsets past the size. So bound the numbers by what
	 * an EDID can be instead; the driver checks every access anyway. */
	if (hdr->edid_offset < sizeof(*hdr) ||
	    hdr->edid_offset > EDID_REGION_LIMIT ||
	    hdr->edid_max_size > EDID_REGION_LIMIT)
		return -EINVAL;
	return 0;
}

static int
vfio_edid_info(struct vv_device *base, struct vv_edid_info *out)
{
	struct vfio_region_gfx_edid hdr;
	struct vv_vfio_region region;
	int ret;

	ret = read_edid_header(to_vfio(base), &region, &hdr);
	if (ret < 0)
		return ret;
	out->max_size = hdr.edid_max_size;
	out->max_xres = hdr.max_xres;
	out->max_yres = hdr.max_yres;
	return 0;
}

static int
vfio_edid_write(struct vv_device *base, const uint8_t *blob, size_t len)
{
	struct vv_vfio_device *dev = to_vfio(base);
	struct vfio_region_gfx_edid hdr;
	struct vv_vfio_region region;
	uint64_t at;
	int fd = dev->fds.device, ret, up;

	ret = read_edid_header(dev, &region, &hdr);
	if (ret < 0)
		return ret;
	if (len == 0 || len > hdr.edid_max_size)
		return -EINVAL;
	/* include/uapi/linux/vfio.h: link down, blob and size, link up; the
	 * guest sees a monitor unplugged and plugged back with the new
	 * EDID. */
	at = region.offset;
	ret =
	    pwrite_u32(fd, VFIO_DEVICE_GFX_LINK_STATE_DOWN,
		       at + offsetof(struct vfio_region_gfx_edid, link_state));
	if (ret < 0)
		return ret;
	ret = pwrite_all(fd, blob, len, at + hdr.edid_offset);
	if (ret == 0)
		ret = pwrite_u32(
		    fd, (uint32_t)len,
		    at + offsetof(struct vfio_region_gfx_edid, edid_size));
	/* Link up even after a failed write: a guest without a monitor
	 * is worse than one keeping its old mode. */
	up = pwrite_u32(fd, VFIO_DEVICE_GFX_LINK_STATE_UP,
			at + offsetof(struct vfio_region_gfx_edid, link_state));
	return ret < 0 ? ret : up;
}

static int
vfio_edid_read(struct vv_device *base, uint8_t *blob, size_t len, size_t *size)
{
	struct vv_vfio_device *dev = to_vfio(base);
	struct vfio_region_gfx_edid hdr;
	struct vv_vfio_region region;
	int ret = read_edid_header(dev, &region, &hdr);

	if (ret < 0)
		return ret;
	if (hdr.link_state != VFIO_DEVICE_GFX_LINK_STATE_UP ||
	    hdr.edid_size == 0) {
		*size = 0;
		return 0;
	}
	if (hdr.edid_size > hdr.edid_max_size || hdr.edid_size > len)
		return -EINVAL;
	ret = pread_all(dev->fds.device, blob, hdr.edid_size,
			region.offset + hdr.edid_offset);
	if (ret < 0)
		return ret;
	*size = hdr.edid_size;
	return 0;
}

/* ---- life -------------------------------------------------------------- */

static void
vfio_destroy(struct vv_device *base)
{
	struct vv_vfio_device *dev = to_vfio(base);

	/* Never VFIO_DEVICE_RESET: the guest (or the VM sharing the device
	 * fd) owns the device's state. */
	vv_vfio_fds_close(&dev->fds);
	free(dev);
}

static const struct vv_device_ops vfio_ops = {
	.query_plane = vfio_query_plane,
	.export_dmabuf = vfio_export_dmabuf,
	.region_size = vfio_region_size,
	.map_region = vfio_map_region,
	.edid_info = vfio_edid_info,
	.edid_write = vfio_edid_write,
	.edid_read = vfio_edid_read,
	.destroy = vfio_destroy,
};

static int
probe(int fd, uint32_t kind_flag)
{
	struct vfio_device_gfx_plane_info info;

	memset(&info, 0, sizeof(info));
	info.flags = VFIO_GFX_PLANE_TYPE_PROBE | kind_flag;
	info.drm_plane_type = VV_VFIO_DRM_PLANE_PRIMARY;
	return vv_vfio_device_query_gfx_plane(fd, &info);
}

/* Which display the device has: fills @dev's kind and query flags. */
static int
probe_display(struct vv_vfio_device *dev, struct vv_err *err)
{
	const char *name = dev->base.name;
	int dmabuf, region;

	dmabuf = probe(dev->fds.device, VFIO_GFX_PLANE_TYPE_DMABUF);
	if (dmabuf == 0) {
		dev->base.kind = VV_KIND_DMABUF;
		dev->query_flags = VFIO_GFX_PLANE_TYPE_DMABUF;
		return 0;
	}
	region = probe(dev->fds.device, VFIO_GFX_PLANE_TYPE_REGION);
	if (region == 0) {
		dev->base.kind = VV_KIND_REGION;
		dev->query_flags = VFIO_GFX_PLANE_TYPE_REGION;
		return 0;
	}
	/* mtty.c has no QUERY_GFX_PLANE case at all. */
	if (dmabuf == -ENOTTY && region == -ENOTTY)
		return vv_err_set(
		    err, ENOTTY,
		    "%s has no display (the VFIO display queries answer ENOTTY): it is not a vGPU; pass an mdev of a display type (for example i915 GVT-g, NVIDIA vGPU, mbochs or mdpy)",
		    name);
	if (dmabuf == -EINVAL && region == -EINVAL)
		return vv_err_set(
		    err, EINVAL,
		    "%s has no display (the VFIO display queries answer EINVAL for both dma-buf and region planes): its driver does not export the guest's screen",
		    name);
	if (dmabuf == -EINVAL || dmabuf == -ENOTTY)
		dmabuf = region;
	return vv_err_set(
	    err, -dmabuf,
	    "cannot probe the display of %s (VFIO_DEVICE_QUERY_GFX_PLANE): %s",
	    name, strerror(-dmabuf));
}

const char *
vv_vfio_dmabuf_exporter(const char *name)
{
	/* mbochs.c and gvt/dmabuf.c (through i915_gem_prime_export) export
	 * with DEFINE_DMA_BUF_EXPORT_INFO: their module's name. */
	const char *type = strrchr(name, '(');

	if (type && strstr(type, "mbochs"))
		return "mbochs";
	if (type && strstr(type, "GVTg"))
		return "i915";
	return "";
}

enum vv_dmabuf_access
vv_vfio_dmabuf_access(const char *name)
{
	/* The mdev type in the name, "mdev UUID (mbochs-small)": mbochs
	 * exports O_RDONLY dma-bufs without mmap (mbochs.c
	 * mbochs_get_gfx_dmabuf); GVT-g's are i915 GEM objects the CPU maps
	 * read-write (gvt/dmabuf.c vgpu_gem_get_pages). */
	const char *type = strrchr(name, '(');

	if (!type)
		return VV_DMABUF_ACCESS_UNKNOWN;
	if (strstr(type, "mbochs"))
		return VV_DMABUF_ACCESS_NONE;
	if (strstr(type, "GVTg"))
		return VV_DMABUF_ACCESS_READ_WRITE;
	return VV_DMABUF_ACCESS_UNKNOWN;
}

struct vv_device *
vv_vfio_open(const char *address, struct vv_err *err)
{
	struct vv_vfio_device *dev;
	struct vfio_device_info info;
	int ret;

	dev = calloc(1, sizeof(*dev));
	if (!dev) {
		vv_err_set(err, ENOMEM, "cannot open %s: %s", address,
			   strerror(ENOMEM));
		return NULL;
	}
	dev->base.ops = &vfio_ops;
	if (vv_vfio_acquire(address, &dev->fds, dev->base.name,
			    sizeof(dev->base.name), err) < 0) {
		free(dev);
		return NULL;
	}
	ret = vv_vfio_device_get_info(dev->fds.device, &info);
	if (ret < 0) {
		vv_err_set(
		    err, -ret,
		    "cannot use %s: VFIO_DEVICE_GET_INFO failed: %s (is it a VFIO device fd?)",
		    dev->base.name, strerror(-ret));
		goto fail;
	}
	dev->num_regions = info.num_regions;
	if (probe_display(dev, err) < 0)
		goto fail;
	dev->base.dmabuf_access = vv_vfio_dmabuf_access(dev->base.name);
	snprintf(dev->base.dmabuf_exporter, sizeof(dev->base.dmabuf_exporter),
		 "%s", vv_vfio_dmabuf_exporter(dev->base.name));
	vv_vfio_fds_adopt(&dev->fds);
	return &dev->base;

fail:
	vv_vfio_fds_close(&dev->fds);
	free(dev);
	return NULL;
}
