/* What sysfs and /proc say about VFIO devices: mdev names and types, IOMMU
 * groups, cdev nodes, what an fd is, who holds a device. Used to find a
 * device and to write error messages that name things; nothing here opens a
 * device. Lists are written as one line ("a, b, c"), cut with "..." when they
 * do not fit. */
#ifndef VV_VFIO_SYSFS_H
#define VV_VFIO_SYSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define VV_VFIO_MDEV_DIR "/sys/bus/mdev/devices"
#define VV_VFIO_UUID_LEN 36

/* What an fd is, from its /proc/PID/fd/N link. */
enum vv_vfio_fd_kind {
	VV_VFIO_FD_OTHER,
	VV_VFIO_FD_DEVICE,    /* anon_inode:[vfio-device]: from a group */
	VV_VFIO_FD_CDEV,      /* /dev/vfio/devices/vfioN */
	VV_VFIO_FD_GROUP,     /* /dev/vfio/N */
	VV_VFIO_FD_CONTAINER, /* /dev/vfio/vfio */
	VV_VFIO_FD_IOMMUFD,   /* /dev/iommu */
};

/* True when @s is exactly a UUID (8-4-4-4-12 hex digits); @out (37 bytes)
 * gets it in lower case, as sysfs and VFIO_GROUP_GET_DEVICE_FD spell it. */
bool vv_vfio_parse_uuid(const char *s, char *out);

/* Reads a small text file (sysfs, /proc) into @out, trailing whitespace
 * removed. 0 or -errno. */
int vv_vfio_read_text(const char *path, char *out, size_t len);

/* "mdev UUID (TYPE)" with the type's name attribute, or its directory name
 * when it has none. */
void vv_vfio_mdev_name(const char *uuid, char *out, size_t len);

/* The IOMMU group number of mdev @uuid (from its iommu_group link), or
 * -errno. */
int vv_vfio_mdev_iommu_group(const char *uuid);

/* The cdev node /dev/vfio/devices/vfioN of mdev @uuid into @node, 0 when it
 * exists as a character device, else -ENOENT. Linux 6.1 has the sysfs
 * vfio-dev/vfioN entry but no node: the node decides. */
int vv_vfio_mdev_cdev(const char *uuid, char *node, size_t len);

/* Writes the mdevs that exist, "UUID (TYPE), ...", into @out; returns how
 * many there are. */
int vv_vfio_list_mdevs(char *out, size_t len);

/* Writes the mdev types one can create, as their create files
 * "/sys/class/mdev_bus/PARENT/mdev_supported_types/TYPE/create, ...";
 * returns how many. */
int vv_vfio_list_mdev_types(char *out, size_t len);

/* A name for the device whose sysfs directory is @syspath ("mdev UUID
 * (TYPE)" for an mdev, "VFIO device NAME" otherwise). False when @syspath
 * does not resolve. */
bool vv_vfio_name_from_sysfs(const char *syspath, char *out, size_t len);

/* The IOMMU group of the device of cdev node "/dev/vfio/devices/vfioN", or
 * -errno. */
int vv_vfio_cdev_iommu_group(const char *node);

/* A name for the device of a cdev node "/dev/vfio/devices/vfioN". */
bool vv_vfio_name_from_cdev(const char *node, char *out, size_t len);

/* A name for the device behind device fd @fd of process @pid (0: this
 * process), from its fdinfo (vfio-device-syspath, Linux 6.14+). */
bool vv_vfio_name_from_fdinfo(pid_t pid, int fd, char *out, size_t len);

/* A name for the only device in IOMMU group @group, false if it has
 * several. */
bool vv_vfio_name_from_group(int group, char *out, size_t len);

enum vv_vfio_fd_kind vv_vfio_classify_link(const char *target);

/* readlink of /proc/PID/fd/FD (@pid 0: this process). 0 or -errno. */
int vv_vfio_fd_link(pid_t pid, int fd, char *out, size_t len);

/* The process that thread @tid belongs to (its Tgid): @tid itself for a
 * process, another pid for one of its threads, -errno when /proc does not
 * say. */
int vv_vfio_thread_group(pid_t tid);

/* The command name of process @pid, "?" when unknown. */
void vv_vfio_comm(pid_t pid, char *out, size_t len);

/* Writes the other processes that have @path open, "pid 12 (qemu), ...",
 * into @out (those we may look at); returns how many. */
int vv_vfio_find_holders(const char *path, char *out, size_t len);

/* Who may open a device node, for permission advice. */
struct vv_vfio_owner {
	char user[64];  /* owner's name, or uid */
	char group[64]; /* group's name, or gid */
	unsigned mode;  /* permission bits */
	bool group_rw;  /* the group may read and write */
};

int vv_vfio_file_owner(const char *path, struct vv_vfio_owner *out);

/* The name of the user we run as, or the uid. */
void vv_vfio_user_name(char *out, size_t len);

#endif
