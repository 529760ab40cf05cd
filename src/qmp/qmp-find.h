/* --qmp pid:PID: which QMP socket a running QEMU listens on, read from its
 * command line (/proc/PID/cmdline). The parser is pure and unit-tested. */
#ifndef VV_QMP_FIND_H
#define VV_QMP_FIND_H

#include <stddef.h>

#include "error.h"

/* Finds the QMP socket in @cmdline (@len bytes of NUL-separated
 * arguments, as /proc/PID/cmdline holds them): the first
 * "-qmp unix:PATH[,...]", else a "-chardev socket,id=X,path=PATH,..." that
 * a "-mon chardev=X,mode=control" uses (a chardev passed as fd=N, as
 * libvirt's own monitor is, has no path and is skipped). Writes PATH to
 * @out. Returns 0, -ENOENT when there is none, -ENAMETOOLONG when it does
 * not fit @out_len. */
int vv_qmp_find_in_cmdline(const char *cmdline, size_t len, char *out,
			   size_t out_len);

/* Resolves "pid:PID" through /proc/PID/cmdline (a relative path through
 * /proc/PID/cwd). Returns 0 with @out filled, or -errno with @err filled
 * (one line naming the fix). */
int vv_qmp_find_pid(const char *address, char *out, size_t out_len,
		    struct vv_err *err);

#endif
