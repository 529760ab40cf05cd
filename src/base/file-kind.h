/* What a file is, in words for messages: "a directory", "a pipe". */
#ifndef VV_FILE_KIND_H
#define VV_FILE_KIND_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The kind of file @mode (st_mode) says, with its article. */
const char *vv_file_kind_name(mode_t mode);

/* True when @fd can be a plane's dma-buf: a dma-buf (its fdinfo names an
 * exporter), or a regular file (the memfds and files that stand in for
 * dma-bufs in the demo and the emulated device). Otherwise @what says what
 * it is instead, "a pipe", "a directory", "an anonymous inode
 * (anon_inode:[eventfd])", with its article. */
bool vv_fd_is_dmabuf(int fd, char *what, size_t len);

/* The exporter a dma-buf's fdinfo text names (@len bytes, not necessarily
 * NUL-terminated): the value of its first "exp_name:" line, which
 * dma-buf.c dma_buf_show_fdinfo writes from the exporter's KBUILD_MODNAME
 * ("drm" for every PRIME export, drm_prime.c drm_gem_prime_export;
 * "udmabuf", "mbochs", "i915"). True and @out filled when there is one
 * made of [A-Za-z0-9_.-] that fits @out_len with its NUL; false otherwise:
 * never a truncated name, which could read as another exporter. */
bool vv_fdinfo_exporter(const char *text, size_t len, char *out,
			size_t out_len);

/* The exporter of dma-buf @fd, from /proc/self/fdinfo/@fd: 0 with @out
 * filled, -ENOENT when its fdinfo names none (a memfd standing in for a
 * dma-buf), or -errno when the fdinfo cannot be read. */
int vv_fd_exporter(int fd, char *out, size_t out_len);

#endif
