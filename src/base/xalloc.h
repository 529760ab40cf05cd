/* Allocations small enough that failing them means the machine is lost:
 * they abort with a message instead of growing error paths nobody tests.
 * Real error paths are kept for fds, ioctls and the protocol. */
#ifndef VV_XALLOC_H
#define VV_XALLOC_H

#include <stddef.h>

void *vv_xzalloc(size_t size);

void *vv_xreallocarray(void *ptr, size_t count, size_t size);

#endif
