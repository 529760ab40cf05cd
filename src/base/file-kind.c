#include "file-kind.h"

#include <errno.h>
#include <fcntl.h>
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

static bool
exporter_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

bool
vv_fdinfo_exporter(const char *text, size_t len, char *out, size_t out_len)
{
	static const char key[] = "exp_name:";
	const size_t key_len = sizeof(key) - 1;
	size_t pos = 0;

	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t line_len = nl ? (size_t)(nl - line) : len - pos;

		pos += line_len + 1;
		if (line_len < key_len || memcmp(line, key, key_len) != 0)
			continue;
		size_t i = key_len;
		while (i < line_len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		size_t start = i;
		while (i < line_len && exporter_char(line[i]))
			i++;
		size_t n = i - start;
		/* Only trailing blanks may follow the name. */
		while (i < line_len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (n == 0 || i != line_len || n + 1 > out_len)
			return false;
		memcpy(out, line + start, n);
		out[n] = '\0';
		return true;
	}
	return false;
}

int
vv_fd_exporter(int fd, char *out, size_t out_len)
{
	char path[64], text[1024];
	size_t len = 0;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	int info = open(path, O_RDONLY | O_CLOEXEC);
	if (info < 0)
		return -errno;
	/* A dma-buf's fdinfo is a few short lines (pos, flags, mnt_id, ino,
	 * size, count, exp_name, name); 1 KiB holds them. */
	while (len < sizeof(text)) {
		ssize_t n = read(info, text + len, sizeof(text) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int ret = -errno;
			close(info);
			return ret;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(info);
	return vv_fdinfo_exporter(text, len, out, out_len) ? 0 : -ENOENT;
}
