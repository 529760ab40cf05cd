/* A dma-buf's /proc/self/fdinfo text (what the kernel writes, but read as
 * outside data) through vv_fdinfo_exporter, in a heap block of exactly its
 * size so a read past the end is a finding. The first input byte picks the
 * size of the output buffer (1 to 64). Checks what the implicit-modifier
 * rule relies on: a found name is non-empty, NUL-terminated inside the
 * buffer, made of [A-Za-z0-9_.-], appears in the input after "exp_name:",
 * and the same input gives the same name. */
#include <stdlib.h>
#include <string.h>

#include "file-kind.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vv_fuzz_input in = { data, size };
	size_t out_len = 1 + vv_fuzz_take(&in, 1) % 64;
	char *text = malloc(in.size ? in.size : 1);
	char *a = malloc(out_len), *b = malloc(out_len);

	if (!text || !a || !b)
		abort();
	memcpy(text, in.data, in.size);
	bool fa = vv_fdinfo_exporter(text, in.size, a, out_len);
	bool fb = vv_fdinfo_exporter(text, in.size, b, out_len);
	if (fa != fb)
		abort();
	if (fa) {
		size_t n = strnlen(a, out_len);
		if (n == 0 || n == out_len || strcmp(a, b) != 0)
			abort();
		for (size_t i = 0; i < n; i++)
			if (!strchr("abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-",
				    a[i]))
				abort();
		if (!memmem(text, in.size, a, n) ||
		    !memmem(text, in.size, "exp_name:", 9))
			abort();
	}
	free(text);
	free(a);
	free(b);
	return 0;
}
