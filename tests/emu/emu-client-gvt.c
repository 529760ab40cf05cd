/* emu-client: the GVT-g profile, sysfs and open semantics, the cdev. */
#include "emu-client.h"
#include "emu-format.h"
#include "emu-uapi.h"

#include <dirent.h>
#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* exports the plane, maps it (gvt dma-bufs are mappable), decodes it and
 * counts pixels that are not pattern @seed (quantized like emu-format) */
static long
gvt_bad_pixels(int dev, const struct vfio_device_gfx_plane_info *p,
	       uint32_t seed, bool *cloexec)
{
	uint32_t id = p->dmabuf_id;
	int d = (int)xioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);
	if (d < 0)
		return -1;
	*cloexec = fcntl(d, F_GETFD) & FD_CLOEXEC;
	long bad = -1;
	uint8_t *m = mmap(NULL, p->size, PROT_READ, MAP_SHARED, d, 0);
	struct emu_plane pl = { .fourcc = p->drm_format,
				.modifier = p->drm_format_mod,
				.width = p->width,
				.height = p->height,
				.stride = p->stride };
	struct emu_plane ref = pl;
	uint32_t *got = calloc((size_t)p->width * p->height, 4);
	uint32_t *want = calloc((size_t)p->width * p->height, 4);
	uint8_t *lin = calloc((size_t)p->width * 4, p->height);
	ref.modifier = DRM_FORMAT_MOD_LINEAR;
	ref.stride = p->width * 4;
	if (m != MAP_FAILED && got && want && lin &&
	    !emu_decode_plane(m, p->size, &pl, got, false)) {
		/* the reference: the same format, linear, decoded */
		ref.stride = p->width * emu_format_cpp(p->drm_format);
		emu_encode_plane(lin, (size_t)p->width * 4 * p->height, &ref,
				 seed, false);
		emu_decode_plane(lin, (size_t)p->width * 4 * p->height, &ref,
				 want, false);
		bad = 0;
		for (size_t i = 0; i < (size_t)p->width * p->height; i++)
			bad += got[i] != want[i];
	}
	if (m != MAP_FAILED)
		munmap(m, p->size);
	free(got);
	free(want);
	free(lin);
	close(d);
	return bad;
}

static void
gvt_format(struct emu_report *rep, int dev, const char *uuid, const char *args,
	   uint32_t fourcc, uint64_t mod, uint32_t size)
{
	struct vfio_device_gfx_plane_info p;
	char name[64];
	bool cloexec = false;
	tool("mode %s %s", uuid, args);
	tool("draw %s 9", uuid);
	long r = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	snprintf(name, sizeof name, "format[%s]", args);
	check(rep, name,
	      !r && p.drm_format == fourcc && p.drm_format_mod == mod &&
		  (!size || p.size == size),
	      "%ld 0x%x mod 0x%llx size %u", r, p.drm_format,
	      (unsigned long long)p.drm_format_mod, p.size);
	long bad = r ? -1 : gvt_bad_pixels(dev, &p, 9, &cloexec);
	snprintf(name, sizeof name, "pixels[%s]", args);
	check(rep, name, bad == 0 && cloexec, "%ld bad, cloexec %d", bad,
	      cloexec);
}

int
check_gvt(struct emu_report *rep, const char *uuid, int group)
{
	struct vfio_device_gfx_plane_info p, q;
	struct vfio_device_info di = { .argsz = sizeof di };
	int fds[2];
	int dev = open_group_path(uuid, group, fds);
	check(rep, "open", dev >= 0, "%d", dev);
	if (dev < 0)
		return 1;
	long r = xioctl(dev, VFIO_DEVICE_GET_INFO, &di);
	check(rep, "device_info", !r && di.num_regions == 11 && (di.flags & 1),
	      "-");
	union {
		struct vfio_region_info ri;
		char raw[64];
	} u;
	memset(&u, 0, sizeof u);
	u.ri.argsz = 32;
	u.ri.index = 10;
	r = xioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &u.ri);
	check(rep, "edid.argsz_dance",
	      !r && u.ri.argsz == 48 && !u.ri.cap_offset, "%u %u", u.ri.argsz,
	      u.ri.cap_offset);
	u.ri.argsz = 48;
	r = xioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &u.ri);
	struct vfio_region_info_cap_type *ct = (void *)(u.raw + 32);
	check(rep, "edid.cap",
	      !r && u.ri.cap_offset == 32 && ct->type == 1 && ct->subtype == 1,
	      "-");
	long a = query(
	    dev, VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	long b = query(
	    dev, VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_REGION, 1, &p);
	check(rep, "probe", !a && b == -EINVAL, "%ld %ld", a, b);
	memset(&p, 0xab, sizeof p);
	p.argsz = sizeof p;
	p.flags = VFIO_GFX_PLANE_TYPE_DMABUF;
	p.drm_plane_type = 1;
	q = p;
	r = xioctl(dev, VFIO_DEVICE_QUERY_GFX_PLANE, &p);
	check(rep, "no_plane_untouched", !r && !memcmp(&p, &q, sizeof p), "%ld",
	      r);
	r = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 0, &p);
	check(rep, "overlay_einval", r == -EINVAL, "%ld", r);

	gvt_format(rep, dev, uuid, "1024x768 --modifier X_TILED",
		   DRM_FORMAT_XRGB8888, I915_FORMAT_MOD_X_TILED, 4096 * 768);
	r = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	uint32_t id1 = p.dmabuf_id;
	check(rep, "id_small", id1 >= 1 && id1 < 8, "%u", id1);
	gvt_format(rep, dev, uuid, "640x100 --modifier Y_TILED",
		   DRM_FORMAT_XRGB8888, I915_FORMAT_MOD_Y_TILED, 2560 * 128);
	gvt_format(rep, dev, uuid, "256x64 --modifier Yf_TILED",
		   DRM_FORMAT_XRGB8888, I915_FORMAT_MOD_Yf_TILED, 1024 * 64);
	gvt_format(rep, dev, uuid, "320x200 --format XB24", DRM_FORMAT_XBGR8888,
		   0, 0);
	gvt_format(rep, dev, uuid, "320x200 --format XR30",
		   DRM_FORMAT_XRGB2101010, 0, 0);
	gvt_format(rep, dev, uuid, "320x200 --format XB30",
		   DRM_FORMAT_XBGR2101010, 0, 0);
	gvt_format(rep, dev, uuid, "320x200 --format RG16", DRM_FORMAT_RGB565,
		   0, 0);
	gvt_format(rep, dev, uuid, "320x200 --format C8", DRM_FORMAT_C8, 0, 0);
	gvt_format(rep, dev, uuid, "320x200 --format YUYV", DRM_FORMAT_YUYV, 0,
		   0);
	tool("mode %s 1024x768 --modifier X_TILED", uuid);
	r = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	check(rep, "id_reused", !r && p.dmabuf_id == id1, "%u", p.dmabuf_id);

	tool("cursor %s -5 10 3 4 --size 64 --seed 2", uuid);
	r = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 2, &p);
	check(rep, "cursor",
	      !r && p.drm_format == DRM_FORMAT_ARGB8888 && p.width == 64 &&
		  p.x_pos == 5 && p.y_pos == 10 && p.x_hot == 3 &&
		  p.y_hot == 4 && p.dmabuf_id && p.dmabuf_id != id1,
	      "%ld %ux%u pos %u,%u hot %u,%u", r, p.width, p.height, p.x_pos,
	      p.y_pos, p.x_hot, p.y_hot);
	tool("cursor %s 0 0 70 2", uuid);
	r = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 2, &p);
	check(rep, "cursor.bad_hotspot",
	      !r && p.x_hot == UINT_MAX && p.y_hot == UINT_MAX, "%u %u",
	      p.x_hot, p.y_hot);
	uint32_t id = 4242;
	r = xioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);
	check(rep, "export_unknown_einval", r == -EINVAL, "%ld", r);
	tool("mode %s 640x480 --offset 100", uuid);
	r = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	check(rep, "unaligned_efault", r == -EFAULT, "%ld", r);
	close(dev);
	close(fds[1]);
	close(fds[0]);
	return 0;
}

/* sysfs through the preload, the way a viewer finds its device */
static void
sysfs(struct emu_report *rep, const char *uuid, int group)
{
	char path[256], buf[PATH_MAX], want[64];
	snprintf(path, sizeof path, "/sys/bus/mdev/devices/%s/iommu_group",
		 uuid);
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof want, "../../../../../kernel/iommu_groups/%d",
		 group);
	check(rep, "sysfs.iommu_group", !strcmp(buf, want), "%s", buf);
	snprintf(path, sizeof path, "/sys/bus/mdev/devices/%s/mdev_type/name",
		 uuid);
	FILE *f = fopen(path, "re");
	char name[64] = "";
	if (f) {
		if (!fgets(name, sizeof name, f))
			name[0] = '\0';
		fclose(f);
	}
	check(rep, "sysfs.type_name", !strcmp(name, "mbochs-small\n"), "%s",
	      name);
	snprintf(path, sizeof path, "/sys/bus/mdev/devices/%s", uuid);
	char *rp = realpath(path, NULL);
	snprintf(want, sizeof want, "/sys/devices/virtual/mbochs/mbochs/");
	check(rep, "sysfs.realpath", rp && !strncmp(rp, want, strlen(want)),
	      "%s", rp ? rp : strerror(errno));
	snprintf(path, sizeof path, "%s/mdev_type/device_api", rp ? rp : "");
	check(rep, "sysfs.realpath_usable", access(path, R_OK) == 0, "%s",
	      path);
	free(rp);
	snprintf(path, sizeof path, "/sys/bus/mdev/devices/%s/vfio-dev", uuid);
	DIR *d = opendir(path);
	struct dirent *e;
	char node[64] = "";
	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, "vfio", 4))
			snprintf(node, sizeof node, "%.60s", e->d_name);
	if (d)
		closedir(d);
	snprintf(path, sizeof path, "/sys/bus/mdev/devices/%s/vfio-dev/%s/dev",
		 uuid, node);
	char dn[96];
	snprintf(dn, sizeof dn, "/dev/vfio/devices/%.40s", node);
	check(rep, "sysfs.vfio_dev_61",
	      node[0] && access(path, F_OK) < 0 && access(dn, F_OK) < 0, "%s",
	      node);
	struct stat st;
	snprintf(dn, sizeof dn, "/dev/vfio/%d", group);
	check(rep, "dev.stat_chr", stat(dn, &st) == 0 && S_ISCHR(st.st_mode),
	      "-");
}

/* group semantics, deny, remove (the script holds nothing) */
int
check_open(struct emu_report *rep, const char *uuid, int group)
{
	char node[64];
	struct vfio_device_gfx_plane_info p;
	int fds[2];
	sysfs(rep, uuid, group);
	snprintf(node, sizeof node, "/dev/vfio/%d", group);
	tool("deny %s", uuid);
	int g = open(node, O_RDWR);
	check(rep, "deny", g < 0 && errno == EACCES, "%d %s", g,
	      strerror(errno));
	tool("allow %s", uuid);
	int dev = open_group_path(uuid, group, fds);
	check(rep, "open", dev >= 0, "%d", dev);
	close(fds[1]);
	g = open(node, O_RDWR | O_CLOEXEC);
	/* group fd closed: the group is free again, the device fd stays */
	check(rep, "group_released", g >= 0, "%s", strerror(errno));
	if (g >= 0)
		close(g);
	tool("fail %s open_group EIO", uuid);
	g = open(node, O_RDWR);
	check(rep, "fail.open_group", g < 0 && errno == EIO, "%d", g);
	tool("fail %s query EAGAIN 2", uuid);
	long r1 = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	long r2 = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	long r3 = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	check(rep, "fail.query", r1 == -EAGAIN && r2 == -EAGAIN && r3 == 0,
	      "%ld %ld %ld", r1, r2, r3);
	tool(
	    "raw %s primary format=XR24 width=99999 height=7 stride=1 size=3 id=77",
	    uuid);
	r1 = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	check(rep, "raw",
	      !r1 && p.width == 99999 && p.height == 7 && p.stride == 1 &&
		  p.size == 3 && p.dmabuf_id == 77,
	      "%ld %u", r1, p.width);
	tool("raw %s primary clear", uuid);
	r1 = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	check(rep, "raw.clear", !r1 && p.width != 99999, "%u", p.width);
	tool("remove %s", uuid);
	r1 = query(dev, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	snprintf(node, sizeof node, "/sys/bus/mdev/devices/%s", uuid);
	check(rep, "remove", r1 == -ENODEV && access(node, F_OK) < 0, "%ld",
	      r1);
	close(dev);
	close(fds[0]);
	return 0;
}

int
check_cdev(struct emu_report *rep, const char *uuid, int group, int cdev)
{
	char node[64], gnode[64], attr[256], buf[128];
	struct vfio_device_gfx_plane_info p;
	snprintf(node, sizeof node, "/dev/vfio/devices/vfio%d", cdev);
	snprintf(gnode, sizeof gnode, "/dev/vfio/%d", group);
	snprintf(attr, sizeof attr,
		 "/sys/bus/mdev/devices/%s/vfio-dev/vfio%d/dev", uuid, cdev);
	FILE *f = fopen(attr, "re");
	char mm[32] = "";
	if (f) {
		if (!fgets(mm, sizeof mm, f))
			mm[0] = '\0';
		fclose(f);
	}
	check(rep, "cdev.dev_attr", mm[0] && access(node, F_OK) == 0, "%s", mm);
	int fd = open(node, O_RDWR | O_CLOEXEC);
	check(rep, "cdev.open", fd >= 0, "%s", strerror(errno));
	long r = query(
	    fd, VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	check(rep, "cdev.before_bind", r == -EINVAL, "%ld", r);
	check(rep, "cdev.link", !strcmp(fd_link(fd, buf, sizeof buf), node),
	      "%s", buf);
	int iommufd = open("/dev/iommu", O_RDWR | O_CLOEXEC);
	struct vfio_device_bind_iommufd bd = { .argsz = sizeof bd,
					       .iommufd = iommufd };
	r = xioctl(fd, VFIO_DEVICE_BIND_IOMMUFD, &bd);
	struct iommu_ioas_alloc a = { .size = sizeof a };
	long ra = xioctl(iommufd, IOMMU_IOAS_ALLOC, &a);
	struct vfio_device_attach_iommufd_pt at = { .argsz = sizeof at,
						    .pt_id = a.out_ioas_id };
	long rt = xioctl(fd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at);
	check(rep, "cdev.bind_attach", !r && !ra && !rt, "%ld %ld %ld", r, ra,
	      rt);
	int fd2 = open(node, O_RDWR | O_CLOEXEC);
	struct vfio_device_bind_iommufd b2 = { .argsz = sizeof b2,
					       .iommufd = iommufd };
	long r2 =
	    fd2 >= 0 ? xioctl(fd2, VFIO_DEVICE_BIND_IOMMUFD, &b2) : -errno;
	check(rep, "cdev.second_bind", fd2 >= 0 && r2 == -EINVAL, "%ld", r2);
	if (fd2 >= 0)
		close(fd2);
	int g = open(gnode, O_RDWR | O_CLOEXEC);
	check(rep, "cdev.group_busy", g < 0 && errno == EBUSY, "%d", g);
	r = query(fd, VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF, 1,
		  &p);
	check(rep, "cdev.query", r == 0, "%ld", r);
	close(fd);
	g = open(gnode, O_RDWR | O_CLOEXEC);
	check(rep, "cdev.group_free_after_close", g >= 0, "%s",
	      strerror(errno));
	if (g >= 0)
		close(g);
	close(iommufd);
	return 0;
}
