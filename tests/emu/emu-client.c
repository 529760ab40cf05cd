/* emu-client: helpers, the open paths, hand-over checks, main. */
#include "emu-client.h"
#include "emu-format.h"
#include "emu-uapi.h"

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

void
check(struct emu_report *rep, const char *name, bool ok, const char *fmt, ...)
{
	va_list ap;
	printf("%s %s", ok ? "ok  " : "FAIL", name);
	if (!ok) {
		fputs(": ", stdout);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		rep->failed++;
	}
	putchar('\n');
	fflush(stdout);
}

long
xioctl(int fd, unsigned long req, void *arg)
{
	long r = ioctl(fd, req, arg);
	return r < 0 ? -errno : r;
}

int
tool(const char *fmt, ...)
{
	char cmd[512], *argv[32];
	int argc = 0, st = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	argv[argc++] = getenv("VV_EMU");
	for (char *w = strtok(cmd, " "); w && argc < 31; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		unsetenv("LD_PRELOAD");
		execv(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

long
query(int dev, uint32_t flags, uint32_t type,
      struct vfio_device_gfx_plane_info *p)
{
	memset(p, 0, sizeof *p);
	p->argsz = sizeof *p;
	p->flags = flags;
	p->drm_plane_type = type;
	return xioctl(dev, VFIO_DEVICE_QUERY_GFX_PLANE, p);
}

const char *
fd_link(int fd, char *buf, size_t len)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, buf, len - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

int
reopen_real(int fd)
{
	char path[64], real[4096];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	long n = syscall(SYS_readlinkat, AT_FDCWD, path, real, sizeof real - 1);
	if (n <= 0)
		return -1;
	real[n] = '\0';
	return (int)syscall(SYS_openat, AT_FDCWD, real, O_RDONLY | O_CLOEXEC);
}

int
open_group_path(const char *uuid, int group, int fds[2])
{
	char node[64];
	struct vfio_group_status st = { .argsz = sizeof st };
	snprintf(node, sizeof node, "/dev/vfio/%d", group);
	fds[0] = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	fds[1] = open(node, O_RDWR | O_CLOEXEC);
	if (fds[0] < 0 || fds[1] < 0 ||
	    xioctl(fds[1], VFIO_GROUP_GET_STATUS, &st) ||
	    xioctl(fds[1], VFIO_GROUP_SET_CONTAINER, &fds[0]) ||
	    ioctl(fds[0], VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU))
		return -1;
	return (int)xioctl(fds[1], VFIO_GROUP_GET_DEVICE_FD, (void *)uuid);
}

int
open_cdev_path(int cdev, int *iommufd)
{
	char node[64];
	snprintf(node, sizeof node, "/dev/vfio/devices/vfio%d", cdev);
	int fd = open(node, O_RDWR | O_CLOEXEC);
	*iommufd = open("/dev/iommu", O_RDWR | O_CLOEXEC);
	struct vfio_device_bind_iommufd b = { .argsz = sizeof b,
					      .iommufd = *iommufd };
	struct iommu_ioas_alloc a = { .size = sizeof a };
	if (fd < 0 || *iommufd < 0 ||
	    xioctl(fd, VFIO_DEVICE_BIND_IOMMUFD, &b) ||
	    xioctl(*iommufd, IOMMU_IOAS_ALLOC, &a)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	struct vfio_device_attach_iommufd_pt at = { .argsz = sizeof at,
						    .pt_id = a.out_ioas_id };
	if (xioctl(fd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* fd N handed over (vv-emu run): a device fd that answers queries */
int
check_fd(struct emu_report *rep, int fd, const char *expect_link)
{
	char buf[256];
	struct vfio_device_gfx_plane_info p;
	check(rep, "fd.link",
	      !strcmp(fd_link(fd, buf, sizeof buf), expect_link), "%s", buf);
	long r = query(
	    fd, VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	long r2 = query(fd, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	if (r2 == -ENOMEM)
		r2 = query(fd, VFIO_GFX_PLANE_TYPE_DMABUF, 1, &p);
	check(rep, "fd.query",
	      r == 0 && r2 == 0 && p.width == 640 && p.dmabuf_id,
	      "probe=%ld query=%ld %ux%u id=%u", r, r2, p.width, p.height,
	      p.dmabuf_id);
	uint32_t id = p.dmabuf_id;
	int d = (int)xioctl(fd, VFIO_DEVICE_GET_GFX_DMABUF, &id);
	check(rep, "fd.export", d >= 0, "%d", d);
	if (d >= 0)
		close(d);
	return rep->failed ? 1 : 0;
}

/* pid:PID — pidfd_getfd, a real syscall the preload never sees */
int
check_pidfd(struct emu_report *rep, int pid, int fd)
{
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/%d/fd/%d", pid, fd);
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	check(rep, "pid.proc_link",
	      n > 0 && !strcmp(buf, "anon_inode:[vfio-device]"), "%s -> %s",
	      path, buf);
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	int dev = pfd >= 0 ? (int)syscall(SYS_pidfd_getfd, pfd, fd, 0) : -1;
	check(rep, "pid.getfd", dev >= 0, "%s", strerror(errno));
	if (pfd >= 0)
		close(pfd);
	if (dev < 0)
		return 1;
	int r = check_fd(rep, dev, "anon_inode:[vfio-device]");
	close(dev);
	return r;
}

/* an expect PNG: pattern @seed, cursor (cseed) top-left at cx,cy */
int
check_png(struct emu_report *rep, const char *path, uint32_t seed, int cx,
	  int cy, uint32_t cseed)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(s)) {
		check(rep, "png.load", false, "%s", path);
		cairo_surface_destroy(s);
		return 1;
	}
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const uint8_t *d = cairo_image_surface_get_data(s);
	long bad = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t want = 0xff000000u |
					emu_pat(seed, (uint32_t)x, (uint32_t)y);
			if (cseed && x >= cx && y >= cy && x < cx + 64 &&
			    y < cy + 64) {
				uint32_t c =
				    emu_cursor_pat(cseed, (uint32_t)(x - cx),
						   (uint32_t)(y - cy));
				want = c ? c : want;
			}
			uint32_t got;
			memcpy(&got, d + (size_t)y * stride + x * 4, 4);
			bad += got != want;
		}
	check(rep, "png.pixels", bad == 0, "%ld of %dx%d differ", bad, w, h);
	cairo_surface_destroy(s);
	return bad ? 1 : 0;
}

int
main(int argc, char **argv)
{
	struct emu_report rep = { 0 };
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *c = argc > 1 ? argv[1] : "";
	int r = 2;
	if (!strcmp(c, "mbochs") && argc == 4)
		r = check_mbochs(&rep, argv[2], atoi(argv[3]));
	else if (!strcmp(c, "mdpy") && argc == 4)
		r = check_mdpy(&rep, argv[2], atoi(argv[3]));
	else if (!strcmp(c, "gvt") && argc == 4)
		r = check_gvt(&rep, argv[2], atoi(argv[3]));
	else if (!strcmp(c, "mtty") && argc == 4)
		r = check_mtty(&rep, argv[2], atoi(argv[3]));
	else if (!strcmp(c, "open") && argc == 4)
		r = check_open(&rep, argv[2], atoi(argv[3]));
	else if (!strcmp(c, "cdev") && argc == 5)
		r = check_cdev(&rep, argv[2], atoi(argv[3]), atoi(argv[4]));
	else if (!strcmp(c, "fd") && argc == 4)
		r = check_fd(&rep, atoi(argv[2]), argv[3]);
	else if (!strcmp(c, "pid") && argc == 4)
		r = check_pidfd(&rep, atoi(argv[2]), atoi(argv[3]));
	else if (!strcmp(c, "png") && argc == 7)
		r = check_png(&rep, argv[2], (uint32_t)atoi(argv[3]),
			      atoi(argv[4]), atoi(argv[5]),
			      (uint32_t)atoi(argv[6]));
	else
		fprintf(
		    stderr,
		    "usage: emu-client mbochs|mdpy|gvt|mtty|open UUID GROUP | cdev UUID GROUP N | fd N LINK | pid PID FD | png FILE SEED CX CY CSEED\n");
	if (r == 2)
		return 2;
	printf("%s (%d failed)\n", rep.failed ? "FAILED" : "PASSED",
	       rep.failed);
	return rep.failed ? 1 : r;
}
