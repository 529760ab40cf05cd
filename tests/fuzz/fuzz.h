/* What every fuzz target shares: the libFuzzer entry point, and a reader
 * that takes fixed-size fields from the front of an input (zero once the
 * input runs out, so every input is a valid encoding of something). */
#ifndef VV_FUZZ_H
#define VV_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Called with each input; returns 0. A crash, a sanitizer report or an
 * abort() on a broken invariant is a finding. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct vv_fuzz_input {
	const uint8_t *data;
	size_t size; /* bytes left at data */
};

static inline uint64_t
vv_fuzz_take(struct vv_fuzz_input *in, size_t bytes)
{
	uint64_t v = 0;

	for (size_t i = 0; i < bytes && in->size; i++, in->data++, in->size--)
		v |= (uint64_t)in->data[0] << (8 * i);
	return v;
}

static inline uint32_t
vv_fuzz_u32(struct vv_fuzz_input *in)
{
	return (uint32_t)vv_fuzz_take(in, 4);
}

/* The rest of the input as a NUL-terminated string in a heap block of
 * exactly its length + 1, so that ASan sees a read past its end. */
static inline char *
vv_fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
