/* What the emulated device costs inside the viewer process.
 *
 * The emulated device (tests/emu) is a preloaded library: its work for an
 * ioctl (finding the fd's object, locking and mapping the shared state
 * file: 8 syscalls where the kernel needs 1) runs in the viewer process and
 * is charged to it by the OS. A child process makes the same operations
 * N times through the same library, so that vv-bench can subtract them:
 * CPU per operation from the child's own clock, syscalls per operation
 * from perf (N against 0). */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/dma-buf.h>
#include <linux/vfio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The kernel's drm_plane_type (not in the uapi headers). */
#define DRM_PLANE_TYPE_PRIMARY 1

#define CAL_UUID "7c0ffee0-0d6e-4c55-9d54-2b0c6a1dcafe"
#define CAL_N    2000

static uint64_t
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

static int
query(int dev, struct vfio_device_gfx_plane_info *info)
{
	memset(info, 0, sizeof(*info));
	info->argsz = sizeof(*info);
	info->flags = VFIO_GFX_PLANE_TYPE_DMABUF;
	info->drm_plane_type = DRM_PLANE_TYPE_PRIMARY;
	return ioctl(dev, VFIO_DEVICE_QUERY_GFX_PLANE, info);
}

/* vv-bench --calibrate-child OP N: fd 3 is the device (vv-emu run). Prints
 * the CPU ns of N operations (and, for mmap, of N raw mmaps). */
int
calibrate_child(int argc, char **argv)
{
	struct vfio_device_gfx_plane_info info;
	const int dev = 3;

	if (argc < 4)
		return 2;
	const char *op = argv[2];
	long n = atol(argv[3]);
	if (query(dev, &info)) {
		fprintf(stderr, "vv-bench: calibration query: %s\n",
			strerror(errno));
		return 1;
	}
	int buf = -1;
	if (strcmp(op, "query") != 0) {
		uint32_t id = info.dmabuf_id;
		buf = ioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);
		if (buf < 0) {
			fprintf(stderr, "vv-bench: calibration export: %s\n",
				strerror(errno));
			return 1;
		}
	}
	uint64_t t0 = cpu_now();
	uint64_t raw = 0;
	if (strcmp(op, "query") == 0) {
		for (long i = 0; i < n; i++)
			query(dev, &info);
	} else if (strcmp(op, "sync") == 0) {
		struct dma_buf_sync s;
		for (long i = 0; i < n; i++) {
			s.flags =
			    (i & 1 ? DMA_BUF_SYNC_END : DMA_BUF_SYNC_START) |
			    DMA_BUF_SYNC_READ;
			ioctl(buf, DMA_BUF_IOCTL_SYNC, &s);
		}
	} else if (strcmp(op, "mmap") == 0) {
		for (long i = 0; i < n; i++) {
			void *m = mmap(NULL, info.size, PROT_READ, MAP_SHARED,
				       buf, 0);
			if (m != MAP_FAILED)
				munmap(m, info.size);
		}
		/* the same without the emulation in between */
		uint64_t r0 = cpu_now();
		for (long i = 0; i < n; i++) {
			void *m =
			    (void *)syscall(SYS_mmap, NULL, (size_t)info.size,
					    PROT_READ, MAP_SHARED, buf, 0);
			if (m != MAP_FAILED)
				munmap(m, info.size);
		}
		raw = cpu_now() - r0;
		t0 += raw; /* not part of the emulated figure */
	} else if (strcmp(op, "readlink") == 0) {
		char link[32], path[512];
		snprintf(link, sizeof(link), "/proc/self/fd/%d", buf);
		for (long i = 0; i < n; i++)
			syscall(SYS_readlinkat, AT_FDCWD, link, path,
				sizeof(path));
	} else {
		return 2;
	}
	printf("cpu_ns=%llu raw_ns=%llu\n",
	       (unsigned long long)(cpu_now() - t0), (unsigned long long)raw);
	return 0;
}

struct cal_result {
	bool ok;
	double cpu_ns, raw_ns; /* per operation */
	double syscalls;       /* per operation, -1 unknown */
};

/* Runs the child for @op with @n operations; its output parsed. */
static bool
child(const struct bench_opts *o, const char *dir, const char *op, long n,
      bool with_perf, double *cpu, double *raw, double *syscalls)
{
	char root_env[700], preload[1200], count[32], out[700], perf_out[700];
	char *s;

	snprintf(root_env, sizeof(root_env), "VV_EMU_ROOT=%s/emu", dir);
	snprintf(preload, sizeof(preload), "LD_PRELOAD=%s%s%s",
		 o->asan_lib ? o->asan_lib : "", o->asan_lib ? " " : "",
		 o->emu_lib);
	snprintf(count, sizeof(count), "%ld", n);
	snprintf(out, sizeof(out), "%s/cal-%s-%ld.out", dir, op, n);
	snprintf(perf_out, sizeof(perf_out), "%s/cal-%s-%ld.perf", dir, op, n);
	const char *env[] = { root_env, NULL };
	const char *run[] = { "perf",
			      "stat",
			      "-x,",
			      "-e",
			      "raw_syscalls:sys_enter",
			      "-o",
			      perf_out,
			      "--",
			      o->emu_tool,
			      "run",
			      CAL_UUID,
			      "--",
			      "env",
			      preload,
			      o->self,
			      "--calibrate-child",
			      op,
			      count,
			      NULL };
	const char *const *argv = with_perf ? run : run + 8;
	if (run_wait(argv, env, out) != 0)
		return false;
	s = read_file(out);
	const char *l = s ? strstr(s, "cpu_ns=") : NULL;
	uint64_t c = 0, r = 0;
	bool ok = l && kv_u64(l, "cpu_ns", &c) && kv_u64(l, "raw_ns", &r);
	free(s);
	if (!ok)
		return false;
	*cpu = (double)c;
	*raw = (double)r;
	*syscalls = -1;
	if (with_perf && (s = read_file(perf_out))) {
		for (char *p = s; p && *p;
		     p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
			if (*p >= '0' && *p <= '9' &&
			    strstr(p, "raw_syscalls")) {
				*syscalls = strtod(p, NULL);
				break;
			}
		free(s);
	}
	return true;
}

static struct cal_result
measure_op(const struct bench_opts *o, const char *dir, const char *op)
{
	struct cal_result res = { .syscalls = -1 };
	double cpu, raw, sys, cpu0, raw0, sys0;

	if (!child(o, dir, op, CAL_N, o->have_perf, &cpu, &raw, &sys))
		return res;
	res.ok = true;
	res.cpu_ns = cpu / CAL_N;
	res.raw_ns = raw / CAL_N;
	if (o->have_perf && child(o, dir, op, 0, true, &cpu0, &raw0, &sys0) &&
	    sys >= 0 && sys0 >= 0)
		res.syscalls = (sys - sys0) / CAL_N;
	return res;
}

/* The kernel's part of a frame for any Wayland client here: a process
 * asleep in poll(2) on a unix socket, woken 60 times a second by a 24-byte
 * message (a frame callback's done), reading it and answering 72 bytes (a
 * commit) -- what the viewer does per frame, minus everything else. Its
 * CPU per wake-up. */
static double
wakeup_floor(unsigned n)
{
	int sv[2];
	char buf[256];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		struct pollfd p = { .fd = sv[1], .events = POLLIN };
		close(sv[0]);
		memset(buf, 0, sizeof(buf));
		for (;;) {
			struct iovec iov = { .iov_base = buf,
					     .iov_len = sizeof(buf) };
			struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
			if (poll(&p, 1, -1) < 0)
				continue;
			if (recvmsg(sv[1], &m, MSG_DONTWAIT) <= 0)
				_exit(0);
			iov.iov_len = 72;
			if (sendmsg(sv[1], &m, MSG_NOSIGNAL) < 0)
				_exit(0);
		}
	}
	close(sv[1]);
	memset(buf, 0, sizeof(buf));
	int64_t c0 = -1;
	uint64_t next = now_ns() + REFRESH_60_NS;
	for (unsigned i = 0; i < n + 10; i++) {
		struct timespec ts = { .tv_sec = next / NS_PER_S,
				       .tv_nsec = next % NS_PER_S };
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		next += REFRESH_60_NS;
		if (send(sv[0], buf, 24, MSG_NOSIGNAL) < 0 ||
		    recv(sv[0], buf, 72, MSG_WAITALL) <= 0)
			break;
		if (i == 9)
			c0 = proc_cpu_ns(pid); /* after a warm-up */
	}
	int64_t c1 = proc_cpu_ns(pid);
	close(sv[0]);
	reap(pid, 1000, NULL, NULL);
	return c0 >= 0 && c1 > c0 ? (double)(c1 - c0) / n : -1;
}

void
calibrate(struct bench_opts *o)
{
	char dir[600], root[620];
	struct emu_cost *e = &o->emu;

	memset(e, 0, sizeof(*e));
	e->floor_ns = wakeup_floor(o->quick ? 60 : 240);
	snprintf(dir, sizeof(dir), "%s/calibration", o->workdir);
	snprintf(root, sizeof(root), "%s/emu", dir);
	if (mkdir(dir, 0700) || mkdir(root, 0700))
		return;
	const char *add[] = { "add", root, "gvt", CAL_UUID, NULL };
	const char *mode[] = { "mode", CAL_UUID, "1920x1080", NULL };
	const char *draw[] = { "draw", CAL_UUID, "1", NULL };
	if (emu_tool_run(o, root, dir, add) ||
	    emu_tool_run(o, root, dir, mode) ||
	    emu_tool_run(o, root, dir, draw))
		return;

	struct cal_result q = measure_op(o, dir, "query");
	struct cal_result s = measure_op(o, dir, "sync");
	struct cal_result m = measure_op(o, dir, "mmap");
	struct cal_result r = measure_op(o, dir, "readlink");
	if (!q.ok || !s.ok || !m.ok || !r.ok)
		return;
	e->ok = true;
	e->have_syscalls =
	    q.syscalls >= 0 && s.syscalls >= 0 && m.syscalls >= 0;
	enum vvb_count ioctls[] = { VVB_N_QUERY_PRIMARY, VVB_N_QUERY_OTHER,
				    VVB_N_EXPORT, VVB_N_VFIO_OTHER };
	for (size_t i = 0; i < sizeof(ioctls) / sizeof(ioctls[0]); i++) {
		e->cpu_ns[ioctls[i]] = q.cpu_ns;
		e->syscalls[ioctls[i]] = q.syscalls;
		e->real_syscalls[ioctls[i]] = 1;
	}
	e->cpu_ns[VVB_N_SYNC] = s.cpu_ns;
	e->syscalls[VVB_N_SYNC] = s.syscalls;
	e->real_syscalls[VVB_N_SYNC] = 1;
	/* mmap + munmap, emulated, less the same two syscalls made raw:
	 * the kernel's own mapping cost stays the viewer's */
	double mmap_over = m.cpu_ns - m.raw_ns;
	enum vvb_count maps[] = { VVB_N_MMAP_DMABUF, VVB_N_MMAP_DEVICE };
	for (size_t i = 0; i < 2; i++) {
		e->cpu_ns[maps[i]] = mmap_over > 0 ? mmap_over : 0;
		e->syscalls[maps[i]] = m.syscalls - 1; /* less the munmap */
		e->real_syscalls[maps[i]] = 1;
	}
	e->cpu_ns[VVB_N_TRACER_SYSCALLS] = r.cpu_ns;
	bench_log(
	    o,
	    "emulated device, per operation: query %.1f us %.1f syscalls, dma-buf sync %.1f us %.1f syscalls, mmap +%.1f us %.1f syscalls; tracer readlink %.1f us",
	    q.cpu_ns / 1e3, q.syscalls, s.cpu_ns / 1e3, s.syscalls,
	    mmap_over / 1e3, m.syscalls - 1, r.cpu_ns / 1e3);
	bench_log(o, "wake-up floor: %.1f us per 60 Hz wake-up",
		  e->floor_ns / 1e3);
}
