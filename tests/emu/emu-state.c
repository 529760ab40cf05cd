/* Shared device state, open markers, framebuffer files, raw syscalls. */
#include "emu.h"

#include <dirent.h>
#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ---- raw syscalls ------------------------------------------------------
 * The emulation's own file I/O must not go through the interposed libc
 * symbols (they would treat a marker fd as a device), nor through the
 * sanitizer's interceptors, so it calls the kernel directly. */

int
emu_sys_open(const char *path, int flags, mode_t mode)
{
	return (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
}

ssize_t
emu_sys_pread(int fd, void *buf, size_t n, off_t off)
{
	return syscall(SYS_pread64, fd, buf, n, off);
}

ssize_t
emu_sys_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return syscall(SYS_pwrite64, fd, buf, n, off);
}

void *
emu_sys_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

ssize_t
emu_sys_readlink(const char *path, char *buf, size_t len)
{
	return syscall(SYS_readlinkat, AT_FDCWD, path, buf, len);
}

int
emu_sys_access(const char *path)
{
	struct stat st;
	long r =
	    syscall(SYS_newfstatat, AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW);
	return r < 0 ? -errno : 0;
}

/* ---- paths ------------------------------------------------------------- */

int
emu_path(char *out, const char *root, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(out, EMU_PATH_MAX, "%s/", root);
	if (n < 0 || n >= EMU_PATH_MAX)
		return -ENAMETOOLONG;
	va_start(ap, fmt);
	int m = vsnprintf(out + n, EMU_PATH_MAX - n, fmt, ap);
	va_end(ap);
	if (m < 0 || m >= EMU_PATH_MAX - n)
		return -ENAMETOOLONG;
	return 0;
}

/* ---- state ------------------------------------------------------------- */

static int
state_map(int fd, struct emu_dev *out)
{
	void *m = emu_sys_mmap(NULL, sizeof(struct emu_state),
			       PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return -errno;
	out->fd = fd;
	out->s = m;
	return 0;
}

int
emu_state_lock(const char *root, const char *uuid, struct emu_dev *out)
{
	char path[EMU_PATH_MAX];
	struct stat st;
	int r = emu_path(path, root, "state/%s", uuid);
	if (r)
		return r;
	int fd = emu_sys_open(path, O_RDWR | O_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX) < 0 || fstat(fd, &st) < 0 ||
	    st.st_size < (off_t)sizeof(struct emu_state)) {
		close(fd);
		return -ENOENT;
	}
	r = state_map(fd, out);
	if (r) {
		close(fd);
		return r;
	}
	if (out->s->magic != EMU_STATE_MAGIC) {
		emu_state_unlock(out);
		return -ENOENT;
	}
	return 0;
}

void
emu_state_unlock(struct emu_dev *dev)
{
	if (dev->s)
		munmap(dev->s, sizeof(struct emu_state));
	if (dev->fd >= 0)
		close(dev->fd); /* drops the flock */
	dev->s = NULL;
	dev->fd = -1;
}

int
emu_state_create(const char *root, const char *uuid, struct emu_dev *out)
{
	char path[EMU_PATH_MAX];
	int r = emu_path(path, root, "state/%s", uuid);
	if (r)
		return r;
	int fd =
	    emu_sys_open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX) < 0 ||
	    ftruncate(fd, sizeof(struct emu_state)) < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	r = state_map(fd, out);
	if (r) {
		close(fd);
		return r;
	}
	memset(out->s, 0, sizeof *out->s);
	out->s->magic = EMU_STATE_MAGIC;
	return 0;
}

int
emu_fail_check(struct emu_state *s, enum emu_op op)
{
	struct emu_fail *f = &s->fail[op];
	if (!f->count || !f->err)
		return 0;
	if (f->count > 0)
		f->count--;
	return -f->err;
}

const char *
emu_op_name(enum emu_op op)
{
	static const char *const names[EMU_OP_COUNT] = {
		[EMU_OP_QUERY] = "query",
		[EMU_OP_QUERY_CURSOR] = "query_cursor",
		[EMU_OP_PROBE] = "probe",
		[EMU_OP_EXPORT] = "export",
		[EMU_OP_GET_INFO] = "get_info",
		[EMU_OP_REGION_INFO] = "region_info",
		[EMU_OP_OPEN_GROUP] = "open_group",
		[EMU_OP_OPEN_CDEV] = "open_cdev",
		[EMU_OP_GET_DEVICE_FD] = "get_device_fd",
		[EMU_OP_BIND] = "bind",
		[EMU_OP_ATTACH] = "attach",
		[EMU_OP_MMAP] = "mmap",
		[EMU_OP_PREAD] = "pread",
		[EMU_OP_PWRITE] = "pwrite",
		[EMU_OP_RESET] = "reset",
	};
	return op < EMU_OP_COUNT ? names[op] : "?";
}

const char *
emu_profile_name(enum emu_profile p)
{
	static const char *const names[EMU_PROFILE_COUNT] = {
		[EMU_MBOCHS] = "mbochs",
		[EMU_GVT] = "gvt",
		[EMU_MDPY] = "mdpy",
		[EMU_MTTY] = "mtty",
	};
	return p < EMU_PROFILE_COUNT ? names[p] : "?";
}

/* ---- markers ----------------------------------------------------------- */

int
emu_marker_create(const char *root, const char *prefix,
		  const struct emu_open *st, int oflags, char *name)
{
	char path[EMU_PATH_MAX];
	int r = emu_path(path, root, "open/%s-XXXXXX", prefix);
	if (r)
		return r;
	/* mkostemp opens O_RDWR | O_CREAT | O_EXCL through glibc's internal
	 * open, which no interposer sees. */
	int fd = mkostemp(path, oflags & O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_SH) < 0 || emu_marker_write(fd, st) < 0) {
		r = -errno;
		unlink(path);
		close(fd);
		return r ? r : -EIO;
	}
	if (name)
		snprintf(name, 96, "%s", strrchr(path, '/') + 1);
	return fd;
}

int
emu_marker_read(int fd, struct emu_open *st)
{
	memset(st, 0, sizeof *st);
	ssize_t n = emu_sys_pread(fd, st, sizeof *st, 0);
	if (n != (ssize_t)sizeof *st)
		return n < 0 ? -errno : -EIO;
	return 0;
}

int
emu_marker_write(int fd, const struct emu_open *st)
{
	ssize_t n = emu_sys_pwrite(fd, st, sizeof *st, 0);
	if (n != (ssize_t)sizeof *st)
		return n < 0 ? -errno : -EIO;
	return 0;
}

bool
emu_marker_alive(const char *root, const char *name)
{
	char path[EMU_PATH_MAX];
	if (!name[0] || emu_path(path, root, "open/%s", name))
		return false;
	int fd = emu_sys_open(path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return false;
	/* every holder keeps LOCK_SH on its open file description */
	bool alive = flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	close(fd);
	return alive;
}

int
emu_marker_count(const char *root, const char *prefix)
{
	char path[EMU_PATH_MAX];
	if (emu_path(path, root, "open"))
		return 0;
	DIR *d = opendir(path);
	if (!d)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)) &&
		    emu_marker_alive(root, e->d_name))
			n++;
	closedir(d);
	return n;
}

/* ---- classification ---------------------------------------------------- */

static const struct {
	const char *prefix;
	enum emu_kind kind;
	bool has_uuid;
} marker_kinds[] = {
	{ "container-", EMU_FD_CONTAINER, false },
	{ "group-", EMU_FD_GROUP, true },
	{ "dev-", EMU_FD_DEVICE, true },
	{ "cdev-", EMU_FD_CDEV, true },
	{ "iommufd-", EMU_FD_IOMMUFD, false },
};

enum emu_kind
emu_path_classify(const char *root, const char *path, struct emu_fd *out)
{
	size_t rl = strlen(root);
	memset(out, 0, sizeof *out);
	if (strncmp(path, root, rl) || path[rl] != '/')
		return EMU_FD_NONE;
	const char *rest = path + rl + 1;
	snprintf(out->path, sizeof out->path, "%s", path);
	out->name = strrchr(out->path, '/') + 1;
	if (!strncmp(rest, "fb/", 3) && !strchr(rest + 3, '/') &&
	    strlen(rest + 3) > 36) {
		memcpy(out->uuid, rest + 3, 36);
		return out->kind = EMU_FD_DMABUF;
	}
	if (strncmp(rest, "open/", 5) || strchr(rest + 5, '/'))
		return EMU_FD_NONE;
	rest += 5;
	for (size_t i = 0; i < sizeof marker_kinds / sizeof marker_kinds[0];
	     i++) {
		size_t pl = strlen(marker_kinds[i].prefix);
		if (strncmp(rest, marker_kinds[i].prefix, pl))
			continue;
		if (marker_kinds[i].has_uuid) {
			if (strlen(rest + pl) < 36)
				return EMU_FD_NONE;
			memcpy(out->uuid, rest + pl, 36);
		}
		return out->kind = marker_kinds[i].kind;
	}
	return EMU_FD_NONE;
}

enum emu_kind
emu_fd_classify(const char *root, dev_t root_dev, int fd, struct emu_fd *out)
{
	struct stat st;
	char link[64], target[EMU_PATH_MAX];
	out->kind = EMU_FD_NONE;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_dev != root_dev)
		return EMU_FD_NONE;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = emu_sys_readlink(link, target, sizeof target - 1);
	if (n <= 0)
		return EMU_FD_NONE;
	target[n] = '\0';
	return emu_path_classify(root, target, out);
}

/* ---- framebuffers ------------------------------------------------------ */

uint32_t
emu_format_cpp(uint32_t fourcc)
{
	switch (fourcc) {
	case DRM_FORMAT_XRGB8888:
	case DRM_FORMAT_XBGR8888:
	case DRM_FORMAT_ARGB8888:
	case DRM_FORMAT_XRGB2101010:
	case DRM_FORMAT_XBGR2101010:
		return 4;
	case DRM_FORMAT_RGB565:
	case DRM_FORMAT_YUYV:
		return 2;
	case DRM_FORMAT_C8:
		return 1;
	}
	return 0;
}

uint32_t
emu_plane_size(const struct emu_state *s, const struct emu_plane *p)
{
	uint32_t rows = p->height, tile = 1;
	if (s->profile == EMU_MDPY)
		return (uint32_t)s->vram;
	/* gvt dmabuf.c vgpu_get_plane_info: size = stride * roundup(height,
	 * tile_height), 8 rows for X tiles, 32 for Y and Yf */
	if (p->modifier == I915_FORMAT_MOD_X_TILED)
		tile = 8;
	else if (p->modifier == I915_FORMAT_MOD_Y_TILED ||
		 p->modifier == I915_FORMAT_MOD_Yf_TILED)
		tile = 32;
	rows = (rows + tile - 1) / tile * tile;
	return p->stride * rows;
}

uint64_t
emu_fb_size(const struct emu_state *s, const struct emu_plane *p)
{
	uint64_t size = emu_plane_size(s, p);
	if (s->profile == EMU_GVT)
		size = (size + 4095) & ~4095ull;
	return size;
}

int
emu_fb_path(char *out, const char *root, const struct emu_state *s, int type,
	    const struct emu_plane *p)
{
	if (s->profile == EMU_MDPY)
		return emu_path(out, root, "fb/%s-region", s->uuid);
	return emu_path(out, root, "fb/%s-%c-%08x-%016llx-%ux%u-%u-%llx",
			s->uuid, type == 2 ? 'C' : 'P', p->fourcc,
			(unsigned long long)p->modifier, p->width, p->height,
			p->stride, (unsigned long long)p->offset);
}

int
emu_fb_open(const char *path, uint64_t size, int oflags)
{
	struct stat st;
	int fd = emu_sys_open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	/* the name carries every parameter, so the size is set once, at
	 * creation, and never changes under a mapping */
	if (fstat(fd, &st) < 0 ||
	    ((uint64_t)st.st_size != size && ftruncate(fd, size) < 0)) {
		int r = -errno;
		close(fd);
		return r;
	}
	if ((oflags & O_ACCMODE) == O_RDWR && (oflags & O_CLOEXEC))
		return fd;
	close(fd);
	fd = emu_sys_open(path, oflags, 0);
	return fd < 0 ? -errno : fd;
}
