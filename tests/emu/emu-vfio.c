/* The VFIO open paths: container, group, cdev + iommufd, and dma-buf fds.
 * Semantics from drivers/vfio/{container,group,device_cdev,vfio_main}.c
 * (6.1 for the group path, 6.12 for the cdev path) and what
 * kernel-e2e/guest-probe.c observed. */
#include "emu-uapi.h"
#include "emu.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/dma-buf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
open_container(const struct emu_ctx *ctx, int oflags)
{
	char path[EMU_PATH_MAX];
	struct emu_open st = { .magic = EMU_STATE_MAGIC,
			       .kind = EMU_FD_CONTAINER };
	if (emu_path(path, ctx->root, "dev/vfio/vfio") || emu_sys_access(path))
		return -ENOENT;
	return emu_marker_create(ctx->root, "container", &st, oflags, NULL);
}

static int
open_iommufd(const struct emu_ctx *ctx, int oflags)
{
	char path[EMU_PATH_MAX];
	struct emu_open st = { .magic = EMU_STATE_MAGIC,
			       .kind = EMU_FD_IOMMUFD };
	if (emu_path(path, ctx->root, "dev/iommu") || emu_sys_access(path))
		return -ENOENT;
	return emu_marker_create(ctx->root, "iommufd", &st, oflags, NULL);
}

/* Group N or cdev N: one device per group in this emulation. */
static int
open_node(const struct emu_ctx *ctx, bool cdev, int n, int oflags)
{
	struct emu_dev dev;
	char key[32], prefix[64], name[96];
	snprintf(key, sizeof key, "%s-%d", cdev ? "cdev" : "group", n);
	int r = emu_state_lock(ctx->root, key, &dev);
	if (r)
		return r;
	struct emu_state *s = dev.s;
	struct emu_open st = { .magic = EMU_STATE_MAGIC,
			       .kind = cdev ? EMU_FD_CDEV : EMU_FD_GROUP,
			       .group = s->group,
			       .cdev = s->cdev };
	snprintf(st.uuid, sizeof st.uuid, "%s", s->uuid);
	if (s->flags & EMU_REMOVED) {
		r = -ENOENT;
	} else if (s->flags & EMU_DENIED) {
		r = -EACCES;
	} else if ((r = emu_fail_check(s, cdev ? EMU_OP_OPEN_CDEV
					       : EMU_OP_OPEN_GROUP))) {
	} else if (!cdev && (emu_marker_alive(ctx->root, s->group_marker) ||
			     emu_marker_alive(ctx->root, s->bound_marker))) {
		/* group.c vfio_group_fops_open: one open file per group,
		 * and none while a cdev of it is bound
		 * (vfio_device_block_group) */
		r = -EBUSY;
	} else {
		snprintf(prefix, sizeof prefix, "%s-%s",
			 cdev ? "cdev" : "group", s->uuid);
		r = emu_marker_create(ctx->root, prefix, &st, oflags, name);
		if (r >= 0 && !cdev)
			snprintf(s->group_marker, sizeof s->group_marker, "%s",
				 name);
		if (cdev)
			s->n_open_cdev++;
		else
			s->n_open_group++;
	}
	emu_state_unlock(&dev);
	return r;
}

static bool
parse_num(const char *s, int *out)
{
	char *end;
	if (!isdigit((unsigned char)*s))
		return false;
	long v = strtol(s, &end, 10);
	if (*end || v < 0 || v > 1 << 20)
		return false;
	*out = (int)v;
	return true;
}

int
emu_open_dev(const struct emu_ctx *ctx, const char *path, int oflags)
{
	int n;
	if (!strcmp(path, "/dev/vfio/vfio"))
		return open_container(ctx, oflags);
	if (!strcmp(path, "/dev/iommu"))
		return open_iommufd(ctx, oflags);
	if (!strncmp(path, "/dev/vfio/devices/vfio", 22) &&
	    parse_num(path + 22, &n))
		return open_node(ctx, true, n, oflags);
	if (!strncmp(path, "/dev/vfio/", 10) && parse_num(path + 10, &n))
		return open_node(ctx, false, n, oflags);
	return -ENOSYS;
}

/* Reads the per-open state of marker @name (another fd's file). */
static int
marker_read_name(const struct emu_ctx *ctx, const char *name,
		 struct emu_open *st, int *fd_out)
{
	char path[EMU_PATH_MAX];
	int r = emu_path(path, ctx->root, "open/%s", name);
	if (r)
		return r;
	int fd = emu_sys_open(path, O_RDWR | O_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	r = emu_marker_read(fd, st);
	if (r || !fd_out)
		close(fd);
	else
		*fd_out = fd;
	return r;
}

/* ---- container --------------------------------------------------------- */

static long
container_ioctl(int fd, unsigned long req, void *arg)
{
	struct emu_open st;
	int r = emu_marker_read(fd, &st);
	if (r)
		return r;
	switch (req) {
	case VFIO_GET_API_VERSION:
		return VFIO_API_VERSION;
	case VFIO_CHECK_EXTENSION:
		switch ((unsigned long)arg) {
		case VFIO_TYPE1_IOMMU:
		case VFIO_TYPE1v2_IOMMU:
			return 1;
		}
		return 0;
	case VFIO_SET_IOMMU:
		/* container.c vfio_ioctl_set_iommu: needs a group, once */
		if (!st.ngroups || (st.flags & EMU_OPEN_IOMMU_SET))
			return -EINVAL;
		if ((unsigned long)arg != VFIO_TYPE1_IOMMU &&
		    (unsigned long)arg != VFIO_TYPE1v2_IOMMU)
			return -ENODEV;
		st.flags |= EMU_OPEN_IOMMU_SET;
		return emu_marker_write(fd, &st);
	}
	return -ENOTTY;
}

/* ---- group ------------------------------------------------------------- */

/* First open of the device (no other device fd alive): what the driver's
 * open_device/close_device pair leaves behind. */
static void
device_first_open(const struct emu_ctx *ctx, struct emu_state *s)
{
	char prefix[64];
	snprintf(prefix, sizeof prefix, "dev-%s", s->uuid);
	if (emu_marker_count(ctx->root, prefix) > 0 ||
	    emu_marker_alive(ctx->root, s->bound_marker))
		return;
	/* mbochs.c mbochs_close_device frees every dmabuf; next_id keeps
	 * counting (guest-probe: "ids continue after reopen") */
	if (s->profile == EMU_MBOCHS)
		memset(s->keys, 0, sizeof s->keys);
}

static long
group_get_device_fd(const struct emu_ctx *ctx, const struct emu_open *st,
		    const char *name)
{
	struct emu_open cst;
	struct emu_dev dev;
	char prefix[64];
	/* group.c vfio_group_ioctl_get_device_fd -> vfio_device_open: the
	 * container and its IOMMU must be set (guest-probe: -EINVAL before) */
	if (!(st->flags & EMU_OPEN_CONTAINER_SET) ||
	    marker_read_name(ctx, st->peer, &cst, NULL) ||
	    !(cst.flags & EMU_OPEN_IOMMU_SET))
		return -EINVAL;
	int r = emu_state_lock(ctx->root, st->uuid, &dev);
	if (r)
		return -ENODEV;
	struct emu_state *s = dev.s;
	struct emu_open dst = { .magic = EMU_STATE_MAGIC,
				.kind = EMU_FD_DEVICE,
				.group = s->group,
				.cdev = -1 };
	snprintf(dst.uuid, sizeof dst.uuid, "%s", s->uuid);
	/* the name compare is exact: upper case gives -ENODEV */
	if ((s->flags & EMU_REMOVED) || strncmp(name, s->uuid, 64)) {
		r = -ENODEV;
	} else if (!(r = emu_fail_check(s, EMU_OP_GET_DEVICE_FD))) {
		device_first_open(ctx, s);
		snprintf(prefix, sizeof prefix, "dev-%s", s->uuid);
		/* the kernel's device fd is O_CLOEXEC (guest-probe:
		 * cloexec=1) */
		r = emu_marker_create(ctx->root, prefix, &dst, O_CLOEXEC, NULL);
		s->n_get_device_fd++;
	}
	emu_state_unlock(&dev);
	return r;
}

static long
group_ioctl(const struct emu_ctx *ctx, int fd, unsigned long req, void *arg)
{
	struct emu_open st, cst;
	struct emu_fd cf;
	int cfd = -1;
	int r = emu_marker_read(fd, &st);
	if (r)
		return r;
	switch (req) {
	case VFIO_GROUP_GET_STATUS: {
		struct vfio_group_status *gs = arg;
		if (gs->argsz < sizeof *gs)
			return -EINVAL;
		gs->flags = VFIO_GROUP_FLAGS_VIABLE;
		if (st.flags & EMU_OPEN_CONTAINER_SET)
			gs->flags |= VFIO_GROUP_FLAGS_CONTAINER_SET;
		return 0;
	}
	case VFIO_GROUP_SET_CONTAINER:
		cfd = *(const int *)arg;
		if (cfd < 0 || fcntl(cfd, F_GETFD) < 0)
			return -EBADF;
		if (st.flags & EMU_OPEN_CONTAINER_SET)
			return -EINVAL;
		if (emu_fd_classify(ctx->root, ctx->root_dev, cfd, &cf) !=
			EMU_FD_CONTAINER ||
		    emu_marker_read(cfd, &cst))
			return -EINVAL;
		cst.ngroups++;
		if ((r = emu_marker_write(cfd, &cst)))
			return r;
		st.flags |= EMU_OPEN_CONTAINER_SET;
		snprintf(st.peer, sizeof st.peer, "%s", cf.name);
		return emu_marker_write(fd, &st);
	case VFIO_GROUP_UNSET_CONTAINER:
		if (!(st.flags & EMU_OPEN_CONTAINER_SET))
			return -EINVAL;
		if (!marker_read_name(ctx, st.peer, &cst, &cfd)) {
			/* the last group out detaches the IOMMU driver */
			if (cst.ngroups && !--cst.ngroups)
				cst.flags &= ~EMU_OPEN_IOMMU_SET;
			emu_marker_write(cfd, &cst);
			close(cfd);
		}
		st.flags &= ~EMU_OPEN_CONTAINER_SET;
		st.peer[0] = '\0';
		return emu_marker_write(fd, &st);
	case VFIO_GROUP_GET_DEVICE_FD:
		return group_get_device_fd(ctx, &st, arg);
	}
	return -ENOTTY;
}

/* ---- iommufd ----------------------------------------------------------- */

static long
iommufd_ioctl(int fd, unsigned long req, void *arg)
{
	struct emu_open st;
	int r = emu_marker_read(fd, &st);
	if (r)
		return r;
	switch (req) {
	case IOMMU_IOAS_ALLOC: {
		struct iommu_ioas_alloc *a = arg;
		if (a->size < sizeof *a)
			return -EINVAL;
		if (a->flags)
			return -EOPNOTSUPP;
		a->out_ioas_id = ++st.next_ioas;
		return emu_marker_write(fd, &st);
	}
	case IOMMU_DESTROY:
		return 0;
	}
	return -ENOTTY;
}

/* ---- cdev -------------------------------------------------------------- */

static long
cdev_bind(const struct emu_ctx *ctx, int fd, struct emu_open *st,
	  const struct emu_fd *f, struct vfio_device_bind_iommufd *b)
{
	struct emu_dev dev;
	struct emu_fd iof;
	struct emu_open ist;
	char prefix[64];
	/* device_cdev.c vfio_df_ioctl_bind_iommufd, in its order */
	if (b->argsz < offsetof(struct vfio_device_bind_iommufd, out_devid) +
			   sizeof(b->out_devid) ||
	    b->flags || b->iommufd < 0)
		return -EINVAL;
	int r = emu_state_lock(ctx->root, f->uuid, &dev);
	if (r)
		return -ENODEV;
	struct emu_state *s = dev.s;
	snprintf(prefix, sizeof prefix, "dev-%s", s->uuid);
	if ((r = emu_fail_check(s, EMU_OP_BIND))) {
	} else if (emu_marker_alive(ctx->root, s->group_marker)) {
		r = -EBUSY; /* vfio_device_block_group */
	} else if (st->flags & EMU_OPEN_BOUND) {
		r = -EINVAL; /* "one device cannot be bound twice" */
	} else if (fcntl(b->iommufd, F_GETFD) < 0) {
		r = -EBADF;
	} else if (emu_fd_classify(ctx->root, ctx->root_dev, b->iommufd,
				   &iof) != EMU_FD_IOMMUFD ||
		   emu_marker_read(b->iommufd, &ist)) {
		r = -EBADFD; /* iommufd_ctx_from_fd */
	} else if (emu_marker_alive(ctx->root, s->bound_marker) ||
		   emu_marker_count(ctx->root, prefix) > 0) {
		/* vfio_main.c vfio_df_open: the cdev path opens once */
		r = -EINVAL;
	} else {
		device_first_open(ctx, s);
		b->out_devid = ++ist.next_ioas;
		st->flags |= EMU_OPEN_BOUND;
		snprintf(st->peer, sizeof st->peer, "%s", iof.name);
		if (!(r = emu_marker_write(b->iommufd, &ist)) &&
		    !(r = emu_marker_write(fd, st)))
			snprintf(s->bound_marker, sizeof s->bound_marker, "%s",
				 f->name);
		s->n_bind++;
	}
	emu_state_unlock(&dev);
	return r;
}

static long
cdev_ioctl(const struct emu_ctx *ctx, int fd, const struct emu_fd *f,
	   unsigned long req, void *arg)
{
	struct emu_open st, ist;
	int r = emu_marker_read(fd, &st);
	if (r)
		return r;
	if (req == VFIO_DEVICE_BIND_IOMMUFD)
		return cdev_bind(ctx, fd, &st, f, arg);
	/* vfio_device_fops_unl_ioctl: nothing before the bind */
	if (!(st.flags & EMU_OPEN_BOUND))
		return -EINVAL;
	if (req == VFIO_DEVICE_ATTACH_IOMMUFD_PT) {
		struct vfio_device_attach_iommufd_pt *a = arg;
		if (a->argsz < sizeof *a || a->flags)
			return -EINVAL;
		struct emu_dev dev;
		if (emu_state_lock(ctx->root, f->uuid, &dev))
			return -ENODEV;
		r = emu_fail_check(dev.s, EMU_OP_ATTACH);
		emu_state_unlock(&dev);
		if (r)
			return r;
		if (marker_read_name(ctx, st.peer, &ist, NULL) || !a->pt_id ||
		    a->pt_id > ist.next_ioas)
			return -ENOENT;
		st.flags |= EMU_OPEN_ATTACHED;
		return emu_marker_write(fd, &st);
	}
	if (req == VFIO_DEVICE_DETACH_IOMMUFD_PT) {
		st.flags &= ~EMU_OPEN_ATTACHED;
		return emu_marker_write(fd, &st);
	}
	return emu_device_ioctl(ctx, f, req, arg);
}

/* ---- dma-buf ----------------------------------------------------------- */

static long
dmabuf_ioctl(unsigned long req, void *arg)
{
	if (req == DMA_BUF_IOCTL_SYNC) {
		const struct dma_buf_sync *sy = arg;
		/* dma-buf.c dma_buf_ioctl */
		if (sy->flags & ~DMA_BUF_SYNC_VALID_FLAGS_MASK)
			return -EINVAL;
		if (!(sy->flags & DMA_BUF_SYNC_RW))
			return -EINVAL;
		return 0;
	}
	if (req == DMA_BUF_SET_NAME_A || req == DMA_BUF_SET_NAME_B)
		return 0;
	return -ENOTTY;
}

long
emu_ioctl(const struct emu_ctx *ctx, int fd, const struct emu_fd *f,
	  unsigned long req, void *arg)
{
	switch (f->kind) {
	case EMU_FD_CONTAINER:
		return container_ioctl(fd, req, arg);
	case EMU_FD_GROUP:
		return group_ioctl(ctx, fd, req, arg);
	case EMU_FD_IOMMUFD:
		return iommufd_ioctl(fd, req, arg);
	case EMU_FD_CDEV:
		return cdev_ioctl(ctx, fd, f, req, arg);
	case EMU_FD_DEVICE:
		return emu_device_ioctl(ctx, f, req, arg);
	case EMU_FD_DMABUF:
		return dmabuf_ioctl(req, arg);
	case EMU_FD_NONE:
		break;
	}
	return -ENOTTY;
}

const char *
emu_fd_link(const struct emu_fd *f, char *buf, size_t len)
{
	struct emu_open st;
	int fd;
	switch (f->kind) {
	case EMU_FD_CONTAINER:
		return "/dev/vfio/vfio";
	case EMU_FD_IOMMUFD:
		return "/dev/iommu";
	case EMU_FD_DEVICE:
		return "anon_inode:[vfio-device]";
	case EMU_FD_DMABUF:
		return "anon_inode:dmabuf";
	case EMU_FD_GROUP:
	case EMU_FD_CDEV:
		fd = emu_sys_open(f->path, O_RDONLY | O_CLOEXEC, 0);
		if (fd < 0)
			return NULL;
		if (emu_marker_read(fd, &st)) {
			close(fd);
			return NULL;
		}
		close(fd);
		if (f->kind == EMU_FD_GROUP)
			snprintf(buf, len, "/dev/vfio/%d", st.group);
		else
			snprintf(buf, len, "/dev/vfio/devices/vfio%d", st.cdev);
		return buf;
	case EMU_FD_NONE:
		break;
	}
	return NULL;
}
