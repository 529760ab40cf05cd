/* Device fd ioctls of the emulated mdev, per profile: mbochs
 * (samples/vfio-mdev/mbochs.c), mdpy (samples/vfio-mdev/mdpy.c), mtty
 * (samples/vfio-mdev/mtty.c) and Intel GVT-g (drivers/gpu/drm/i915/gvt/
 * kvmgt.c, dmabuf.c), 6.1, as kernel-e2e/guest-probe.c observed them. */
#include "emu-device.h"
#include "emu-uapi.h"

#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* ---- regions ----------------------------------------------------------- */

static void
region_set(struct emu_region *r, uint32_t index, uint64_t offset, uint64_t size,
	   uint32_t flags, enum emu_region_kind kind)
{
	memset(r, 0, sizeof *r);
	r->index = index;
	r->offset = offset;
	r->size = size;
	r->rw_size = size;
	r->flags = flags;
	r->kind = kind;
}

#define RW            (VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE)
#define RWM           (RW | VFIO_REGION_INFO_FLAG_MMAP)
#define GVT_OFFSET(i) ((uint64_t)(i) << 40) /* VFIO_PCI_OFFSET_SHIFT */

int
emu_region_get(const struct emu_state *s, uint32_t index, struct emu_region *r)
{
	region_set(r, index, 0, 0, 0, EMU_REGION_NONE);
	switch (s->profile) {
	case EMU_MBOCHS:
		/* mbochs.c mbochs_get_region_info: 10 regions, EDID last */
		if (index >= MBOCHS_NUM_REGIONS)
			return -EINVAL;
		if (index == VFIO_PCI_CONFIG_REGION_INDEX)
			region_set(r, index, 0, 0xff, RW, EMU_REGION_CONFIG);
		else if (index == VFIO_PCI_BAR0_REGION_INDEX)
			region_set(r, index, MBOCHS_VRAM_OFFSET, s->vram, RWM,
				   EMU_REGION_VRAM);
		else if (index == VFIO_PCI_BAR2_REGION_INDEX)
			region_set(r, index, 0x1000, 0x1000, RW,
				   EMU_REGION_MMIO);
		else if (index == VFIO_PCI_NUM_REGIONS) {
			region_set(r, index, 0x2000, 0x1000,
				   RW | VFIO_REGION_INFO_FLAG_CAPS,
				   EMU_REGION_EDID);
			r->cap_type = VFIO_REGION_TYPE_GFX;
			r->cap_subtype = VFIO_REGION_SUBTYPE_GFX_EDID;
		}
		return 0;
	case EMU_MDPY:
		/* mdpy.c mdpy_get_region_info: 9 regions, and the display
		 * region 16 beyond them, on the same memory as BAR0 */
		if (index >= VFIO_PCI_NUM_REGIONS && index != MDPY_REGION)
			return -EINVAL;
		if (index == VFIO_PCI_CONFIG_REGION_INDEX)
			region_set(r, index, 0, 0xff, RW, EMU_REGION_CONFIG);
		else if (index == VFIO_PCI_BAR0_REGION_INDEX ||
			 index == MDPY_REGION)
			region_set(r, index, MDPY_VRAM_OFFSET, s->vram, RWM,
				   EMU_REGION_VRAM);
		return 0;
	case EMU_MTTY:
		if (index >= VFIO_PCI_NUM_REGIONS)
			return -EINVAL;
		if (index == VFIO_PCI_CONFIG_REGION_INDEX)
			region_set(r, index, GVT_OFFSET(index), 0x100, RW,
				   EMU_REGION_CONFIG);
		else if (index == VFIO_PCI_BAR0_REGION_INDEX)
			region_set(r, index, GVT_OFFSET(index), 8, RW,
				   EMU_REGION_NONE);
		return 0;
	case EMU_GVT:
		/* kvmgt.c: the PCI regions, then OpRegion and EDID */
		if (index >= GVT_NUM_REGIONS)
			return -EINVAL;
		if (index == VFIO_PCI_CONFIG_REGION_INDEX)
			region_set(r, index, GVT_OFFSET(index), 0x100, RW,
				   EMU_REGION_CONFIG);
		else if (index == VFIO_PCI_BAR0_REGION_INDEX)
			region_set(r, index, GVT_OFFSET(index), 16 << 20, RW,
				   EMU_REGION_NONE);
		else if (index == VFIO_PCI_BAR2_REGION_INDEX)
			region_set(r, index, GVT_OFFSET(index), s->vram, RWM,
				   EMU_REGION_VRAM);
		else if (index == GVT_OPREGION_INDEX) {
			region_set(r, index, GVT_OFFSET(index), 0x2000,
				   VFIO_REGION_INFO_FLAG_READ |
				       VFIO_REGION_INFO_FLAG_CAPS,
				   EMU_REGION_NONE);
			/* VFIO_REGION_TYPE_PCI_VENDOR_TYPE is (1 << 31), a
			 * signed overflow in C: spelled unsigned here. */
			r->cap_type =
			    0x80000000u | 0x8086; /* PCI_VENDOR_ID_INTEL */
			r->cap_subtype = VFIO_REGION_SUBTYPE_INTEL_IGD_OPREGION;
		} else if (index == GVT_EDID_INDEX) {
			/* kvmgt.c intel_gvt_set_edid: size EDID_SIZE (128)
			 * although the blob sits at PAGE_SIZE / 2 */
			region_set(r, index, GVT_OFFSET(index), 128,
				   RW | VFIO_REGION_INFO_FLAG_CAPS,
				   EMU_REGION_EDID);
			r->rw_size = 0x800 + 128;
			r->cap_type = VFIO_REGION_TYPE_GFX;
			r->cap_subtype = VFIO_REGION_SUBTYPE_GFX_EDID;
		}
		return 0;
	case EMU_PROFILE_COUNT:
		break;
	}
	return -EINVAL;
}

static long
get_info(struct emu_state *s, struct vfio_device_info *info)
{
	static const uint32_t num_regions[EMU_PROFILE_COUNT] = {
		[EMU_MBOCHS] = MBOCHS_NUM_REGIONS,
		[EMU_GVT] = GVT_NUM_REGIONS,
		[EMU_MDPY] = VFIO_PCI_NUM_REGIONS,
		[EMU_MTTY] = VFIO_PCI_NUM_REGIONS,
	};
	if (info->argsz < offsetof(struct vfio_device_info, num_irqs) +
			      sizeof(info->num_irqs))
		return -EINVAL;
	info->flags = VFIO_DEVICE_FLAGS_PCI;
	if (s->profile == EMU_GVT)
		info->flags |= VFIO_DEVICE_FLAGS_RESET; /* kvmgt.c */
	info->num_regions = num_regions[s->profile];
	info->num_irqs = VFIO_PCI_NUM_IRQS;
	return 0;
}

/* The user's buffer is arg with argsz bytes; the drivers write back only
 * what they must. */
static long
get_region_info(struct emu_state *s, struct vfio_region_info *info)
{
	const uint32_t minsz =
	    offsetof(struct vfio_region_info, offset) + sizeof(info->offset);
	const uint32_t capsz = sizeof(struct vfio_region_info_cap_type);
	struct emu_region r;
	uint32_t argsz = info->argsz;
	if (argsz < minsz)
		return -EINVAL;
	/* mbochs.c mbochs_ioctl: outsz > sizeof(struct
	 * vfio_region_info_ext) (48) is refused */
	if (s->profile == EMU_MBOCHS && argsz > minsz + capsz)
		return -EINVAL;
	int ret = emu_region_get(s, info->index, &r);
	if (ret)
		return ret;
	info->flags = r.flags;
	info->size = r.size;
	info->offset = r.offset;
	info->cap_offset = 0;
	if (!(r.flags & VFIO_REGION_INFO_FLAG_CAPS))
		return 0;
	struct vfio_region_info_cap_type cap = {
		.header = { .id = VFIO_REGION_INFO_CAP_TYPE,
			    .version = 1,
			    .next = 0 },
		.type = r.cap_type,
		.subtype = r.cap_subtype,
	};
	if (s->profile == EMU_MBOCHS) {
		/* mbochs_get_region_info sets argsz and cap_offset whatever
		 * the caller passed; only argsz bytes are copied back */
		info->argsz = minsz + capsz;
		info->cap_offset = minsz;
		if (argsz >= minsz + capsz)
			memcpy((char *)info + minsz, &cap, capsz);
		return 0;
	}
	/* the vfio_info_add_capability dance (kvmgt.c): too small -> tell
	 * the size needed, cap_offset 0 */
	if (argsz < minsz + capsz) {
		info->argsz = minsz + capsz;
		return 0;
	}
	memcpy((char *)info + minsz, &cap, capsz);
	info->cap_offset = minsz;
	return 0;
}

/* ---- planes ------------------------------------------------------------ */

static bool
key_match(const struct emu_key *k, const struct emu_key *want)
{
	return k->used && k->fourcc == want->fourcc &&
	       k->modifier == want->modifier && k->width == want->width &&
	       k->height == want->height && k->stride == want->stride &&
	       k->size == want->size && k->offset == want->offset;
}

static struct emu_key *
key_find(struct emu_state *s, const struct emu_key *want)
{
	for (int i = 0; i < EMU_MAX_KEYS; i++)
		if (key_match(&s->keys[i], want))
			return &s->keys[i];
	return NULL;
}

static struct emu_key *
key_by_id(struct emu_state *s, uint32_t id)
{
	for (int i = 0; i < EMU_MAX_KEYS; i++)
		if (s->keys[i].used && s->keys[i].id == id)
			return &s->keys[i];
	return NULL;
}

static struct emu_key *
key_add(struct emu_state *s, const struct emu_key *want, uint32_t id)
{
	struct emu_key *k = NULL;
	for (int i = 0; i < EMU_MAX_KEYS && !k; i++)
		if (!s->keys[i].used)
			k = &s->keys[i];
	if (!k) { /* full: forget them all (see README) */
		memset(s->keys, 0, sizeof s->keys);
		k = &s->keys[0];
	}
	*k = *want;
	k->used = 1;
	k->id = id;
	k->exports = 0;
	return k;
}

static void
key_from_plane(struct emu_key *k, const struct emu_state *s, uint32_t type,
	       const struct emu_plane *p)
{
	memset(k, 0, sizeof *k);
	k->plane_type = type;
	k->fourcc = p->fourcc;
	k->modifier = p->modifier;
	k->width = p->width;
	k->height = p->height;
	k->stride = p->stride;
	k->size = emu_plane_size(s, p);
	k->offset = p->offset;
}

static void
plane_from_key(struct vfio_device_gfx_plane_info *pi, const struct emu_key *k)
{
	pi->drm_format = k->fourcc;
	pi->drm_format_mod = k->modifier;
	pi->width = k->width;
	pi->height = k->height;
	pi->stride = k->stride;
	pi->size = k->size;
	pi->dmabuf_id = k->id;
}

static void
plane_from_raw(struct vfio_device_gfx_plane_info *pi, const struct emu_raw *r)
{
	pi->drm_format = r->fourcc;
	pi->drm_format_mod = r->modifier;
	pi->width = r->width;
	pi->height = r->height;
	pi->stride = r->stride;
	pi->size = r->size;
	pi->x_pos = r->x_pos;
	pi->y_pos = r->y_pos;
	pi->x_hot = r->x_hot;
	pi->y_hot = r->y_hot;
	pi->dmabuf_id = r->id;
}

/* mbochs.c mbochs_check_framebuffer */
static bool
mbochs_plane_ok(const struct emu_state *s, const struct emu_plane *p)
{
	return p->enabled && p->fourcc == DRM_FORMAT_XRGB8888 &&
	       p->modifier == DRM_FORMAT_MOD_LINEAR && p->width >= 64 &&
	       p->height >= 64 &&
	       p->offset + (uint64_t)p->stride * p->height <= s->vram;
}

static long
query_mbochs(struct emu_state *s, struct vfio_device_gfx_plane_info *pi)
{
	struct emu_key want;
	/* mbochs.c mbochs_query_gfx_plane */
	if (pi->flags & VFIO_GFX_PLANE_TYPE_PROBE)
		return pi->flags == (VFIO_GFX_PLANE_TYPE_PROBE |
				     VFIO_GFX_PLANE_TYPE_DMABUF)
			   ? 0
			   : -EINVAL;
	if (pi->flags != VFIO_GFX_PLANE_TYPE_DMABUF)
		return -EINVAL;
	memset(&pi->drm_format, 0,
	       sizeof *pi -
		   offsetof(struct vfio_device_gfx_plane_info, drm_format));
	/* the cursor, the overlay and any other type: always empty */
	if (pi->drm_plane_type != DRM_PLANE_TYPE_PRIMARY ||
	    !mbochs_plane_ok(s, &s->primary))
		return 0;
	key_from_plane(&want, s, DRM_PLANE_TYPE_PRIMARY, &s->primary);
	struct emu_key *k = key_find(s, &want);
	if (!k) {
		/* mbochs_dmabuf_alloc's result is dropped: the first query
		 * of a new mode fails, the next finds it (6.1 .. 6.12) */
		key_add(s, &want, s->next_id++);
		return -ENOMEM;
	}
	plane_from_key(pi, k);
	return 0;
}

static long
query_mdpy(struct emu_state *s, struct vfio_device_gfx_plane_info *pi)
{
	/* mdpy.c mdpy_query_gfx_plane: every plane type gets the primary */
	if (pi->flags & VFIO_GFX_PLANE_TYPE_PROBE)
		return pi->flags == (VFIO_GFX_PLANE_TYPE_PROBE |
				     VFIO_GFX_PLANE_TYPE_REGION)
			   ? 0
			   : -EINVAL;
	if (pi->flags != VFIO_GFX_PLANE_TYPE_REGION)
		return -EINVAL;
	pi->drm_format = s->primary.fourcc;
	pi->width = s->primary.width;
	pi->height = s->primary.height;
	pi->stride = s->primary.stride;
	pi->size = (uint32_t)s->vram;
	pi->region_index = MDPY_REGION;
	pi->drm_format_mod = 0;
	pi->x_pos = pi->y_pos = pi->x_hot = pi->y_hot = 0;
	return 0;
}

/* dmabuf.c vgpu_get_plane_info: -ENODEV means "no plane" */
static int
gvt_plane_info(struct emu_state *s, uint32_t type, struct emu_key *k,
	       struct vfio_device_gfx_plane_info *pi)
{
	const struct emu_plane *p =
	    type == DRM_PLANE_TYPE_PRIMARY ? &s->primary : &s->cursor;
	if (type != DRM_PLANE_TYPE_PRIMARY && type != DRM_PLANE_TYPE_CURSOR)
		return -EINVAL; /* "invalid plane id" */
	if (!p->enabled)
		return -ENODEV;
	key_from_plane(k, s, type, p);
	if (!k->size)
		return -EINVAL;
	if (p->offset & 4095) /* "Not aligned fb address" */
		return -EFAULT;
	if (p->offset + k->size > GVT_GGTT_SIZE) /* "invalid gma addr" */
		return -EFAULT;
	memset(&pi->drm_format, 0,
	       sizeof *pi -
		   offsetof(struct vfio_device_gfx_plane_info, drm_format));
	if (type == DRM_PLANE_TYPE_CURSOR) {
		/* fb_decoder.c intel_vgpu_decode_cursor_plane: the sign
		 * bit is dropped, the position reported as a magnitude */
		pi->x_pos = (uint32_t)abs(p->x);
		pi->y_pos = (uint32_t)abs(p->y);
		/* dmabuf.c validate_hotspot */
		if (p->hot_x <= p->width && p->hot_y <= p->height) {
			pi->x_hot = p->hot_x;
			pi->y_hot = p->hot_y;
		} else {
			pi->x_hot = pi->y_hot = UINT_MAX;
		}
	}
	return 0;
}

static long
query_gvt(struct emu_state *s, struct vfio_device_gfx_plane_info *pi)
{
	struct emu_key want;
	struct vfio_device_gfx_plane_info out = *pi;
	/* dmabuf.c intel_vgpu_query_plane */
	if (pi->flags ==
	    (VFIO_GFX_PLANE_TYPE_DMABUF | VFIO_GFX_PLANE_TYPE_PROBE))
		return 0;
	if ((pi->flags & ~VFIO_GFX_PLANE_TYPE_DMABUF) || !pi->flags)
		return -EINVAL;
	int r = gvt_plane_info(s, pi->drm_plane_type, &want, &out);
	if (r == -ENODEV)
		return 0; /* the struct is copied back untouched */
	if (r)
		return r;
	struct emu_key *k = key_find(s, &want);
	if (k && (s->flags & EMU_CHURN) &&
	    pi->drm_plane_type == DRM_PLANE_TYPE_PRIMARY) {
		/* vv-emu churn: a driver making a new dmabuf object per query
		 * (the same pages under a new id each time) */
		uint32_t id = 1;
		for (int i = 0; i < EMU_MAX_KEYS; i++)
			if (s->keys[i].used && s->keys[i].id >= id)
				id = s->keys[i].id + 1;
		k->used = 0;
		k = key_add(s, &want, id);
	} else if (!k) {
		/* idr_alloc(&vgpu->object_idr, obj, 1, 0): the lowest free
		 * id; objects are kept, so ids only grow here */
		uint32_t id = 1;
		while (key_by_id(s, id))
			id++;
		k = key_add(s, &want, id);
	}
	plane_from_key(&out, k);
	*pi = out;
	return 0;
}

static long
query_plane(struct emu_state *s, struct vfio_device_gfx_plane_info *user)
{
	struct vfio_device_gfx_plane_info pi;
	enum emu_op op = EMU_OP_QUERY;
	long r;
	memset(&pi, 0, sizeof pi);
	memcpy(&pi, user, EMU_PLANE_MINSZ);
	if (pi.argsz < EMU_PLANE_MINSZ)
		return -EINVAL;
	if (pi.flags & VFIO_GFX_PLANE_TYPE_PROBE) {
		op = EMU_OP_PROBE;
		s->n_probe++;
	} else if (pi.drm_plane_type == DRM_PLANE_TYPE_CURSOR) {
		op = EMU_OP_QUERY_CURSOR;
		s->n_query_cursor++;
	} else {
		s->n_query++;
	}
	if ((r = emu_fail_check(s, op)))
		return r;
	if (op == EMU_OP_QUERY && s->blank) {
		/* vv-emu blank: a guest blanking for a moment (a mode set):
		 * "no plane", the struct untouched as gvt answers it */
		s->blank--;
		return 0;
	}
	if (s->profile == EMU_MBOCHS)
		r = query_mbochs(s, &pi);
	else if (s->profile == EMU_MDPY)
		r = query_mdpy(s, &pi);
	else
		r = query_gvt(s, &pi);
	if (r || (pi.flags & VFIO_GFX_PLANE_TYPE_PROBE))
		return r;
	uint32_t t =
	    s->profile == EMU_MDPY ? DRM_PLANE_TYPE_PRIMARY : pi.drm_plane_type;
	if (t < 3 && s->raw[t].active)
		plane_from_raw(&pi, &s->raw[t]);
	memcpy(user, &pi, EMU_PLANE_MINSZ);
	return 0;
}

/* The wrong kind of fd for a dma-buf, as a broken driver could return. */
static long
wrong_fd(const struct emu_ctx *ctx, uint32_t kind)
{
	int fds[2], fd = -1;

	switch (kind) {
	case EMU_EXPORT_PIPE:
		if (pipe2(fds, O_CLOEXEC) < 0)
			return -errno;
		close(fds[1]);
		return fds[0];
	case EMU_EXPORT_DIRECTORY:
		fd = emu_sys_open(ctx->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC,
				  0);
		break;
	case EMU_EXPORT_NULL:
		fd = emu_sys_open("/dev/null", O_RDWR | O_CLOEXEC, 0);
		break;
	case EMU_EXPORT_SOCKET:
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		break;
	}
	return fd < 0 ? -errno : fd;
}

static long
get_dmabuf(const struct emu_ctx *ctx, struct emu_state *s, uint32_t id)
{
	char path[EMU_PATH_MAX];
	struct emu_plane p;
	struct emu_key *k = key_by_id(s, id);
	long r = emu_fail_check(s, EMU_OP_EXPORT);
	if (r)
		return r;
	if (!k) /* mbochs: -ENOENT; gvt intel_vgpu_get_dmabuf: -EINVAL */
		return s->profile == EMU_MBOCHS ? -ENOENT : -EINVAL;
	/* mbochs.c mbochs_dmabuf_export: "framebuffer not page-aligned" */
	if (s->profile == EMU_MBOCHS && (k->offset & 4095))
		return -EINVAL;
	if (s->export_as != EMU_EXPORT_DMABUF) {
		k->exports++;
		s->n_export++;
		return wrong_fd(ctx, s->export_as);
	}
	memset(&p, 0, sizeof p);
	p.fourcc = k->fourcc;
	p.modifier = k->modifier;
	p.width = k->width;
	p.height = k->height;
	p.stride = k->stride;
	p.offset = k->offset;
	if ((r = emu_fb_path(path, ctx->root, s, (int)k->plane_type, &p)))
		return r;
	/* mbochs: dma_buf_fd(buf, 0) on an O_RDONLY dma-buf: no
	 * O_CLOEXEC. gvt: dma_buf_fd(dmabuf, DRM_CLOEXEC | DRM_RDWR). */
	r = emu_fb_open(path, emu_fb_size(s, &p),
			s->profile == EMU_MBOCHS ? O_RDONLY
						 : O_RDWR | O_CLOEXEC);
	if (r >= 0) {
		k->exports++;
		s->n_export++;
	}
	return r;
}

static long
reset(const struct emu_ctx *ctx, struct emu_state *s)
{
	s->n_reset++;
	long r = emu_fail_check(s, EMU_OP_RESET);
	if (r)
		return r;
	if (s->profile == EMU_MBOCHS)
		s->primary.enabled = 0; /* mbochs_reset: dispi registers */
	if (s->profile == EMU_MDPY)
		return emu_mdpy_gradient(ctx->root, s); /* mdpy_reset */
	return 0;
}

long
emu_device_ioctl(const struct emu_ctx *ctx, const struct emu_fd *f,
		 unsigned long req, void *arg)
{
	struct emu_dev dev;
	long r = emu_state_lock(ctx->root, f->uuid, &dev);
	if (r)
		return -ENODEV;
	struct emu_state *s = dev.s;
	bool display = req == VFIO_DEVICE_QUERY_GFX_PLANE ||
		       req == VFIO_DEVICE_GET_GFX_DMABUF;
	if (s->flags & EMU_REMOVED) {
		r = -ENODEV;
	} else if (display && s->profile == EMU_MTTY) {
		r = -ENOTTY; /* mtty.c: no display ioctls at all */
	} else if (req == VFIO_DEVICE_GET_INFO) {
		s->n_get_info++;
		if (!(r = emu_fail_check(s, EMU_OP_GET_INFO)))
			r = get_info(s, arg);
	} else if (req == VFIO_DEVICE_GET_REGION_INFO) {
		s->n_region_info++;
		if (!(r = emu_fail_check(s, EMU_OP_REGION_INFO)))
			r = get_region_info(s, arg);
	} else if (req == VFIO_DEVICE_QUERY_GFX_PLANE) {
		r = query_plane(s, arg);
	} else if (req == VFIO_DEVICE_GET_GFX_DMABUF) {
		/* mdpy.c has no GET_GFX_DMABUF: -ENOTTY */
		r = s->profile == EMU_MDPY
			? -ENOTTY
			: get_dmabuf(ctx, s, *(uint32_t *)arg);
	} else if (req == VFIO_DEVICE_RESET) {
		r = reset(ctx, s);
	} else if (req == VFIO_DEVICE_GET_IRQ_INFO) {
		struct vfio_irq_info *ii = arg;
		if (ii->argsz < sizeof *ii || ii->index >= VFIO_PCI_NUM_IRQS) {
			r = -EINVAL;
		} else {
			ii->flags = 0;
			ii->count = 0;
			r = 0;
		}
	} else {
		r = -ENOTTY;
	}
	emu_state_unlock(&dev);
	return r;
}
