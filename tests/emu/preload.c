/* libvv-emu.so: the LD_PRELOAD side of the emulated VFIO device.
 *
 * Active only when $VV_EMU_ROOT names a directory; otherwise every call
 * goes straight to the next definition (libc). Paths under /sys/bus/mdev,
 * /sys/class/mdev_bus, /sys/kernel/iommu_groups, /sys/devices/virtual/<an
 * emulated parent>, /dev/vfio and /dev/iommu are served from the root;
 * fds are recognised by the file they refer to (emu.h), so nothing here
 * needs to see close(), dup() or fork().
 *
 * Global state: an interposer has no context argument, so the root, its
 * device number and the next-symbol pointers live in file-scope variables,
 * written once by init() under pthread_once and only read afterwards. */
/* The interposers define both the plain and the *64 symbols glibc exports;
 * with _FILE_OFFSET_BITS=64 the headers would rename the plain ones onto
 * the *64 names. On x86_64 both have the same layout anyway. */
#undef _FILE_OFFSET_BITS

#include "emu.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char root[PATH_MAX];
static struct emu_ctx ctx; /* .root = root once active */

static void
init(void)
{
	struct stat st;
	const char *env = getenv("VV_EMU_ROOT");
	if (!env || !env[0])
		return;
	int fd = emu_sys_open(env, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0)
		return;
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = emu_sys_readlink(link, root, sizeof root - 1);
	int ok = n > 0 && fstat(fd, &st) == 0;
	close(fd);
	if (!ok)
		return;
	root[n] = '\0';
	ctx.root_dev = st.st_dev;
	ctx.root = root;
}

static bool
active(void)
{
	pthread_once(&once, init);
	return ctx.root != NULL;
}

/* The next definition of a symbol (libc's, or the sanitizer's when it is
 * preloaded after us). */
#define NEXT(name)                            \
	static __typeof__(name) *next_##name; \
	if (!next_##name)                     \
	next_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

static int
fail(long r)
{
	errno = (int)-r;
	return -1;
}

/* ---- paths ------------------------------------------------------------- */

static bool
has_prefix(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	return !strncmp(path, prefix, n) && (path[n] == '\0' || path[n] == '/');
}

/* The path under the root that serves @path, or NULL to leave it alone. */
static const char *
map_path(const char *path, char *buf)
{
	static const char *const prefixes[] = {
		"/sys/bus/mdev",
		"/sys/class/mdev_bus",
		"/sys/kernel/iommu_groups",
		"/dev/vfio",
		"/dev/iommu",
	};
	if (!path || path[0] != '/' || !active())
		return NULL;
	bool hit = false;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		hit = hit || has_prefix(path, prefixes[i]);
	if (!hit && !strncmp(path, "/sys/devices/", 13)) {
		/* only the parents vv-emu created: virtual/mbochs,
		 * pci0000:00/0000:00:02.0 (two components) */
		char top[EMU_PATH_MAX];
		const char *a = path + 13;
		size_t n = strcspn(a, "/");
		if (a[n] == '/')
			n += 1 + strcspn(a + n + 1, "/");
		if (snprintf(top, sizeof top, "%s/sys/devices/%.*s", root,
			     (int)n, a) < (int)sizeof top)
			hit = n && !emu_sys_access(top);
	}
	if (!hit || snprintf(buf, PATH_MAX, "%s%s", root, path) >= PATH_MAX)
		return NULL;
	return buf;
}

static bool
is_dev_path(const char *path)
{
	return !strncmp(path, "/dev/", 5);
}

/* stat of a /dev placeholder: show a character device, as the kernel */
static void
fix_dev_stat(const char *path, struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return;
	st->st_mode = (st->st_mode & 07777) | S_IFCHR;
	st->st_rdev = makedev(!strncmp(path, "/dev/vfio/devices/", 18) ? 237
			      : !strcmp(path, "/dev/iommu")            ? 10
								       : 244,
			      (unsigned)(st->st_ino & 0xff));
	st->st_size = 0;
}

/* Turns a real path under the root back into what the kernel shows. */
static ssize_t
unmap_link(char *buf, ssize_t n, size_t size)
{
	char tmp[PATH_MAX], fake[64];
	struct emu_fd f;
	size_t rl = strlen(root);
	if (n <= 0 || (size_t)n < rl || strncmp(buf, root, rl) ||
	    buf[rl] != '/')
		return n;
	size_t len = (size_t)n < sizeof tmp - 1 ? (size_t)n : sizeof tmp - 1;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	const char *out = NULL;
	if (emu_path_classify(root, tmp, &f) != EMU_FD_NONE)
		out = emu_fd_link(&f, fake, sizeof fake);
	else if (!strncmp(tmp + rl, "/sys/", 5) ||
		 !strncmp(tmp + rl, "/dev/", 5))
		out = tmp + rl;
	if (!out)
		return n;
	size_t m = strlen(out);
	if (m > size)
		m = size;
	memmove(buf, out, m);
	return (ssize_t)m;
}

/* ---- open -------------------------------------------------------------- */

/* /proc/self/fdinfo/N of an emulated dma-buf, as a memfd: the lines
 * dma-buf.c dma_buf_show_fdinfo writes, exp_name the exporter's
 * KBUILD_MODNAME (include/linux/dma-buf.h DEFINE_DMA_BUF_EXPORT_INFO):
 * "i915" for GVT-g (gvt/dmabuf.c exports with i915_gem_prime_export),
 * "mbochs" for mbochs. -ENOSYS for any other path. */
static int
open_dmabuf_fdinfo(const char *path)
{
	int fd, n;
	char rest;
	struct emu_fd f;
	struct emu_dev dev;
	struct stat st;
	char text[256];

	if (strncmp(path, "/proc/self/fdinfo/", 18) ||
	    sscanf(path + 18, "%d%c", &fd, &rest) != 1 ||
	    emu_fd_classify(ctx.root, ctx.root_dev, fd, &f) != EMU_FD_DMABUF ||
	    fstat(fd, &st) < 0 || emu_state_lock(ctx.root, f.uuid, &dev) < 0)
		return -ENOSYS;
	const char *exporter = dev.s->profile == EMU_GVT ? "i915" : "mbochs";
	emu_state_unlock(&dev);
	n = snprintf(text, sizeof text,
		     "pos:\t0\nflags:\t02000002\nmnt_id:\t15\nino:\t%llu\n"
		     "size:\t%lld\ncount:\t1\nexp_name:\t%s\n",
		     (unsigned long long)st.st_ino, (long long)st.st_size,
		     exporter);
	int out = (int)syscall(SYS_memfd_create, "emu-fdinfo", MFD_CLOEXEC);
	if (out < 0)
		return -errno;
	if (emu_sys_pwrite(out, text, (size_t)n, 0) != n) {
		close(out);
		return -EIO;
	}
	return out;
}

static int
do_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	NEXT(openat64);
	char buf[PATH_MAX];
	if (active() && path) {
		int r = open_dmabuf_fdinfo(path);
		if (r != -ENOSYS)
			return r < 0 ? fail(r) : r;
	}
	if (active() && path && is_dev_path(path)) {
		int r = emu_open_dev(&ctx, path, flags);
		if (r != -ENOSYS)
			return r < 0 ? fail(r) : r;
	}
	const char *p = map_path(path, buf);
	return next_openat64(dirfd, p ? p : path, flags, mode);
}

static mode_t
open_mode(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE
		   ? va_arg(ap, mode_t)
		   : 0;
}

#define OPEN_FN(name)                                          \
	EXPORT int name(const char *path, int flags, ...)      \
	{                                                      \
		va_list ap;                                    \
		va_start(ap, flags);                           \
		mode_t mode = open_mode(flags, ap);            \
		va_end(ap);                                    \
		return do_openat(AT_FDCWD, path, flags, mode); \
	}
#define OPENAT_FN(name)                                              \
	EXPORT int name(int dirfd, const char *path, int flags, ...) \
	{                                                            \
		va_list ap;                                          \
		va_start(ap, flags);                                 \
		mode_t mode = open_mode(flags, ap);                  \
		va_end(ap);                                          \
		return do_openat(dirfd, path, flags, mode);          \
	}

OPEN_FN(open)
OPEN_FN(open64)
OPENAT_FN(openat)
OPENAT_FN(openat64)

/* glibc's fortified entry points (no public prototypes) */
int __open_2(const char *path, int flags);
int __open64_2(const char *path, int flags);
int __openat_2(int dirfd, const char *path, int flags);
int __openat64_2(int dirfd, const char *path, int flags);
ssize_t __readlink_chk(const char *path, char *out, size_t size, size_t outlen);
ssize_t __readlinkat_chk(int dirfd, const char *path, char *out, size_t size,
			 size_t outlen);
char *__realpath_chk(const char *path, char *resolved, size_t len);
ssize_t __pread_chk(int fd, void *buf, size_t n, off_t off, size_t buflen);
ssize_t __pread64_chk(int fd, void *buf, size_t n, off64_t off, size_t buflen);

EXPORT int
__open_2(const char *path, int flags)
{
	return do_openat(AT_FDCWD, path, flags, 0);
}

EXPORT int
__open64_2(const char *path, int flags)
{
	return do_openat(AT_FDCWD, path, flags, 0);
}

EXPORT int
__openat_2(int dirfd, const char *path, int flags)
{
	return do_openat(dirfd, path, flags, 0);
}

EXPORT int
__openat64_2(int dirfd, const char *path, int flags)
{
	return do_openat(dirfd, path, flags, 0);
}

static FILE *
do_fopen(const char *path, const char *mode,
	 FILE *(*next)(const char *, const char *))
{
	char buf[PATH_MAX];
	int info = active() && path ? open_dmabuf_fdinfo(path) : -ENOSYS;
	if (info >= 0) {
		FILE *f = fdopen(info, mode);
		if (!f)
			close(info);
		return f;
	}
	if (active() && path && is_dev_path(path)) {
		int flags = strchr(mode, '+') ? O_RDWR
			    : mode[0] == 'r'  ? O_RDONLY
					      : O_WRONLY;
		if (strchr(mode, 'e'))
			flags |= O_CLOEXEC;
		int r = emu_open_dev(&ctx, path, flags);
		if (r >= 0) {
			FILE *f = fdopen(r, mode);
			if (!f)
				close(r);
			return f;
		}
		if (r != -ENOSYS) {
			errno = -r;
			return NULL;
		}
	}
	const char *p = map_path(path, buf);
	return next(p ? p : path, mode);
}

EXPORT FILE *
fopen(const char *path, const char *mode)
{
	NEXT(fopen);
	return do_fopen(path, mode, next_fopen);
}

EXPORT FILE *
fopen64(const char *path, const char *mode)
{
	NEXT(fopen64);
	return do_fopen(path, mode, next_fopen64);
}

EXPORT int
scandir(const char *path, struct dirent ***list,
	int (*filter)(const struct dirent *),
	int (*cmp)(const struct dirent **, const struct dirent **))
{
	NEXT(scandir);
	char buf[PATH_MAX];
	const char *p = map_path(path, buf);
	return next_scandir(p ? p : path, list, filter, cmp);
}

EXPORT int
scandir64(const char *path, struct dirent64 ***list,
	  int (*filter)(const struct dirent64 *),
	  int (*cmp)(const struct dirent64 **, const struct dirent64 **))
{
	NEXT(scandir64);
	char buf[PATH_MAX];
	const char *p = map_path(path, buf);
	return next_scandir64(p ? p : path, list, filter, cmp);
}

EXPORT DIR *
opendir(const char *path)
{
	NEXT(opendir);
	char buf[PATH_MAX];
	const char *p = map_path(path, buf);
	return next_opendir(p ? p : path);
}

/* ---- access / stat ----------------------------------------------------- */

EXPORT int
access(const char *path, int mode)
{
	NEXT(access);
	char buf[PATH_MAX];
	const char *p = map_path(path, buf);
	return next_access(p ? p : path, mode);
}

EXPORT int
faccessat(int dirfd, const char *path, int mode, int flags)
{
	NEXT(faccessat);
	char buf[PATH_MAX];
	const char *p = map_path(path, buf);
	return next_faccessat(dirfd, p ? p : path, mode, flags);
}

EXPORT int
euidaccess(const char *path, int mode)
{
	NEXT(euidaccess);
	char buf[PATH_MAX];
	const char *p = map_path(path, buf);
	return next_euidaccess(p ? p : path, mode);
}

EXPORT int
eaccess(const char *path, int mode)
{
	return euidaccess(path, mode);
}

EXPORT int
fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	NEXT(fstatat);
	char buf[PATH_MAX];
	const char *p = map_path(path, buf);
	int r = next_fstatat(dirfd, p ? p : path, st, flags);
	if (!r && p && is_dev_path(path))
		fix_dev_stat(path, st);
	return r;
}

EXPORT int
fstatat64(int dirfd, const char *path, struct stat64 *st, int flags)
{
	return fstatat(dirfd, path, (struct stat *)st, flags);
}

EXPORT int
stat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

EXPORT int
stat64(const char *path, struct stat64 *st)
{
	return fstatat(AT_FDCWD, path, (struct stat *)st, 0);
}

EXPORT int
lstat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

EXPORT int
lstat64(const char *path, struct stat64 *st)
{
	return fstatat(AT_FDCWD, path, (struct stat *)st, AT_SYMLINK_NOFOLLOW);
}

EXPORT int
statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *stx)
{
	NEXT(statx);
	char buf[PATH_MAX];
	const char *p = map_path(path, buf);
	int r = next_statx(dirfd, p ? p : path, flags, mask, stx);
	if (!r && p && is_dev_path(path) && S_ISREG(stx->stx_mode)) {
		stx->stx_mode = (uint16_t)((stx->stx_mode & 07777) | S_IFCHR);
		stx->stx_size = 0;
	}
	return r;
}

/* ---- links and names --------------------------------------------------- */

EXPORT ssize_t
readlinkat(int dirfd, const char *path, char *out, size_t size)
{
	NEXT(readlinkat);
	char buf[PATH_MAX];
	const char *p = map_path(path, buf);
	ssize_t n = next_readlinkat(dirfd, p ? p : path, out, size);
	return active() ? unmap_link(out, n, size) : n;
}

EXPORT ssize_t
readlink(const char *path, char *out, size_t size)
{
	return readlinkat(AT_FDCWD, path, out, size);
}

EXPORT ssize_t
__readlink_chk(const char *path, char *out, size_t size, size_t outlen)
{
	(void)outlen;
	return readlinkat(AT_FDCWD, path, out, size);
}

EXPORT ssize_t
__readlinkat_chk(int dirfd, const char *path, char *out, size_t size,
		 size_t outlen)
{
	(void)outlen;
	return readlinkat(dirfd, path, out, size);
}

static char *
unmap_real(char *res)
{
	size_t rl = strlen(root);
	if (res && !strncmp(res, root, rl) && res[rl] == '/')
		memmove(res, res + rl, strlen(res + rl) + 1);
	return res;
}

EXPORT char *
realpath(const char *path, char *resolved)
{
	NEXT(realpath);
	char buf[PATH_MAX];
	const char *p = map_path(path, buf);
	char *res = next_realpath(p ? p : path, resolved);
	return active() ? unmap_real(res) : res;
}

EXPORT char *
__realpath_chk(const char *path, char *resolved, size_t len)
{
	(void)len;
	return realpath(path, resolved);
}

EXPORT char *
canonicalize_file_name(const char *path)
{
	return realpath(path, NULL);
}

/* ---- fd operations ----------------------------------------------------- */

static enum emu_kind
classify(int fd, struct emu_fd *f)
{
	if (!active())
		return EMU_FD_NONE;
	return emu_fd_classify(root, ctx.root_dev, fd, f);
}

EXPORT int
ioctl(int fd, unsigned long req, ...)
{
	NEXT(ioctl);
	struct emu_fd f;
	va_list ap;
	va_start(ap, req);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	if (classify(fd, &f) == EMU_FD_NONE)
		return next_ioctl(fd, req, arg);
	long r = emu_ioctl(&ctx, fd, &f, req, arg);
	return r < 0 ? fail(r) : (int)r;
}

EXPORT void *
mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	NEXT(mmap);
	struct emu_fd f;
	if ((flags & MAP_ANONYMOUS) || classify(fd, &f) == EMU_FD_NONE)
		return next_mmap(addr, len, prot, flags, fd, off);
	return emu_mmap(&ctx, fd, &f, addr, len, prot, flags, off);
}

EXPORT void *
mmap64(void *addr, size_t len, int prot, int flags, int fd, off64_t off)
{
	return mmap(addr, len, prot, flags, fd, off);
}

static ssize_t
do_rw(int fd, void *buf, size_t n, off_t off, bool write, bool *handled)
{
	struct emu_fd f;
	struct emu_open st;
	*handled = true;
	switch (classify(fd, &f)) {
	case EMU_FD_NONE:
		*handled = false;
		return 0;
	case EMU_FD_CDEV:
		if (emu_marker_read(fd, &st) || !(st.flags & EMU_OPEN_BOUND))
			return fail(-EINVAL);
		/* fall through */
	case EMU_FD_DEVICE: {
		ssize_t r = emu_device_rw(&ctx, &f, buf, n, off, write);
		return r < 0 ? fail(r) : r;
	}
	default: /* dma-bufs, container, group, iommufd: no read/write */
		return fail(-EINVAL);
	}
}

EXPORT ssize_t
pread(int fd, void *buf, size_t n, off_t off)
{
	NEXT(pread);
	bool handled;
	ssize_t r = do_rw(fd, buf, n, off, false, &handled);
	return handled ? r : next_pread(fd, buf, n, off);
}

EXPORT ssize_t
pread64(int fd, void *buf, size_t n, off64_t off)
{
	return pread(fd, buf, n, off);
}

EXPORT ssize_t
__pread_chk(int fd, void *buf, size_t n, off_t off, size_t buflen)
{
	(void)buflen;
	return pread(fd, buf, n, off);
}

EXPORT ssize_t
__pread64_chk(int fd, void *buf, size_t n, off64_t off, size_t buflen)
{
	(void)buflen;
	return pread(fd, buf, n, off);
}

EXPORT ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	NEXT(pwrite);
	bool handled;
	ssize_t r = do_rw(fd, (void *)buf, n, off, true, &handled);
	return handled ? r : next_pwrite(fd, buf, n, off);
}

EXPORT ssize_t
pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	return pwrite(fd, buf, n, off);
}
