/* vv-emu hold / run: open the device as a VMM does and keep it, or hand
 * it to a command (fd:N). The opens go through the same emulation code the
 * preloaded library uses, so the fds are the same kind of object. */
#include "emu-uapi.h"
#include "vv-emu.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static long
tool_ioctl(const struct emu_ctx *ctx, int fd, unsigned long req, void *arg)
{
	struct emu_fd f;
	if (emu_fd_classify(ctx->root, ctx->root_dev, fd, &f) == EMU_FD_NONE)
		return -EBADF;
	return emu_ioctl(ctx, fd, &f, req, arg);
}

struct held {
	int container, group, iommufd; /* owned, O_CLOEXEC, -1 if unused */
	int dev;                       /* owned, the device fd */
};

static void
held_close(struct held *h)
{
	int *fds[] = { &h->container, &h->group, &h->iommufd, &h->dev };
	for (size_t i = 0; i < 4; i++)
		if (*fds[i] >= 0) {
			close(*fds[i]);
			*fds[i] = -1;
		}
}

static int
open_cdev(const struct emu_ctx *ctx, int cdev, struct held *h)
{
	char node[64];
	struct vfio_device_bind_iommufd b = { .argsz = sizeof b };
	struct iommu_ioas_alloc a = { .size = sizeof a };
	struct vfio_device_attach_iommufd_pt at = { .argsz = sizeof at };
	long r;
	snprintf(node, sizeof node, "/dev/vfio/devices/vfio%d", cdev);
	if ((h->dev = emu_open_dev(ctx, node, O_RDWR | O_CLOEXEC)) < 0)
		return tool_err("open %s: %s", node, strerror(-h->dev));
	if ((h->iommufd = emu_open_dev(ctx, "/dev/iommu", O_RDWR | O_CLOEXEC)) <
	    0)
		return tool_err("open /dev/iommu: %s", strerror(-h->iommufd));
	b.iommufd = h->iommufd;
	if ((r = tool_ioctl(ctx, h->dev, VFIO_DEVICE_BIND_IOMMUFD, &b)) ||
	    (r = tool_ioctl(ctx, h->iommufd, IOMMU_IOAS_ALLOC, &a)))
		return tool_err("bind %s: %s", node, strerror((int)-r));
	at.pt_id = a.out_ioas_id;
	if ((r = tool_ioctl(ctx, h->dev, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at)))
		return tool_err("attach %s: %s", node, strerror((int)-r));
	return 0;
}

static int
open_group(const struct emu_ctx *ctx, const char *uuid, int group,
	   struct held *h)
{
	char node[64];
	struct vfio_group_status st = { .argsz = sizeof st };
	long r;
	snprintf(node, sizeof node, "/dev/vfio/%d", group);
	h->container = emu_open_dev(ctx, "/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	if (h->container < 0)
		return tool_err("open /dev/vfio/vfio: %s",
				strerror(-h->container));
	if ((h->group = emu_open_dev(ctx, node, O_RDWR | O_CLOEXEC)) < 0)
		return tool_err("open %s: %s", node, strerror(-h->group));
	if ((r = tool_ioctl(ctx, h->group, VFIO_GROUP_GET_STATUS, &st)) ||
	    (r = tool_ioctl(ctx, h->group, VFIO_GROUP_SET_CONTAINER,
			    &h->container)) ||
	    (r = tool_ioctl(ctx, h->container, VFIO_SET_IOMMU,
			    (void *)(unsigned long)VFIO_TYPE1v2_IOMMU)))
		return tool_err("set up %s: %s", node, strerror((int)-r));
	r = tool_ioctl(ctx, h->group, VFIO_GROUP_GET_DEVICE_FD, (void *)uuid);
	if (r < 0)
		return tool_err("GET_DEVICE_FD %s: %s", uuid,
				strerror((int)-r));
	h->dev = (int)r;
	return 0;
}

/* The VMM's way in: the cdev + iommufd when the device has a node, else
 * container + group. On failure everything is closed. */
static int
open_device(const struct emu_ctx *ctx, const char *uuid, struct held *h)
{
	struct emu_dev dev;
	*h = (struct held){ -1, -1, -1, -1 };
	if (tool_lock(ctx, uuid, &dev))
		return 1;
	int group = dev.s->group, cdev = dev.s->cdev;
	emu_state_unlock(&dev);
	int r = cdev >= 0 ? open_cdev(ctx, cdev, h)
			  : open_group(ctx, uuid, group, h);
	if (r)
		held_close(h);
	return r;
}

int
cmd_hold(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct held h;
	if (argc != 2)
		return tool_err("usage: vv-emu hold UUID");
	if (open_device(ctx, argv[1], &h))
		return 1;
	printf("ready pid=%d fd=%d\n", (int)getpid(), h.dev);
	fflush(stdout);
	for (;;)
		pause(); /* until killed: the fds die with the process */
}

int
cmd_run(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct held h;
	int target = 3, i = 2, st = 0;
	if (argc > 3 && !strcmp(argv[2], "--fd")) {
		target = atoi(argv[3]);
		i = 4;
	}
	if (i >= argc || strcmp(argv[i], "--") || i + 1 >= argc || target < 0)
		return tool_err(
		    "usage: vv-emu run UUID [--fd N] -- CMD ARGS...");
	if (open_device(ctx, argv[1], &h))
		return 1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		held_close(&h);
		return tool_err("fork: %s", strerror(errno));
	}
	if (pid == 0) {
		/* dup2 clears FD_CLOEXEC; same number: clear it by hand */
		if (h.dev == target)
			fcntl(target, F_SETFD, 0);
		else if (dup2(h.dev, target) < 0)
			_exit(127);
		execvp(argv[i + 1], argv + i + 1);
		fprintf(stderr, "vv-emu: exec %s: %s\n", argv[i + 1],
			strerror(errno));
		_exit(127);
	}
	/* the VMM keeps its copy open while the command runs */
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	held_close(&h);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}
