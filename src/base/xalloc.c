#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

static void *
check(void *ptr, size_t size)
{
	if (!ptr && size) {
		fprintf(stderr, "vgpu-view: out of memory (%zu bytes)\n", size);
		abort();
	}
	return ptr;
}

void *
vv_xzalloc(size_t size)
{
	return check(calloc(1, size), size);
}

void *
vv_xreallocarray(void *ptr, size_t count, size_t size)
{
	return check(reallocarray(ptr, count, size), count * size);
}
