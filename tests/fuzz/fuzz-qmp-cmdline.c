/* A running QEMU's command line (/proc/PID/cmdline, NUL-separated
 * arguments) through vv_qmp_find_in_cmdline, in a heap block of exactly
 * its size so a read past the end is a finding. The first input byte picks
 * the size of the output buffer, so the -ENAMETOOLONG edge is fuzzed too.
 * Checks what --qmp pid:PID relies on: a found path is NUL-terminated
 * inside the buffer, not empty, and the same input gives the same path. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "qmp-find.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vv_fuzz_input in = { data, size };
	size_t out_len = 1 + vv_fuzz_take(&in, 1) % 128;
	char *cmdline = malloc(in.size ? in.size : 1);
	char *a = malloc(out_len), *b = malloc(out_len);

	if (!cmdline || !a || !b)
		abort();
	memcpy(cmdline, in.data, in.size);
	int ra = vv_qmp_find_in_cmdline(cmdline, in.size, a, out_len);
	int rb = vv_qmp_find_in_cmdline(cmdline, in.size, b, out_len);
	if (ra != rb)
		abort();
	if (ra == 0 &&
	    (!memchr(a, '\0', out_len) || a[0] == '\0' || strcmp(a, b) != 0))
		abort();
	if (ra != 0 && ra != -ENOENT && ra != -ENAMETOOLONG)
		abort();
	free(cmdline);
	free(a);
	free(b);
	return 0;
}
