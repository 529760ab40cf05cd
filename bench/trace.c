/* vv-bench's tracer: preloaded into the viewer in front of the emulated
 * device (LD_PRELOAD="libvv-bench-trace.so libvv-emu.so"), it passes every
 * call on unchanged and notes what trace.h describes. Its cost: two
 * clock_gettime (vDSO, no syscall) per device ioctl, and one readlinkat
 * per mmap of an fd (counted, so vv-bench subtracts it). */
/* Both mmap and mmap64 are defined here; with _FILE_OFFSET_BITS=64 the
 * headers would rename the first onto the second. */
#undef _FILE_OFFSET_BITS
#include "trace.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <linux/dma-buf.h>
#include <linux/vfio.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The kernel's drm_plane_type (not in the uapi headers). */
#define DRM_PLANE_TYPE_PRIMARY 1

#define EXPORT __attribute__((visibility("default")))

/* The tracer. The viewer calls ioctl and mmap with no context of ours, so
 * the one object of the library is the process's: its constructor fills
 * it, every entry point passes it on. */
struct tracer {
	struct vvb_trace *shared; /* vv-bench's ring; NULL: not tracing */
	char fb_prefix[512];      /* $VV_EMU_ROOT/fb/ */
	char open_prefix[512];    /* $VV_EMU_ROOT/open/ */
	/* the next library's functions (the emulated device's, or libc's) */
	int (*next_ioctl)(int, unsigned long, ...);
	void *(*next_mmap)(void *, size_t, int, int, int, off_t);
	void *(*next_mmap64)(void *, size_t, int, int, int, off64_t);
	bool resolving; /* dlsym may map memory: mmap must not resolve then */
};

static struct tracer tracer;

/* Called before every use: another library's constructor may map memory
 * before ours has run. */
static void *
raw_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

static void
resolve(struct tracer *t)
{
	if (t->next_ioctl || t->resolving)
		return;
	t->resolving = true;
	t->next_mmap = (void *(*)(void *, size_t, int, int, int, off_t))dlsym(
	    RTLD_NEXT, "mmap");
	t->next_mmap64 = (void *(*)(void *, size_t, int, int, int,
				    off64_t))dlsym(RTLD_NEXT, "mmap64");
	t->next_ioctl =
	    (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	t->resolving = false;
}

__attribute__((constructor)) static void
trace_init(void)
{
	const char *path = getenv("VV_BENCH_TRACE");
	const char *root = getenv("VV_EMU_ROOT");
	struct tracer *t = &tracer;

	resolve(t);
	if (root) {
		snprintf(t->fb_prefix, sizeof(t->fb_prefix), "%s/fb/", root);
		snprintf(t->open_prefix, sizeof(t->open_prefix), "%s/open/",
			 root);
	}
	if (!path)
		return;
	/* Raw syscalls: the emulated device interposes open and mmap. */
	int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return;
	void *m = (void *)syscall(SYS_mmap, NULL, (size_t)VVB_TRACE_BYTES,
				  PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	syscall(SYS_close, fd);
	if (m == MAP_FAILED)
		return;
	t->shared = m;
	if (t->shared->magic != VVB_TRACE_MAGIC)
		t->shared = NULL;
}

static void
count(struct tracer *t, enum vvb_count c)
{
	struct vvb_trace *tr = t->shared;

	if (tr)
		__atomic_store_n(&tr->count[c], tr->count[c] + 1,
				 __ATOMIC_RELEASE);
}

static uint64_t
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts); /* vDSO: no syscall */
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
event(struct tracer *t, enum vvb_event kind, uint32_t value, uint64_t at)
{
	struct vvb_trace *tr = t->shared;

	if (!tr)
		return;
	uint64_t n = tr->n_events;
	struct vvb_trace_event *e = &tr->events[n % tr->capacity];
	e->t_ns = at;
	e->kind = kind;
	e->value = value;
	__atomic_store_n(&tr->n_events, n + 1, __ATOMIC_RELEASE);
}

EXPORT int
ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	struct tracer *t = &tracer;
	resolve(t);
	struct vvb_trace *tr = t->shared;
	bool device = _IOC_TYPE(req) == VFIO_TYPE || req == DMA_BUF_IOCTL_SYNC;
	uint64_t t0 = tr && device ? now() : 0;
	int ret = t->next_ioctl ? t->next_ioctl(fd, req, arg)
				: (int)syscall(SYS_ioctl, fd, req, arg);
	if (!tr || !device)
		return ret;
	uint64_t t1 = now();
	__atomic_store_n(&tr->emulated_ns, tr->emulated_ns + (t1 - t0),
			 __ATOMIC_RELEASE);
	if (req == VFIO_DEVICE_QUERY_GFX_PLANE) {
		const struct vfio_device_gfx_plane_info *info = arg;
		if (ret == 0 && !(info->flags & VFIO_GFX_PLANE_TYPE_PROBE) &&
		    info->drm_plane_type == DRM_PLANE_TYPE_PRIMARY) {
			count(t, VVB_N_QUERY_PRIMARY);
			event(t, VVB_EV_QUERY_PRIMARY, info->dmabuf_id, t1);
		} else {
			count(t, VVB_N_QUERY_OTHER);
		}
	} else if (req == VFIO_DEVICE_GET_GFX_DMABUF) {
		count(t, VVB_N_EXPORT);
	} else if (req == DMA_BUF_IOCTL_SYNC) {
		count(t, VVB_N_SYNC);
	} else {
		count(t, VVB_N_VFIO_OTHER);
	}
	return ret;
}

static bool
has_prefix(const char *s, const char *prefix)
{
	return prefix[0] && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* What the kernel says the fd is (the real file under the emulation's
 * root), without going through the emulation's readlink. */
static void
note_mmap(struct tracer *t, int fd, size_t len)
{
	char link[64], path[512];

	if (!t->shared || fd < 0)
		return;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	count(t, VVB_N_TRACER_SYSCALLS);
	long n =
	    syscall(SYS_readlinkat, AT_FDCWD, link, path, sizeof(path) - 1);
	if (n <= 0)
		return;
	path[n] = '\0';
	if (has_prefix(path, t->fb_prefix)) {
		count(t, VVB_N_MMAP_DMABUF);
		event(t, VVB_EV_MMAP_DMABUF, (uint32_t)(len >> 10), now());
	} else if (has_prefix(path, t->open_prefix)) {
		count(t, VVB_N_MMAP_DEVICE);
		event(t, VVB_EV_MMAP_DEVICE, (uint32_t)(len >> 10), now());
	}
}

/* The emulation's mmap64 calls mmap, which is ours again: count once. Per
 * thread, as the nesting is. */
static __thread int depth;

EXPORT void *
mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	struct tracer *t = &tracer;
	resolve(t);
	depth++;
	void *m = (t->next_mmap ? t->next_mmap : raw_mmap)(addr, len, prot,
							   flags, fd, off);
	depth--;
	if (m != MAP_FAILED && depth == 0)
		note_mmap(t, fd, len);
	return m;
}

EXPORT void *
mmap64(void *addr, size_t len, int prot, int flags, int fd, off64_t off)
{
	struct tracer *t = &tracer;
	resolve(t);
	depth++;
	void *m = t->next_mmap64
		      ? t->next_mmap64(addr, len, prot, flags, fd, off)
		  : t->next_mmap ? t->next_mmap(addr, len, prot, flags, fd, off)
				 : raw_mmap(addr, len, prot, flags, fd, off);
	depth--;
	if (m != MAP_FAILED && depth == 0)
		note_mmap(t, fd, len);
	return m;
}
