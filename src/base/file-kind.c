#include "file-kind.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *
vv_file_kind_name(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return "a regular file";
	case S_IFDIR:
		return "a directory";
	case S_IFCHR:
		return "a character device";
	case S_IFBLK:
		return "a block device";
	case S_IFIFO:
		return "a pipe";
	case S_IFSOCK:
		return "a socket";
	case S_IFLNK:
		return "a symbolic link";
	default:
		return "a file of unknown kind";
	}
}

/* dma_buf_show_fdinfo (drivers/dma-buf/dma-buf.c) writes "exp_name:". */
static bool
fdinfo_has_exporter(int fd)
{
	char path[64], line[128];
	bool found = false;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = strncmp(line, "exp_name:", 9) == 0;
	fclose(f);
	return found;
}

bool
vv_fd_is_dmabuf(int fd, char *what, size_t len)
{
	struct stat st;
	char path[64], link[128];

	if (fstat(fd, &st) < 0) {
		snprintf(what, len, "an fd that cannot be examined (%s)",
			 strerror(errno));
		return false;
	}
	if (S_ISREG(st.st_mode) || fdinfo_has_exporter(fd))
		return true;
	if ((st.st_mode & S_IFMT) != 0) {
		snprintf(what, len, "%s", vv_file_kind_name(st.st_mode));
		return false;
	}
	/* No type bits: an anonymous inode; its link names which. Older
	 * kernels name dma-bufs "anon_inode:dmabuf", newer "/dmabuf:NAME". */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	if (!strcmp(link, "anon_inode:dmabuf") || !strncmp(link, "/dmabuf:", 8))
		return true;
	snprintf(what, len, "an anonymous inode (%s)",
		 n > 0 ? link : "of unknown kind");
	return false;
}
