#include "vfio-open.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/vfio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "text.h"
#include "vfio-ioctl.h"
#include "vfio-sysfs.h"

#define CONTAINER_PATH "/dev/vfio/vfio"
#define IOMMUFD_PATH   "/dev/iommu"

/* How to view a VM whose device is taken: share its fd, and keep QEMU from
 * showing the same planes itself. */
#define SHARE_ADVICE \
	"to view a running VM, have its manager hand the device fd over (fd:N) or pass pid:PID of its QEMU process, and run that VM with QEMU's own display off (display=off)"

/* What pidfd_getfd asks of us (kernel/pid.c pidfd_getfd). */
#define PTRACE_ADVICE \
	"taking a fd from another process (pidfd_getfd) needs PTRACE_MODE_ATTACH rights over it: run as the VM's user with kernel.yama.ptrace_scope = 0, or with CAP_SYS_PTRACE; or have the VM manager hand the fd over (fd:N)"

static bool
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int
set_cloexec(int fd)
{
	int flags = fcntl(fd, F_GETFD);

	if (flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0)
		return -errno;
	return 0;
}

/* A non-negative decimal int at @s (an fd in /proc); *end is set past it. */
static bool
parse_int(const char *s, const char **end, int *out)
{
	char *e;
	long v;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	v = strtol(s, &e, 10);
	if (errno || v > INT_MAX)
		return false;
	*end = e;
	*out = (int)v;
	return true;
}

void
vv_vfio_fds_adopt(struct vv_vfio_fds *fds)
{
	close_fd(&fds->handed);
}

void
vv_vfio_fds_close(struct vv_vfio_fds *fds)
{
	/* The device first: it holds the group, container and iommufd. */
	close_fd(&fds->device);
	close_fd(&fds->group);
	close_fd(&fds->container);
	close_fd(&fds->iommufd);
	fds->handed = -1; /* the caller's, untouched */
}

/* ---- errors ------------------------------------------------------------ */

/* Someone else has the device: name them if /proc lets us, and say how to
 * share it instead. */
static int
err_busy(struct vv_err *err, int code, const char *what, const char *name,
	 const char *path, const char *other_path)
{
	char holders[200];
	int n = vv_vfio_find_holders(path, holders, sizeof(holders));

	if (n == 0 && other_path)
		n = vv_vfio_find_holders(other_path, holders, sizeof(holders));
	return vv_err_set(
	    err, code,
	    "%s: %s: %s is in use by another process, probably its VM (%s%s); %s",
	    what, strerror(code), name, n ? "held by " : "",
	    n ? holders : "its holder is not visible to us", SHARE_ADVICE);
}

/* The udev match for the node @path, for permission advice. */
static const char *
udev_match(const char *path)
{
	if (has_prefix(path, "/dev/vfio/devices/"))
		return "SUBSYSTEM==\"vfio-dev\"";
	if (strcmp(path, IOMMUFD_PATH) == 0)
		return "KERNEL==\"iommu\"";
	if (strcmp(path, CONTAINER_PATH) == 0)
		return "KERNEL==\"vfio\"";
	return "SUBSYSTEM==\"vfio\"";
}

static int
err_access(struct vv_err *err, int code, const char *path)
{
	struct vv_vfio_owner owner;
	char user[64];

	vv_vfio_user_name(user, sizeof(user));
	if (vv_vfio_file_owner(path, &owner) < 0)
		return vv_err_set(
		    err, code,
		    "cannot open %s: %s: give your user access to it (a udev rule: %s, OWNER=\"%s\"), or have the VM manager hand the device over (fd:N)",
		    path, strerror(code), udev_match(path), user);
	if (owner.group_rw && strcmp(owner.group, "root") != 0)
		return vv_err_set(
		    err, code,
		    "cannot open %s: %s (owner %s, group %s, mode %04o): add your user to group %s and log in again, or give it access with a udev rule (%s, OWNER=\"%s\"), or have the VM manager hand the device over (fd:N)",
		    path, strerror(code), owner.user, owner.group, owner.mode,
		    owner.group, udev_match(path), user);
	return vv_err_set(
	    err, code,
	    "cannot open %s: %s (owner %s, group %s, mode %04o): give your user access with a udev rule (%s, OWNER=\"%s\" or GROUP=\"kvm\", MODE=\"0660\"), or have the VM manager hand the device over (fd:N)",
	    path, strerror(code), owner.user, owner.group, owner.mode,
	    udev_match(path), user);
}

/* open(@path) failed with @code. @missing: what to do when it does not
 * exist; @other_path: another node whose holders may be the reason for
 * EBUSY. */
static int
err_open(struct vv_err *err, int code, const char *path, const char *name,
	 const char *missing, const char *other_path)
{
	char what[128];

	switch (code) {
	case EBUSY:
		snprintf(what, sizeof(what), "cannot open %s", path);
		return err_busy(err, code, what, name, path, other_path);
	case EACCES:
	case EPERM:
		return err_access(err, code, path);
	case ENOENT:
	case ENXIO:
	case ENODEV:
		if (missing)
			return vv_err_set(err, code, "cannot open %s: %s (%s)",
					  path, strerror(code), missing);
		break;
	}
	return vv_err_set(err, code, "cannot open %s for %s: %s", path, name,
			  strerror(code));
}

static int
err_ptrace(struct vv_err *err, int code, const char *what)
{
	return vv_err_set(err, code, "%s: %s: %s", what, strerror(code),
			  PTRACE_ADVICE);
}

/* 0 when an fd of @kind is a VFIO device, else an error saying what it is.
 * @what names the fd ("fd:3", "fd 7 of process 12 (qemu)"). */
static int
err_not_device(struct vv_err *err, const char *what, enum vv_vfio_fd_kind kind,
	       const char *target)
{
	switch (kind) {
	case VV_VFIO_FD_DEVICE:
	case VV_VFIO_FD_CDEV:
		return 0;
	case VV_VFIO_FD_GROUP:
		return vv_err_set(
		    err, EINVAL,
		    "%s is a VFIO group (%s), not a device: hand over the device fd (from VFIO_GROUP_GET_DEVICE_FD) instead",
		    what, target);
	case VV_VFIO_FD_CONTAINER:
		return vv_err_set(
		    err, EINVAL,
		    "%s is the VFIO container (/dev/vfio/vfio), not a device: hand over the device fd instead",
		    what);
	case VV_VFIO_FD_IOMMUFD:
		return vv_err_set(
		    err, EINVAL,
		    "%s is an iommufd (/dev/iommu), not a device: hand over the VFIO device fd instead",
		    what);
	case VV_VFIO_FD_OTHER:
		break;
	}
	return vv_err_set(err, EINVAL, "%s is not a VFIO device fd: it is %s",
			  what, target);
}

static int
err_no_mdev(struct vv_err *err, const char *uuid)
{
	char list[400];

	if (vv_vfio_list_mdevs(list, sizeof(list)) > 0)
		return vv_err_set(
		    err, ENOENT,
		    "no mdev %s (/sys/bus/mdev/devices/%s does not exist); the mdevs here are: %s",
		    uuid, uuid, list);
	if (vv_vfio_list_mdev_types(list, sizeof(list)) > 0)
		return vv_err_set(
		    err, ENOENT,
		    "no mdev %s, and there are none; create one with: echo $(uuidgen) > /sys/class/mdev_bus/PARENT/mdev_supported_types/TYPE/create, PARENT/TYPE being one of: %s",
		    uuid, list);
	return vv_err_set(
	    err, ENOENT,
	    "no mdev %s, and there are none, and no loaded driver can create one (/sys/class/mdev_bus is empty): load your vGPU's mdev driver, then create one with: echo $(uuidgen) > /sys/class/mdev_bus/PARENT/mdev_supported_types/TYPE/create",
	    uuid);
}

/* ---- cdev + iommufd ---------------------------------------------------- */

/* Binds the cdev fds->device (node @node) to a new iommufd and attaches it
 * to a new I/O address space: until then every other ioctl on it answers
 * EINVAL. Fills fds->iommufd; the caller closes everything on failure. */
static int
bind_cdev(struct vv_vfio_fds *fds, const char *node, const char *name,
	  struct vv_err *err)
{
	char what[128], group[64] = "";
	uint32_t devid, ioas;
	int nr, ret;

	fds->iommufd = open(IOMMUFD_PATH, O_RDWR | O_CLOEXEC);
	if (fds->iommufd < 0)
		return err_open(err, errno, IOMMUFD_PATH, name,
				"load the iommufd module: modprobe iommufd",
				NULL);
	ret = vv_vfio_device_bind_iommufd(fds->device, fds->iommufd, &devid);
	if (ret == -EBUSY || ret == -EINVAL) {
		/* drivers/vfio/device_cdev.c vfio_df_ioctl_bind_iommufd:
		 * EBUSY while the device's group is open, EINVAL while
		 * another file has the device (vfio_df_open). The holder
		 * has the cdev node or the group node open. */
		nr = vv_vfio_cdev_iommu_group(node);
		if (nr >= 0)
			snprintf(group, sizeof(group), "/dev/vfio/%d", nr);
		snprintf(what, sizeof(what), "cannot bind %s to an iommufd",
			 node);
		return err_busy(err, -ret, what, name, node,
				group[0] ? group : NULL);
	}
	if (ret < 0)
		return vv_err_set(err, -ret,
				  "cannot bind %s (%s) to an iommufd: %s", node,
				  name, strerror(-ret));
	ret = vv_iommu_ioas_alloc(fds->iommufd, &ioas);
	if (ret < 0)
		return vv_err_set(
		    err, -ret,
		    "cannot allocate an I/O address space on /dev/iommu for %s: %s",
		    name, strerror(-ret));
	ret = vv_vfio_device_attach_iommufd_pt(fds->device, ioas);
	if (ret < 0)
		return vv_err_set(
		    err, -ret,
		    "cannot attach %s to its I/O address space (VFIO_DEVICE_ATTACH_IOMMUFD_PT): %s",
		    name, strerror(-ret));
	return 0;
}

static int
open_cdev(const char *node, struct vv_vfio_fds *fds, const char *name,
	  struct vv_err *err)
{
	fds->device = open(node, O_RDWR | O_CLOEXEC);
	if (fds->device < 0)
		return err_open(err, errno, node, name,
				"the device has no cdev node: is udev running?",
				NULL);
	return bind_cdev(fds, node, name, err);
}

/* A handed-over or taken cdev fd may not be bound yet: every ioctl but the
 * bind answers EINVAL until it is (drivers/vfio/vfio_main.c
 * vfio_device_fops_unl_ioctl). Binds it when @may_bind (the fd is ours
 * alone), else says to wait. */
static int
ensure_bound(struct vv_vfio_fds *fds, const char *node, bool may_bind,
	     const char *what, const char *name, struct vv_err *err)
{
	struct vfio_device_info info;

	if (vv_vfio_device_get_info(fds->device, &info) != -EINVAL)
		return 0;
	if (!may_bind)
		return vv_err_set(
		    err, EINVAL,
		    "%s (%s) is not bound to an iommufd yet (every VFIO ioctl on it answers EINVAL): wait until the VM has started, then try again",
		    what, node);
	return bind_cdev(fds, node, name, err);
}

/* ---- group + container ------------------------------------------------- */

static int
open_group(const char *uuid, struct vv_vfio_fds *fds, const char *name,
	   struct vv_err *err)
{
	struct vfio_group_status status;
	char path[64];
	int nr, ret;

	nr = vv_vfio_mdev_iommu_group(uuid);
	if (nr < 0)
		return vv_err_set(
		    err, -nr,
		    "cannot find the IOMMU group of %s (/sys/bus/mdev/devices/%s/iommu_group: %s): its driver has not registered it with VFIO",
		    name, uuid, strerror(-nr));
	fds->container = open(CONTAINER_PATH, O_RDWR | O_CLOEXEC);
	if (fds->container < 0)
		return err_open(err, errno, CONTAINER_PATH, name,
				"load the vfio module: modprobe vfio", NULL);
	ret = vv_vfio_get_api_version(fds->container);
	if (ret != VFIO_API_VERSION)
		return vv_err_set(
		    err, ret < 0 ? -ret : EPROTONOSUPPORT,
		    "cannot use /dev/vfio/vfio: it speaks VFIO API %d (%s), we speak %d",
		    ret, ret < 0 ? strerror(-ret) : "other version",
		    VFIO_API_VERSION);
	snprintf(path, sizeof(path), "/dev/vfio/%d", nr);
	fds->group = open(path, O_RDWR | O_CLOEXEC);
	if (fds->group < 0)
		return err_open(
		    err, errno, path, name,
		    "the VFIO group node is missing: is udev running?", NULL);
	ret = vv_vfio_group_get_status(fds->group, &status);
	if (ret < 0)
		return vv_err_set(err, -ret,
				  "cannot query VFIO group %s of %s: %s", path,
				  name, strerror(-ret));
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE))
		return vv_err_set(
		    err, EINVAL,
		    "VFIO group %s of %s is not viable: another device in IOMMU group %d is not bound to a VFIO driver (see /sys/kernel/iommu_groups/%d/devices)",
		    path, name, nr, nr);
	ret = vv_vfio_group_set_container(fds->group, fds->container);
	if (ret < 0)
		return vv_err_set(
		    err, -ret,
		    "cannot add VFIO group %s to a container (VFIO_GROUP_SET_CONTAINER): %s",
		    path, strerror(-ret));
	/* TYPE1v2 as QEMU asks first; plain TYPE1 where v2 is missing. */
	ret = vv_vfio_set_iommu(fds->container, VFIO_TYPE1v2_IOMMU);
	if (ret < 0)
		ret = vv_vfio_set_iommu(fds->container, VFIO_TYPE1_IOMMU);
	if (ret < 0)
		return vv_err_set(
		    err, -ret,
		    "cannot set the type1 IOMMU on the VFIO container for %s: %s (is vfio_iommu_type1 loaded?)",
		    path, strerror(-ret));
	ret = vv_vfio_group_get_device_fd(fds->group, uuid);
	if (ret < 0)
		return vv_err_set(
		    err, -ret,
		    "cannot get the device fd of %s from VFIO group %s: %s",
		    name, path, strerror(-ret));
	fds->device = ret;
	ret = set_cloexec(fds->device);
	if (ret < 0)
		return vv_err_set(err, -ret, "cannot set FD_CLOEXEC: %s",
				  strerror(-ret));
	return 0;
}

/* ---- the address forms ------------------------------------------------- */

static int
open_mdev(const char *uuid, struct vv_vfio_fds *fds, char *name,
	  size_t name_len, struct vv_err *err)
{
	char dir[128], node[64];

	snprintf(dir, sizeof(dir), VV_VFIO_MDEV_DIR "/%s", uuid);
	if (access(dir, F_OK) < 0)
		return err_no_mdev(err, uuid);
	vv_vfio_mdev_name(uuid, name, name_len);
	/* Linux 6.1 lists vfio-dev/vfioN in sysfs without a /dev node: the
	 * node decides (vv_vfio_mdev_cdev). */
	if (vv_vfio_mdev_cdev(uuid, node, sizeof(node)) == 0)
		return open_cdev(node, fds, name, err);
	return open_group(uuid, fds, name, err);
}

static int
open_dev_path(const char *path, struct vv_vfio_fds *fds, char *name,
	      size_t name_len, struct vv_err *err)
{
	if (access(path, F_OK) < 0)
		return vv_err_set(
		    err, ENOENT,
		    "no VFIO device node %s: the nodes exist for devices bound to VFIO on Linux 6.6+ (CONFIG_VFIO_DEVICE_CDEV); pass the mdev's UUID instead to use its group",
		    path);
	if (!vv_vfio_name_from_cdev(path, name, name_len))
		snprintf(name, name_len, "VFIO device %s", path);
	return open_cdev(path, fds, name, err);
}

/* fd:N. The device fd becomes a close-on-exec copy of N; N itself is closed
 * only once the device is accepted (vv_vfio_fds_adopt). */
static int
take_handed_fd(int n, struct vv_vfio_fds *fds, char *name, size_t name_len,
	       struct vv_err *err)
{
	enum vv_vfio_fd_kind kind = VV_VFIO_FD_DEVICE;
	char target[PATH_MAX], what[32];
	int ret;

	snprintf(what, sizeof(what), "fd:%d", n);
	if (fcntl(n, F_GETFD) < 0)
		return vv_err_set(
		    err, EBADF,
		    "fd:%d is not open in this process: the VM manager must start the viewer with the device fd inherited (not close-on-exec) and pass its number",
		    n);
	/* Without /proc, VFIO_DEVICE_GET_INFO tells later. */
	if (vv_vfio_fd_link(0, n, target, sizeof(target)) == 0) {
		kind = vv_vfio_classify_link(target);
		ret = err_not_device(err, what, kind, target);
		if (ret < 0)
			return ret;
	}
	fds->device = fcntl(n, F_DUPFD_CLOEXEC, 3);
	if (fds->device < 0)
		return vv_err_set(err, errno, "cannot duplicate fd:%d: %s", n,
				  strerror(errno));
	fds->handed = n;
	if (!(kind == VV_VFIO_FD_CDEV &&
	      vv_vfio_name_from_cdev(target, name, name_len)) &&
	    !vv_vfio_name_from_fdinfo(0, n, name, name_len))
		snprintf(name, name_len, "VFIO device fd:%d", n);
	if (kind == VV_VFIO_FD_CDEV)
		return ensure_bound(fds, target, true, what, name, err);
	return 0;
}

/* What a process holds, from /proc/PID/fd. */
struct fd_scan {
	int denied;     /* fds whose link we may not read */
	int count;      /* VFIO device fds */
	int fd;         /* the first of them */
	int group;      /* its VFIO group: -1 none, -2 several */
	char list[256]; /* "23 (anon_inode:[vfio-device]), ..." */
};

static int
scan_process(pid_t pid, struct fd_scan *scan)
{
	char dir[64], target[PATH_MAX];
	struct dirent *entry;
	const char *end;
	int fd, nr, ret;
	DIR *d;

	scan->denied = 0;
	scan->count = 0;
	scan->fd = -1;
	scan->group = -1;
	scan->list[0] = '\0';
	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)pid);
	d = opendir(dir);
	if (!d)
		return -errno;
	while ((entry = readdir(d))) {
		if (!parse_int(entry->d_name, &end, &fd) || *end)
			continue;
		ret = vv_vfio_fd_link(pid, fd, target, sizeof(target));
		if (ret == -EACCES || ret == -EPERM)
			scan->denied++;
		if (ret < 0)
			continue;
		switch (vv_vfio_classify_link(target)) {
		case VV_VFIO_FD_DEVICE:
		case VV_VFIO_FD_CDEV:
			vv_text_append(scan->list, sizeof(scan->list),
				       "%s%d (%s)", scan->count ? ", " : "", fd,
				       target);
			if (scan->count++ == 0)
				scan->fd = fd;
			break;
		case VV_VFIO_FD_GROUP:
			nr = atoi(target + strcspn(target, "0123456789"));
			if (scan->group == -1)
				scan->group = nr;
			else if (scan->group != nr)
				scan->group = -2;
			break;
		default:
			break;
		}
	}
	closedir(d);
	return 0;
}

/* pid:PID[:FD]: a copy of the VM process's own device fd (pidfd_getfd). */
static int
take_from_process(int pid, int fd, struct vv_vfio_fds *fds, char *name,
		  size_t name_len, struct vv_err *err)
{
	char comm[64], who[96], what[128], target[PATH_MAX];
	enum vv_vfio_fd_kind kind;
	struct fd_scan scan;
	int pidfd, ret;
	/* A thread id (from top -H, or a QEMU vCPU thread) is no process:
	 * pidfd_open answers ENOENT or EINVAL. Name the process instead of
	 * guessing: the number may not be the one meant. */
	int tgid = vv_vfio_thread_group(pid);
	if (tgid > 0 && tgid != pid) {
		vv_vfio_comm(tgid, comm, sizeof(comm));
		return vv_err_set(
		    err, EINVAL,
		    "PID %d is a thread of process %d (%s); use pid:%d", pid,
		    tgid, comm, tgid);
	}
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0 && errno == ESRCH)
		return vv_err_set(err, ESRCH,
				  "no process %d (pid:%d): is the VM running?",
				  pid, pid);
	if (pidfd < 0)
		return vv_err_set(
		    err, errno, "cannot open process %d (pidfd_open): %s%s",
		    pid, strerror(errno),
		    errno == ENOSYS
			? " (needs Linux 5.6): hand the fd over instead (fd:N)"
			: "");
	vv_vfio_comm(pid, comm, sizeof(comm));
	snprintf(who, sizeof(who), "process %d (%s)", pid, comm);

	ret = scan_process(pid, &scan);
	if (ret == 0 && scan.count == 0 && scan.denied > 0)
		ret = -EACCES;
	if (ret < 0 && fd < 0) {
		snprintf(what, sizeof(what), "cannot list the fds of %s", who);
		ret =
		    ret == -EACCES || ret == -EPERM
			? err_ptrace(err, -ret, what)
			: vv_err_set(err, -ret, "%s: %s", what, strerror(-ret));
		goto out;
	}
	if (fd < 0 && scan.count == 0) {
		ret = vv_err_set(
		    err, ENOENT,
		    "%s holds no VFIO device fd (none of its fds is anon_inode:[vfio-device] or /dev/vfio/devices/vfioN): is it the QEMU process of the VM with the mdev?",
		    who);
		goto out;
	}
	if (fd < 0 && scan.count > 1) {
		ret = vv_err_set(
		    err, EINVAL,
		    "%s holds %d VFIO device fds: %s; pick one with pid:%d:FD",
		    who, scan.count, scan.list, pid);
		goto out;
	}
	if (fd < 0)
		fd = scan.fd;

	snprintf(what, sizeof(what), "fd %d of %s", fd, who);
	ret = vv_vfio_fd_link(pid, fd, target, sizeof(target));
	if (ret == -ENOENT) {
		ret = vv_err_set(err, EBADF, "%s has no fd %d", who, fd);
		goto out;
	}
	if (ret == -EACCES || ret == -EPERM) {
		snprintf(what, sizeof(what), "cannot look at fd %d of %s", fd,
			 who);
		ret = err_ptrace(err, -ret, what);
		goto out;
	}
	if (ret < 0) {
		ret = vv_err_set(err, -ret, "cannot look at %s: %s", what,
				 strerror(-ret));
		goto out;
	}
	kind = vv_vfio_classify_link(target);
	ret = err_not_device(err, what, kind, target);
	if (ret < 0)
		goto out;

	ret = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	if (ret < 0) {
		ret = -errno;
		snprintf(what, sizeof(what), "cannot take fd %d from %s", fd,
			 who);
		if (ret == -EPERM)
			ret = err_ptrace(err, EPERM, what);
		else
			ret = vv_err_set(
			    err, -ret, "%s: %s%s", what, strerror(-ret),
			    ret == -ENOSYS
				? " (pidfd_getfd needs Linux 5.6): hand the fd over instead (fd:N)"
				: "");
		goto out;
	}
	fds->device = ret;
	/* pidfd_getfd sets close-on-exec itself; make sure regardless. */
	ret = set_cloexec(fds->device);
	if (ret < 0) {
		ret = vv_err_set(err, -ret, "cannot set FD_CLOEXEC: %s",
				 strerror(-ret));
		goto out;
	}
	if (!(kind == VV_VFIO_FD_CDEV &&
	      vv_vfio_name_from_cdev(target, name, name_len)) &&
	    !vv_vfio_name_from_fdinfo(pid, fd, name, name_len) &&
	    !(scan.group >= 0 &&
	      vv_vfio_name_from_group(scan.group, name, name_len)))
		snprintf(name, name_len, "VFIO device %s", what);
	/* The file is the VM's: binding it to our iommufd would take it from
	 * under QEMU, so only ask for it to be bound. */
	ret = 0;
	if (kind == VV_VFIO_FD_CDEV)
		ret = ensure_bound(fds, target, false, what, name, err);
out:
	close(pidfd);
	return ret;
}

int
vv_vfio_acquire(const struct vv_address *address, struct vv_vfio_fds *fds,
		char *name, size_t name_len, struct vv_err *err)
{
	int ret;

	fds->device = fds->container = fds->group = fds->iommufd = -1;
	fds->handed = -1;
	switch (address->kind) {
	case VV_ADDRESS_MDEV:
		ret = open_mdev(address->uuid, fds, name, name_len, err);
		break;
	case VV_ADDRESS_FD:
		ret = take_handed_fd(address->fd, fds, name, name_len, err);
		break;
	case VV_ADDRESS_PID:
		ret = take_from_process(address->pid, address->fd, fds, name,
					name_len, err);
		break;
	case VV_ADDRESS_CDEV:
		ret = open_dev_path(address->text, fds, name, name_len, err);
		break;
	default:
		ret =
		    vv_err_set(err, EINVAL, "'%s' is not a VFIO device address",
			       address->text);
		break;
	}
	if (ret < 0)
		vv_vfio_fds_close(fds);
	return ret;
}
