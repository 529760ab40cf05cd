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

#endif
