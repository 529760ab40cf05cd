/* udmabuf-pages [SCENARIO...]: the mappings the demo's udmabuf buffers met
 * in real weston, replayed on a guest kernel so that its log shows which of
 * them corrupts page references (docs/real-compositor.md, issue 13).
 *
 * Two processes, as in the rig: "viewer" makes a sealed memfd, a udmabuf
 * over it, maps the udmabuf once read-write without touching it (path-shm.c's
 * shareable()) and hands the dma-buf fd over to "compos", which maps
 * it as libwayland-server maps a wl_shm pool (PROT_READ | PROT_WRITE,
 * MAP_SHARED, then closes the fd), reads every page (the renderer's texture
 * upload), and keeps the mapping after the viewer has exited, as a compositor
 * does until it notices the client is gone.
 *
 * Scenarios (default: all, each in its own pair of processes):
 *   weston     the sequence above
 *   untouched  the same, but compos never reads the pages
 *   memfd-kept the viewer keeps its memfd open until compos has unmapped
 *   memfd-pool the fix: the viewer hands its memfd, not the udmabuf, to compos
 *   single     one process: map the udmabuf, read it, close the memfd
 * then (with no arguments) "pressure": 256 MiB allocated and touched, so that
 * the page allocator meets the pages the scenarios freed wrongly.
 * Each prints "SCENARIO name begin" and "SCENARIO name end" on stdout and
 * in the kernel log (/dev/kmsg), so the kernel's BUG lines between them
 * belong to it. Exit status 0 when every scenario ran, 1 otherwise; the
 * kernel's verdict is in its log, not here.
 *
 * Static and dependency-free: it runs in kernel-e2e's busybox guest. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <linux/udmabuf.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGES 4

struct scenario {
	const char *name;
	bool touch;      /* compos reads the pages */
	bool keep_memfd; /* the viewer's memfd outlives compos's mapping */
	bool pool_memfd; /* compos gets the memfd instead of the udmabuf */
};

static const struct scenario scenarios[] = {
	{ "weston", true, false, false },
	{ "untouched", false, false, false },
	{ "memfd-kept", true, true, false },
	{ "memfd-pool", true, false, true },
};

static void
kmsg(const char *name, const char *what)
{
	char line[160];
	int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);

	/* Level 2: above the guest's console loglevel, so it is on the
	 * serial log between the kernel's own lines. */
	snprintf(line, sizeof(line), "<2>SCENARIO %s %s\n", name, what);
	printf("%s", line + 3);
	fflush(stdout);
	if (fd >= 0) {
		if (write(fd, line, strlen(line)) < 0)
			perror("udmabuf-pages: /dev/kmsg");
		close(fd);
	}
}

/* @fd of process @pid, duplicated into this one: kernel-e2e's tinyconfig
 * guest has no AF_UNIX, so no SCM_RIGHTS; the result is the same file. */
static int
take_fd(pid_t pid, int fd)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (pidfd < 0)
		return -1;
	int ours = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	close(pidfd);
	return ours;
}

static int
sealed_memfd(size_t size)
{
	int fd = memfd_create("udmabuf-pages", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0 || ftruncate(fd, (off_t)size) < 0)
		return -1;
	void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return -1;
	memset(m, 0x5a, size);
	munmap(m, size);
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL))
		return -1;
	return fd;
}

static int
udmabuf_of(int memfd, size_t size)
{
	int dev = open("/dev/udmabuf", O_RDWR | O_CLOEXEC);
	struct udmabuf_create c = { .memfd = (uint32_t)memfd,
				    .flags = UDMABUF_FLAGS_CLOEXEC,
				    .size = size };

	if (dev < 0)
		return -1;
	int fd = ioctl(dev, UDMABUF_CREATE, &c);
	close(dev);
	return fd;
}

/* The pipes between the two: the viewer tells compos which fd to take
 * (to_c), compos says it has mapped and, for memfd-kept, unmapped (to_v);
 * the parent says the viewer is gone, reaped (gone). */
struct chan {
	int to_c[2], to_v[2], gone[2];
};

/* The compositor: maps what it got as a wl_shm pool, reads it, keeps it
 * until the viewer has gone, then lets go. */
static int
compos(const struct chan *ch, pid_t viewer_pid, const struct scenario *s,
       size_t size)
{
	char byte = 'c';
	int vfd;
	volatile unsigned sum = 0;

	prctl(PR_SET_NAME, "compos");
	if (read(ch->to_c[0], &vfd, sizeof(vfd)) != sizeof(vfd))
		return 1;
	int fd = take_fd(viewer_pid, vfd);
	if (fd < 0) {
		perror("udmabuf-pages: pidfd_getfd");
		return 1;
	}
	uint8_t *m =
	    mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd); /* libwayland-server keeps only the mapping */
	if (m == MAP_FAILED) {
		perror("udmabuf-pages: compos mmap");
		return 1;
	}
	if (s->touch)
		for (size_t i = 0; i < size; i += 4096)
			sum += m[i];
	if (write(ch->to_v[1], &byte, 1) != 1) /* mapped: the viewer may go */
		return 1;
	if (s->keep_memfd) {
		munmap(m, size);
		return write(ch->to_v[1], &byte, 1) == 1 ? 0 : 1;
	}
	/* The viewer exits: all its files are closed once it is reaped. */
	if (read(ch->gone[0], &byte, 1) != 1)
		return 1;
	munmap(m, size);
	return 0;
}

static int
viewer(const struct chan *ch, const struct scenario *s, size_t size)
{
	char byte;

	prctl(PR_SET_NAME, "viewer");
	int memfd = sealed_memfd(size);
	int dbuf = memfd < 0 ? -1 : udmabuf_of(memfd, size);
	if (dbuf < 0) {
		perror("udmabuf-pages: memfd/udmabuf");
		return 1;
	}
	/* shareable(): can the compositor map it? Mapped, not touched. */
	void *probe =
	    mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, dbuf, 0);
	if (probe == MAP_FAILED)
		return 1;
	munmap(probe, size);
	int give = s->pool_memfd ? memfd : dbuf;
	if (write(ch->to_c[1], &give, sizeof(give)) != sizeof(give) ||
	    read(ch->to_v[0], &byte, 1) != 1)
		return 1;
	if (s->keep_memfd && read(ch->to_v[0], &byte, 1) != 1)
		return 1;
	/* Exit closes the memfd and the udmabuf while compos still maps. */
	return 0;
}

static int
run_pair(const struct scenario *s)
{
	size_t size = PAGES * 4096;
	struct chan ch;
	int status, ok = 1;

	if (pipe2(ch.to_c, O_CLOEXEC) || pipe2(ch.to_v, O_CLOEXEC) ||
	    pipe2(ch.gone, O_CLOEXEC)) {
		perror("udmabuf-pages: pipe");
		return 1;
	}
	kmsg(s->name, "begin");
	/* Both forked from here, before any buffer exists: neither inherits
	 * the other's memfd (an inherited one would keep the pages cached). */
	pid_t v = fork();
	if (v == 0) {
		/* Only the ends it uses: if compos dies, its read ends. */
		close(ch.to_c[0]);
		close(ch.to_v[1]);
		close(ch.gone[0]);
		close(ch.gone[1]);
		_exit(viewer(&ch, s, size));
	}
	pid_t c = fork();
	if (c == 0) {
		close(ch.to_c[1]);
		close(ch.to_v[0]);
		close(ch.gone[1]);
		_exit(compos(&ch, v, s, size));
	}
	close(ch.to_c[0]);
	close(ch.to_c[1]);
	close(ch.to_v[0]);
	close(ch.to_v[1]);
	close(ch.gone[0]);
	if (waitpid(v, &status, 0) != v || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		ok = 0;
	if (!s->keep_memfd && write(ch.gone[1], "g", 1) != 1)
		ok = 0;
	if (waitpid(c, &status, 0) != c || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		ok = 0;
	close(ch.gone[1]);
	kmsg(s->name, ok ? "end" : "end (a process failed)");
	return ok ? 0 : 1;
}

static int
run_single(void)
{
	size_t size = PAGES * 4096;
	volatile unsigned sum = 0;

	kmsg("single", "begin");
	int memfd = sealed_memfd(size);
	int dbuf = memfd < 0 ? -1 : udmabuf_of(memfd, size);
	if (dbuf < 0)
		return 1;
	uint8_t *m =
	    mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, dbuf, 0);
	if (m == MAP_FAILED)
		return 1;
	for (size_t i = 0; i < size; i += 4096)
		sum += m[i];
	close(memfd); /* the pages leave the page cache, still mapped */
	munmap(m, size);
	close(dbuf);
	kmsg("single", "end");
	return 0;
}

/* Pages freed by the scenarios above still have a udmabuf's reference
 * dropped on them afterwards (refcount -1); the page allocator notices when
 * it hands them out again, so allocate a lot once. */
static void
pressure(void)
{
	size_t size = 128u << 20;

	kmsg("pressure", "begin");
	for (int round = 0; round < 2; round++) {
		uint8_t *m = mmap(NULL, size, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			break;
		for (size_t i = 0; i < size; i += 4096)
			m[i] = 1;
		munmap(m, size);
	}
	kmsg("pressure", "end");
}

int
main(int argc, char *argv[])
{
	size_t n = sizeof(scenarios) / sizeof(scenarios[0]);
	int status = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* A compos that died early must not take the parent with it. */
	signal(SIGPIPE, SIG_IGN);
	for (size_t i = 0; i < n; i++) {
		bool wanted = argc < 2;
		for (int a = 1; a < argc; a++)
			wanted |= strcmp(argv[a], scenarios[i].name) == 0;
		if (wanted)
			status |= run_pair(&scenarios[i]);
	}
	bool single = argc < 2;
	for (int a = 1; a < argc; a++)
		single |= strcmp(argv[a], "single") == 0;
	if (single)
		status |= run_single();
	if (argc < 2)
		pressure();
	return status ? 1 : 0;
}
