/* Region access of the emulated device: pread/pwrite and mmap on the
 * device fd, mmap of dma-bufs, the EDID region, and profile defaults. */
#include "emu-device.h"

#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---- EDID region ------------------------------------------------------- */

static uint32_t *
edid_reg(struct emu_state *s, uint64_t pos)
{
	return (uint32_t *)(s->edid + pos);
}

/* A base EDID block is valid with its fixed header and a zero sum
 * (drm_edid.c drm_edid_block_valid, as gvt checks it on link up). */
static bool
edid_valid(const uint8_t *b)
{
	static const uint8_t hdr[8] = {
		0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0
	};
	uint8_t sum = 0;
	for (int i = 0; i < 128; i++)
		sum += b[i];
	return !memcmp(b, hdr, sizeof hdr) && !sum;
}

static int
edid_access(struct emu_state *s, uint64_t pos, uint8_t *buf, size_t n,
	    bool write)
{
	const struct vfio_region_gfx_edid *regs = (const void *)s->edid;
	bool gvt = s->profile == EMU_GVT;
	if (pos < regs->edid_offset) {
		/* mbochs.c handle_edid_regs ignores odd accesses; kvmgt.c
		 * handle_edid_regs refuses them */
		if (pos + n > sizeof *regs || n != 4 || pos % 4) {
			if (gvt)
				return -EINVAL;
			if (!write)
				memset(buf, 0, n);
			return 0;
		}
		if (!write) {
			memcpy(buf, s->edid + pos, n);
			return 0;
		}
		uint32_t v;
		memcpy(&v, buf, 4);
		switch (pos) {
		case offsetof(struct vfio_region_gfx_edid, link_state):
			if (gvt && v == VFIO_DEVICE_GFX_LINK_STATE_UP &&
			    !edid_valid(s->edid + regs->edid_offset))
				return -EINVAL; /* "invalid EDID blob" */
			if (gvt && v != VFIO_DEVICE_GFX_LINK_STATE_UP &&
			    v != VFIO_DEVICE_GFX_LINK_STATE_DOWN)
				return -EINVAL;
			if (v == VFIO_DEVICE_GFX_LINK_STATE_UP)
				s->n_edid_link_up++;
			*edid_reg(s, pos) = v;
			return 0;
		case offsetof(struct vfio_region_gfx_edid, edid_size):
			if (gvt && v > regs->edid_max_size)
				return -EINVAL;
			*edid_reg(s, pos) = v;
			return 0;
		}
		return gvt ? -EPERM : 0; /* read-only registers */
	}
	pos -= regs->edid_offset;
	if (pos + n > regs->edid_max_size) {
		if (gvt)
			return -EINVAL;
		if (!write)
			memset(buf, 0, n);
		return 0;
	}
	uint8_t *blob = s->edid + regs->edid_offset + pos;
	if (write)
		memcpy(blob, buf, n);
	else
		memcpy(buf, blob, n);
	return 0;
}

/* ---- mbochs MMIO BAR: the bochs dispi registers ------------------------ */

static uint16_t
dispi_reg(const struct emu_state *s, unsigned index)
{
	const struct emu_plane *p = &s->primary;
	uint32_t cpp = emu_format_cpp(p->fourcc);
	uint32_t vw = cpp ? p->stride / cpp : 0;
	switch (index) {
	case 0: /* VBE_DISPI_INDEX_ID */
		return 0xb0c5;
	case 1:
		return (uint16_t)p->width;
	case 2:
		return (uint16_t)p->height;
	case 3:
		return (uint16_t)(cpp * 8);
	case 4: /* ENABLED | LFB_ENABLED */
		return p->enabled ? 0x41 : 0;
	case 6:
		return (uint16_t)vw;
	case 7:
		return p->stride ? (uint16_t)(s->vram / p->stride) : 0;
	case 8:
		return p->stride && cpp
			   ? (uint16_t)(p->offset % p->stride / cpp)
			   : 0;
	case 9:
		return p->stride ? (uint16_t)(p->offset / p->stride) : 0;
	case 10: /* VBE_DISPI_INDEX_VIDEO_MEMORY_64K */
		return (uint16_t)(s->vram >> 16);
	}
	return 0;
}

/* mbochs.c handle_mmio_read; writes are ignored: the guest is vv-emu. */
static void
mmio_read(const struct emu_state *s, uint64_t pos, uint8_t *buf, size_t n)
{
	const struct vfio_region_gfx_edid *regs = (const void *)s->edid;
	memset(buf, 0, n);
	if (pos < 0x400) {
		if (regs->link_state == VFIO_DEVICE_GFX_LINK_STATE_UP &&
		    pos < regs->edid_size && pos + n <= regs->edid_max_size)
			memcpy(buf, s->edid + regs->edid_offset + pos, n);
	} else if (pos >= 0x500 && pos < 0x516 && n == 2) {
		uint16_t v = dispi_reg(s, (unsigned)(pos - 0x500) / 2);
		memcpy(buf, &v, 2);
	}
}

/* ---- pread / pwrite ---------------------------------------------------- */

static int
find_region(const struct emu_state *s, uint64_t off, size_t n,
	    struct emu_region *out)
{
	for (uint32_t i = 0; i <= MDPY_REGION; i++) {
		if (emu_region_get(s, i, out) || !out->rw_size)
			continue;
		if (off >= out->offset && off + n <= out->offset + out->rw_size)
			return 0;
	}
	return -EINVAL;
}

static int
region_access(const struct emu_ctx *ctx, struct emu_state *s,
	      const struct emu_region *r, uint64_t pos, uint8_t *buf, size_t n,
	      bool write, int *vram_fd)
{
	char path[EMU_PATH_MAX];
	switch (r->kind) {
	case EMU_REGION_CONFIG:
		if (!write)
			memcpy(buf, s->config + pos, n);
		return 0; /* config writes are ignored */
	case EMU_REGION_MMIO:
		if (!write)
			mmio_read(s, pos, buf, n);
		return 0;
	case EMU_REGION_EDID:
		return edid_access(s, pos, buf, n, write);
	case EMU_REGION_VRAM:
		if (s->profile != EMU_MDPY)
			return -ENODEV; /* see README: not emulated */
		if (*vram_fd < 0) {
			int e = emu_fb_path(path, ctx->root, s, 1, &s->primary);
			if (e || (*vram_fd = emu_fb_open(
				      path, s->vram, O_RDWR | O_CLOEXEC)) < 0)
				return -EFAULT;
		}
		/* mdpy.c mdpy_access: memcpy to/from memblk, ignoring the
		 * offset: every access hits the first bytes */
		ssize_t k = write ? emu_sys_pwrite(*vram_fd, buf, n, 0)
				  : emu_sys_pread(*vram_fd, buf, n, 0);
		return k == (ssize_t)n ? 0 : -EFAULT;
	case EMU_REGION_NONE:
		if (!write)
			memset(buf, 0, n);
		return 0;
	}
	return -EINVAL;
}

ssize_t
emu_device_rw(const struct emu_ctx *ctx, const struct emu_fd *f, void *buf,
	      size_t count, off_t off, bool write)
{
	struct emu_dev dev;
	struct emu_region r;
	int vram_fd = -1;
	ssize_t ret = emu_state_lock(ctx->root, f->uuid, &dev);
	if (ret)
		return -ENODEV;
	struct emu_state *s = dev.s;
	bool chunked = s->profile == EMU_MBOCHS || s->profile == EMU_MDPY;
	uint8_t *b = buf;
	uint64_t pos = (uint64_t)off;
	if (s->flags & EMU_REMOVED) {
		ret = -ENODEV;
		goto out;
	}
	if ((ret = emu_fail_check(s, write ? EMU_OP_PWRITE : EMU_OP_PREAD)))
		goto out;
	if (!chunked) {
		/* kvmgt.c intel_vgpu_rw: one access inside one region */
		if ((ret = find_region(s, pos, count, &r)))
			goto out;
		ret = region_access(ctx, s, &r, pos - r.offset, b, count, write,
				    &vram_fd);
		ret = ret ? ret : (ssize_t)count;
		goto out;
	}
	/* mbochs.c mbochs_read/mbochs_write (mdpy.c alike): 4, 2 or 1 byte
	 * accesses, each must land in a region, else -EFAULT */
	while (count) {
		size_t n = count >= 4 && !(pos % 4)   ? 4
			   : count >= 2 && !(pos % 2) ? 2
						      : 1;
		if (find_region(s, pos, n, &r) ||
		    region_access(ctx, s, &r, pos - r.offset, b, n, write,
				  &vram_fd)) {
			ret = -EFAULT;
			goto out;
		}
		b += n;
		pos += n;
		count -= n;
		ret += (ssize_t)n;
	}
out:
	if (vram_fd >= 0)
		close(vram_fd);
	emu_state_unlock(&dev);
	return ret;
}

/* ---- mmap -------------------------------------------------------------- */

static void *
fail_map(int err)
{
	errno = err;
	return MAP_FAILED;
}

static void *
mmap_dmabuf(const struct emu_ctx *ctx, int fd, const struct emu_fd *f,
	    void *addr, size_t len, int prot, int flags, off_t off)
{
	struct emu_dev dev;
	if (emu_state_lock(ctx->root, f->uuid, &dev))
		return fail_map(ENODEV);
	enum emu_profile profile = dev.s->profile;
	emu_state_unlock(&dev);
	bool shared = (flags & MAP_TYPE) != MAP_PRIVATE;
	if (profile == EMU_MBOCHS) {
		/* guest-probe mbochs.quirk.dmabuf_not_mmappable: the file is
		 * O_RDONLY, PROT_WRITE|MAP_SHARED -> EACCES (mm), anything
		 * else -> EINVAL */
		return fail_map(shared && (prot & PROT_WRITE) ? EACCES
							      : EINVAL);
	}
	/* dma-buf.c dma_buf_mmap_internal: within the buffer's pages */
	off_t size = lseek(fd, 0, SEEK_END);
	if (size < 0 || off < 0 ||
	    (uint64_t)off / 4096 + (len + 4095) / 4096 > (uint64_t)size / 4096)
		return fail_map(EINVAL);
	return emu_sys_mmap(addr, len, prot, flags, fd, off);
}

static void *
mmap_device(const struct emu_ctx *ctx, const struct emu_fd *f, void *addr,
	    size_t len, int prot, int flags, off_t off)
{
	char path[EMU_PATH_MAX];
	struct emu_dev dev;
	struct emu_region r;
	void *m = MAP_FAILED;
	int err = EINVAL;
	if (emu_state_lock(ctx->root, f->uuid, &dev))
		return fail_map(ENODEV);
	struct emu_state *s = dev.s;
	bool shared = (flags & MAP_TYPE) != MAP_PRIVATE;
	int fail = emu_fail_check(s, EMU_OP_MMAP);
	s->n_mmap++;
	if (s->flags & EMU_REMOVED) {
		err = ENODEV;
	} else if (fail) {
		err = -fail;
	} else if (find_region(s, (uint64_t)off, 1, &r) ||
		   r.kind != EMU_REGION_VRAM || (uint64_t)off != r.offset ||
		   len > r.size || !shared) {
		/* mdpy.c mdpy_mmap, mbochs.c mbochs_mmap: the whole region
		 * from its start, shared, no longer than it */
		err = EINVAL;
	} else if (s->profile != EMU_MDPY) {
		err = ENODEV; /* see README: not emulated */
	} else if (!emu_fb_path(path, ctx->root, s, 1, &s->primary)) {
		int fd = emu_fb_open(path, s->vram, O_RDWR | O_CLOEXEC);
		if (fd >= 0) {
			m = emu_sys_mmap(addr, len, prot, flags, fd, 0);
			err = m == MAP_FAILED ? errno : 0;
			close(fd);
		} else {
			err = -fd;
		}
	}
	emu_state_unlock(&dev);
	return m == MAP_FAILED ? fail_map(err) : m;
}

void *
emu_mmap(const struct emu_ctx *ctx, int fd, const struct emu_fd *f, void *addr,
	 size_t len, int prot, int flags, off_t off)
{
	struct emu_open st;
	switch (f->kind) {
	case EMU_FD_DMABUF:
		return mmap_dmabuf(ctx, fd, f, addr, len, prot, flags, off);
	case EMU_FD_CDEV:
		if (emu_marker_read(fd, &st) || !(st.flags & EMU_OPEN_BOUND))
			return fail_map(EINVAL);
		return mmap_device(ctx, f, addr, len, prot, flags, off);
	case EMU_FD_DEVICE:
		return mmap_device(ctx, f, addr, len, prot, flags, off);
	default:
		return fail_map(ENODEV);
	}
}

/* ---- defaults ---------------------------------------------------------- */

static void
config_ids(struct emu_state *s, uint16_t vendor, uint16_t device,
	   uint8_t class_hi)
{
	memcpy(s->config + 0, &vendor, 2);
	memcpy(s->config + 2, &device, 2);
	s->config[0x0b] = class_hi; /* 0x03: display controller */
}

int
emu_mdpy_gradient(const char *root, const struct emu_state *s)
{
	char path[EMU_PATH_MAX];
	const struct emu_plane *p = &s->primary;
	int r = emu_fb_path(path, root, s, 1, p);
	if (r)
		return r;
	int fd = emu_fb_open(path, s->vram, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return fd;
	uint8_t *m = emu_sys_mmap(NULL, s->vram, PROT_READ | PROT_WRITE,
				  MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -errno;
	/* mdpy.c: row y is bytes y * 255 / height, X byte included
	 * (guest-probe mdpy.initial_gray_gradient) */
	memset(m, 0, s->vram);
	for (uint32_t y = 0; y < p->height; y++)
		memset(m + (size_t)y * p->stride, (int)(y * 255 / p->height),
		       p->width * 4);
	munmap(m, s->vram);
	return 0;
}

void
emu_device_init(struct emu_state *s)
{
	struct vfio_region_gfx_edid *regs = (void *)s->edid;
	switch (s->profile) {
	case EMU_MBOCHS:
		config_ids(s, 0x1234, 0x1111, 0x03); /* mbochs.c */
		regs->edid_offset = 0x800; /* MBOCHS_EDID_BLOB_OFFSET */
		regs->edid_max_size = 0x400;
		s->next_id = 1;
		break;
	case EMU_MDPY:
		config_ids(s, 0x1b36, 0x000f, 0x03); /* mdpy.c */
		/* mdpy_create_vconfig: a vendor capability with the mode */
		s->config[0x06] = 0x10; /* status: capability list */
		s->config[0x34] = 0x40;
		s->config[0x40] = 0x09; /* PCI_CAP_ID_VNDR */
		s->config[0x42] = 0x10;
		memcpy(s->config + 0x44, &s->primary.fourcc, 4);
		memcpy(s->config + 0x48, &s->primary.width, 4);
		memcpy(s->config + 0x4c, &s->primary.height, 4);
		break;
	case EMU_GVT:
		config_ids(s, 0x8086, 0x1912, 0x03);
		regs->edid_offset = 0x800; /* kvmgt.c EDID_BLOB_OFFSET */
		regs->edid_max_size = 128; /* EDID_SIZE */
		break;
	case EMU_MTTY:
		config_ids(s, 0x4348, 0x3253, 0x07); /* mtty.c: serial */
		break;
	case EMU_PROFILE_COUNT:
		break;
	}
	regs->max_xres = s->max_xres;
	regs->max_yres = s->max_yres;
}
