/* emu-client: the group path and the mbochs, mdpy and mtty profiles,
 * checked against what kernel-e2e/guest-probe.c saw on real 6.1. */
#include "emu-client.h"
#include "emu-format.h"

#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/dma-buf.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define P_PROBE  VFIO_GFX_PLANE_TYPE_PROBE
#define P_DMABUF VFIO_GFX_PLANE_TYPE_DMABUF
#define P_REGION VFIO_GFX_PLANE_TYPE_REGION

static bool
plane_zero(const struct vfio_device_gfx_plane_info *p)
{
	return !p->drm_format && !p->drm_format_mod && !p->width &&
	       !p->height && !p->stride && !p->size && !p->x_pos && !p->y_pos &&
	       !p->x_hot && !p->y_hot && !p->dmabuf_id;
}

/* GET_REGION_INFO the portable way; returns -errno, fills the cap type */
static long
region(int dev, uint32_t index, struct vfio_region_info *out, uint32_t *cap)
{
	union {
		struct vfio_region_info ri;
		char raw[64];
	} u;
	memset(&u, 0, sizeof u);
	u.ri.argsz = sizeof u.ri;
	u.ri.index = index;
	long r = xioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &u.ri);
	*cap = 0;
	if (!r && (u.ri.flags & VFIO_REGION_INFO_FLAG_CAPS) &&
	    u.ri.argsz <= sizeof u.raw) {
		uint32_t want = u.ri.argsz;
		memset(&u, 0, sizeof u);
		u.ri.argsz = want;
		u.ri.index = index;
		r = xioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &u.ri);
		if (!r && u.ri.cap_offset) {
			struct vfio_region_info_cap_type *ct =
			    (void *)(u.raw + u.ri.cap_offset);
			*cap = ct->type << 8 | ct->subtype;
		}
	}
	*out = u.ri;
	return r;
}

/* the legacy open sequence, step by step (guest-probe open_mdev) */
static int
group_sequence(struct emu_report *rep, const char *uuid, int group, int fds[2])
{
	char node[64], buf[128], upper[40];
	struct vfio_group_status st = { .argsz = sizeof st };
	snprintf(node, sizeof node, "/dev/vfio/%d", group);
	fds[0] = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	long api = xioctl(fds[0], VFIO_GET_API_VERSION, NULL);
	long ext = ioctl(fds[0], VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU);
	check(rep, "container",
	      fds[0] >= 0 && api == VFIO_API_VERSION && ext == 1,
	      "fd=%d api=%ld ext=%ld", fds[0], api, ext);
	fds[1] = open(node, O_RDWR | O_CLOEXEC);
	long r = xioctl(fds[1], VFIO_GROUP_GET_STATUS, &st);
	check(rep, "group.status", fds[1] >= 0 && !r && st.flags == 1,
	      "flags=%u", st.flags);
	check(rep, "group.link",
	      !strcmp(fd_link(fds[1], buf, sizeof buf), node), "%s", buf);
	check(rep, "container.link",
	      !strcmp(fd_link(fds[0], buf, sizeof buf), "/dev/vfio/vfio"), "%s",
	      buf);
	int g2 = open(node, O_RDWR | O_CLOEXEC);
	check(rep, "group.exclusive", g2 < 0 && errno == EBUSY, "fd=%d", g2);
	pid_t pid = fork();
	if (pid == 0) {
		int g = open(node, O_RDWR);
		_exit(g < 0 && errno == EBUSY ? 0 : 1);
	}
	int ws = 0;
	waitpid(pid, &ws, 0);
	check(rep, "group.exclusive_other_process",
	      WIFEXITED(ws) && !WEXITSTATUS(ws), "status %d", ws);
	r = xioctl(fds[1], VFIO_GROUP_GET_DEVICE_FD, (void *)uuid);
	check(rep, "devfd_before_container", r == -EINVAL, "%ld", r);
	r = xioctl(fds[1], VFIO_GROUP_SET_CONTAINER, &fds[0]);
	check(rep, "set_container", r == 0, "%ld", r);
	r = xioctl(fds[1], VFIO_GROUP_GET_DEVICE_FD, (void *)uuid);
	check(rep, "devfd_before_iommu", r == -EINVAL, "%ld", r);
	r = ioctl(fds[0], VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU) ? -errno : 0;
	check(rep, "set_iommu", r == 0, "%ld", r);
	snprintf(upper, sizeof upper, "%s", uuid);
	for (char *c = upper; *c; c++)
		if (*c >= 'a' && *c <= 'f')
			*c -= 32;
	r = xioctl(fds[1], VFIO_GROUP_GET_DEVICE_FD, upper);
	check(rep, "devfd_uppercase", r == -ENODEV, "%ld", r);
	int dev = (int)xioctl(fds[1], VFIO_GROUP_GET_DEVICE_FD, (void *)uuid);
	check(rep, "device_fd", dev >= 0 && (fcntl(dev, F_GETFD) & FD_CLOEXEC),
	      "%d", dev);
	check(
	    rep, "device.link",
	    !strcmp(fd_link(dev, buf, sizeof buf), "anon_inode:[vfio-device]"),
	    "%s", buf);
	st.argsz = sizeof st;
	xioctl(fds[1], VFIO_GROUP_GET_STATUS, &st);
	check(rep, "group.status_after", st.flags == 3, "0x%x", st.flags);
	r = xioctl(fds[0], _IO(VFIO_TYPE, VFIO_BASE + 60), NULL);
	check(rep, "container.unknown_ioctl", r == -ENOTTY, "%ld", r);
	return dev;
}

static long
query_primary(int dev, struct vfio_device_gfx_plane_info *p, long *first)
{
	long r = query(dev, P_DMABUF, 1, p);
	*first = r;
	return r == -ENOMEM ? query(dev, P_DMABUF, 1, p) : r;
}

/* pixels of a dma-buf we may not mmap: through its backing file */
static long
dmabuf_bad_pixels(int d, uint32_t w, uint32_t h, uint32_t stride, uint32_t seed)
{
	int fd = reopen_real(d);
	long bad = (long)w * h;
	uint8_t *row = malloc(stride);
	for (uint32_t y = 0; fd >= 0 && row && y < h; y++) {
		/* pread on a dma-buf is refused (as the kernel): raw */
		if (syscall(SYS_pread64, fd, row, stride, (off_t)y * stride) !=
		    stride)
			break;
		for (uint32_t x = 0; x < w; x++) {
			uint32_t v;
			memcpy(&v, row + x * 4, 4);
			bad -= (v & 0xffffff) == emu_pat(seed, x, y);
		}
	}
	free(row);
	if (fd >= 0)
		close(fd);
	return bad;
}

static void
mbochs_planes(struct emu_report *rep, int dev)
{
	struct vfio_device_gfx_plane_info p, c;
	static const uint32_t bad_flags[] = {
		P_PROBE,  P_PROBE | P_DMABUF | P_REGION, 0,
		P_REGION, P_DMABUF | P_REGION,           P_DMABUF | 8
	};
	long r = query(dev, P_PROBE | P_DMABUF, 1, &p);
	long r2 = query(dev, P_PROBE | P_REGION, 1, &p);
	check(rep, "probe", r == 0 && r2 == -EINVAL, "%ld %ld", r, r2);
	for (size_t i = 0; i < sizeof bad_flags / sizeof bad_flags[0]; i++) {
		r = query(dev, bad_flags[i], 1, &p);
		check(rep, "bad_flags", r == -EINVAL, "flags 0x%x: %ld",
		      bad_flags[i], r);
	}
	memset(&p, 0, sizeof p);
	p.argsz = offsetof(struct vfio_device_gfx_plane_info, dmabuf_id);
	p.flags = P_DMABUF;
	p.drm_plane_type = 1;
	r = xioctl(dev, VFIO_DEVICE_QUERY_GFX_PLANE, &p);
	check(rep, "short_argsz", r == -EINVAL, "%ld", r);
	struct {
		struct vfio_device_gfx_plane_info p;
		char more[64];
	} big;
	memset(&big, 0, sizeof big);
	big.p.argsz = sizeof big;
	big.p.flags = P_DMABUF;
	big.p.drm_plane_type = 1;
	r = xioctl(dev, VFIO_DEVICE_QUERY_GFX_PLANE, &big);
	check(rep, "long_argsz", r == 0, "%ld", r);
	memset(&p, 0xab, sizeof p);
	r = query(dev, P_DMABUF, 1, &p);
	c.argsz = 0;
	long rc = query(dev, P_DMABUF, 2, &c);
	check(rep, "no_mode_zero",
	      r == 0 && plane_zero(&p) && !rc && plane_zero(&c), "%ld fmt=0x%x",
	      r, p.drm_format);
}

static void
mbochs_dmabuf(struct emu_report *rep, int dev)
{
	struct vfio_device_gfx_plane_info p, c;
	long first, r;
	char buf[128];
	tool("mode %s 640x480", getenv("UUID"));
	tool("draw %s 1", getenv("UUID"));
	r = query_primary(dev, &p, &first);
	check(rep, "first_query_enomem", first == -ENOMEM, "%ld", first);
	check(rep, "primary",
	      r == 0 && p.drm_format == DRM_FORMAT_XRGB8888 && p.width == 640 &&
		  p.height == 480 && p.stride == 2560 && p.size == 1228800 &&
		  p.dmabuf_id && !p.drm_format_mod,
	      "%ld %ux%u stride %u size %u id %u", r, p.width, p.height,
	      p.stride, p.size, p.dmabuf_id);
	uint32_t id1 = p.dmabuf_id;
	r = query(dev, P_DMABUF, 1, &p);
	check(rep, "id_stable", r == 0 && p.dmabuf_id == id1, "%u",
	      p.dmabuf_id);
	long rc = query(dev, P_DMABUF, 2, &c);
	long ro = query(dev, P_DMABUF, 0, &p);
	check(rep, "cursor_overlay_empty",
	      !rc && plane_zero(&c) && !ro && plane_zero(&p), "%ld %ld", rc,
	      ro);
	uint32_t id = id1;
	int d = (int)xioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);
	check(rep, "export",
	      d >= 0 && !(fcntl(d, F_GETFD) & FD_CLOEXEC) &&
		  (fcntl(d, F_GETFL) & O_ACCMODE) == O_RDONLY,
	      "fd=%d", d);
	if (d < 0)
		return;
	check(rep, "dmabuf.size", lseek(d, 0, SEEK_END) == 1228800, "%lld",
	      (long long)lseek(d, 0, SEEK_END));
	check(rep, "dmabuf.link",
	      !strcmp(fd_link(d, buf, sizeof buf), "anon_inode:dmabuf"), "%s",
	      buf);
	void *ms = mmap(NULL, 1228800, PROT_READ, MAP_SHARED, d, 0);
	int e1 = errno;
	void *mw =
	    mmap(NULL, 1228800, PROT_READ | PROT_WRITE, MAP_SHARED, d, 0);
	int e2 = errno;
	void *mp = mmap(NULL, 1228800, PROT_READ, MAP_PRIVATE, d, 0);
	check(rep, "dmabuf.not_mmappable",
	      ms == MAP_FAILED && e1 == EINVAL && mw == MAP_FAILED &&
		  e2 == EACCES && mp == MAP_FAILED,
	      "%d %d", e1, e2);
	struct dma_buf_sync sy = { .flags =
				       DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ };
	check(rep, "dmabuf.sync", xioctl(d, DMA_BUF_IOCTL_SYNC, &sy) == 0, "-");
	check(rep, "dmabuf.pixels",
	      dmabuf_bad_pixels(d, 640, 480, 2560, 1) == 0, "-");
	tool("draw %s 7", getenv("UUID"));
	check(rep, "dmabuf.live", dmabuf_bad_pixels(d, 640, 480, 2560, 7) == 0,
	      "-");
	id = 999;
	r = xioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);
	id = 0;
	long r0 = xioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);
	check(rep, "export_unknown", r == -ENOENT && r0 == -ENOENT, "%ld %ld",
	      r, r0);

	tool("flip %s --seed 2", getenv("UUID"));
	r = query_primary(dev, &p, &first);
	check(rep, "flip_new_id", first == -ENOMEM && !r && p.dmabuf_id != id1,
	      "%ld %ld id %u", first, r, p.dmabuf_id);
	id = p.dmabuf_id;
	int d2 = (int)xioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);
	check(rep, "flip_pixels", dmabuf_bad_pixels(d2, 640, 480, 2560, 2) == 0,
	      "-");
	if (d2 >= 0)
		close(d2);
	tool("flip %s --seed 7", getenv("UUID"));
	r = query(dev, P_DMABUF, 1, &p);
	check(rep, "flip_back_reuses_id", r == 0 && p.dmabuf_id == id1,
	      "%ld %u", r, p.dmabuf_id);
	tool("mode %s 640x480 --offset 2560", getenv("UUID"));
	r = query_primary(dev, &p, &first);
	id = p.dmabuf_id;
	long ex = xioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);
	check(rep, "unaligned_export", !r && p.dmabuf_id && ex == -EINVAL,
	      "%ld", ex);
	tool("mode %s 1280x1024", getenv("UUID"));
	r = query_primary(dev, &p, &first);
	check(rep, "too_big_no_plane", !r && plane_zero(&p), "%ld", r);
	tool("mode %s 640x480 --format RG16", getenv("UUID"));
	r = query_primary(dev, &p, &first);
	check(rep, "bpp16_no_plane", !r && plane_zero(&p), "%ld", r);
	tool("mode %s 640x480", getenv("UUID"));
	tool("off %s", getenv("UUID"));
	r = query(dev, P_DMABUF, 1, &p);
	check(rep, "off_no_plane", !r && plane_zero(&p), "%ld", r);
	tool("on %s", getenv("UUID"));
	r = query(dev, P_DMABUF, 1, &p);
	check(rep, "on_reuses_id", !r && p.dmabuf_id == id1, "%ld %u", r,
	      p.dmabuf_id);
	close(dev); /* the dma-buf outlives the device fd */
	check(rep, "dmabuf.outlives_device",
	      dmabuf_bad_pixels(d, 640, 480, 2560, 7) == 0, "-");
	close(d);
}

static void
mbochs_regions(struct emu_report *rep, int dev)
{
	struct vfio_device_info di = { .argsz = sizeof di };
	struct vfio_region_info ri;
	uint32_t cap;
	long r = xioctl(dev, VFIO_DEVICE_GET_INFO, &di);
	check(rep, "device_info",
	      !r && di.flags == VFIO_DEVICE_FLAGS_PCI && di.num_regions == 10 &&
		  di.num_irqs == 5,
	      "%ld %u %u", r, di.num_regions, di.num_irqs);
	r = region(dev, 0, &ri, &cap);
	check(rep, "region.bar0",
	      !r && ri.offset == 0x3000 && ri.size == 4 << 20 && ri.flags == 7,
	      "0x%llx", (unsigned long long)ri.offset);
	r = region(dev, 2, &ri, &cap);
	check(rep, "region.bar2",
	      !r && ri.offset == 0x1000 && ri.size == 0x1000, "-");
	r = region(dev, 7, &ri, &cap);
	check(rep, "region.config", !r && ri.offset == 0 && ri.size == 0xff,
	      "-");
	r = region(dev, 9, &ri, &cap);
	check(rep, "region.edid",
	      !r && ri.offset == 0x2000 && cap == 0x101 && ri.flags == 0xb,
	      "cap 0x%x", cap);
	union {
		struct vfio_region_info ri;
		char raw[4096];
	} u;
	memset(&u, 0, sizeof u);
	u.ri.argsz = sizeof u;
	long big = xioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &u.ri);
	memset(&u, 0, sizeof u);
	u.ri.argsz = 32;
	u.ri.index = 9;
	r = xioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &u.ri);
	check(rep, "region.argsz_dance",
	      big == -EINVAL && !r && u.ri.argsz == 48 && u.ri.cap_offset == 32,
	      "%ld %ld %u", big, r, u.ri.argsz);
	r = region(dev, 10, &ri, &cap);
	check(rep, "region.10", r == -EINVAL, "%ld", r);
	uint16_t ids[2] = { 0, 0 }, vbe = 0;
	pread(dev, ids, 4, 0);
	pread(dev, &vbe, 2, 0x1000 + 0x500);
	check(rep, "identity",
	      ids[0] == 0x1234 && ids[1] == 0x1111 && vbe == 0xb0c5,
	      "%04x:%04x 0x%x", ids[0], ids[1], vbe);
	/* EDID: QEMU's protocol, then the tool reads the mode back */
	struct vfio_region_gfx_edid e;
	check(rep, "edid.regs",
	      pread(dev, &e, sizeof e, 0x2000) == sizeof e &&
		  e.edid_offset == 0x800 && e.edid_max_size == 0x400 &&
		  e.max_xres == 800 && e.max_yres == 600 && !e.edid_size,
	      "-");
	uint8_t blob[128] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	blob[54] = 0x64; /* a pixel clock, then 1024x768 */
	blob[56] = 1024 & 255;
	blob[58] = (1024 >> 8) << 4;
	blob[59] = 768 & 255;
	blob[61] = (768 >> 8) << 4;
	uint32_t down = 2, up = 1, sz = 128;
	pwrite(dev, &down, 4,
	       0x2000 + offsetof(struct vfio_region_gfx_edid, link_state));
	pwrite(dev, blob, sizeof blob, 0x2000 + 0x800);
	pwrite(dev, &sz, 4,
	       0x2000 + offsetof(struct vfio_region_gfx_edid, edid_size));
	pwrite(dev, &up, 4,
	       0x2000 + offsetof(struct vfio_region_gfx_edid, link_state));
	uint8_t seen[8] = { 0 };
	pread(dev, seen, 8, 0x1000);
	check(rep, "edid.mmio_copy", !memcmp(seen, blob, 8), "-");
	check(rep, "edid.tool", tool("edid %s", getenv("UUID")) == 0, "-");
	r = xioctl(dev, VFIO_DEVICE_RESET, NULL);
	check(rep, "reset", r == 0, "%ld", r);
	r = xioctl(dev, _IO(VFIO_TYPE, VFIO_BASE + 60), NULL);
	check(rep, "device.unknown_ioctl", r == -ENOTTY, "%ld", r);
}

int
check_mbochs(struct emu_report *rep, const char *uuid, int group)
{
	int fds[2];
	setenv("UUID", uuid, 1);
	int dev = group_sequence(rep, uuid, group, fds);
	if (dev < 0)
		return 1;
	mbochs_regions(rep, dev);
	mbochs_planes(rep, dev); /* no mode yet */
	mbochs_dmabuf(rep, dev); /* closes dev */
	close(fds[1]);
	close(fds[0]);
	return 0;
}

int
check_mdpy(struct emu_report *rep, const char *uuid, int group)
{
	struct vfio_device_gfx_plane_info p, c;
	struct vfio_device_info di = { .argsz = sizeof di };
	struct vfio_region_info ri, r16;
	uint32_t cap;
	int fds[2];
	int dev = open_group_path(uuid, group, fds);
	check(rep, "open", dev >= 0, "%d", dev);
	if (dev < 0)
		return 1;
	long r = xioctl(dev, VFIO_DEVICE_GET_INFO, &di);
	check(rep, "device_info", !r && di.num_regions == 9, "%u",
	      di.num_regions);
	long a = region(dev, 0, &ri, &cap), b = region(dev, 16, &r16, &cap);
	long e9 = region(dev, 9, &ri, &cap);
	long e17 = region(dev, 17, &ri, &cap);
	check(rep, "region16",
	      !a && !b && r16.offset == 0x1000 && r16.size == 2 << 20 &&
		  e9 == -EINVAL && e17 == -EINVAL,
	      "%ld %ld %ld %ld", a, b, e9, e17);
	uint8_t cfg[0x50];
	pread(dev, cfg, sizeof cfg, 0);
	uint32_t w, h;
	memcpy(&w, cfg + 0x48, 4);
	memcpy(&h, cfg + 0x4c, 4);
	check(rep, "config_cap",
	      cfg[0] == 0x36 && cfg[1] == 0x1b && cfg[0x34] == 0x40 &&
		  cfg[0x40] == 9 && w == 640 && h == 480,
	      "%ux%u", w, h);
	long pr = query(dev, P_PROBE | P_REGION, 1, &p);
	long pd = query(dev, P_PROBE | P_DMABUF, 1, &p);
	long qd = query(dev, P_DMABUF, 1, &p);
	check(rep, "probe", !pr && pd == -EINVAL && qd == -EINVAL,
	      "%ld %ld %ld", pr, pd, qd);
	r = query(dev, P_REGION, 1, &p);
	check(rep, "primary",
	      !r && p.width == 640 && p.stride == 2560 && p.size == 2 << 20 &&
		  p.region_index == 16,
	      "%ld", r);
	r = query(dev, P_REGION, 2, &c);
	check(rep, "cursor_is_primary",
	      !r &&
		  !memcmp(&c.drm_format, &p.drm_format,
			  sizeof c - offsetof(struct vfio_device_gfx_plane_info,
					      drm_format)),
	      "-");
	uint32_t id = 1;
	r = xioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);
	check(rep, "no_get_dmabuf", r == -ENOTTY, "%ld", r);
	uint8_t *m =
	    mmap(NULL, p.size, PROT_READ | PROT_WRITE, MAP_SHARED, dev, 0x1000);
	check(rep, "mmap", m != MAP_FAILED, "%s", strerror(errno));
	if (m == MAP_FAILED)
		return 1;
	long bad = 0;
	for (uint32_t y = 0; y < 480; y++)
		for (uint32_t x = 0; x < 640; x++) {
			uint32_t v;
			memcpy(&v, m + y * 2560 + x * 4, 4);
			bad += v != (y * 255 / 480) * 0x01010101u;
		}
	check(rep, "gray_gradient", bad == 0, "%ld", bad);
	void *x1 = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, dev, 0x1000);
	void *x2 = mmap(NULL, 4096, PROT_READ, MAP_SHARED, dev, 0x2000);
	void *x3 =
	    mmap(NULL, p.size + 4096, PROT_READ, MAP_SHARED, dev, 0x1000);
	check(rep, "mmap_refused",
	      x1 == MAP_FAILED && x2 == MAP_FAILED && x3 == MAP_FAILED, "-");
	tool("draw %s 4", uuid);
	bad = 0;
	for (uint32_t y = 0; y < 480; y++)
		for (uint32_t x = 0; x < 640; x++) {
			uint32_t v;
			memcpy(&v, m + y * 2560 + x * 4, 4);
			bad += (v & 0xffffff) != emu_pat(4, x, y);
		}
	check(rep, "draw_live", bad == 0, "%ld", bad);
	uint32_t px[4] = { 0 };
	ssize_t n = pread(dev, px, 16, 0x1000 + 100 * 2560 + 40);
	check(rep, "pread_ignores_offset",
	      n == 16 && px[0] == (0xff000000u | emu_pat(4, 0, 0)) &&
		  px[3] == (0xff000000u | emu_pat(4, 0, 0)),
	      "%zd 0x%x", n, px[0]);
	uint32_t mark = 0xc0ffee;
	n = pwrite(dev, &mark, 4, 0x1000 + 200 * 2560 + 80);
	check(rep, "pwrite_ignores_offset",
	      n == 4 && *(volatile uint32_t *)m == mark, "-");
	r = xioctl(dev, VFIO_DEVICE_RESET, NULL);
	uint32_t last;
	memcpy(&last, m + 479 * 2560, 4);
	check(rep, "reset_gradient", !r && last == 0xfefefefe, "0x%x", last);
	munmap(m, p.size);
	close(dev);
	close(fds[1]);
	close(fds[0]);
	return 0;
}

int
check_mtty(struct emu_report *rep, const char *uuid, int group)
{
	struct vfio_device_gfx_plane_info p;
	int fds[2];
	int dev = open_group_path(uuid, group, fds);
	check(rep, "open", dev >= 0, "%d", dev);
	if (dev < 0)
		return 1;
	long a = query(dev, P_PROBE | P_DMABUF, 1, &p);
	long b = query(dev, P_PROBE | P_REGION, 1, &p);
	uint32_t id = 1;
	long c = xioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);
	check(rep, "no_display", a == -ENOTTY && b == -ENOTTY && c == -ENOTTY,
	      "%ld %ld %ld", a, b, c);
	close(dev);
	close(fds[1]);
	close(fds[0]);
	return 0;
}
