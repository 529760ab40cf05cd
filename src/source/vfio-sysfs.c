#include "vfio-sysfs.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

#define MDEV_BUS_CLASS "/sys/class/mdev_bus"

/* Stop scanning /proc after this many holders: enough for a message. */
#define MAX_HOLDERS 4

bool
vv_vfio_parse_uuid(const char *s, char *out)
{
	size_t i;

	if (strlen(s) != VV_VFIO_UUID_LEN)
		return false;
	for (i = 0; i < VV_VFIO_UUID_LEN; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return false;
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[VV_VFIO_UUID_LEN] = '\0';
	return true;
}

int
vv_vfio_read_text(const char *path, char *out, size_t len)
{
	ssize_t n;
	int fd, ret = 0;

	out[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, out, len - 1);
	if (n < 0) {
		ret = -errno;
		n = 0;
	}
	close(fd);
	out[n] = '\0';
	while (n > 0 && isspace((unsigned char)out[n - 1]))
		out[--n] = '\0';
	return ret;
}

/* The last path component of the target of symlink @path. */
static int
link_basename(const char *path, char *out, size_t len)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	const char *base;

	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	if (snprintf(out, len, "%s", base ? base + 1 : target) >= (int)len)
		return -ENAMETOOLONG;
	return 0;
}

static void
mdev_type_name(const char *uuid, char *out, size_t len)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), VV_VFIO_MDEV_DIR "/%s/mdev_type/name",
		 uuid);
	if (vv_vfio_read_text(path, out, len) == 0 && out[0])
		return;
	/* The name attribute is optional (mdev_type_attribute); the type's
	 * directory name is always there. */
	snprintf(path, sizeof(path), VV_VFIO_MDEV_DIR "/%s/mdev_type", uuid);
	if (link_basename(path, out, len) < 0)
		snprintf(out, len, "unknown type");
}

void
vv_vfio_mdev_name(const char *uuid, char *out, size_t len)
{
	char type[96];

	mdev_type_name(uuid, type, sizeof(type));
	snprintf(out, len, "mdev %s (%s)", uuid, type);
}

/* The IOMMU group number an iommu_group link points to, or -errno. */
static int
group_from_link(const char *path)
{
	char base[64], *end;
	long group;
	int ret;

	ret = link_basename(path, base, sizeof(base));
	if (ret < 0)
		return ret;
	errno = 0;
	group = strtol(base, &end, 10);
	if (errno || end == base || *end || group < 0 || group > INT_MAX)
		return -EINVAL;
	return (int)group;
}

int
vv_vfio_mdev_iommu_group(const char *uuid)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), VV_VFIO_MDEV_DIR "/%s/iommu_group", uuid);
	return group_from_link(path);
}

int
vv_vfio_mdev_cdev(const char *uuid, char *node, size_t len)
{
	char dir[PATH_MAX];
	struct dirent *entry;
	struct stat st;
	DIR *d;
	int ret = -ENOENT;

	snprintf(dir, sizeof(dir), VV_VFIO_MDEV_DIR "/%s/vfio-dev", uuid);
	d = opendir(dir);
	if (!d)
		return -ENOENT;
	while ((entry = readdir(d))) {
		if (strncmp(entry->d_name, "vfio", 4) != 0 ||
		    !isdigit((unsigned char)entry->d_name[4]))
			continue;
		snprintf(node, len, "/dev/vfio/devices/%s", entry->d_name);
		if (stat(node, &st) == 0 && S_ISCHR(st.st_mode))
			ret = 0;
		break;
	}
	closedir(d);
	return ret;
}

int
vv_vfio_list_mdevs(char *out, size_t len)
{
	struct dirent *entry;
	char type[96];
	int count = 0;
	DIR *d;

	out[0] = '\0';
	d = opendir(VV_VFIO_MDEV_DIR);
	if (!d)
		return 0;
	while ((entry = readdir(d))) {
		if (entry->d_name[0] == '.')
			continue;
		mdev_type_name(entry->d_name, type, sizeof(type));
		vv_text_append(out, len, "%s%s (%s)", count ? ", " : "",
			       entry->d_name, type);
		count++;
	}
	closedir(d);
	return count;
}

int
vv_vfio_list_mdev_types(char *out, size_t len)
{
	struct dirent *parent, *type;
	char dir[PATH_MAX];
	int count = 0;
	DIR *pd, *td;

	out[0] = '\0';
	pd = opendir(MDEV_BUS_CLASS);
	if (!pd)
		return 0;
	while ((parent = readdir(pd))) {
		if (parent->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof(dir),
			 MDEV_BUS_CLASS "/%s/mdev_supported_types",
			 parent->d_name);
		td = opendir(dir);
		if (!td)
			continue;
		while ((type = readdir(td))) {
			if (type->d_name[0] == '.')
				continue;
			vv_text_append(out, len, "%s%s/%s", count ? ", " : "",
				       parent->d_name, type->d_name);
			count++;
		}
		closedir(td);
	}
	closedir(pd);
	return count;
}

bool
vv_vfio_name_from_sysfs(const char *syspath, char *out, size_t len)
{
	char real[PATH_MAX], uuid[VV_VFIO_UUID_LEN + 1], mdev[PATH_MAX];
	const char *base;

	if (!realpath(syspath, real))
		return false;
	base = strrchr(real, '/');
	base = base ? base + 1 : real;
	if (vv_vfio_parse_uuid(base, uuid) &&
	    snprintf(mdev, sizeof(mdev), VV_VFIO_MDEV_DIR "/%s", uuid) > 0 &&
	    access(mdev, F_OK) == 0)
		vv_vfio_mdev_name(uuid, out, len);
	else
		snprintf(out, len, "VFIO device %s", base);
	return true;
}

int
vv_vfio_cdev_iommu_group(const char *node)
{
	const char *base = strrchr(node, '/');
	char path[PATH_MAX];

	snprintf(path, sizeof(path),
		 "/sys/class/vfio-dev/%s/device/iommu_group",
		 base ? base + 1 : node);
	return group_from_link(path);
}

bool
vv_vfio_name_from_cdev(const char *node, char *out, size_t len)
{
	const char *base = strrchr(node, '/');
	char path[PATH_MAX];

	/* /sys/class/vfio-dev/vfioN/device: the device the cdev belongs to
	 * (drivers/vfio/vfio_main.c sets it as the parent). */
	snprintf(path, sizeof(path), "/sys/class/vfio-dev/%s/device",
		 base ? base + 1 : node);
	return vv_vfio_name_from_sysfs(path, out, len);
}

bool
vv_vfio_name_from_fdinfo(pid_t pid, int fd, char *out, size_t len)
{
	static const char key[] = "vfio-device-syspath:";
	char path[64], info[1024], *line, *value, *end;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", (int)pid,
			 fd);
	else
		snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	if (vv_vfio_read_text(path, info, sizeof(info)) < 0)
		return false;
	line = strstr(info, key);
	if (!line)
		return false;
	value = line + strlen(key);
	while (*value == ' ' || *value == '\t')
		value++;
	end = strchr(value, '\n');
	if (end)
		*end = '\0';
	return vv_vfio_name_from_sysfs(value, out, len);
}

bool
vv_vfio_name_from_group(int group, char *out, size_t len)
{
	char dir[PATH_MAX], only[NAME_MAX + 1] = "", path[PATH_MAX * 2];
	struct dirent *entry;
	int count = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "/sys/kernel/iommu_groups/%d/devices",
		 group);
	d = opendir(dir);
	if (!d)
		return false;
	while ((entry = readdir(d))) {
		if (entry->d_name[0] == '.')
			continue;
		snprintf(only, sizeof(only), "%s", entry->d_name);
		count++;
	}
	closedir(d);
	if (count != 1)
		return false;
	snprintf(path, sizeof(path), "%s/%s", dir, only);
	return vv_vfio_name_from_sysfs(path, out, len);
}

enum vv_vfio_fd_kind
vv_vfio_classify_link(const char *target)
{
	static const char cdev[] = "/dev/vfio/devices/vfio";
	const char *p;

	if (strcmp(target, "anon_inode:[vfio-device]") == 0)
		return VV_VFIO_FD_DEVICE;
	if (strncmp(target, cdev, strlen(cdev)) == 0)
		return VV_VFIO_FD_CDEV;
	if (strcmp(target, "/dev/vfio/vfio") == 0)
		return VV_VFIO_FD_CONTAINER;
	if (strcmp(target, "/dev/iommu") == 0)
		return VV_VFIO_FD_IOMMUFD;
	if (strncmp(target, "/dev/vfio/", 10) == 0) {
		/* Groups are /dev/vfio/N, or /dev/vfio/noiommu-N. */
		p = target + 10;
		if (strncmp(p, "noiommu-", 8) == 0)
			p += 8;
		if (*p && strspn(p, "0123456789") == strlen(p))
			return VV_VFIO_FD_GROUP;
	}
	return VV_VFIO_FD_OTHER;
}

int
vv_vfio_fd_link(pid_t pid, int fd, char *out, size_t len)
{
	char path[64];
	ssize_t n;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, fd);
	else
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, out, len - 1);
	if (n < 0)
		return -errno;
	out[n] = '\0';
	return 0;
}

void
vv_vfio_comm(pid_t pid, char *out, size_t len)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if (vv_vfio_read_text(path, out, len) < 0 || !out[0])
		snprintf(out, len, "?");
}

int
vv_vfio_thread_group(pid_t tid)
{
	char path[64], line[256];
	int tgid = -ENOENT;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
}

/* True when process @pid has @path open. */
static bool
process_holds(pid_t pid, const char *path)
{
	char dir[64], target[PATH_MAX];
	struct dirent *entry;
	bool found = false;
	char *end;
	long fd;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)pid);
	d = opendir(dir);
	if (!d)
		return false; /* not ours to look at, or gone */
	while (!found && (entry = readdir(d))) {
		fd = strtol(entry->d_name, &end, 10);
		if (end == entry->d_name || *end || fd < 0 || fd > INT_MAX)
			continue;
		found = vv_vfio_fd_link(pid, (int)fd, target, sizeof(target)) ==
			    0 &&
			strcmp(target, path) == 0;
	}
	closedir(d);
	return found;
}

int
vv_vfio_find_holders(const char *path, char *out, size_t len)
{
	struct dirent *entry;
	char comm[64], *end;
	int count = 0;
	long pid;
	DIR *d;

	out[0] = '\0';
	d = opendir("/proc");
	if (!d)
		return 0;
	while (count < MAX_HOLDERS && (entry = readdir(d))) {
		pid = strtol(entry->d_name, &end, 10);
		if (end == entry->d_name || *end || pid <= 0 || pid > INT_MAX ||
		    pid == getpid())
			continue;
		if (!process_holds((pid_t)pid, path))
			continue;
		vv_vfio_comm((pid_t)pid, comm, sizeof(comm));
		vv_text_append(out, len, "%spid %ld (%s)", count ? ", " : "",
			       pid, comm);
		count++;
	}
	closedir(d);
	return count;
}

int
vv_vfio_file_owner(const char *path, struct vv_vfio_owner *out)
{
	struct passwd pw, *pwp = NULL;
	struct group gr, *grp = NULL;
	char buf[4096];
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	getpwuid_r(st.st_uid, &pw, buf, sizeof(buf), &pwp);
	if (pwp)
		snprintf(out->user, sizeof(out->user), "%s", pwp->pw_name);
	else
		snprintf(out->user, sizeof(out->user), "%u",
			 (unsigned)st.st_uid);
	getgrgid_r(st.st_gid, &gr, buf, sizeof(buf), &grp);
	if (grp)
		snprintf(out->group, sizeof(out->group), "%s", grp->gr_name);
	else
		snprintf(out->group, sizeof(out->group), "%u",
			 (unsigned)st.st_gid);
	out->mode = st.st_mode & 07777;
	out->group_rw = (st.st_mode & 0060) == 0060;
	return 0;
}

void
vv_vfio_user_name(char *out, size_t len)
{
	struct passwd pw, *pwp = NULL;
	char buf[4096];

	getpwuid_r(getuid(), &pw, buf, sizeof(buf), &pwp);
	if (pwp)
		snprintf(out, len, "%s", pwp->pw_name);
	else
		snprintf(out, len, "%u", (unsigned)getuid());
}
